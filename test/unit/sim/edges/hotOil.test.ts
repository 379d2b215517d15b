import { describe, expect, it } from 'vitest';
import { plantCopy, sim } from '../../helpers';
import { Simulation } from '../../../../src/sim/simulation';
import { parsePlant } from '../../../../src/sim/plant/load';
import { stableStep } from '../../../../src/sim/plant/stability';
import { viscosityFlowFactor } from '../../../../src/sim/components/hotOilPumps';
import { oilKinematicViscosity } from '../../../../src/sim/props/thermalOil';
import { stepHotOilTrips } from '../../../../src/sim/safety/hotOilTrips';

// The hot-oil system at its edges: a loop drained by a coil leak, burner management on every start,
// the plant's own stable step, an inventory inside the expansion tank's band, heater tube film, pump suction.

function allFinite(s: Simulation): boolean {
  return s.tags.every((t) => Number.isFinite(t.read(s.state)));
}

describe('an unattended coil leak', () => {
  it('trips heater and pumps on V-201 low-low, stops the leak, and stays finite for 60 h', () => {
    const s = new Simulation(plantCopy(), { dt_s: 10 });
    s.command({ type: 'injectFault', fault: { kind: 'coilLeak', tank: 'TK-105', rate_kg_s: 0.2 } }, 'instructor');
    s.runUntil(8 * 3600);
    expect(s.read('V-201.level')).toBeLessThan(15); // the low alarm came first
    expect(s.read('V-201.low_low_trip')).toBe(0);
    s.runUntil(10 * 3600);
    expect(s.read('V-201.low_low_trip')).toBe(1); // ≈ 8.8 h
    expect(s.state.hotOil.tripCause).toBe('V-201 low-low level');
    expect(s.read('P-201A.running') + s.read('P-201B.running')).toBe(0);
    const leaked = s.read('TK-105.oil_ingress');
    expect(s.command({ type: 'setPump', tag: 'P-201B', run: true }).ok).toBe(false); // no suction
    s.runUntil(60 * 3600);
    expect(s.read('TK-105.oil_ingress')).toBe(leaked); // an unpressurised loop leaks no more
    expect(s.read('H-201.return_temp')).toBeLessThan(260);
    expect(allFinite(s)).toBe(true);
  });
  it('a pump on a drained loop loses prime and is stopped by its protection', () => {
    const s = sim();
    s.state.hotOil.mReturn_kg -= 9000; // the expansion tank empty and ≈ 3.5 % of the loop gassed
    s.step(5);
    expect(s.state.hotOil.edge.gas_frac).toBeGreaterThan(0.02);
    expect(s.read('HO.pump_head_factor')).toBeLessThan(50);
    s.step(60);
    expect(s.read('P-201A.running')).toBe(0); // stopped (the low-low trip acts on the empty tank first)
    expect(s.read('H-201.flow')).toBe(0);
    expect(allFinite(s)).toBe(true);
  });
  it('oil in a tank above its flash point makes the vapour space flammable; an exposed coil above 374 °C ignites it', () => {
    const s = sim(plantCopy(), { tanks: { 'TK-108': { temp_C: 185, mode: 'manual', valve: 0.6 } } });
    s.command({ type: 'injectFault', fault: { kind: 'coilLeak', tank: 'TK-108', rate_kg_s: 2 } }, 'instructor');
    s.step(1500); // 3 t of oil: above 0.1 % of the product
    expect(s.read('TK-108.oil_vapour_flammable')).toBe(1);
    expect(s.state.alarms.length).toBeGreaterThan(0);
    expect(s.read('TK-108.tank_fire')).toBe(0); // the coil is covered and at 250 °C
    const st = s.state;
    st.tanks[st.tanks.length > 7 ? 7 : 0].coilExposed = true;
    st.hotOil.supply_C = 380;
    s.step(1);
    expect(s.read('TK-108.tank_fire')).toBe(1);
  });
});

describe('burner management', () => {
  it('a flame that is not proven in the pilot trial locks the burner out until reset', () => {
    const s = sim();
    s.command({ type: 'heaterStop' });
    s.step(5);
    expect(s.state.hotOil.bms.phase).toBe('postPurge');
    s.command({ type: 'injectFault', fault: { kind: 'heaterFlameFailure' } }, 'instructor');
    expect(s.command({ type: 'heaterStart' }).ok).toBe(true);
    s.step(75);
    expect(s.state.hotOil.heaterMode).toBe('tripped');
    expect(s.state.hotOil.tripCause).toBe('pilot flame not proven: burner locked out');
    expect(s.command({ type: 'resetTrip', tag: 'H-201' }).ok).toBe(false);
  });
  it('a cold start ramps at 40 K/h and holds near 110 °C', () => {
    const s = new Simulation(plantCopy(), { dt_s: 5, initial: { hotOil: { heaterRunning: false } } });
    expect(s.command({ type: 'heaterStart' }).ok).toBe(true);
    s.runUntil(3600);
    const t1 = s.read('H-201.supply_temp');
    expect(t1).toBeLessThan(29 + 40 + 15 + 1); // the ramp (40 K/h) plus the standby band at low fire, not full fire
    expect(s.read('H-201.working_setpoint')).toBeLessThan(110.01);
    s.runUntil(3 * 3600);
    expect(s.read('H-201.supply_temp')).toBeLessThan(135);
    expect(allFinite(s)).toBe(true);
  });
});

