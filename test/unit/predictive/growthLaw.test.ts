import { describe, expect, it } from 'vitest';
import { plantCopy } from '../helpers';
import { exposureAt, exposureSeries, meanExposureRate } from '../../../src/predictive/growthLaw';
import { foulingForecast } from '../../../src/predictive/fouling';
import { coilCapacity } from '../../../src/predictive/capacity';
import { growFouling } from '../../../src/sim/components/coil';
import type { TankState } from '../../../src/sim/state';
import type { Sample } from '../../../src/predictive/series';

const H = 3_600_000;
const T0 = Date.UTC(2026, 0, 1);

describe('the coking law as the fouling clock', () => {
  it('counts exposure as the model grows fouling: (T − 200)/50 per second while the coil flows', () => {
    // 0–2 h at 250 °C flowing: 7200 s; 2–3 h at 275 °C: 1.5 × 3600; 3–4 h coil shut; 4–5 h at 190 °C: nothing
    const supply: Sample[] = [0, 1, 2, 3, 4, 5].map((h) => ({
      t_ms: T0 + h * H,
      v: [250, 250, 275, 275, 190, 190][h],
    }));
    const flow: Sample[] = [0, 1, 2, 3, 4, 5].map((h) => ({ t_ms: T0 + h * H, v: h === 3 ? 0 : 2 }));
    const e = exposureSeries(supply, flow);
    expect(e.map((x) => x.v)).toEqual([0, 3600, 7200, 12600, 12600, 12600]);
    expect(exposureAt(e, T0 + 2.5 * H)).toBe(9900);
    expect(meanExposureRate(e)).toBeCloseTo(12600 / (5 * 3600), 12);
    // the model's own law over the same history gives the same fouling per unit exposure
    const tank = { coilFlow_kg_s: 2, fouling_m2K_W: 0 } as TankState;
    for (let h = 0; h < 5; h++) {
      tank.coilFlow_kg_s = flow[h].v;
      for (let s = 0; s < 3600; s++) growFouling(tank, supply[h].v, 1);
    }
    expect(tank.fouling_m2K_W).toBeCloseTo((1e-3 / (365 * 86400)) * 12600, 15);
  });

  it('projects on exposure: a heater stop in the window does not bend the forecast', () => {
    // 90 days: the heater runs at 250 °C except days 30–60 (supply 180 °C, no coking); fouling 2e-5 per
    // day of 250 °C exposure (accelerated). Mean rate 2/3: the projection continues the same pattern on average.
    const plant = plantCopy();
    const limit = coilCapacity(plant, 'TK-101').criticalFouling_m2K_W;
    const k = 2e-5 / 86400;
    const supply: Sample[] = [];
    const flow: Sample[] = [];
    for (let h = 0; h <= 90 * 24; h++) {
      const d = h / 24;
      supply.push({ t_ms: T0 + h * H, v: d >= 30 && d < 60 ? 180 : 250 });
      flow.push({ t_ms: T0 + h * H, v: 2.5 });
    }
    const e = exposureSeries(supply, flow);
    const f0 = 0.01;
    const pts = e.filter((_, i) => i % 6 === 0).map((x) => ({ t_s: x.t_ms / 1000, value: f0 + k * x.v, sd: 1e-4 }));
    const g = foulingForecast(plant, 'TK-101', pts, { exposure: e, spacing_s: 6 * 3600 });
    const eEnd = e[e.length - 1].v;
    const rate = eEnd / (90 * 86400);
    const tEnd = e[e.length - 1].t_ms;
    const expected = tEnd + (((limit - f0) / k - eEnd) / rate) * 1000;
    expect(g.law).toBe('growth');
    expect(g.growth!.rate).toBeCloseTo(2 / 3, 3);
    expect(g.growth!.trend.slope_per_s).toBeCloseTo(k, 15);
    expect(g.crossing!.t_ms / 86_400_000).toBeCloseTo(expected / 86_400_000, 3);
    expect(g.crossing!.early_ms).toBeLessThan(g.crossing!.t_ms);
    expect(g.crossing!.late_ms).toBeGreaterThan(g.crossing!.t_ms);
    // a line in time through the same points weighs the stop by where it falls in the window: another date
    const lin = foulingForecast(plant, 'TK-101', pts, { spacing_s: 6 * 3600 });
    expect(lin.law).toBe('linear');
    expect(Math.abs(lin.crossing!.t_ms - expected)).toBeGreaterThan(86_400_000);
  });
});
