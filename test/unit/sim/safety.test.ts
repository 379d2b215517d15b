import { describe, expect, it } from 'vitest';
import { sim, plantCopy } from '../helpers';
import type { Simulation } from '../../../src/sim/simulation';
import type { Fault } from '../../../src/sim/faults';
import { alarmStateName } from '../../../src/sim/safety/alarms';

const events = (s: Simulation, type: string) => s.state.events.filter((e) => e.type === type);
const alarm = (s: Simulation, id: string) => alarmStateName(s.state.alarms[s.model.alarmIndex.get(id)!], s.state.t_s);

function loadingLineup(s: Simulation) {
  s.command({ type: 'setValve', tag: 'XV-101', opening: 1 });
  s.command({ type: 'truckArrive', arm: 'LA-1A' });
  s.command({ type: 'setArm', arm: 'LA-1A', position: 'lowered' });
  s.step(40);
  expect(s.command({ type: 'setPump', tag: 'P-301', run: true }).ok).toBe(true);
  s.step(5);
  expect(s.read('P-301.flow')).toBeGreaterThan(50);
}

describe('interlocks', () => {
  it('high-high level closes the receipt valve', () => {
    const s = sim(plantCopy(), { tanks: { 'TK-110': { level_m: 9.1 } } }); // HH at 9.25 m of 10
    s.command({ type: 'startReceipt', tank: 'TK-110', flow_kg_s: 30, temp_C: 160 });
    s.step(900);
    expect(events(s, 'interlock').some((e) => e.type === 'interlock' && e.tag === 'XV-110R')).toBe(true);
    expect(s.read('TK-110.receipt')).toBe(0);
    expect(s.read('TK-110.level')).toBeLessThan(9.6);
    expect(alarm(s, 'TK-110.LAHH')).toBe('unack');
  });
  it('low level cuts the heating before the coil is exposed', () => {
    const s = sim(plantCopy(), { tanks: { 'TK-109': { level_m: 1.15, temp_C: 150 } } });
    s.step(60);
    expect(s.read('TK-109.heating_cut')).toBe(1);
    expect(s.read('TK-109.coil_flow')).toBe(0);
    expect(events(s, 'interlock').some((e) => e.type === 'interlock' && e.tag === 'TCV-109')).toBe(true);
  });
  it('high-high temperature trips the heating and latches until reset', () => {
    const s = sim(plantCopy(), { tanks: { 'TK-109': { temp_C: 201, level_m: 6 } } });
    s.step(5);
    expect(s.read('TK-109.temp_trip')).toBe(1);
    expect(s.read('TK-109.valve')).toBe(0);
    expect(s.command({ type: 'resetTrip', tag: 'TK-109' })).toMatchObject({ ok: false });
  });
  it('low hot-oil flow trips the heater', () => {
    const s = sim();
    s.command({ type: 'setPump', tag: 'P-201A', run: false });
    s.step(30);
    expect(s.state.hotOil.heaterMode).toBe('tripped');
    expect(s.state.hotOil.tripCause).toBe('low hot-oil flow');
    expect(alarm(s, 'H-201.TRIP')).toBe('unack');
  });
  it('ESD stops every pump and closes the motor-operated valves', () => {
    const s = sim();
    loadingLineup(s);
    s.command({ type: 'startReceipt', tank: 'TK-105', flow_kg_s: 10, temp_C: 160 });
    s.command({ type: 'startTransfer', from: 'TK-102', to: 'TK-103', flow_kg_s: 10 });
    s.step(40);
    s.command({ type: 'esd', active: true });
    s.step(40);
    expect(s.read('P-301.running')).toBe(0);
    expect(s.read('P-201A.running')).toBe(0);
    expect(s.read('P-401.flow')).toBe(0);
    expect(s.read('TK-101.outlet')).toBe(0);
    expect(s.read('TK-105.receipt')).toBe(0);
    expect(s.state.hotOil.heaterMode).toBe('tripped');
    expect(s.command({ type: 'setPump', tag: 'P-201A', run: true })).toMatchObject({ ok: false });
  });
  it('the preset stops the loading pump and the overfill probe trips it', () => {
    const s = sim();
    s.command({ type: 'setPreset', arm: 'LA-1A', preset_kg: 5000 });
    loadingLineup(s);
    s.step(600);
    expect(s.read('P-301.running')).toBe(0);
    expect(s.read('LA-1A.metered')).toBeGreaterThanOrEqual(5000);
    expect(s.read('LA-1A.metered')).toBeLessThan(5100);
    const o = sim();
    loadingLineup(o);
    o.step(1800);
    expect(o.read('LA-1A.overfill')).toBe(1);
    expect(o.read('LA-1A.truck_volume')).toBeGreaterThanOrEqual(28.5);
    expect(o.read('LA-1A.truck_volume')).toBeLessThan(29);
  });
});

