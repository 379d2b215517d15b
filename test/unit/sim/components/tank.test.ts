import { describe, expect, it } from 'vitest';
import {
  exchangeAtBottom,
  layerTops,
  level_m,
  massForLevel,
  meanTemp_C,
  mixAll,
  mixUnstable,
  productEnergy_J,
  setUniform,
} from '../../../../src/sim/components/tank';
import { simpleProps, tankModel, tankState } from './fixtures';

// Product of fixtures.simpleProps: h = 2000·(T − 25) J/kg, ρ(T) = 1000·(1 − 0.001·(T − 25)) kg/m³.
const tm = tankModel({ area_m2: 10 });

describe('tank layer geometry', () => {
  // 20 000 kg in 2 layers of 10 000 kg at 25 and 125 °C:
  // ρ = 1000 and 1000·(1 − 0.1) = 900 → volumes 10 m³ and 11.111 m³ → tops 1.000 and 2.1111 m over 10 m².
  const s = tankState(20000, [25, 125]);
  it('level is Σ (m/N)/ρ(T_i) over the area', () => {
    expect(level_m(tm, s)).toBeCloseTo(1 + 10000 / 900 / 10, 12); // 2.111111 m
  });
  it('layer tops accumulate the layer heights, at an offset', () => {
    const out = new Float64Array(4);
    layerTops(tm, s, out, 1);
    expect(out[0]).toBe(0);
    expect(out[1]).toBeCloseTo(1, 12);
    expect(out[2]).toBeCloseTo(2.111111111111, 10);
    expect(out[3]).toBe(0);
  });
  it('mass for a level: 2 m × 10 m² × ρ(125 °C) 900 = 18 000 kg', () => {
    expect(massForLevel(tm, s, 2, 125)).toBeCloseTo(18000, 9);
  });
  it('mean temperature and energy come from the mean enthalpy', () => {
    // h = 0 and 200 000 J/kg → mean 100 000 → T = 25 + 100 000/2000 = 75 °C; E = 100 000 × 20 000 = 2e9 J
    expect(meanTemp_C(s)).toBeCloseTo(75, 12);
    expect(productEnergy_J(s)).toBeCloseTo(2e9, 3);
  });
  it('the cp slope enters the inverse: cp 1740 + 3.4·(T − 25), h(125) = 174 000 + 17 000', () => {
    const p = simpleProps({ cp25_J_kgK: 1740, cpSlope_J_kgK2: 3.4 });
    const t = tankState(1000, [125], { props: p });
    expect(t.h_J_kg[0]).toBeCloseTo(191000, 9); // 1740·100 + ½·3.4·100² = 174 000 + 17 000
    expect(meanTemp_C(t)).toBeCloseTo(125, 9);
  });
});

describe('tank mixing', () => {
  it('an inverted pair mixes to its average and stops at a stable layer', () => {
    // [300, 100, 200, 400]: layers 0–1 mix to 200; the run does not take layer 2 (200 is not > 200)
    const s = tankState(400, [0, 0, 0, 0]);
    s.h_J_kg = [300, 100, 200, 400];
    mixUnstable(s);
    expect(s.h_J_kg).toEqual([200, 200, 200, 400]);
  });
  it('the run extends upward while its average stays hotter than the next layer', () => {
    // [500, 100, 200, 400]: (500 + 100)/2 = 300 > 200 → take it: 800/3 = 266.67 < 400 → stop
    const s = tankState(400, [0, 0, 0, 0]);
    s.h_J_kg = [500, 100, 200, 400];
    mixUnstable(s);
    for (let i = 0; i < 3; i++) expect(s.h_J_kg[i]).toBeCloseTo(800 / 3, 12);
    expect(s.h_J_kg[3]).toBe(400);
    expect(s.h_J_kg.reduce((a, b) => a + b)).toBeCloseTo(1200, 9); // energy kept
  });
  it('a fully inverted tank becomes uniform; a stable one is untouched', () => {
    const s = tankState(400, [0, 0, 0, 0]);
    s.h_J_kg = [400, 300, 200, 100];
    mixUnstable(s);
    expect(s.h_J_kg).toEqual([250, 250, 250, 250]);
    s.h_J_kg = [100, 200, 300, 400];
    mixUnstable(s);
    expect(s.h_J_kg).toEqual([100, 200, 300, 400]);
  });
  it('the mixer averages every layer: [0, 100, 200, 300] → 150', () => {
    const s = tankState(400, [0, 0, 0, 0]);
    s.h_J_kg = [0, 100, 200, 300];
    mixAll(s);
    expect(s.h_J_kg).toEqual([150, 150, 150, 150]);
  });
  it('setUniform writes h and T: 125 °C → 200 000 J/kg', () => {
    const s = tankState(400, [30, 40]);
    setUniform(s, 125);
    expect(s.h_J_kg).toEqual([200000, 200000]);
    expect(s.T_C[0]).toBeCloseTo(125, 12);
  });
});

describe('exchange at the bottom nozzle', () => {
  it('takes from the bottom, adds at the bottom, re-bins into equal masses', () => {
    // 4 layers × 100 kg, h = [10, 20, 30, 40] J/kg (E = 10 000 J). Out 150 kg: all of layer 0 (1000 J)
    // and half of layer 1 (1000 J) → returns 2000 J. In 50 kg carrying 5000 J (h 100).
    // Left, bottom up: in 50 kg/5000 J, layer 1 50 kg/1000 J, layer 2 100 kg/3000 J, layer 3 100 kg/4000 J;
    // 300 kg in bins of 75 kg:
    //   bin 0 = 50 in (5000) + 25 of layer 1 (500)  = 5500/75 = 73.333
    //   bin 1 = 25 of layer 1 (500) + 50 of layer 2 (1500) = 2000/75 = 26.667
    //   bin 2 = 50 of layer 2 (1500) + 25 of layer 3 (1000) = 2500/75 = 33.333
    //   bin 3 = 75 of layer 3 (3000)                = 40
    // Energy: 10 000 − 2000 + 5000 = 13 000 = 75·(73.333 + 26.667 + 33.333 + 40) ✓
    const s = tankState(400, [0, 0, 0, 0]);
    s.h_J_kg = [10, 20, 30, 40];
    const out = exchangeAtBottom(s, 150, 50, 5000);
    expect(out).toBeCloseTo(2000, 9);
    expect(s.mass_kg).toBe(300);
    const want = [5500 / 75, 2000 / 75, 2500 / 75, 40];
    want.forEach((w, i) => expect(s.h_J_kg[i]).toBeCloseTo(w, 9));
  });
  it('emptying the tank returns all its energy and leaves no mass', () => {
    const s = tankState(200, [0, 0]);
    s.h_J_kg = [10, 30];
    expect(exchangeAtBottom(s, 500, 0, 0)).toBeCloseTo(100 * 10 + 100 * 30, 9);
    expect(s.mass_kg).toBe(0);
  });
});
