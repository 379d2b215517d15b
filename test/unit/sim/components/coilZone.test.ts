import { describe, expect, it } from 'vitest';
import {
  exchangeAtBottom,
  layerTops,
  mixUnstable,
  productEnergy_J,
  rezone,
  zonedFractions,
} from '../../../../src/sim/components/tank';
import { stepCoil } from '../../../../src/sim/components/coil';
import { Simulation } from '../../../../src/sim/simulation';
import { plantCopy } from '../../helpers';
import { tankModel, tankState } from './fixtures';

// The layers resolve the coil zone (PLANT.md: turns at 0.3, 0.6 and 0.9 m). Here a coil of turns 0.3/0.6/0.9 m,
// OD 0.1 m: below the coil 0–0.25 m (the lowest tube's underside), the coil zone 0.25–0.95 m (the top tube's
// upper side), then equal masses. Product of fixtures.simpleProps at 25 °C: ρ = 1000 kg/m³, h = 2000·(T − 25).
const tm = tankModel({
  area_m2: 10,
  deadZoneTop_m: 0.25,
  coilZoneTop_m: 0.95,
  turnHeights_m: [0.3, 0.6, 0.9],
  turnArea_m2: 2,
  data: { coil: { od_m: 0.1, id_m: 0.08 } },
});

/** 5 layers, level 5 m at 25 °C: 50 000 kg, on the coil geometry. */
function zonedTank(temp = 25) {
  const s = tankState(50000, [temp, temp, temp, temp, temp]);
  zonedFractions(tm, 5, 5, s.layerMass_frac);
  return s;
}

describe('layers on the coil geometry', () => {
  it('shares at 5 m: 0.25/5 = 0.05 below the coil, 0.70/5 = 0.14 the coil zone, (1 − 0.19)/3 = 0.27 each above', () => {
    const s = zonedTank();
    [0.05, 0.14, 0.27, 0.27, 0.27].forEach((f, i) => expect(s.layerMass_frac[i]).toBeCloseTo(f, 15));
    // heights: 2 500 kg over 10 m² at ρ 1000 is 0.25 m; 7 000 kg 0.70 m; 13 500 kg 1.35 m each
    const tops = new Float64Array(5);
    layerTops(tm, s, tops);
    [0.25, 0.95, 2.3, 3.65, 5].forEach((z, i) => expect(tops[i]).toBeCloseTo(z, 12));
  });

  it('a tank below twice the coil zone (1.9 m) has equal layers', () => {
    const f = [0, 0, 0, 0, 0];
    zonedFractions(tm, 5, 1.5, f);
    expect(f).toEqual([0.2, 0.2, 0.2, 0.2, 0.2]);
  });

  it('every turn heats the coil-zone layer: the product below the coil and above it get nothing directly', () => {
    const s = zonedTank(160);
    s.coilFlow_kg_s = 1;
    const tops = new Float64Array(5);
    layerTops(tm, s, tops);
    const h0 = [...s.h_J_kg];
    const r = stepCoil(tm, s, tops, tops[4], 250, 10);
    expect(r.duty_W).toBeGreaterThan(0);
    // the coil layer holds 0.14 · 50 000 = 7 000 kg: Δh = Q·dt / 7 000
    expect(s.h_J_kg[1] - h0[1]).toBeCloseTo((r.duty_W * 10) / 7000, 6);
    for (const i of [0, 2, 3, 4]) expect(s.h_J_kg[i]).toBe(h0[i]);
  });

  it('heated, the coil zone rises through the bulk by buoyancy while the product below stays as it was', () => {
    // 1.9e8 J into the coil layer (7 000 kg): +27 143 J/kg there, hotter than above → layers 1–4 (0.95 of the
    // mass, 47 500 kg) mix to +1.9e8/47 500 = +4 000 J/kg = +2 K; the 2 500 kg below the coil stay at 25 °C
    const s = zonedTank();
    s.h_J_kg[1] += 1.9e8 / 7000;
    mixUnstable(s);
    expect(s.h_J_kg[0]).toBe(0);
    for (const i of [1, 2, 3, 4]) expect(s.h_J_kg[i]).toBeCloseTo(4000, 9);
    expect(productEnergy_J(s)).toBeCloseTo(1.9e8, 3);
  });

  it('a receipt moves the layers off the geometry; rezone puts them back, energy conserved', () => {
    // 50 000 kg more at 125 °C (2e5 J/kg) doubles the mass: the shares stay, so the bottom layer is now 0.5 m;
    // at 10 m the targets are 0.025, 0.07 and 0.905/3
    const s = zonedTank();
    exchangeAtBottom(s, 0, 50000, 50000 * 2e5);
    expect(s.layerMass_frac[0]).toBe(0.05);
    const e = productEnergy_J(s);
    rezone(tm, s);
    [0.025, 0.07, 0.905 / 3, 0.905 / 3, 0.905 / 3].forEach((f, i) => expect(s.layerMass_frac[i]).toBeCloseTo(f, 3));
    expect(s.mass_kg).toBe(100000);
    expect(productEnergy_J(s)).toBeCloseTo(e, 0);
    // the received product sits at the bottom: the new bottom layers are wholly the hot receipt
    expect(s.h_J_kg[0]).toBeCloseTo(2e5, 6);
    expect(s.h_J_kg[1]).toBeCloseTo(2e5, 6);
  });
});

describe('the coil zone in the default plant', () => {
  it('the coil heats the second layer; its heat rises through the bulk while the product below lags', () => {
    // TK-101 (D 14 m, 2 222 t, 10 layers) at 120 °C heating to its set point with ≈ 144 kW: 6 h put
    // ≈ 3.1 GJ into ≈ 4.3e9 J/K, ≈ +0.5 K in the coil zone and everything above it (mixed by buoyancy); the
    // layer below the coil (0–0.26 m) gets only conduction from above against the floor's loss, and trails
    const plant = plantCopy();
    const sim = new Simulation(plant, { dt_s: 10, initial: { tanks: { 'TK-101': { temp_C: 120 } } } });
    const tm101 = sim.model.tanks[0];
    const tank = sim.state.tanks[0];
    expect(tm101.deadZoneTop_m).toBeCloseTo(0.3 - 0.0889 / 2, 12);
    expect(tm101.coilZoneTop_m).toBeCloseTo(0.9 + 0.0889 / 2, 12);
    const tops = new Float64Array(tank.h_J_kg.length);
    layerTops(tm101, tank, tops);
    expect(tops[0]).toBeCloseTo(tm101.deadZoneTop_m, 2);
    expect(tops[1]).toBeCloseTo(tm101.coilZoneTop_m, 2);
    sim.step(6 * 360);
    expect(tank.coilDuty_W).toBeGreaterThan(100e3);
    const below = tank.T_C[0];
    const coil = tank.T_C[1];
    expect(coil).toBeGreaterThan(120.3);
    expect(coil).toBeLessThan(120.8);
    for (let i = 2; i < tank.T_C.length; i++) expect(tank.T_C[i]).toBeCloseTo(coil, 6); // mixed up to the top
    expect(below).toBeLessThan(coil - 0.5); // the bottom lags
  });
});