describe('the stable step comes from the plant', () => {
  it('a heater holdup of 150 kg runs finite at dt 10 by sub-steps, and holds its set point', () => {
    const p = plantCopy();
    p.hotOil.heater.holdup_kg = 150;
    expect(parsePlant(p).ok).toBe(true);
    const s = new Simulation(p, { dt_s: 10 });
    expect(s.stableDt_s).toBeLessThan(1);
    s.runUntil(4 * 3600);
    expect(allFinite(s)).toBe(true);
    expect(Math.abs(s.read('H-201.supply_temp') - 250)).toBeLessThan(2);
  });
  it('a holdup of 6 kg is refused with its path', () => {
    const p = plantCopy();
    p.hotOil.heater.holdup_kg = 6;
    const r = parsePlant(p);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.path)).toContain('hotOil.heater.holdup_kg');
    expect(stableStep(p).dt_s).toBeLessThan(0.05);
  });
});

describe('inventory and validation', () => {
  it('the default plant sits inside V-201 band cold and hot: no leak alarm on a cold plant', () => {
    const cold = sim(plantCopy(), { hotOil: { heaterRunning: false } });
    expect(cold.read('V-201.level')).toBeGreaterThan(15);
    cold.step(60);
    expect(cold.state.alarms.some((a, i) => a.active && cold.model.alarms[i].id === 'V-201.LAL')).toBe(false);
    expect(sim().read('V-201.level')).toBeLessThan(100);
  });
  it('refuses a holdup above the inventory and an inventory of 30 kg, each with a path', () => {
    const a = plantCopy();
    a.hotOil.heater.holdup_kg = 40000;
    const ra = parsePlant(a);
    expect(!ra.ok && ra.errors.some((e) => e.path === 'hotOil.heater.holdup_kg')).toBe(true);
    const b = plantCopy();
    b.hotOil.inventory_kg = 30;
    const rb = parsePlant(b);
    expect(!rb.ok && rb.errors.some((e) => e.path === 'hotOil.inventory_kg')).toBe(true);
  });
});

describe('heater tubes and pumps', () => {
  it('the film stays below 375 °C at design flow; with the minimum-flow trip out of the way, a starved tube trips on film', () => {
    const s = sim();
    s.step(10);
    expect(s.read('H-201.tube_velocity')).toBeGreaterThan(2);
    expect(s.read('H-201.tube_film_temp')).toBeLessThan(330);
    const p = plantCopy();
    p.hotOil.heater.lowFlowTrip_kg_s = 0; // a plant without a minimum-flow trip
    const f = sim(p);
    f.command({ type: 'setPump', tag: 'P-201A', run: false });
    f.step(3);
    expect(f.read('H-201.tube_film_temp')).toBeGreaterThan(375);
    f.step(15);
    expect(f.state.hotOil.tripCause).toBe('high tube film temperature');
    expect(f.state.hotOil.bms.phase).toBe('postPurge');
  });
  it('a pump that cavitates for 30 s is stopped by its protection and the standby is started', () => {
    const s = sim();
    s.step(2);
    const e = s.state.hotOil.edge;
    e.suction_frac = 0.3; // less than half its head: cavitating
    for (let i = 0; i < 29; i++) stepHotOilTrips(s.model, s.state, 1);
    expect(s.read('P-201A.running')).toBe(1);
    stepHotOilTrips(s.model, s.state, 1);
    expect(s.read('P-201A.running')).toBe(0);
    expect(s.state.events.some((x) => x.type === 'trip' && x.cause === 'loss of suction: cavitation')).toBe(true);
    expect(s.state.hotOil.changeoverTimer_s).toBeGreaterThan(0);
  });
  it('cold, viscous oil derates the centrifugal pumps (HI 9.6.7); hot oil does not', () => {
    expect(viscosityFlowFactor(oilKinematicViscosity(250) * 1e6, 180, 40, 2950)).toBe(1);
    const cold = viscosityFlowFactor(oilKinematicViscosity(20) * 1e6, 180, 40, 2950);
    expect(cold).toBeLessThan(0.97);
    expect(cold).toBeGreaterThan(0.9);
    const s = sim(plantCopy(), { hotOil: { heaterRunning: false } });
    s.step(5);
    const hot = sim();
    hot.step(5);
    expect(s.read('HO.pump_head_factor')).toBeLessThan(hot.read('HO.pump_head_factor'));
    expect(hot.read('HO.pump_npsha')).toBeGreaterThan(20);
  });
});
