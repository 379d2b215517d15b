import { useEffect, useRef } from 'react';
import { usePlant } from '../app/PlantConnection';
import { useSession, useSessionClient } from '../session/useSession';
import { useUi } from '../state/ui';
import { consoleStore } from './consoleStore';
import { newCalls, radioFromEvents, radioFromLog, type RadioLine } from './radio';
import { playRadioCall } from './radioSound';

/**
 * Field reports heard at the console: each new report in the plant's log (or, in a shared session, the
 * station's action log, whoever sent it) sounds a radio call once and goes on the console's radio log.
 * Reports already there when the page opened are listed, not sounded.
 */
export function RadioCalls() {
  const events = usePlant((s) => s.events);
  const shared = useSessionClient() !== null;
  const log = useSession((s) => s.log);
  const lang = useUi((s) => s.lang);
  const seen = useRef<RadioLine[] | null>(null);
  useEffect(() => {
    const lines = shared ? radioFromLog(log, lang) : radioFromEvents(events, lang);
    const fresh = seen.current === null ? 0 : newCalls(seen.current, lines);
    seen.current = lines;
    const st = consoleStore.getState();
    for (let i = 0; i < fresh; i++) playRadioCall();
    consoleStore.setState({
      radio: lines,
      ...(fresh > 0 && { calls: st.calls + fresh, lastCall_ms: performance.now() }),
    });
  }, [events, log, lang, shared]);
  return null;
}