describe('faults: each has a visible effect', () => {
  const inject = (s: Simulation, fault: Fault) =>
    expect(s.command({ type: 'injectFault', fault })).toEqual({ ok: true });
  it('sensor stuck, drift and noise change what the instrument reports, not the truth', () => {
    const s = sim(plantCopy(), { tanks: { 'TK-110': { temp_C: 150 } } });
    inject(s, { kind: 'sensorStuck', instrument: 'TT-110' });
    inject(s, { kind: 'sensorDrift', instrument: 'LT-101', rate_per_h: 0.5 });
    inject(s, { kind: 'sensorNoise', instrument: 'TT-102', sigma: 2 });
    const stuck = s.read('TK-110.temp');
    const vals = new Set<number>();
    for (let i = 0; i < 20; i++) {
      s.step(180);
      vals.add(s.read('TK-102.temp'));
    }
    expect(s.read('TK-110.temp')).toBe(stuck);
    expect(s.read('TK-110.temp_mean')).toBeGreaterThan(stuck + 0.3);
    expect(s.read('TK-101.level') - s.read('TK-101.level_true')).toBeCloseTo(0.5, 3);
    expect(vals.size).toBe(20);
    s.command({ type: 'clearAllFaults' });
    s.step(1);
    expect(s.read('TK-101.level') - s.read('TK-101.level_true')).toBeCloseTo(0, 9);
  });
  it('a stuck control valve holds its position: a runaway to the high-temperature trip', () => {
    const s = sim(plantCopy(), { tanks: { 'TK-109': { mode: 'manual', valve: 1, temp_C: 188, level_m: 6 } } });
    inject(s, { kind: 'valveStuck', valve: 'TCV-109' });
    s.command({ type: 'setMode', tag: 'TIC-109', mode: 'auto' });
    s.step(3600 * 24);
    expect(s.read('TK-109.valve')).toBe(100);
    expect(s.read('TK-109.temp')).toBeGreaterThan(190);
    expect(alarm(s, 'TK-109.TAH')).not.toBe('normal');
  });
  it('a pump trip stops the pump and the standby starts by auto-changeover', () => {
    const s = sim();
    inject(s, { kind: 'pumpTrip', pump: 'P-201A' });
    s.step(10);
    expect(s.read('P-201A.running')).toBe(0);
    expect(s.read('P-201B.running')).toBe(1);
    expect(s.state.hotOil.heaterMode).toBe('running');
  });
  it('flame failure trips the heater; reset and restart go through purge and light-off', () => {
    const s = sim();
    inject(s, { kind: 'heaterFlameFailure' });
    s.step(2);
    expect(s.read('H-201.duty')).toBe(0); // no flame, no heat at once
    expect(s.state.hotOil.tripCause).toBe(''); // the fuel shuts after the 4 s flame-failure response time
    s.step(3);
    expect(s.state.hotOil.tripCause).toBe('flame failure');
    s.step(600);
    expect(s.read('H-201.supply_temp')).toBeLessThan(249);
    s.command({ type: 'clearAllFaults' });
    expect(s.command({ type: 'resetTrip', tag: 'H-201' })).toEqual({ ok: true });
    expect(s.command({ type: 'heaterStart' })).toEqual({ ok: true });
    s.step(30);
    expect(s.state.hotOil.heaterMode).toBe('purge');
    s.step(35);
    expect(s.state.hotOil.heaterMode).toBe('lightoff'); // pilot 10 s, main flame 10 s, low-fire hold 30 s
    s.step(20);
    expect(s.state.hotOil.bms.phase).toBe('lowFireHold');
    expect(s.read('H-201.firing')).toBe(20);
    s.step(30);
    expect(s.state.hotOil.heaterMode).toBe('running');
  });
  it('a coil leak drains the expansion tank into the product', () => {
    const s = sim();
    const lvl = s.read('V-201.level');
    const m = s.read('TK-103.mass');
    inject(s, { kind: 'coilLeak', tank: 'TK-103', rate_kg_s: 1.5 });
    s.step(4000);
    expect(s.read('V-201.level')).toBeLessThan(lvl - 20);
    expect(s.read('TK-103.mass') - m).toBeCloseTo(6000, 0);
    expect(alarm(s, 'V-201.LAL')).toBe('unack');
  });
  it('water under product above 100 °C warms, then flashes and froths over; draining it first prevents that', () => {
    const s = sim(plantCopy(), { tanks: { 'TK-110': { temp_C: 150, level_m: 4 } } });
    inject(s, { kind: 'waterInTank', tank: 'TK-110', water_kg: 300 });
    s.step(60);
    expect(s.read('TK-110.water_temp')).toBeGreaterThan(s.read('AMB.temp'));
    expect(s.read('TK-110.froth')).toBe(0);
    let t = 0;
    while (s.read('TK-110.froth') === 0 && t++ < 4 * 3600) s.step(1);
    expect(s.read('TK-110.steam')).toBeGreaterThan(0.3); // > 0.5 m³/s of steam: more than the vent passes
    expect(alarm(s, 'TK-110.XA_FROTH')).toBe('unack');
    expect(s.state.acc.spilled_kg).toBeGreaterThan(0);
    const d = sim(plantCopy(), { tanks: { 'TK-110': { temp_C: 150, level_m: 4 } } });
    inject(d, { kind: 'waterInTank', tank: 'TK-110', water_kg: 300 });
    d.command({ type: 'drainWater', tank: 'TK-110', open: true });
    d.step(4 * 3600);
    expect(d.read('TK-110.water')).toBe(0);
    expect(d.state.acc.spilled_kg).toBe(0);
  });
  it('receipt overfill: an uncommanded receipt raises the level to high and high-high', () => {
    const s = sim(plantCopy(), { tanks: { 'TK-109': { level_m: 8.5 } } });
    inject(s, { kind: 'receiptOverfill', tank: 'TK-109', flow_kg_s: 20, temp_C: 170 });
    s.step(2400);
    expect(alarm(s, 'TK-109.LAH')).toBe('unack');
    expect(alarm(s, 'TK-109.LAHH')).toBe('unack');
  });
  it('power failure stops motors, trips the heater and fails the control valves closed', () => {
    const s = sim();
    inject(s, { kind: 'powerFailure' });
    s.step(60);
    expect(s.read('P-201A.running')).toBe(0);
    expect(s.state.hotOil.heaterMode).toBe('tripped');
    for (let i = 1; i <= 10; i++) expect(s.read(`TK-1${String(i).padStart(2, '0')}.valve`)).toBe(0);
    expect(alarm(s, 'SITE.POWER')).toBe('unack');
  });
  it('fire at a bay grows, stops the bay pumps, and an extinguisher puts it out', () => {
    const s = sim();
    loadingLineup(s);
    inject(s, { kind: 'fire', bay: 'BAY-1' });
    s.step(30);
    expect(s.read('BAY-1.fire')).toBeGreaterThan(0.4);
    expect(s.read('P-301.running')).toBe(0);
    s.command({ type: 'extinguish', bay: 'BAY-1', on: true });
    s.step(40);
    expect(s.read('BAY-1.fire')).toBe(0);
    expect(s.state.faults).toHaveLength(0);
  });
  it('an H2S release raises the hatch detector through 5 and 10 ppm', () => {
    const s = sim();
    inject(s, { kind: 'h2sRelease', tank: 'TK-104', ppm: 50 });
    s.step(120);
    expect(s.read('TK-104.h2s')).toBeGreaterThan(40);
    expect(alarm(s, 'TK-104.AAH')).toBe('unack');
    expect(alarm(s, 'TK-104.AAHH')).toBe('unack');
  });
  it('a fault on unknown equipment is refused with the reason', () => {
    const s = sim();
    expect(s.command({ type: 'injectFault', fault: { kind: 'coilLeak', tank: 'TK-999', rate_kg_s: 1 } })).toEqual({
      ok: false,
      reason: 'unknown tank TK-999',
    });
  });
});

