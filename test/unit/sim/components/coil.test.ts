import { describe, expect, it } from 'vitest';
import {
  FILM_FRACTION,
  insideFilm_W_m2K,
  newCoilGrid,
  outsideCoefficient_W_m2K,
  stepCoil,
} from '../../../../src/sim/components/coil';
import { simpleProps, tankModel, tankState } from './fixtures';
import { viscosity } from '../../../../src/sim/props/bitumen';
import { oilCp } from '../../../../src/sim/props/thermalOil';

// Therminol 66 at 250 °C (PHYSICS.md §2): ρ = 1020.62 − 153.5635 − 20.0625 = 846.994 kg/m³;
// cp = (1.496005 + 0.82825 + 0.056067)·1000 = 2380.32 J/kg·K; k = 0.118294 − 0.00825 − 0.009375 = 0.100669;
// ν = exp(586.375/312.5 − 2.2809) = 0.66731 cSt → μ = 6.6731e-7·846.994 = 5.6521e-4 Pa·s;
// Pr = 2380.32·5.6521e-4/0.100669 = 13.364, Pr^0.3 = 2.17663.
const ID = 0.05;

describe('coil inside film', () => {
  it('laminar below Re 2300: Nu 3.66 → h = 3.66·0.100669/0.05 = 7.3690 W/m²K', () => {
    // 0.01 kg/s: Re = 4·0.01/(π·0.05·5.6521e-4) = 450.5
    expect(insideFilm_W_m2K(0.01, ID, 250)).toBeCloseTo(7.36897, 4);
  });
  it('Dittus–Boelter above 1e4: 1 kg/s → Re 45 054, Nu = 0.023·45 054^0.8·2.17663 = 264.54, h = 532.63', () => {
    expect(insideFilm_W_m2K(1, ID, 250)).toBeCloseTo(532.627, 2);
  });
  it('linear in Nu between 2300 and 1e4', () => {
    // Re 6150 is the midpoint: ṁ = 6150·π·0.05·5.6521e-4/4 = 0.13651 kg/s
    const mu = (0.01 * 4) / (Math.PI * ID * 450.5384891883323);
    const m = (6150 * Math.PI * ID * mu) / 4;
    const nuTurb = 0.023 * 1e4 ** 0.8 * 2.1766293; // 365.03 at Re 1e4
    const want = ((3.66 + nuTurb) / 2) * (0.100669 / ID);
    expect(insideFilm_W_m2K(m, ID, 250) / want).toBeCloseTo(1, 6);
  });
});

describe('coil outside coefficient', () => {
  it('11.7·ΔT^0.14/μ^0.4: ΔT 75 K, μ 0.1 Pa·s → 11.7·1.83024·2.51189 = 53.79 W/m²K (PHYSICS.md §4: ≈ 54 at 160 °C)', () => {
    expect(outsideCoefficient_W_m2K(235, 160, 0.1)).toBeCloseTo(53.7891, 3);
  });
  it('|ΔT| is held at 0.1 K or more; oil colder than the bulk drives the film by the same magnitude', () => {
    expect(outsideCoefficient_W_m2K(160, 160, 1)).toBeCloseTo(11.7 * 0.1 ** 0.14, 12); // 8.465
    expect(outsideCoefficient_W_m2K(150, 160, 1)).toBeCloseTo(outsideCoefficient_W_m2K(170, 160, 1), 12);
  });
});

