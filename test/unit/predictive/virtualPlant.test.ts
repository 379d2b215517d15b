import { beforeAll, describe, expect, it } from 'vitest';
import { defaultPlant } from '../../../src/sim/plant/default';
import { assessPlant } from '../../../src/predictive/analyze';
import { DAY_S, FOUL_TANK, FOUL_TANK_INSULATION, record, withSpecEstimates, type Recording } from './vpRecord';

// The predictive checks on the virtual plant: hidden instrument biases and noise, hidden insulation damage,
// fixed seeds. One run with wear the twin is not told of (P-201A losing head, the heater losing efficiency,
// TK-101's coil fouling fast), one clean run with the same seed: the wear is found, the clean run raises nothing.

const SEED = 7;
const DAYS = 8;
const WEAR = { pumpLoss_per_d: 0.02, heaterLoss_per_d: 0.01, fouling_per_d: 0.0005, from_d: 2 };
const DAY_MS = DAY_S * 1000;

let worn: Recording;
let clean: Recording;
beforeAll(() => {
  worn = record(SEED, DAYS, WEAR);
  clean = record(SEED, DAYS, null);
}, 180_000);

describe('predictive maintenance on the virtual plant', () => {
  it('projects the fouled coil’s crossing with a band that brackets the true crossing', () => {
    // the true crossing: the true fouling trajectory against the limit of the true plant (its lagging damage
    // included), both from the recording; the forecast sees estimates of fouling and wall loss within spec
    const rep = assessPlant(defaultPlant(), withSpecEstimates(worn, SEED, FOUL_TANK_INSULATION));
    const fc = rep.fouling.find((f) => f.tank === FOUL_TANK)!;
    const c = fc.crossing!;
    expect(fc.limitRange.low).toBeLessThan(worn.trueLimit_m2K_W);
    expect(fc.limitRange.high).toBeGreaterThan(worn.trueLimit_m2K_W);
    expect(worn.trueCrossing_ms - worn.end_ms).toBeGreaterThan(8 * DAY_MS); // a projection, not a look back
    expect(c.early_ms).toBeLessThanOrEqual(worn.trueCrossing_ms);
    expect(c.late_ms).toBeGreaterThanOrEqual(worn.trueCrossing_ms);
    // the wall-loss factor's ±0.05 alone moves the limit by about ±8 %, the date by days: the band is that wide
    const lead = worn.trueCrossing_ms - worn.end_ms;
    expect(Math.abs(c.t_ms - worn.trueCrossing_ms)).toBeLessThan(0.5 * lead);
    expect(c.late_ms - c.early_ms).toBeLessThan(15 * DAY_MS);
    expect(fc.finding?.priority).toBe('high');
    expect(rep.workOrders.some((w) => w.assetTag === FOUL_TANK && w.kind === 'coilFouling')).toBe(true);
  });

  it('from the tank filter’s own published estimates: the rising fouling is seen and a work order raised', () => {
    const rep = assessPlant(defaultPlant(), worn.src);
    const fc = rep.fouling.find((f) => f.tank === FOUL_TANK)!;
    const rate_per_d = fc.trend!.slope_per_s * DAY_S;
    expect(rate_per_d).toBeGreaterThan(0.5 * WEAR.fouling_per_d);
    expect(rate_per_d).toBeLessThan(1.5 * WEAR.fouling_per_d);
    expect(fc.finding).not.toBeNull();
    expect(Number.isFinite(fc.crossing!.late_ms)).toBe(true);
  });

  it('finds P-201A losing head and the heater losing efficiency, with the loss close to the truth', () => {
    const rep = assessPlant(defaultPlant(), worn.src);
    const pump = rep.pumps.find((p) => p.pump === 'P-201A')!;
    expect(pump.finding).not.toBeNull();
    expect(Math.abs(pump.current!.value - worn.pumpShutoffLoss_frac)).toBeLessThan(0.03);
    expect(rep.heater.finding).not.toBeNull();
    expect(Math.abs(rep.heater.current!.value - worn.heaterLoss_frac)).toBeLessThan(0.015);
    expect(rep.findings.map((f) => f.kind).sort()).toEqual(['coilFouling', 'heaterEfficiency', 'pumpDegradation']);
  });

  it('raises nothing on the clean run, from the filter’s estimates or from estimates within spec', () => {
    for (const src of [clean.src, withSpecEstimates(clean, SEED, FOUL_TANK_INSULATION)]) {
      const rep = assessPlant(defaultPlant(), src);
      expect(rep.findings).toEqual([]);
      expect(Math.abs(rep.pumps[0].current!.value)).toBeLessThan(0.05);
      expect(Math.abs(rep.heater.current!.value)).toBeLessThan(0.02);
    }
  });
});
