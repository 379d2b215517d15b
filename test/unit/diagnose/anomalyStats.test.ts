import { describe, expect, it } from 'vitest';
import { Baseline, Cusum, Ewma, VarianceCollapse } from '../../../src/diagnose/anomalyStats';

describe('residual tests, hand-worked', () => {
  it('CUSUM: both sides, the alarm and the change point', () => {
    const c = new Cusum(0.5, 2);
    // S⁺: 0.5, 1.5, 0.8, 2.3, 0;  S⁻: 0, 0, 0, 0, 2.5
    const z = [1, 1.5, -0.2, 2, -3];
    const hi: number[] = [];
    const alarms: boolean[] = [];
    for (const x of z.slice(0, 4)) {
      alarms.push(c.push(x));
      hi.push(c.hi);
    }
    expect(hi.map((x) => +x.toFixed(6))).toEqual([0.5, 1.5, 0.8, 2.3]);
    expect(alarms).toEqual([false, false, false, true]);
    expect(c.signed).toBeCloseTo(2.3, 12);
    expect(c.runLength).toBe(4); // S⁺ last stood at zero before the first sample
    expect(c.push(-3)).toBe(true);
    expect(c.hi).toBe(0);
    expect(c.lo).toBeCloseTo(2.5, 12);
    expect(c.signed).toBeCloseTo(-2.5, 12);
    expect(c.runLength).toBe(1);
    c.reset();
    expect(c.alarm).toBe(false);
  });

  it('EWMA: the statistic and its exact limit', () => {
    const e = new Ewma(0.2, 3);
    e.push(1);
    expect(e.value).toBeCloseTo(0.2, 12);
    // σₑ(1)² = 0.2/1.8 · (1 − 0.8²) = 0.04
    expect(e.sd).toBeCloseTo(0.2, 12);
    expect(e.limit).toBeCloseTo(0.6, 12);
    e.push(1);
    expect(e.value).toBeCloseTo(0.36, 12);
    // σₑ(2)² = 0.2/1.8 · (1 − 0.8⁴) = 0.0656
    expect(e.sd).toBeCloseTo(Math.sqrt(0.0656), 12);
    expect(e.alarm).toBe(false);
    e.push(-1);
    expect(e.value).toBeCloseTo(0.088, 12);
    const f = new Ewma(0.2, 3);
    expect(f.push(5)).toBe(true); // 1.0 > 0.6
    expect(f.ratio).toBeCloseTo(1 / 0.6, 12);
  });

  it('variance collapse: only once its window has filled', () => {
    const v = new VarianceCollapse(0.5, 0.2);
    const alarms: boolean[] = [];
    for (let i = 0; i < 6; i++) alarms.push(v.push(0));
    // value 1/2, 1/4, … 1/64; n·λ ≥ 3 from the 6th sample
    expect(v.value).toBeCloseTo(1 / 64, 12);
    expect(alarms).toEqual([false, false, false, false, false, true]);
    const w = new VarianceCollapse(0.5, 0.2);
    for (let i = 0; i < 20; i++) w.push(i % 2 ? 1 : -1);
    expect(w.value).toBeCloseTo(1, 12);
    expect(w.alarm).toBe(false);
  });

  it('baseline: a running mean first, then exponentially weighted', () => {
    const b = new Baseline();
    b.learn(2, 0.1);
    expect([b.mean, b.var]).toEqual([2, 1]);
    b.learn(4, 0.1); // l = 1/2, d = 2: mean 3, var = ½(1 + ½·4) = 1.5
    expect(b.mean).toBeCloseTo(3, 12);
    expect(b.var).toBeCloseTo(1.5, 12);
    b.learn(3, 0.1); // l = 1/3, d = 0: var = ⅔·1.5
    expect(b.mean).toBeCloseTo(3, 12);
    expect(b.var).toBeCloseTo(1, 12);
    for (let i = 0; i < 20; i++) b.learn(3, 0.5);
    b.learn(5, 0.5); // l = max(1/24, 0.5): mean 4
    expect(b.mean).toBeCloseTo(4, 12);
  });
});
