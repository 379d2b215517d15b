import { describe, expect, it } from 'vitest';
import { noiseSd, Scorer } from '../../../src/diagnose/rootCauseScore';
import { recordingFromSeries, tankParamsFromEstimates } from '../../../src/diagnose/rootCauseRecording';
import { hypothesisLibrary, sizeForEffect } from '../../../src/diagnose/hypotheses';
import { handler } from '../../../src/twinService/routes/rootCause';
import { defaultPlant } from '../../../src/sim/plant/default';
import type { TwinRouteContext } from '../../../src/twinService/routes/types';

// The root-cause ranking's arithmetic, worked by hand, and its route's refusals.

const f64 = (a: number[]) => Float64Array.from(a);

describe('Scorer', () => {
  it('weighs the spread of the residual and its mean against the bias prior', () => {
    // r = 1, 2, 3 (mean 2), sd 1, bias sd 1: Σ(r − r̄)² = 2, r̄²/(sd²/N + σb²) = 4/(1/3 + 1) = 3 → 5
    const s = new Scorer([f64([1, 2, 3])], [1], [1], 0);
    expect(s.ss([f64([0, 0, 0])])).toBeCloseTo(5, 12);
    expect(s.ss([f64([1, 2, 3])])).toBe(0);
    expect(s.offset(0, f64([0, 0, 0]))).toBeCloseTo(2, 12);
    // a sample before j0 or a missing one is not scored: r = 2, 3 → 0.5 + 6.25/(1/2 + 1) = 4.6667
    expect(new Scorer([f64([1, 2, 3])], [1], [1], 1).ss([f64([9, 0, 0])])).toBeCloseTo(0.5 + 6.25 / 1.5, 12);
    expect(new Scorer([f64([Number.NaN, 2, 3])], [1], [1], 0).ss([f64([9, 0, 0])])).toBeCloseTo(0.5 + 6.25 / 1.5, 12);
  });

  it('weighs a tag by the share its residual deserves: its lag-1 correlation and its spread', () => {
    // r = 1, −1, 1, −1: ρ = −3/4 → 0 (white), spread 1 = sd² → share 1; at sd 0.5 the spread is 4× sd² → 1/4
    const alt = [f64([0, 2, 0, 2])];
    expect(new Scorer([f64([1, 1, 1, 1])], [1], [1], 0).residualShare([alt])[0]).toBeCloseTo(1, 12);
    expect(new Scorer([f64([1, 1, 1, 1])], [0.5], [1], 0).residualShare([alt])[0]).toBeCloseTo(0.25, 12);
    // r = −1.5, −0.5, 0.5, 1.5 (mean removed): ρ = 1.25/5 = 0.25 → (1 − ρ)/(1 + ρ) = 0.6; spread 1.25 < sd² 4
    const ramp = [f64([0, 0, 0, 0])];
    const s = new Scorer([f64([1, 2, 3, 4])], [2], [1], 0);
    expect(s.residualShare([ramp])[0]).toBeCloseTo(0.6, 12);
    // the best of several hypotheses decides: the one that leaves a white residual
    expect(s.residualShare([ramp, [f64([0, 3, 2, 5])]])[0]).toBeCloseTo(1, 12);
    // a share of 0.5 on r = 1, 2, 3 (sd 1, bias sd 1): 0.5·2 + 4/(1/(3·0.5) + 1) = 3.4
    expect(new Scorer([f64([1, 2, 3])], [1], [1], 0, [0.5]).ss([f64([0, 0, 0])])).toBeCloseTo(3.4, 12);
  });

  it('fits the scale of an effect so that ss(y0 + a·d) = ss0 − 2a·rd + a²·dd', () => {
    const meas = [f64([0.5, 1, 1.5, 2])];
    const s = new Scorer(meas, [0.5], [2], 0);
    const y0 = [f64([0, 0, 0, 0])];
    const y1 = [f64([1, 2, 3, 4])]; // twice the measured: a = 0.5 explains it exactly
    const fit = s.fitScale(y0, y1);
    expect(fit.a).toBeCloseTo(0.5, 12);
    const ss0 = s.ss(y0);
    for (const a of [0, 0.3, 0.5, 1])
      expect(s.ss([f64([a, 2 * a, 3 * a, 4 * a])])).toBeCloseTo(ss0 - 2 * a * fit.rd + a * a * fit.dd, 9);
  });

  it('reads the noise from successive differences, with the unit floor', () => {
    // |Δ| = 1 every step: median 1 → 1/(0.6745·√2) = 1.0484; with the 0.3 K floor: √(1.0484² + 0.09) = 1.0904
    expect(noiseSd(f64([0, 1, 0, 1, 0, 1]), '°C')).toBeCloseTo(Math.hypot(1 / (0.6745 * Math.SQRT2), 0.3), 9);
    expect(noiseSd(f64([5, 5, 5]), 'm')).toBeCloseTo(0.003, 12);
  });
});

describe('recording and hypotheses', () => {
  it('puts samples on the grid, holding the last value and NaN for a bad one', () => {
    const r = recordingFromSeries(
      {
        a: [
          { ts_ms: 1000, v: 1 },
          { ts_ms: 61_000, v: 2 },
          { ts_ms: 125_000, v: null },
        ],
      },
      0,
      180_000,
      60,
    );
    expect(r.tags).toEqual(['a']);
    expect(Array.from(r.values[0])).toEqual([Number.NaN, 1, 2, Number.NaN]); // t = 0, 60, 120, 180 s
    expect(
      tankParamsFromEstimates('TK-101', [
        { name: 'fouling', unit: 'm²K/W', value: 0.004, sd: 0.001 },
        { name: 'wall_loss', unit: '', value: 1.8, sd: 0.1 },
      ]),
    ).toEqual({ tag: 'TK-101', fouling_m2K_W: 0.004, insulationFactor: 1.8 });
  });

  it('has every process fault at every tank and the heater, and inverts each effect', () => {
    const lib = hypothesisLibrary(defaultPlant());
    expect(lib.length).toBe(1 + 4 * 10 + 1);
    const ins = lib.find((h) => h.id === 'insulationDamage:TK-105')!;
    // effect 1 − 1/f: 0.75 is f = 4
    expect(sizeForEffect(ins, 0.75)).toBeCloseTo(4, 6);
    expect(ins.fault(4)).toEqual({ kind: 'insulationDamage', tank: 'TK-105', factor: 4 });
  });
});

describe('GET /api/twin/rootcause', () => {
  const ctx = (o: Partial<TwinRouteContext> = {}): TwinRouteContext => ({
    twin: null,
    plant: defaultPlant(),
    mapping: null,
    plantId: null,
    history: null,
    now_ms: () => Number.NaN,
    ...o,
  });
  const req = (query = '', method = 'GET') => ({ method, path: '', query: new URLSearchParams(query), body: {} });
  it('refuses what it cannot rank', async () => {
    await expect(Promise.resolve(handler(req('', 'POST'), ctx()))).rejects.toMatchObject({ status: 405 });
    await expect(Promise.resolve(handler(req(), ctx()))).rejects.toMatchObject({ status: 404 });
    const live = ctx({ mapping: { tags: [] } as never, plantId: 'p', history: async () => ({}) as never });
    await expect(Promise.resolve(handler(req('hours=40'), live))).rejects.toMatchObject({ status: 400 });
    await expect(Promise.resolve(handler(req('hours=4&onset_h=5'), live))).rejects.toMatchObject({ status: 400 });
    await expect(Promise.resolve(handler(req('hours=4'), live))).rejects.toMatchObject({ status: 409 });
  });
});
