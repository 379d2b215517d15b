import { describe, expect, it } from 'vitest';
import { scenarioFromLog } from '../../../src/session/recordScenario';
import { scenarioSchema } from '../../../src/scenario/schema';
import type { LogEntry } from '../../../src/protocol/session';

const anan = { pid: 'p1', name: 'Anan', role: 'instructor' as const };
const som = { pid: 'p2', name: 'Somchai', role: 'trainee' as const };
const entry = (seq: number, t_s: number, by: LogEntry['by'], action: unknown, ok = true): LogEntry => ({
  seq,
  wall: '2026-01-01T00:00:00Z',
  t_s,
  by,
  action,
  ok,
});

describe('recording a session as a scenario file', () => {
  it("makes the instructor's faults and messages the timeline and the trainees' commands the procedure", () => {
    const s = scenarioFromLog(
      [
        entry(1, 100, anan, { kind: 'fault', op: 'inject', fault: { kind: 'pumpTrip', pump: 'P-301' }, delay_s: 30 }),
        entry(2, 110, anan, { kind: 'message', to: 'all', text: 'Check the pump' }),
        entry(3, 150, som, { kind: 'command', command: { type: 'setValve', tag: 'XV-101', opening: 1 } }),
        entry(4, 160, som, { kind: 'command', command: { type: 'ackAll' } }),
        entry(5, 170, som, { kind: 'backtrack', t_s: 0 }, false), // refused: not part of it
      ],
      'Night shift drill',
    );
    expect(scenarioSchema.safeParse(s).success).toBe(true);
    expect(s.id).toBe('night-shift-drill');
    expect(s.timeline).toEqual([
      {
        id: 'fault-1',
        at_s: 30,
        do: [{ command: { type: 'injectFault', fault: { kind: 'pumpTrip', pump: 'P-301' } } }],
      },
      { id: 'message-2', at_s: 10, do: [{ message: { en: 'Check the pump' } }] },
    ]);
    expect(s.procedure.map((p) => p.expect)).toEqual([{ command: { type: 'setValve', tag: 'XV-101', opening: 1 } }]);
  });

  it('still gives a valid file when the trainees did nothing', () => {
    const s = scenarioFromLog([entry(1, 5, anan, { kind: 'clock', op: 'run' })], '!!');
    expect(scenarioSchema.safeParse(s).success).toBe(true);
    expect(s.procedure).toHaveLength(1);
  });
});
