import { useEffect, useRef } from 'react';
import { usePlant } from '../app/PlantConnection';
import { useSession, useSessionClient } from '../session/useSession';
import { useUi } from '../state/ui';
import { consoleStore } from './consoleStore';
import { newCalls, radioFromEvents, radioFromLog, type RadioLine } from './radio';
import { playRadioCall } from './radioSound';

/** The same lines, in the same words (the store and the screens are left alone when nothing changed). */
function sameLines(a: readonly RadioLine[], b: readonly RadioLine[]): boolean {
  return a.length === b.length && a.every((l, i) => l.key === b[i].key && l.who === b[i].who && l.text === b[i].text);
}

/**
 * Field reports heard at the console: each new report in the plant's log (or, in a shared session, the
 * station's action log, whoever sent it) sounds a radio call once and goes on the console's radio log.
 * Reports already there when the page opened, or when it joined a shared session, are listed, not sounded.
 */
export function RadioCalls() {
  const events = usePlant((s) => s.events);
  const client = useSessionClient();
  const shared = client !== null;
  const log = useSession((s) => s.log);
  const lang = useUi((s) => s.lang);
  const seen = useRef<RadioLine[] | null>(null);
  const source = useRef<unknown>(undefined);
  useEffect(() => {
    // a new source (joining or leaving a shared session) starts from what it already holds: no replay
    if (source.current !== client) {
      source.current = client;
      seen.current = null;
    }
    const lines = shared ? radioFromLog(log, lang) : radioFromEvents(events, lang);
    const fresh = seen.current === null ? 0 : newCalls(seen.current, lines);
    seen.current = lines;
    const st = consoleStore.getState();
    for (let i = 0; i < fresh; i++) playRadioCall();
    // most plant events are not reports: the store (and the screens redrawn on its change) stays as it is
    if (fresh === 0 && sameLines(st.radio, lines)) return;
    consoleStore.setState({
      radio: lines,
      ...(fresh > 0 && { calls: st.calls + fresh, lastCall_ms: performance.now() }),
    });
  }, [events, log, lang, shared, client]);
  return null;
}
