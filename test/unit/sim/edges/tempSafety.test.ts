import { describe, expect, it } from 'vitest';
import { plantCopy } from '../../helpers';
import { Simulation } from '../../../../src/sim/simulation';
import { alarmStateName } from '../../../../src/sim/safety/alarms';

// The tank's temperature safety layer apart from control: the safety system's own element (TT-xxxB) with
// its own trip, the quality of each transmitter, and the deviation between the two.

const alarm = (s: Simulation, id: string) => alarmStateName(s.state.alarms[s.model.alarmIndex.get(id)!], s.state.t_s);
const trips = (s: Simulation) => s.state.events.filter((e) => e.type === 'trip' && e.tag === 'TIC-109');

describe('TK-109 with its control transmitter drifting −2 K/h', () => {
  // From the default 168 °C the coil lifts TK-109 ~0.2 K/h and the trip comes after 191 h; starting at
  // 196 °C gives the same end in a third of the time. On the old model it went on past 205 °C, no trip.
  it('the independent element trips the heating at 200 °C; the deviation alarm comes first', () => {
    const s = new Simulation(plantCopy(), { dt_s: 10, initial: { tanks: { 'TK-109': { temp_C: 196 } } } });
    expect(s.model.instrumentIndex.has('TT-109B')).toBe(true);
    s.command({ type: 'injectFault', fault: { kind: 'sensorDrift', instrument: 'TT-109', rate_per_h: -2 } });
    let maxTrue = 0;
    let devAt = -1;
    for (let h = 0; h < 80 * 12; h++) {
      s.runUntil((h + 1) * 300);
      maxTrue = Math.max(maxTrue, s.read('TK-109.temp_hh'));
      if (devAt < 0 && alarm(s, 'TK-109.TDEV') !== 'normal') devAt = s.state.t_s;
    }
    // 5 K apart after 2.5 h, plus the 60 s delay
    expect(devAt / 3600).toBeGreaterThan(2.4);
    expect(devAt / 3600).toBeLessThan(2.8);
    const t = trips(s);
    expect(t).toHaveLength(1);
    expect(t[0].type === 'trip' && t[0].cause).toMatch(/TT-109B independent high-high/);
    expect(s.read('TK-109.temp_trip')).toBe(1);
    expect(maxTrue).toBeLessThan(202); // it was 205 °C with no trip
    expect(s.read('TK-109.temp')).toBeLessThan(190); // the control PV never saw it
  }, 30000);
});

describe('transmitter quality (NAMUR NE 43, range 0–300 °C)', () => {
  it('the control PV out of range is bad: the loop drops to manual holding its valve, with an alarm', () => {
    const s = new Simulation(plantCopy(), { dt_s: 1 });
    expect(s.state.tanks[8].pid.mode).toBe('auto');
    s.command({ type: 'injectFault', fault: { kind: 'sensorDrift', instrument: 'TT-109', rate_per_h: 360000 } });
    s.step(2); // +200 K: above 309.4 °C the signal is over 20.5 mA
    expect(s.read('TK-109.temp_bad')).toBe(1);
    s.step(1);
    expect(s.state.tanks[8].pid.mode).toBe('manual');
    const valve = s.state.tanks[8].valveTarget_frac;
    s.step(600); // manual: the valve stays where the loop left it, whatever the bad PV says
    expect(s.state.tanks[8].valveTarget_frac).toBe(valve);
    expect(alarm(s, 'TK-109.XA_PVBAD')).toBe('unack');
    expect(s.state.events.some((e) => e.type === 'interlock' && /bad quality/.test(e.action))).toBe(true);
    expect(s.command({ type: 'setMode', tag: 'TIC-109', mode: 'auto' }).ok).toBe(false);
  });
  it('the independent element failing trips the heating (fail-safe)', () => {
    const s = new Simulation(plantCopy(), { dt_s: 1 });
    s.command({ type: 'injectFault', fault: { kind: 'sensorDrift', instrument: 'TT-109B', rate_per_h: 720000 } });
    s.step(5);
    expect(s.read('TK-109.temp_trip')).toBe(1);
    expect(alarm(s, 'TK-109.XA_SISBAD')).toBe('unack');
    expect(s.command({ type: 'resetTrip', tag: 'TK-109' }).ok).toBe(false);
  });
  it('a healthy plant has no quality or deviation alarm', () => {
    const s = new Simulation(plantCopy(), { dt_s: 5 });
    s.runUntil(6 * 3600);
    for (const id of s.model.alarms.map((a) => a.id).filter((x) => /TDEV|PVBAD|SISBAD|TSHH/.test(x)))
      expect(alarm(s, id)).toBe('normal');
  }, 30000);
});
