import type { SimEvent } from '../../sim/events';
import type { PlantData } from '../../sim/plant/schema';
import type { Lang } from '../../i18n/strings';
import { alarmText } from '../../i18n/alarmTexts';
import { simText } from '../../i18n/simTexts';
import { canonicalJson } from '../../sim/contentHash';
import { commandWords, faultWords } from '../../i18n/commandWords';
import { sayIn, type Say } from '../../i18n/say';

// The debrief's timeline: what the trainee did and what happened to the plant, as sentences. The trainee's
// (and automation's) commands, the instructor's, and the plant's trips, interlocks, faults and raised
// alarms; the scenario's own commands are left out (they are the exercise, not a decision). A fault
// appears once, as the plant's fault event, named after whoever injected it.

export interface TimelineEntry {
  t_s: number;
  kind: 'action' | 'rejected' | 'alarm' | 'trip' | 'interlock' | 'fault';
  text: string;
}

type ActionEvent = Extract<SimEvent, { type: 'action' }>;
const FAULT_COMMANDS: ReadonlySet<string> = new Set(['injectFault', 'clearFault', 'clearAllFaults']);

function shown(e: SimEvent): boolean {
  if (e.type === 'action')
    return (
      e.by === 'trainee' || e.by === 'automation' || (e.by === 'instructor' && !FAULT_COMMANDS.has(e.command.type))
    );
  return (
    e.type === 'trip' || e.type === 'interlock' || e.type === 'fault' || (e.type === 'alarm' && e.state === 'unack')
  );
}

/** Who injected a fault: the latest injectFault action at or before it with the same fault. */
function injector(events: readonly SimEvent[], i: number): ActionEvent['by'] | null {
  const f = events[i];
  if (f.type !== 'fault') return null;
  const key = canonicalJson(f.fault);
  for (let j = i - 1; j >= 0; j--) {
    const e = events[j];
    if (e.type === 'action' && e.command.type === 'injectFault' && canonicalJson(e.command.fault) === key) return e.by;
  }
  return null;
}

const byWho = (say: Say, by: ActionEvent['by'] | null) => (by && by !== 'trainee' ? ` (${say(`w.by.${by}`)})` : '');

function entry(events: readonly SimEvent[], i: number, say: Say, lang: Lang, plant: PlantData | null) {
  const e = events[i];
  switch (e.type) {
    case 'action': {
      const text = commandWords(e.command, say) + byWho(say, e.by);
      return e.result === 'rejected'
        ? {
            kind: 'rejected' as const,
            text: `${text} — ${say('w.rejected', { reason: simText(e.reason ?? '', lang) })}`,
          }
        : { kind: 'action' as const, text };
    }
    case 'alarm':
      return { kind: 'alarm' as const, text: say('w.alarm', { text: alarmText(e, plant, lang) }) };
    case 'trip':
      return { kind: 'trip' as const, text: say('w.trip', { tag: e.tag, cause: simText(e.cause, lang) }) };
    case 'interlock':
      return { kind: 'interlock' as const, text: say('w.interlock', { tag: e.tag, action: simText(e.action, lang) }) };
    case 'fault': {
      const key = e.action === 'inject' ? 'w.fault.inject' : 'w.fault.cleared';
      const who = e.action === 'inject' ? byWho(say, injector(events, i) ?? 'scenario') : '';
      return { kind: 'fault' as const, text: say(key, { fault: faultWords(e.fault, say) }) + who };
    }
    default:
      return null;
  }
}

/** The run's events in words, in a language; plant (when known) gives the alarms' limits for their texts. */
export function timelineOf(events: readonly SimEvent[], lang: Lang, plant: PlantData | null = null): TimelineEntry[] {
  const say = sayIn(lang);
  const out: TimelineEntry[] = [];
  for (let i = 0; i < events.length; i++) {
    if (!shown(events[i])) continue;
    const x = entry(events, i, say, lang, plant);
    if (x) out.push({ t_s: events[i].t_s, ...x });
  }
  return out;
}