describe('ISA-18.2 alarm states', () => {
  it('unack → ack → normal; unack → returned-unack; shelved; out of service', () => {
    const s = sim();
    s.command({ type: 'injectFault', fault: { kind: 'h2sRelease', tank: 'TK-101', ppm: 30 } });
    s.step(60);
    expect(alarm(s, 'TK-101.AAH')).toBe('unack');
    s.command({ type: 'ackAlarm', id: 'TK-101.AAH' });
    expect(alarm(s, 'TK-101.AAH')).toBe('ack');
    s.command({ type: 'clearAllFaults' });
    s.step(300);
    expect(alarm(s, 'TK-101.AAH')).toBe('normal');
    expect(alarm(s, 'TK-101.AAHH')).toBe('rtnUnack');
    s.command({ type: 'injectFault', fault: { kind: 'h2sRelease', tank: 'TK-101', ppm: 30 } });
    s.command({ type: 'shelveAlarm', id: 'TK-101.AAH', duration_s: 600 });
    s.step(60);
    expect(alarm(s, 'TK-101.AAH')).toBe('shelved');
    s.step(600);
    expect(alarm(s, 'TK-101.AAH')).toBe('unack');
    s.command({ type: 'setAlarmService', id: 'TK-101.AAH', inService: false });
    expect(alarm(s, 'TK-101.AAH')).toBe('outOfService');
  });
  it('the on-delay holds off a brief excursion and the deadband holds the alarm in', () => {
    const s = sim();
    const i = s.model.alarmIndex.get('TK-101.TAH')!;
    const def = s.model.alarms[i];
    expect(def.onDelay_s).toBeGreaterThan(0);
    expect(def.deadband).toBeGreaterThan(0);
    s.command({ type: 'injectFault', fault: { kind: 'sensorDrift', instrument: 'TT-101', rate_per_h: 3600 * 40 } });
    s.step(1); // reads 200 for one step, shorter than the on-delay
    s.command({ type: 'clearAllFaults' });
    s.step(10);
    expect(s.state.alarms[i].active).toBe(false);
  });
});

describe('the H2S field a portable detector reads', () => {
  it('is the hatch reading at the hatch and falls off within a few metres', async () => {
    const { h2sAt } = await import('../../../src/sim/components/h2sField');
    const s = sim();
    s.command({ type: 'injectFault', fault: { kind: 'h2sRelease', tank: 'TK-104', ppm: 60 } });
    s.step(300);
    const t = s.model.tanks[s.model.tankIndex.get('TK-104')!].data;
    const hx = t.position.x + (t.diameter_m / 2) * 0.6;
    const hy =
      t.ringWallHeight_m + t.shellHeight_m + Math.tan((t.roof.slope_deg * Math.PI) / 180) * (t.diameter_m / 2) * 0.4;
    expect(h2sAt(s.model, s.state, hx, hy, t.position.z)).toBeCloseTo(s.read('TK-104.h2s'), 3);
    const twoPaces = h2sAt(s.model, s.state, hx + 1.5, hy, t.position.z);
    expect(twoPaces).toBeLessThan(60);
    expect(twoPaces).toBeGreaterThan(20);
    expect(h2sAt(s.model, s.state, t.position.x, 0, t.position.z + 15)).toBeLessThan(0.01); // at the foot of the stair
  });
});
