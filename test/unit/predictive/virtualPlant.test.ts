import { beforeAll, describe, expect, it } from 'vitest';
import { defaultPlant } from '../../../src/sim/plant/default';
import { assessPlant } from '../../../src/predictive/analyze';
import type { Sample, SeriesSource } from '../../../src/predictive/series';
import { DAY_S, filterStandIn, FOUL_TANK, record, type Recording } from './vpRecord';

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
}, 120_000);

/** The recording plus the filter's published fouling (a stand-in here) and wall-loss estimate. */
function withEstimates(r: Recording): SeriesSource {
  const f = filterStandIn(r.fouling, SEED);
  const wallLoss: Sample[] = [{ t_ms: r.end_ms, v: 1.4 }];
  return (tag) =>
    tag === `${FOUL_TANK}.est.fouling`
      ? f.est
      : tag === `${FOUL_TANK}.est.fouling_sd`
        ? f.sd
        : tag === `${FOUL_TANK}.est.wall_loss`
          ? wallLoss
          : r.src(tag);
}

describe('predictive maintenance on the virtual plant', () => {
  it('projects the fouled coil’s crossing with a band that brackets the true crossing', () => {
    const rep = assessPlant(defaultPlant(), withEstimates(worn));
    const fc = rep.fouling.find((f) => f.tank === FOUL_TANK)!;
    const c = fc.crossing!;
    expect(fc.capacity.criticalFouling_m2K_W).toBeCloseTo(worn.trueLimit_m2K_W, 6);
    expect(c.early_ms).toBeLessThanOrEqual(worn.trueCrossing_ms);
    expect(c.late_ms).toBeGreaterThanOrEqual(worn.trueCrossing_ms);
    expect(Math.abs(c.t_ms - worn.trueCrossing_ms)).toBeLessThan(2 * DAY_MS);
    expect(c.late_ms - c.early_ms).toBeLessThan(10 * DAY_MS);
    expect(fc.finding?.priority).toBe('high');
    expect(rep.workOrders.some((w) => w.assetTag === FOUL_TANK && w.kind === 'coilFouling')).toBe(true);
  });

  it('finds P-201A losing head and the heater losing efficiency, with the loss close to the truth', () => {
    const rep = assessPlant(defaultPlant(), withEstimates(worn));
    const pump = rep.pumps.find((p) => p.pump === 'P-201A')!;
    expect(pump.finding).not.toBeNull();
    expect(Math.abs(pump.current!.value - worn.pumpShutoffLoss_frac)).toBeLessThan(0.03);
    expect(rep.heater.finding).not.toBeNull();
    expect(Math.abs(rep.heater.current!.value - worn.heaterLoss_frac)).toBeLessThan(0.02);
    expect(rep.findings.map((f) => f.kind).sort()).toEqual(['coilFouling', 'heaterEfficiency', 'pumpDegradation']);
  });

  it('raises nothing on the clean run', () => {
    const rep = assessPlant(defaultPlant(), withEstimates(clean));
    expect(rep.findings).toEqual([]);
    const pump = rep.pumps.find((p) => p.pump === 'P-201A')!;
    expect(Math.abs(pump.current!.value)).toBeLessThan(0.05);
    expect(Math.abs(rep.heater.current!.value)).toBeLessThan(0.02);
  });
});
