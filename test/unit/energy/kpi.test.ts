import { describe, expect, it } from 'vitest';
import { plantCopy, storedEnergy } from '../helpers';
import { Simulation } from '../../../src/sim/simulation';
import { KpiAccumulator, storedEnergy_J, tankBand } from '../../../src/energy/kpi';
import { exchangeAtBottom, refreshTemperatures, setUniform } from '../../../src/sim/components/tank';
import { enthalpy } from '../../../src/sim/props/bitumen';

// The KPIs worked by hand on states set step by step: the accumulator reads only the state it is shown.

function fresh() {
  const sim = new Simulation(plantCopy(), { dt_s: 10 });
  const kpi = new KpiAccumulator(sim.model);
  kpi.start(sim.state);
  return { sim, s: sim.state, kpi };
}

describe('energy KPIs', () => {
  it('counts a light-off on every off→on of the main flame, none while it burns or stays out', () => {
    const { s, kpi } = fresh();
    expect(s.hotOil.bms.flame).toBe(true); // the default plant starts with the heater firing: not a start
    for (const flame of [true, false, false, true, true, false, true, true, false]) {
      s.hotOil.bms.flame = flame;
      kpi.observe(s, 10);
    }
    expect(kpi.report(s).heaterStarts).toBe(2);
  });

  it('counts the relight of a real stop and start of the heater as one start', () => {
    const { sim, kpi } = fresh();
    expect(sim.command({ type: 'heaterStop' }).ok).toBe(true);
    for (let k = 0; k < 60; k++) {
      sim.step();
      kpi.observe(sim.state, 10);
    }
    expect(sim.state.hotOil.bms.flame).toBe(false);
    expect(sim.command({ type: 'heaterStart' }).ok).toBe(true);
    for (let k = 0; k < 60; k++) {
      sim.step();
      kpi.observe(sim.state, 10);
    }
    expect(sim.state.hotOil.bms.flame).toBe(true);
    expect(kpi.report(sim.state).heaterStarts).toBe(1);
  });

  it('times the PV outside the band and the overshoot above the set point and the band top', () => {
    const { sim, s, kpi } = fresh();
    const tt = sim.model.tanks[0].insTemp;
    expect(tankBand(sim.model, 0)).toEqual({ min_C: 135, max_C: 180 }); // TK-101 60/70: low alarm, loading max
    expect(tankBand(sim.model, 7)).toEqual({ min_C: 135, max_C: 185 }); // TK-108 PMA
    const seq: [number, number][] = [
      [160, 10],
      [130, 10],
      [134.9, 10],
      [135, 10], // on the edge: inside
      [182, 5],
      [181, 5],
      [170, 10],
    ];
    for (const [pv, dt] of seq) {
      s.instruments[tt].value = pv;
      kpi.observe(s, dt);
    }
    const t = kpi.report(s).tanks[0];
    expect(t.below_s).toBe(20);
    expect(t.above_s).toBe(10);
    expect(t.outside_s).toBe(30);
    expect(t.overshoot_K).toBeCloseTo(182 - 160, 9); // TIC-101 set point 160
    expect(t.bandOvershoot_K).toBeCloseTo(2, 9);
    expect([t.min_C, t.max_C]).toEqual([130, 182]);
    expect(kpi.report(s).tanks[1].outside_s).toBe(0);
  });

  it('on MPC with a plan, measures the overshoot above the plan target of the hour', () => {
    const { sim, s, kpi } = fresh();
    const plan = {
      t0_s: 0,
      step_s: 3600,
      tanks: [{ tag: 'TK-101', target_C: [150, 150, 170], min_C: [140, 140, 140] }],
      supply_C: [250, 250, 250],
    };
    expect(sim.command({ type: 'setHeatingPlan', plan }).ok).toBe(true);
    expect(sim.command({ type: 'setFarmMode', mode: 'mpc' }).ok).toBe(true);
    expect(s.tanks[0].pid.mode).toBe('mpc');
    const tt = sim.model.tanks[0].insTemp;
    const seen = (pv: number, t_s: number) => {
      s.t_s = t_s;
      s.instruments[tt].value = pv;
      kpi.observe(s, 10);
      return kpi.report(s).tanks[0].overshoot_K;
    };
    expect(seen(155, 0)).toBeCloseTo(5, 9); // 155 against the plan's 150, not the TIC's 160
    expect(seen(172, 7200)).toBeCloseTo(5, 9); // 2 K over the 170 of the third hour
    expect(seen(176, 8000)).toBeCloseTo(6, 9);
    expect(seen(176, 99999)).toBeCloseTo(6, 9); // past the plan's end: its last target
    expect(kpi.report(s).tanks[1].overshoot_K).toBe(0); // TK-102, not in the plan: its TIC's set point
  });

  it('times each controller on MPC', () => {
    const { s, kpi } = fresh();
    kpi.observe(s, 10);
    s.tanks[3].pid.mode = 'mpc';
    kpi.observe(s, 10);
    kpi.observe(s, 20);
    s.t_s += 40; // the report's duration: the three observed steps
    const r = kpi.report(s);
    expect(r.tanks.map((t) => t.mpc_s)).toEqual([0, 0, 0, 30, 0, 0, 0, 0, 0, 0]);
    expect(r.mpcShare_frac).toBeCloseTo(30 / (10 * 40), 12);
  });

  it('corrects the fuel by the sensible-heat change of what stays, not by the heat of product that left', () => {
    const { sim, kpi } = fresh();
    const s = sim.state;
    const t = s.tanks[0];
    setUniform(t, 160);
    kpi.start(s);
    const h = t.h_J_kg[0];
    const e0 = storedEnergy(sim);
    expect(storedEnergy_J(sim.model, s)).toBeCloseTo(e0, -3);
    // 100 t drawn from a uniform tank: its mean enthalpy is unchanged, so nothing to correct by
    exchangeAtBottom(t, 1e5, 0, 0);
    refreshTemperatures(t);
    let r = kpi.report(s);
    expect(r.storedChange_GJ).toBeCloseTo(0, 9);
    expect(r.storedEnd_GJ - r.storedStart_GJ).toBeCloseTo((-1e5 * h) / 1e9, 6);
    // what stays 2 K warmer: its mass × the enthalpy of 2 K; the fuel corrected by it at η 0.85
    const T0 = t.T_C[0];
    setUniform(t, T0 + 2);
    const dE = t.mass_kg * (enthalpy(t.props, T0 + 2) - enthalpy(t.props, T0));
    r = kpi.report(s);
    expect(r.storedChange_GJ).toBeCloseTo(dE / 1e9, 6);
    expect(dE / 1e9).toBeGreaterThan(5); // ~1700 t × 2 K × ~2.3 kJ/kgK
    expect(r.fuelCorrected_GJ).toBeCloseTo(-dE / 0.85 / 1e9, 6);
    expect(r.efficiency).toBe(0.85);
    // an hour of the plant: the fuel is the heater duty over the efficiency
    sim.step(360);
    r = kpi.report(s);
    expect(r.duration_s).toBe(3600);
    expect(r.fuel_GJ).toBeCloseTo(s.acc.fuel_J / 1e9, 9);
    expect(r.fuel_GJ).toBeGreaterThan(0.5);
    expect(r.heaterDuty_GJ).toBeCloseTo(0.85 * r.fuel_GJ, 9);
    expect(r.fuelCorrected_GJ).toBeCloseTo(r.fuel_GJ - r.storedChange_GJ / 0.85, 9);
  });

  it('judges trucks on their coldest and hottest outlet against the spec window', () => {
    const { s, kpi } = fresh();
    expect(kpi.truck(0, 149, 160)).toBe('low'); // 60/70: 150–180
    expect(kpi.truck(0, 151, 179)).toBe('ok');
    expect(kpi.truck(7, 165, 186)).toBe('high'); // PMA: 160–185
    expect(kpi.truck(9, 100, 100)).toBe('unknown'); // slop has no spec
    const r = kpi.report(s);
    expect([r.trucks, r.misses]).toEqual([4, 2]);
    expect(r.tanks[0].misses).toBe(1);
    expect(r.tanks[7].misses).toBe(1);
  });

  it('judges a truck loaded at an arm of the running plant when it leaves', () => {
    const { s, kpi } = fresh();
    const truck = s.arms[0].truck;
    truck.present = true;
    truck.mass_kg = 0;
    kpi.observe(s, 10);
    s.tanks[2].outFlow_kg_s = 20; // TK-103 feeds the header, its outlet under the 150 °C minimum at first
    for (const out of [148, 152, 155]) {
      s.tanks[2].T_C[0] = out;
      truck.mass_kg += 200;
      kpi.observe(s, 10);
    }
    expect(kpi.report(s).trucks).toBe(0);
    truck.present = false;
    truck.mass_kg = 0;
    kpi.observe(s, 10);
    const r = kpi.report(s);
    expect([r.trucks, r.misses, r.tanks[2].misses]).toEqual([1, 1, 1]);
  });

  it('begins again at start()', () => {
    const { sim, kpi } = fresh();
    sim.step(100);
    kpi.truck(0, 100, 100);
    kpi.start(sim.state);
    const r = kpi.report(sim.state);
    expect([r.duration_s, r.fuel_GJ, r.trucks, r.misses, r.heaterStarts]).toEqual([0, 0, 0, 0, 0]);
    expect(r.storedChange_GJ).toBe(0);
  });
});
