import { describe, expect, it } from 'vitest';
import {
  BUCKET_MS,
  ResidualBook,
  RollingStats,
  WINDOW_BUCKETS,
  FLAG_NO_DATA,
  FLAG_UNCERTAIN,
} from '../../../../src/live/shadow/residuals';
import { T0 } from './batch';

const MIN = BUCKET_MS;

describe('rolling 24 h residual statistics', () => {
  it('a perfect model: RMS 0, correlation 1', () => {
    const r = new RollingStats();
    [140, 142, 145, 141, 150].forEach((x, k) => r.add(T0 + k * MIN, x, x));
    expect(r.n).toBe(5);
    expect(r.rms).toBe(0);
    expect(r.corr).toBeCloseTo(1, 12);
  });

  it('a constant bias b: RMS b, bias b, correlation 1', () => {
    const r = new RollingStats();
    [140, 142, 145, 141, 150].forEach((x, k) => r.add(T0 + k * 1000, x, x - 2.5));
    expect(r.rms).toBeCloseTo(2.5, 12);
    expect(r.bias).toBeCloseTo(2.5, 12);
    expect(r.corr).toBeCloseTo(1, 12);
  });

  it('hand-worked: x = 1,2,3,4 against y = 2,1,4,3 → RMS 1, r = 0.6', () => {
    // e = −1, 1, −1, 1 → RMS 1; Sxy = 4·(2+2+12+12) − 10·10 = 12, Sxx = Syy = 4·30 − 100 = 20 → r = 12/20
    const r = new RollingStats();
    const x = [1, 2, 3, 4];
    const y = [2, 1, 4, 3];
    x.forEach((v, k) => r.add(T0 + k * 10_000, v, y[k]));
    expect(r.rms).toBeCloseTo(1, 12);
    expect(r.corr).toBeCloseTo(0.6, 12);
  });

  it('uncorrelated series: correlation near 0 (and anti-correlated −1)', () => {
    // x a sine, y a cosine of the same period over whole periods: Σ sin·cos = 0
    const r = new RollingStats();
    const a = new RollingStats();
    for (let k = 0; k < 1440; k++) {
      const ph = (2 * Math.PI * k) / 360;
      r.add(T0 + k * MIN, 100 + Math.sin(ph), 100 + Math.cos(ph));
      a.add(T0 + k * MIN, 100 + Math.sin(ph), 100 - Math.sin(ph));
    }
    expect(Math.abs(r.corr)).toBeLessThan(1e-9);
    expect(r.rms).toBeCloseTo(1, 9); // mean of (sin − cos)² = 1
    expect(a.corr).toBeCloseTo(-1, 12);
  });

  it('no variation, no correlation: NaN, never a division by zero', () => {
    const r = new RollingStats();
    expect(r.rms).toBeNaN();
    r.add(T0, 5, 5);
    r.add(T0 + MIN, 5, 5);
    expect(r.corr).toBeNaN();
    expect(r.rms).toBe(0);
  });

  it('evicts a minute once it is 24 h behind the newest sample, and drops samples older than the window', () => {
    const r = new RollingStats();
    r.add(T0, 10, 0); // e = 10 in the first minute
    for (let k = 1; k < WINDOW_BUCKETS; k++) r.add(T0 + k * MIN, 1, 0); // e = 1 for the other 1439 minutes
    expect(r.n).toBe(1440);
    expect(r.rms).toBeCloseTo(Math.sqrt((100 + 1439) / 1440), 12);
    r.add(T0 + WINDOW_BUCKETS * MIN, 1, 0); // minute 1440: minute 0 leaves
    expect(r.n).toBe(1440);
    expect(r.rms).toBeCloseTo(1, 12);
    expect(r.add(T0, 10, 0)).toBe(false); // too old now
    expect(r.n).toBe(1440);
    expect(r.add(T0 + 1 * MIN + 30_000, 1, 0)).toBe(true); // late but inside the window: into its own bucket
    expect(r.n).toBe(1441);
    r.add(T0 + 10 * WINDOW_BUCKETS * MIN, 3, 0); // ten days later: everything before has left
    expect(r.n).toBe(1);
    expect(r.rms).toBe(3);
  });

  it('stays exact over months of samples far from zero (no cancellation build-up)', () => {
    const r = new RollingStats();
    let k = 0;
    for (; k < 90 * 1440; k++) r.add(T0 + k * MIN, 1e4 + (k % 7), 1e4 + (k % 7) - 0.1);
    expect(r.n).toBe(1440);
    expect(r.rms).toBeCloseTo(0.1, 9);
    expect(r.corr).toBeCloseTo(1, 9);
  });

  it('the book keeps latest values for every sample, and the score for trusted ones', () => {
    const b = new ResidualBook(2);
    expect(b.flags[0]).toBe(FLAG_NO_DATA);
    b.add(0, T0, 150, 148, true);
    b.add(0, T0 + 1000, 151, 148, false);
    expect(b.residual(0)).toBe(3);
    expect(b.flags[0]).toBe(FLAG_UNCERTAIN);
    expect(b.score(0).n).toBe(1);
    expect(b.score(0).rms).toBe(2);
  });
});
