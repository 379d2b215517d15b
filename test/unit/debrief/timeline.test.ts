import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../../src/sim/events';
import { timelineOf } from '../../../src/ui/debrief/timeline';

const leak = { kind: 'coilLeak', tank: 'TK-105', rate_kg_s: 0.2 } as const;
const EVENTS: SimEvent[] = [
  {
    type: 'action',
    t_s: 5,
    by: 'scenario',
    result: 'ok',
    command: { type: 'startReceipt', tank: 'TK-101', flow_kg_s: 20, temp_C: 170 },
  },
  { type: 'action', t_s: 10, by: 'trainee', result: 'ok', command: { type: 'setValve', tag: 'XV-101', opening: 1 } },
  { type: 'action', t_s: 12, by: 'instructor', result: 'ok', command: { type: 'injectFault', fault: leak } },
  { type: 'fault', t_s: 12, action: 'inject', id: 1, fault: leak },
  {
    type: 'alarm',
    t_s: 20,
    id: 'TK-104.AAHH',
    tag: 'TK-104',
    priority: 'critical',
    state: 'unack',
    message: 'TK-104 H2S high-high',
  },
  {
    type: 'alarm',
    t_s: 21,
    id: 'TK-104.AAHH',
    tag: 'TK-104',
    priority: 'critical',
    state: 'ack',
    message: 'TK-104 H2S high-high',
  },
  { type: 'action', t_s: 30, by: 'trainee', result: 'ok', command: { type: 'report', subject: 'withdrawn' } },
  {
    type: 'action',
    t_s: 31,
    by: 'trainee',
    result: 'rejected',
    reason: 'the burner is tripped',
    command: { type: 'heaterStart' },
  },
  { type: 'trip', t_s: 40, tag: 'H-201', cause: 'flame failure' },
  { type: 'fault', t_s: 50, action: 'inject', id: 2, fault: { kind: 'powerFailure' } },
  { type: 'info', t_s: 55, tag: 'SITE', message: 'nothing to show' },
];

describe('the worded timeline', () => {
  it('says what the trainee did and what happened, in English', () => {
    expect(timelineOf(EVENTS, 'en').map((e) => [e.t_s, e.text])).toEqual([
      [10, 'Opened XV-101'],
      [12, 'Injected: coil leak on TK-105 (instructor)'],
      [20, 'Alarm: TK-104 H2S high-high'],
      [30, 'Reported: withdrawn from the hatch'],
      [31, 'Started the burner — not done: the burner is tripped'],
      [40, 'Trip: H-201 (flame failure)'],
      [50, 'Injected: power failure (scenario)'],
    ]);
  });

  it('says the same in Thai, with no English command words left', () => {
    const th = timelineOf(EVENTS, 'th');
    expect(th.map((e) => e.kind)).toEqual(['action', 'fault', 'alarm', 'action', 'rejected', 'trip', 'fault']);
    expect(th[0].text).toBe('เปิด XV-101');
    expect(th[1].text).toBe('ใส่ความผิดปกติ: ขดท่อรั่วที่ TK-105 (ผู้สอน)');
    expect(th[3].text).toBe('รายงาน: ถอยออกจากฝาถังแล้ว');
    for (const e of th) expect(e.text).not.toMatch(/Opened|Injected|Reported|instructor|scenario/);
  });
});
