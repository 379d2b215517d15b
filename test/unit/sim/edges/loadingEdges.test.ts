import { describe, expect, it } from 'vitest';
import { Simulation } from '../../../../src/sim/simulation';
import { GEAR_DRY_RUN_DAMAGE_S } from '../../../../src/sim/loadingEdges';
import { fillFraction, GEAR_NPSHR_M, npshAvailable_m } from '../../../../src/sim/components/gearPump';
import { plantCopy, totalMass } from '../../helpers';

// Loading at its edges: the low-level loading stop, gear pumps that must not run dry, exact mass into
// the trucks, water in a road tanker, and a tank's vent blocked by sublimate.

/** TK-110 (4 m) alone on the loading header, a truck under LA-1A and P-301 running. */
function loading(initial: Record<string, unknown> = {}, capacity_m3 = 400) {
  const s = new Simulation(plantCopy(), { dt_s: 1, initial });
  s.command({ type: 'setValve', tag: 'XV-110', opening: 1 });
  s.command({ type: 'truckArrive', arm: 'LA-1A', capacity_m3 });
  s.command({ type: 'setArm', arm: 'LA-1A', position: 'lowered' });
  s.step(40);
  expect(s.command({ type: 'setPump', tag: 'P-301', run: true })).toEqual({ ok: true });
  return s;
}
const active = (s: Simulation, id: string) => s.state.alarms[s.model.alarmIndex.get(id)!].active;
const raised = (s: Simulation, id: string) => s.state.events.some((e) => e.type === 'alarm' && e.id === id);

describe('the low-level loading stop', () => {
  it('warns, then closes the outlet and stops the pumps before the heel', () => {
    // before: P-301 drew TK-110 down to nothing
    const s = loading({ tanks: { 'TK-110': { level_m: 1.6 } } });
    for (let k = 0; k < 3600 && s.read('P-301.running') > 0; k++) s.step(1);
    expect(s.read('P-301.running')).toBe(0);
    expect(raised(s, 'TK-110.LAL_LOAD')).toBe(true);
    expect(active(s, 'TK-110.LALL_LOAD')).toBe(true);
    expect(s.state.events.some((e) => e.type === 'interlock' && e.action.includes('low-level loading stop'))).toBe(
      true,
    );
    const stop = s.model.tanks[9].loadingStop_m;
    expect(s.read('TK-110.level_true')).toBeLessThan(stop + 0.05);
    expect(s.read('TK-110.level_true')).toBeGreaterThan(stop - 0.1);
    expect(s.read('P-301.damaged')).toBe(0);
  });
});

describe('gear pumps running dry', () => {
  it('a pump run against a closed outlet is damaged within minutes and cannot be restarted', () => {
    const s = loading();
    s.command({ type: 'setValve', tag: 'XV-110', opening: 0 });
    s.step(60);
    expect(s.read('P-301.flow')).toBe(0);
    expect(s.read('P-301.running')).toBe(1);
    expect(active(s, 'P-301.XA_DRY')).toBe(true);
    s.step(GEAR_DRY_RUN_DAMAGE_S);
    expect(s.read('P-301.damaged')).toBe(1);
    expect(s.read('P-301.running')).toBe(0);
    expect(active(s, 'P-301.XA_DAMAGE')).toBe(true);
    s.command({ type: 'setValve', tag: 'XV-110', opening: 1 });
    s.step(30);
    expect(s.command({ type: 'setPump', tag: 'P-301', run: true })).toMatchObject({ ok: false });
  });
  it('a tank with a stuck level transmitter drawn to its heel starves the pump, which is then damaged', () => {
    const s = loading({ tanks: { 'TK-110': { level_m: 1.0 } } });
    s.command({ type: 'injectFault', fault: { kind: 'sensorStuck', instrument: 'LT-110' } });
    s.step(3600);
    expect(s.read('TK-110.suction_lost')).toBe(0); // no longer asked: the pump stopped
    expect(s.read('TK-110.level_true')).toBeCloseTo(0.25, 1);
    expect(s.read('P-301.damaged')).toBe(1);
  });
  it('NPSH: head, vacuum and suction losses; a pump fills fully with margin and starves without', () => {
    expect(npshAvailable_m(0, 1000, 5, 0)).toBeCloseTo(101325 / (1000 * 9.80665) + 5, 6);
    expect(npshAvailable_m(-500, 1000, 5, 0)).toBeLessThan(npshAvailable_m(0, 1000, 5, 0));
    expect(fillFraction(GEAR_NPSHR_M * 2)).toBe(1);
    expect(fillFraction(GEAR_NPSHR_M / 2)).toBeCloseTo(0.5, 9);
    expect(fillFraction(-1)).toBe(0);
    const s = loading();
    s.step(60);
    expect(s.read('P-301.npsh_a')).toBeGreaterThan(GEAR_NPSHR_M);
  });
});

