import { describe, expect, it } from 'vitest';
import {
  stepTankLosses,
  stepWater,
  WATER_CP_J_KGK,
  WATER_LATENT_J_KG,
} from '../../../../src/sim/components/tankThermal';
import { surfaceToRoof_W_m2 } from '../../../../src/sim/components/radiation';
import { tankModel, tankState, weatherState } from './fixtures';

// Round-number fields (not a real tank): still air (h_out = 5.7 W/m²K, no sun, no rain) and
// rWallFixed = 2 − 1/5.7 so that U = 1/(rWallFixed + 1/h_out) = 0.5 W/m²K; perimeter π·D = 4 m. The cladding's
// ε 0.3 is the radiation McAdams' 5.7 already carries, so it adds nothing to h_out (radiation.ts).
const tm = tankModel({
  D_m: 4 / Math.PI,
  area_m2: 1,
  H_m: 3,
  rWallFixed: 2 - 1 / 5.7,
  floorH_W_m2K: 2,
  roofArea_m2: 2,
  roofC_J_K: 1000,
  data: { insulation: { claddingAbsorptivity: 0.5, claddingEmissivity: 0.3 }, roof: { vapourFilm_W_m2K: 5 } },
});
const air = weatherState({ ambient_C: 10, ambientMean_C: 10, wind_m_s: 0 });

describe('tank thermal losses', () => {
  it('wall, floor, inter-layer conduction and the roof node, by hand', () => {
    // two layers of 1000 kg, tops 1 and 2 m (level 2 m), T = 60 and 110 °C, roof 60 °C, k = 0.5 W/m·K
    const s = tankState(2000, [60, 110], { roof_C: 60 });
    const h0 = [...s.h_J_kg];
    const tops = new Float64Array([1, 2]);
    const loss = stepTankLosses(tm, s, air, tops, 2, 10);
    // wall:   layer 0: 0.5·4·1·(60 − 10) = 100 W;  layer 1: 0.5·4·1·(110 − 10) = 200 W
    // floor:  2·1·(60 − 10) = 100 W (from layer 0, to the ground at 10 °C)
    // conduction 0 → 1: k·A/dz·(T0 − T1) with dz = ½·(2 − 0) = 1 m: 0.5·1/1·(60 − 110) = −25 W (into layer 0)
    // roof:   out: U·(roof 2 + dry shell 4·(3 − 2)) m²·(60 − 10) = 0.5·6·50 = 150 W
    //         in from the top layer: film 5·1·(110 − 60) = 250 W, plus radiation of the surface
    //         σ(383.15⁴ − 333.15⁴)/(1/0.9 + 1/0.8 − 1) = 5.67e-8·9.2334e9/1.36111 = 384.63 W
    // loss to ambient = 100 + 200 + 100 + 150 = 550 W
    const rad = surfaceToRoof_W_m2(110, 60);
    expect(rad).toBeCloseTo(384.63, 1);
    expect(loss).toBeCloseTo(550, 9);
    expect(s.heatLoss_W).toBeCloseTo(550, 9);
    // over 10 s per 1000 kg: layer 0: −(100 + 100 − 25)·10/1000 = −1.75 J/kg
    //                        layer 1: −(200 + 25 + 250 + rad)·10/1000 = −4.75 − rad/100 J/kg
    expect(s.h_J_kg[0] - h0[0]).toBeCloseTo(-1.75, 9);
    expect(s.h_J_kg[1] - h0[1]).toBeCloseTo(-4.75 - rad / 100, 9);
    // roof node: +(250 + rad − 150)·10/1000 J/K = +1 K + rad/100
    expect(s.roof_C).toBeCloseTo(61 + rad / 100, 12);
    // energy: −1750 − 4750 + 1000 = −5500 J = −550 W × 10 s (the radiation only moves heat inside the tank)
  });
  it('the sun raises the cladding to the sol-air temperature: α·G/h_out less loss', () => {
    // solar 570 W/m², α 0.5, h_out 5.7 → sol-air 10 + 50 = 60 °C: a 60 °C layer loses nothing through the wall
    const sunny = weatherState({ ambient_C: 10, ambientMean_C: 10, solar_W_m2: 570 });
    const s = tankState(1000, [60], { roof_C: 60 });
    const h0 = s.h_J_kg[0];
    stepTankLosses(tm, s, sunny, new Float64Array([1]), 1, 1);
    // left: floor 2·1·50 = 100 W and the top film 5·1·(60 − 60) = 0 → −100·1/1000 = −0.1 J/kg
    expect(s.h_J_kg[0] - h0).toBeCloseTo(-0.1, 9);
  });
});

describe('free water under the product', () => {
  const out = { steam_J: 0, spill_kg: 0, spill_J: 0, vented_kg: 0, water_J: 0 };
  it('below 100 °C it warms through the sludge layer: 150 W/K', () => {
    // 10 kg at 20 °C under 120 °C product, 1 s: q = 150·(120 − 20) = 15 000 J explicit, taken implicitly by the
    // mass guard: the pair's capacity c = 2e6·41 860/(2e6 + 41 860) = 41 002 J/K, a = 150/c = 3.658e-3 ≥ 1e-3,
    // so q = 15 000/(1 + a) = 14 945.3 J → +14 945.3/(10·4186) = 0.3570 K
    const s = tankState(1000, [120], { water_kg: 10, water_C: 20 });
    const h0 = s.h_J_kg[0];
    stepWater(s, 2, 1, out);
    const cw = 10 * WATER_CP_J_KGK;
    const q = 15000 / (1 + 150 / ((2e6 * cw) / (2e6 + cw)));
    expect(q).toBeCloseTo(14945.3, 1);
    expect(s.water_C).toBeCloseTo(20 + q / cw, 12);
    expect(s.h_J_kg[0] - h0).toBeCloseTo(-q / 1000, 9); // out of 1000 kg
    expect(s.steam_kg_s).toBe(0);
  });
  it('at 100 °C it boils on the product superheat; the vent passes a small rate without froth', () => {
    // floor 2 m², bottom 110 °C: rate = 5000·2·(110 − 100)/2.257e6 = 0.044307 kg/s
    // steam volume 0.044307/1000·1600 = 0.0709 m³/s < vent 0.5 m³/s → no froth-over
    const s = tankState(1000, [110], { water_kg: 100, water_C: 100 });
    stepWater(s, 2, 1, out);
    const rate = (5000 * 2 * 10) / WATER_LATENT_J_KG;
    expect(rate).toBeCloseTo(0.0443066, 6);
    expect(s.steam_kg_s).toBeCloseTo(rate, 12);
    expect(s.water_kg).toBeCloseTo(100 - rate, 12);
    expect(s.frothOver).toBe(false);
    expect(out.vented_kg).toBeCloseTo(rate, 12);
  });
  it('a large superheat overwhelms the vent: froth-over spills product', () => {
    // floor 100 m², bottom 200 °C: rate = 5000·100·100/2.257e6 = 22.15 kg/s → 35.4 m³/s of steam ≫ 0.5
    const s = tankState(1000, [200], { water_kg: 100, water_C: 100 });
    stepWater(s, 100, 1, out);
    expect(s.frothOver).toBe(true);
    // spill = min(5·rate·dt, ½ layer) = min(110.8, 500) kg
    expect(out.spill_kg).toBeCloseTo((5 * 5000 * 100 * 100) / WATER_LATENT_J_KG, 9);
  });
});
