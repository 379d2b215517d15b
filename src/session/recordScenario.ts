import type { LogEntry } from '../protocol/session';
import { SCENARIO_SCHEMA_VERSION, type ScenarioInput } from '../scenario/schema';
import { actionSchema } from '../protocol/actions';
import { commandWords } from '../i18n/commandWords';

/**
 * A scenario file from a stretch of a session's action log: what the instructor did (faults, messages,
 * weather, time of day) becomes the timeline at the plant time it happened, counted from the first entry;
 * what the trainees did becomes the procedure, in order. The file is a start for an author to edit (titles,
 * conditions, weights), in the scenario format. The texts it writes itself come in English and Thai; the
 * instructor's own words (messages, the session's name) are carried as typed.
 */
export function scenarioFromLog(entries: readonly LogEntry[], name: string, t0_s?: number): ScenarioInput {
  const ok = entries.filter((e) => e.ok && actionSchema.safeParse(e.action).success).sort((a, b) => a.seq - b.seq);
  const start = t0_s ?? ok[0]?.t_s ?? 0;
  const at = (e: LogEntry) => Math.max(0, Math.round((e.t_s - start) * 10) / 10);
  const timeline: NonNullable<ScenarioInput['timeline']> = [];
  const procedure: ScenarioInput['procedure'] = [];
  for (const e of ok) {
    const a = actionSchema.parse(e.action);
    if (e.by.role === 'instructor') {
      if (a.kind === 'fault' && a.op === 'inject')
        timeline.push({
          id: `fault-${timeline.length + 1}`,
          at_s: at(e) + (a.delay_s ?? 0),
          do: [{ command: { type: 'injectFault', fault: a.fault } }],
        });
      else if (a.kind === 'message')
        timeline.push({ id: `message-${timeline.length + 1}`, at_s: at(e), do: [{ message: { en: a.text } }] });
      else if (a.kind === 'command')
        timeline.push({
          id: `${a.command.type.toLowerCase()}-${timeline.length + 1}`,
          at_s: at(e),
          do: [{ command: a.command }],
        });
    } else if (a.kind === 'command' && a.command.type !== 'ackAlarm' && a.command.type !== 'ackAll') {
      const c = a.command;
      procedure.push({
        id: `step-${procedure.length + 1}`,
        text: { en: commandWords(c, 'en'), th: commandWords(c, 'th') },
        expect: { command: c },
        weight: 1,
        right: { en: `${e.by.name} did this at ${at(e)} s`, th: `${e.by.name} ทำขั้นตอนนี้เมื่อเวลา ${at(e)} วินาที` },
      });
    }
  }
  if (procedure.length === 0)
    procedure.push({
      id: 'report',
      text: { en: 'Report to the control room', th: 'รายงานห้องควบคุม' },
      expect: { command: { type: 'report' } },
      weight: 1,
      right: { en: 'Report what you found', th: 'รายงานสิ่งที่คุณพบ' },
    });
  const id =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'recorded';
  const last = ok.length ? at(ok[ok.length - 1]) : 0;
  return {
    schemaVersion: SCENARIO_SCHEMA_VERSION,
    id: /^[a-z0-9]/.test(id) ? id : `s-${id}`,
    version: '1.0',
    title: { en: name },
    summary: { en: `Recorded from the session "${name}"`, th: `บันทึกจากเซสชัน "${name}"` },
    role: 'field',
    difficulty: 'intermediate',
    timeLimit_s: Math.max(600, Math.ceil((last + 300) / 60) * 60),
    languages: ['en', 'th'],
    briefing: {
      en: `Recorded from the session "${name}". Edit this briefing.`,
      th: `บันทึกจากเซสชัน "${name}" โปรดแก้ไขคำบรรยายสรุปนี้`,
    },
    initial: { speed: 1 },
    timeline,
    procedure,
  };
}