describe('stepCoil', () => {
  // One turn at 0.5 m, 2 m² outside, OD 0.06/ID 0.05, in one 10 t layer of 60/70 at 160 °C; oil 250 °C at 1 kg/s;
  // fouling 0.01 m²K/W. Film at 160 + 0.1·90 = 169 °C: Walther x = 9.6722 − 3.547·log10(442.15) = 0.288365,
  // μ = 10^(10^x − 3) mPa·s·1e-3 = 10^(1.942516 − 3) = 0.0876023 Pa·s.
  // U_o = 11.7·90^0.14·μ^−0.4 = 11.7·1.877561·2.648462 = 58.1800 W/m²K
  // R_in = (0.06/0.05)/532.627 = 2.25298e-3; U = 1/(1/58.18 + 2.253e-3 + 0.01) = 1/0.0294410 = 33.9662 W/m²K
  // NTU = 33.9662·2/(1·2380.32) = 0.0285392; Q = (1 − e^−NTU)·2380.32·90 = 6027.50 W; oil out 247.468 °C
  const tm = tankModel({ turnHeights_m: [0.5], turnArea_m2: 2, data: { coil: { od_m: 0.06, id_m: ID } } });
  const tops = new Float64Array([5]);
  it('ε-NTU heat into the layer the turn sits in', () => {
    expect(FILM_FRACTION).toBe(0.1);
    const s = tankState(10000, [160], { coilFlow_kg_s: 1, fouling_m2K_W: 0.01 });
    const h0 = s.h_J_kg[0];
    const r = stepCoil(tm, s, tops, 5, 250, 2);
    expect(r.duty_W).toBeCloseTo(6027.5, 1);
    expect(r.outEnthalpyDrop_J_kg).toBeCloseTo(6027.5, 1); // per kg of 1 kg/s
    expect(r.exposed).toBe(false);
    // Q·dt/m_layer ≈ 1.2055 J/kg, read as a difference of two ~270 kJ/kg values: 1e-9 is the rounding floor
    expect(s.h_J_kg[0] - h0).toBeCloseTo((r.duty_W * 2) / 10000, 8);
  });
  it("in the plant's step, on its grids: within 3e-4 of the exact correlations over the service range", () => {
    // the exact chain, from the exported correlations: inside film, Walther viscosity at the film temperature,
    // the outside coefficient, then ε-NTU
    const exact = (mFlow: number, supply_C: number, bulk_C: number, fouling: number): number => {
      const rIn = 0.06 / ID / insideFilm_W_m2K(mFlow, ID, supply_C);
      const uo = outsideCoefficient_W_m2K(
        supply_C,
        bulk_C,
        viscosity(simpleProps(), bulk_C + FILM_FRACTION * (supply_C - bulk_C)),
      );
      const u = 1 / (1 / uo + rIn + fouling);
      const cp = oilCp(supply_C);
      return (1 - Math.exp((-u * 2) / (mFlow * cp))) * mFlow * cp * (supply_C - bulk_C);
    };
    const grid = newCoilGrid(1);
    let worst = 0;
    let n = 0;
    for (const mFlow of [0.05, 0.3, 1, 2.7, 5.5])
      for (const supply_C of [60, 180, 250, 290])
        for (const bulk_C of [20, 110, 160, 215])
          for (const fouling of [0, 0.004]) {
            if (supply_C === bulk_C) continue;
            const s = tankState(10000, [bulk_C], { coilFlow_kg_s: mFlow, fouling_m2K_W: fouling });
            const q = stepCoil(tm, s, tops, 5, supply_C, 1, grid).duty_W;
            const want = exact(mFlow, supply_C, bulk_C, fouling);
            worst = Math.max(worst, Math.abs(q / want - 1));
            // and without grids (the estimator, the capacity search, the MPC's identification) the exact chain
            const plain = tankState(10000, [bulk_C], { coilFlow_kg_s: mFlow, fouling_m2K_W: fouling });
            expect(Math.abs(stepCoil(tm, plain, tops, 5, supply_C, 0).duty_W / want - 1)).toBeLessThan(1e-12);
            n++;
          }
    console.log(`coil on its grids: worst ${worst.toExponential(2)} of the exact duty over ${n} cases`);
    expect(n).toBe(5 * 4 * 4 * 2);
    expect(worst).toBeLessThan(3e-4);
    expect(worst).toBeGreaterThan(0); // the grids are in use: not the exact chain by another name
  });
  it("a grid's cells are the product's: after a blend the duty is what a fresh grid gives (no history)", () => {
    const other = simpleProps({ viscA: 10.1, viscB: -3.7 }); // a harder grade
    const warmed = newCoilGrid(1);
    const at = (props: ReturnType<typeof simpleProps>, g: ReturnType<typeof newCoilGrid>) =>
      stepCoil(tm, tankState(10000, [160], { coilFlow_kg_s: 1, props }), tops, 5, 250, 0, g).duty_W;
    const before = at(simpleProps(), warmed);
    const after = at(other, warmed);
    expect(after).not.toBe(before);
    expect(after).toBe(at(other, newCoilGrid(1)));
  });
  it('a turn above the liquid is exposed and gives nothing', () => {
    const s = tankState(10000, [160], { coilFlow_kg_s: 1 });
    const r = stepCoil(tm, s, tops, 0.4, 250, 1);
    expect(r.exposed).toBe(true);
    expect(r.duty_W).toBe(0);
  });
  it('no flow: no duty', () => {
    const still = tankState(10000, [160], { coilFlow_kg_s: 0 });
    expect(stepCoil(tm, still, tops, 5, 250, 1).duty_W).toBe(0);
  });
  it('oil colder than the product takes heat back: the layer cools, the oil leaves warmer', () => {
    const cold = tankState(10000, [160], { coilFlow_kg_s: 1, fouling_m2K_W: 0.01 });
    const h0 = cold.h_J_kg[0];
    const r = stepCoil(tm, cold, tops, 5, 100, 2);
    expect(r.duty_W).toBeLessThan(-100);
    expect(r.outEnthalpyDrop_J_kg).toBeLessThan(0);
    expect(cold.h_J_kg[0] - h0).toBeCloseTo((r.duty_W * 2) / 10000, 8);
  });
  it('the site calibration factor scales the outside film (heatTransferFactor, default 1)', () => {
    const base = stepCoil(tm, tankState(10000, [160], { coilFlow_kg_s: 1 }), tops, 5, 250, 1).duty_W;
    const tm2 = tankModel({
      turnHeights_m: [0.5],
      turnArea_m2: 2,
      data: { coil: { od_m: 0.06, id_m: ID, heatTransferFactor: 1.5 } },
    });
    const r = stepCoil(tm2, tankState(10000, [160], { coilFlow_kg_s: 1 }), tops, 5, 250, 1).duty_W;
    expect(r / base).toBeGreaterThan(1.2);
    expect(r / base).toBeLessThan(1.5);
  });
  it('turns are assigned to the layer whose top is above them', () => {
    // two layers with tops 1 and 2 m; a second turn at 1.5 m heats layer 1 only
    const tm2 = tankModel({ turnHeights_m: [1.5], turnArea_m2: 2, data: { coil: { od_m: 0.06, id_m: ID } } });
    const s = tankState(20000, [160, 160], { coilFlow_kg_s: 1, fouling_m2K_W: 0.01, props: simpleProps() });
    const h0 = [...s.h_J_kg];
    stepCoil(tm2, s, new Float64Array([1, 2]), 2, 250, 1);
    expect(s.h_J_kg[0]).toBe(h0[0]);
    expect(s.h_J_kg[1]).toBeGreaterThan(h0[1]);
  });
});
