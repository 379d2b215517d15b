import { describe, expect, it } from 'vitest';
import {
  ackAlarm,
  alarmStateName,
  annunciated,
  evaluateAlarms,
  newAlarmRuntime,
  setAlarmService,
  shelveAlarm,
} from '../../../../src/sim/safety/alarms';
import type { Model, SimState } from '../components/fixtures';

// One measured value v drives hand-built alarm definitions; dt 1 s, so a delay of N s is N evaluations.
type Def = Model['alarms'][number];
function setup(defs: Partial<Def>[]) {
  const box = { v: 0 };
  const m = {
    alarms: defs.map((d, i) => ({
      id: `A${i}`,
      tag: 'X',
      priority: 'high',
      sense: 'high',
      limit: 100,
      deadband: 5,
      onDelay_s: 10,
      offDelay_s: 20,
      message: 'test',
      instrument: -1,
      read: () => box.v,
      ...d,
    })),
  } as unknown as Model;
  const s = { t_s: 0, alarms: defs.map(() => newAlarmRuntime()), instruments: [], events: [] } as unknown as SimState;
  const run = (v: number, steps: number) => {
    box.v = v;
    for (let i = 0; i < steps; i++) {
      s.t_s += 1;
      evaluateAlarms(m, s, 1);
    }
  };
  const state = (i = 0) => alarmStateName(s.alarms[i], s.t_s);
  return { m, s, run, state };
}

describe('ISA-18.2 alarm states', () => {
  it('on-delay: at the limit for 9 s nothing, the 10th second raises it unacknowledged', () => {
    const { s, run, state } = setup([{}]);
    run(100, 9); // v ≥ limit: beyond, timer 9 < 10
    expect(state()).toBe('normal');
    run(100, 1); // timer 10 ≥ on-delay
    expect(state()).toBe('unack');
    expect(s.alarms[0].raisedAt_s).toBe(10);
    expect(s.events).toEqual([expect.objectContaining({ type: 'alarm', id: 'A0', state: 'unack', t_s: 10 })]);
  });
  it('a brief excursion shorter than the on-delay never raises (the timer restarts on return)', () => {
    const { run, state } = setup([{}]);
    for (let k = 0; k < 20; k++) {
      run(101, 9);
      run(99, 1);
    }
    expect(state()).toBe('normal');
  });
  it('deadband: once active it holds above limit − deadband (95), clears after the off-delay below it', () => {
    const { run, state } = setup([{}]);
    run(100, 10);
    run(96, 100); // 96 > 95: still beyond
    expect(state()).toBe('unack');
    run(95, 19); // 95 is not > 95: returning, off-delay timer 19 < 20
    expect(state()).toBe('unack');
    run(95, 1);
    expect(state()).toBe('rtnUnack'); // returned before anyone acknowledged it
  });
  it('unack → ack → normal, and an acknowledged return goes straight to normal', () => {
    const { m, s, run, state } = setup([{}]);
    run(120, 10);
    expect(ackAlarm(m, s, 0)).toBe(true);
    expect(state()).toBe('ack');
    expect(ackAlarm(m, s, 0)).toBe(false); // already acknowledged: nothing to log
    run(50, 20);
    expect(state()).toBe('normal');
    expect(s.events.map((e) => (e as { state: string }).state)).toEqual(['unack', 'ack', 'normal']);
  });
  it('rtnUnack → normal on acknowledgement', () => {
    const { m, s, run, state } = setup([{}]);
    run(120, 10);
    run(50, 20);
    expect(state()).toBe('rtnUnack');
    ackAlarm(m, s, 0);
    expect(state()).toBe('normal');
  });
  it('low sense mirrors high: active at ≤ limit, holds below limit + deadband', () => {
    const { run, state } = setup([{ sense: 'low', limit: 10, deadband: 2, onDelay_s: 0, offDelay_s: 0 }]);
    run(10, 1);
    expect(state()).toBe('unack');
    run(11.9, 1); // < 12
    expect(state()).toBe('unack');
    run(12, 1);
    expect(state()).toBe('rtnUnack');
  });
  it('a flag is active above 0.5', () => {
    const { run, state } = setup([{ sense: 'flag', onDelay_s: 0, offDelay_s: 0 }]);
    run(0.5, 1);
    expect(state()).toBe('normal');
    run(1, 1);
    expect(state()).toBe('unack');
  });
  it('shelved for 60 s hides the state and unshelves itself with a log entry', () => {
    const { m, s, run, state } = setup([{}]);
    run(120, 10);
    shelveAlarm(m, s, 0, 60); // at t 10 until t 70
    run(120, 59);
    expect(state()).toBe('shelved');
    const before = s.events.length;
    run(120, 1); // t 70
    expect(state()).toBe('unack');
    expect(s.events.length).toBe(before + 1);
  });
  it('out of service: tracked but never annunciated', () => {
    const { m, s, run, state } = setup([{}]);
    setAlarmService(m, s, 0, false);
    const before = s.events.length;
    run(120, 10);
    expect(s.alarms[0].active).toBe(true);
    expect(state()).toBe('outOfService');
    expect(s.events.length).toBe(before);
    expect(annunciated(m, s)).toEqual([{ id: 'A0', index: 0, state: 'outOfService' }]);
  });
  it('annunciated: most urgent first, newest first within a priority, normal ones left out', () => {
    const { m, s, run } = setup([
      { priority: 'low', onDelay_s: 0 },
      { priority: 'critical', onDelay_s: 5 },
      { priority: 'low', onDelay_s: 3 },
      { priority: 'high', limit: 1000 },
    ]);
    run(120, 10); // raised at t 1 (A0), t 5 (A1), t 3 (A2); A3 stays normal
    expect(annunciated(m, s).map((a) => a.id)).toEqual(['A1', 'A2', 'A0']);
  });
});