describe('exact mass into the trucks', () => {
  it('the truck gains exactly what the tank lost, down to the heel', () => {
    // before: the truck received 11–22 kg more than the tank gave as the tank ran out
    const s = loading({ tanks: { 'TK-110': { level_m: 2 } } });
    s.command({ type: 'injectFault', fault: { kind: 'sensorStuck', instrument: 'LT-110' } });
    const m0 = totalMass(s);
    const tank0 = s.state.tanks[9].mass_kg;
    const truck0 = s.state.arms[0].truck.mass_kg;
    s.step(3600);
    expect(s.read('TK-110.level_true')).toBeCloseTo(0.25, 1); // drawn to the heel
    const lost = tank0 - s.state.tanks[9].mass_kg;
    expect(lost).toBeGreaterThan(1000);
    const gained = s.state.arms[0].truck.mass_kg - truck0;
    expect(Math.abs(gained - lost)).toBeLessThan(1e-9 * lost);
    expect(Math.abs(totalMass(s) - m0) / m0).toBeLessThan(1e-12);
  });
});

describe('water in a road tanker', () => {
  it('hot product loaded onto it froths over: hazard, alarm, trip, product lost at the hatch', () => {
    const s = loading();
    s.command({ type: 'injectFault', fault: { kind: 'truckWater', arm: 'LA-1A', water_kg: 200 } });
    s.step(120);
    expect(s.read('LA-1A.froth')).toBe(1);
    expect(active(s, 'LA-1A.XA_FROTH')).toBe(true);
    expect(s.read('P-301.running')).toBe(0);
    expect(s.state.events.some((e) => e.type === 'trip' && e.cause.includes('froth-over at LA-1A'))).toBe(true);
    expect(s.state.acc.spilled_kg).toBeGreaterThan(0);
    expect(s.read('LA-1A.truck_water')).toBeLessThan(200);
  });
  it('a dry truck loads without froth', () => {
    const s = loading();
    s.step(120);
    expect(s.read('LA-1A.froth')).toBe(0);
    expect(s.state.acc.spilled_kg).toBe(0);
  });
});

describe('a vent blocked by sublimate', () => {
  it('filling against it raises the pressure past the design and tears the roof seam', () => {
    const s = new Simulation(plantCopy(), { dt_s: 1 });
    s.command({ type: 'injectFault', fault: { kind: 'ventBlocked', tank: 'TK-107' } });
    s.command({ type: 'startReceipt', tank: 'TK-107', flow_kg_s: 25, temp_C: 165 });
    let peak = 0;
    for (let k = 0; k < 3600 && s.read('TK-107.roof_torn') === 0; k++) {
      s.step(1);
      peak = Math.max(peak, s.read('TK-107.vapour_pressure'));
    }
    expect(raised(s, 'TK-107.PAH')).toBe(true);
    expect(peak).toBeGreaterThan(20);
    expect(s.read('TK-107.roof_torn')).toBe(1);
    expect(active(s, 'TK-107.XA_ROOF')).toBe(true);
    s.step(10);
    expect(s.read('TK-107.vapour_pressure')).toBe(0); // the torn roof breathes
  });
  it('emptying against it draws a vacuum past the design and buckles the shell', () => {
    const s = new Simulation(plantCopy(), { dt_s: 1 });
    s.command({ type: 'injectFault', fault: { kind: 'ventBlocked', tank: 'TK-103' } });
    s.command({ type: 'startTransfer', from: 'TK-103', to: 'TK-101', flow_kg_s: 30 });
    for (let k = 0; k < 3600 && s.read('TK-103.shell_buckled') === 0; k++) s.step(1);
    expect(raised(s, 'TK-103.PAL')).toBe(true);
    expect(s.read('TK-103.shell_buckled')).toBe(1);
    expect(active(s, 'TK-103.XA_BUCKLE')).toBe(true);
  });
  it('with a free vent the vapour space stays at atmosphere', () => {
    const s = new Simulation(plantCopy(), { dt_s: 1 });
    s.command({ type: 'startReceipt', tank: 'TK-107', flow_kg_s: 25, temp_C: 165 });
    s.step(600);
    expect(s.read('TK-107.vapour_pressure')).toBe(0);
  });
});
