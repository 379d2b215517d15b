import type { SimEvent } from '../sim/events';
import type { LogEntry } from '../protocol/session';
import type { Command } from '../sim/commands';
import { dictionaries, REPORT_SUBJECTS, type Lang, type StringKey } from '../i18n/strings';

// The field operator's reports (the Report menu's `report` command) as the console hears them: a radio
// log line "Field: withdrawn from the hatch", in the debrief's words for the report. On a page of its own
// the reports come from the plant's event log; in a shared session from the station's action log, which
// says who called. Pure: tested without a page.

export interface RadioLine {
  /** Plant time of the call. */
  t_s: number;
  /** Who called, as the log shows it ("Field", "Field (Anan)"). */
  who: string;
  /** What was reported, as words. */
  text: string;
  /** Tells one call from another (a new key at the top is a new call). */
  key: string;
}

export const RADIO_LINES_MAX = 20;
const KNOWN: ReadonlySet<string> = new Set(REPORT_SUBJECTS);

type Report = Extract<Command, { type: 'report' }>;

/** A report's words: the Report menu's own ("Withdrawn from the hatch"), lower-cased to follow "Field:". */
export function reportWords(r: Pick<Report, 'subject' | 'detail'>, lang: Lang): string {
  const d = dictionaries[lang];
  const said = KNOWN.has(r.subject) ? d[`report.${r.subject}` as StringKey] : r.subject;
  const lowered = said.replace(/^([A-Z])(?![A-Z0-9])/, (m) => m.toLowerCase());
  return r.detail ? `${lowered} (${r.detail})` : lowered;
}

/** The calls in a page's own plant event log (newest first, as the log is), at most RADIO_LINES_MAX. */
export function radioFromEvents(events: readonly SimEvent[], lang: Lang): RadioLine[] {
  const out: RadioLine[] = [];
  const who = dictionaries[lang]['console.field'];
  for (let i = 0; i < events.length && out.length < RADIO_LINES_MAX; i++) {
    const e = events[i];
    if (e.type !== 'action' || e.command.type !== 'report' || e.result !== 'ok') continue;
    // the same report twice at one plant time is one call (the clock held, the menu chosen again)
    const key = `${e.t_s}|${e.command.subject}|${e.command.detail ?? ''}`;
    out.push({ t_s: e.t_s, who, text: reportWords(e.command, lang), key });
  }
  return out;
}

function isReport(a: unknown): a is { kind: 'command'; command: Report } {
  const x = a as { kind?: string; command?: { type?: string; subject?: unknown } } | null;
  return x?.kind === 'command' && x.command?.type === 'report' && typeof x.command.subject === 'string';
}

/** The calls in a shared session's action log (newest first), each with the caller's name. */
export function radioFromLog(log: readonly LogEntry[], lang: Lang): RadioLine[] {
  const out: RadioLine[] = [];
  const named = dictionaries[lang]['console.fieldNamed'];
  for (const e of log) {
    if (out.length >= RADIO_LINES_MAX) break;
    if (!e.ok || !isReport(e.action)) continue;
    out.push({
      t_s: e.t_s,
      who: named.replace('{name}', e.by.name),
      text: reportWords(e.action.command, lang),
      key: `s${e.seq}`,
    });
  }
  return out;
}

/** How many of `now`'s lines are new since `before` (the calls to sound), by the newest line seen. */
export function newCalls(before: readonly RadioLine[], now: readonly RadioLine[]): number {
  if (!now.length) return 0;
  if (!before.length) return now.length;
  const k = now.findIndex((l) => l.key === before[0].key);
  return k < 0 ? now.length : k;
}
