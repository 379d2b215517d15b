import { describe, expect, it } from 'vitest';
import { plantCopy, sim } from '../../helpers';
import type { Simulation } from '../../../../src/sim/simulation';
import { alarmStateName } from '../../../../src/sim/safety/alarms';

// Alarm handling at its edges: return to service, designed suppression by equipment state, and a
// pre-alarm before each trip.

const alarm = (s: Simulation, id: string) => alarmStateName(s.state.alarms[s.model.alarmIndex.get(id)!], s.state.t_s);

describe('an alarm active when it returns to service', () => {
  it('is annunciated (unacknowledged), not silently standing', () => {
    const s = sim(plantCopy(), { tanks: { 'TK-110': { level_m: 6, temp_C: 110 } } }); // TAL at 130 °C
    expect(s.command({ type: 'setAlarmService', id: 'TK-110.TAL', inService: false }).ok).toBe(true);
    s.step(120);
    expect(alarm(s, 'TK-110.TAL')).toBe('outOfService');
    s.command({ type: 'setAlarmService', id: 'TK-110.TAL', inService: true });
    expect(alarm(s, 'TK-110.TAL')).toBe('unack');
    const last = s.state.events.filter((e) => e.type === 'alarm' && e.id === 'TK-110.TAL').pop();
    expect(last).toMatchObject({ state: 'unack' });
  });
});

describe('designed suppression by equipment state', () => {
  it('an empty tank (heating cut out on low level) has no standing low-temperature alarm', () => {
    const empty = sim(plantCopy(), { tanks: { 'TK-110': { level_m: 0.5, temp_C: 110 } } });
    empty.step(120);
    expect(empty.read('TK-110.heating_cut')).toBe(1);
    expect(alarm(empty, 'TK-110.TAL')).toBe('normal');
    const full = sim(plantCopy(), { tanks: { 'TK-110': { level_m: 6, temp_C: 110 } } });
    full.step(120);
    expect(alarm(full, 'TK-110.TAL')).toBe('unack');
  });
});

describe('a pre-alarm before each trip', () => {
  it('LAL sits 0.3 m above the heating cut-out, LALL at it', () => {
    const s = sim(plantCopy(), { tanks: { 'TK-110': { level_m: 1.4 } } }); // cut-out 1.2 m
    s.step(10);
    expect(alarm(s, 'TK-110.LAL')).toBe('unack');
    expect(alarm(s, 'TK-110.LALL')).toBe('normal');
    expect(s.read('TK-110.heating_cut')).toBe(0);
    const low = sim(plantCopy(), { tanks: { 'TK-110': { level_m: 1.1 } } });
    low.step(10);
    expect(alarm(low, 'TK-110.LALL')).toBe('unack');
    expect(low.read('TK-110.heating_cut')).toBe(1);
  });
  it('every trip-level alarm of a tank has a pre-alarm at a less severe limit', () => {
    const s = sim();
    const d = (id: string) => s.model.alarms[s.model.alarmIndex.get(id)!];
    for (const t of s.model.tanks) {
      expect(d(`${t.tag}.LAH`).limit).toBeLessThan(t.levelHH_m); // LAHH is the switch at levelHH_m
      expect(d(`${t.tag}.LAL`).limit).toBeGreaterThan(d(`${t.tag}.LALL`).limit);
      expect(d(`${t.tag}.TAH`).limit).toBeLessThan(d(`${t.tag}.TAHH`).limit);
      expect(d(`${t.tag}.TAH`).limit).toBeLessThan(d(`${t.tag}.TSHH`).limit);
      expect(d(`${t.tag}.AAH`).limit).toBeLessThan(d(`${t.tag}.AAHH`).limit);
    }
  });
});
