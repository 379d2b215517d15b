import { describe, expect, it } from 'vitest';
import { plantCopy } from '../helpers';
import { coilCapacity, designAmbient_C } from '../../../src/predictive/capacity';
import { crossing, fitLinear, trendAt } from '../../../src/predictive/trend';
import { buildModel } from '../../../src/sim/plantIndex';
import { FILM_FRACTION, insideFilm_W_m2K, outsideCoefficientLn } from '../../../src/sim/components/coil';
import { lnViscosity } from '../../../src/sim/props/bitumen';
import { oilCp } from '../../../src/sim/props/thermalOil';

const DAY_S = 86400;

describe('coil capacity at the design ambient', () => {
  it('takes the design ambient from the plant file, else the coldest hour of the typical day (29 − 4 °C)', () => {
    const p = plantCopy();
    expect(designAmbient_C(p)).toBe(25);
    p.weather.designAmbient_C = 12;
    expect(designAmbient_C(p)).toBe(12);
    expect(coilCapacity(p, 'TK-101').ambient_C).toBe(12);
  });

  it('finds the fouling limit that the ε-NTU balance of a one-turn coil gives by hand', () => {
    // one turn in a uniform tank: duty = (1 − e^(−UA/ṁcp))·ṁcp·(T_oil − T_tank), 1/U = 1/U_o + r_inside + R_f.
    // At the limit the duty equals the loss L: ε = L/(ṁcp·ΔT), NTU = −ln(1 − ε), R_f = A/(NTU·ṁcp) − 1/U_o − r_in.
    const p = plantCopy();
    const t = p.tanks[0];
    t.coil.turns = 1;
    t.coil.turnHeights_m = [0.3];
    const cap = coilCapacity(p, 'TK-101', { supply_C: 300 });
    const tm = buildModel(p).tanks[0];
    const ts = cap.supply_C;
    const tb = cap.setpoint_C;
    const mcp = cap.coilFlow_kg_s * oilCp(ts);
    const props = buildModel(p).productProps.get(t.product)!;
    const uo = outsideCoefficientLn(ts, tb, lnViscosity(props, tb + FILM_FRACTION * (ts - tb)));
    const rIn = t.coil.od_m / t.coil.id_m / insideFilm_W_m2K(cap.coilFlow_kg_s, t.coil.id_m, ts);
    const eps = cap.netLoss_W / (mcp * (ts - tb));
    const ntu = -Math.log(1 - eps);
    const rf = tm.turnArea_m2 / (ntu * mcp) - 1 / uo - rIn;
    expect(ts).toBe(300);
    expect(tb).toBeCloseTo(160, 9);
    expect(cap.criticalFouling_m2K_W).toBeGreaterThan(0);
    expect(cap.criticalFouling_m2K_W).toBeCloseTo(rf, 7);
    // and the duty there is the loss
    expect(cap.dutyAt(cap.criticalFouling_m2K_W) / cap.netLoss_W).toBeCloseTo(1, 6);
    // clean, the same turn by hand
    const uClean = 1 / (1 / uo + rIn);
    expect(cap.cleanDuty_W).toBeCloseTo((1 - Math.exp(-(uClean * tm.turnArea_m2) / mcp)) * mcp * (ts - tb), 3);
  });

  it('colder air and wetter lagging lower the limit; a coil that cannot hold even clean has limit 0', () => {
    const p = plantCopy();
    const base = coilCapacity(p, 'TK-101');
    const cold = coilCapacity(p, 'TK-101', { ambient_C: 0 });
    const wet = coilCapacity(p, 'TK-101', { wallLossFactor: 2 });
    expect(cold.netLoss_W).toBeGreaterThan(base.netLoss_W);
    expect(wet.netLoss_W).toBeGreaterThan(base.netLoss_W);
    expect(cold.criticalFouling_m2K_W).toBeLessThan(base.criticalFouling_m2K_W);
    expect(wet.criticalFouling_m2K_W).toBeLessThan(base.criticalFouling_m2K_W);
    // losses grow about in proportion to the temperature difference (plus the cladding's radiation)
    const ratio = cold.netLoss_W / base.netLoss_W;
    expect(ratio).toBeGreaterThan((160 - 0) / (160 - 25) - 0.05);
    expect(ratio).toBeLessThan((160 - 0) / (160 - 25) + 0.15);
    const hopeless = coilCapacity(p, 'TK-101', { ambient_C: -40, wallLossFactor: 12 });
    expect(hopeless.cleanDuty_W).toBeLessThan(hopeless.netLoss_W);
    expect(hopeless.criticalFouling_m2K_W).toBe(0);
    expect(() => coilCapacity(p, 'TK-999')).toThrow(/TK-999/);
  });
});

describe('trend and crossing', () => {
  it('fits a line through three points and gives the crossing and band worked by hand', () => {
    // f = 0.002, 0.003, 0.004 at 0, 10, 20 d, sd 2e-4 each: slope 1e-4/d, limit 0.006 reached at 40 d.
    // Centred at t0 = 10 d: Var a = sd²/3, Var b = sd²/Σ(t−t0)² = sd²/200 d², χ² = 0.
    // Band at 90 %: (a − L + bτ)² = z²(Var a + τ² Var b) with z = 1.6449 → τ = 24.084, 39.348 d → 34.084 d, 49.348 d.
    const pts = [0, 10, 20].map((d, i) => ({ t_s: d * DAY_S, value: 0.002 + 0.001 * i, sd: 2e-4 }));
    const tr = fitLinear(pts)!;
    expect(tr.t0_s).toBeCloseTo(10 * DAY_S, 6);
    expect(tr.slope_per_s * DAY_S).toBeCloseTo(1e-4, 12);
    expect(tr.cov[0][0]).toBeCloseTo(4e-8 / 3, 18);
    expect(tr.cov[1][1] * DAY_S * DAY_S).toBeCloseTo(4e-8 / 200, 18);
    expect(trendAt(tr, 30 * DAY_S).value).toBeCloseTo(0.005, 12);
    const c = crossing(tr, 0.006, 0.9);
    expect(c.t_s / DAY_S).toBeCloseTo(40, 9);
    expect(c.early_s / DAY_S).toBeCloseTo(34.084, 3);
    expect(c.late_s / DAY_S).toBeCloseTo(49.348, 3);
  });

  it('inflates the covariance by the scatter, and gives no upper bound for a slope it cannot tell from zero', () => {
    const noisy = [0, 1, 2, 3, 4, 5].map((d) => ({ t_s: d * DAY_S, value: 0.003 + (d % 2 ? 1e-3 : -1e-3), sd: 1e-4 }));
    const tr = fitLinear(noisy)!;
    expect(tr.chi2red).toBeGreaterThan(50);
    const c = crossing(tr, 0.01);
    expect(c.late_s).toBe(Number.POSITIVE_INFINITY);
    const falling = fitLinear([0, 1, 2].map((d) => ({ t_s: d * DAY_S, value: 0.005 - 1e-3 * d, sd: 1e-5 })))!;
    const cf = crossing(falling, 0.01);
    expect(cf.t_s).toBe(Number.POSITIVE_INFINITY);
    expect(cf.early_s).toBe(Number.POSITIVE_INFINITY);
    expect(fitLinear(noisy.slice(0, 2))).toBeNull();
  });
});
