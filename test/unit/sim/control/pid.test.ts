import { describe, expect, it } from 'vitest';
import { piStep, piTrack, ramp } from '../../../../src/sim/control/pid';

describe('PI controller', () => {
  const tune = { kp: 0.02, ti_s: 100 };
  it('one step in the linear range: P + I by hand', () => {
    // e = 160 − 150 = 10; P = 0.02·10 = 0.2; I = 0.2 + 0.02·10·10/100 = 0.22; out = 0.42
    const mem = { integral: 0.2, output_frac: 0 };
    expect(piStep(mem, tune, 160, 150, 0, 10)).toBeCloseTo(0.42, 12);
    expect(mem.integral).toBeCloseTo(0.22, 12);
    expect(mem.output_frac).toBeCloseTo(0.42, 12);
  });
  it('the bias is added to the output', () => {
    const mem = { integral: 0.2, output_frac: 0 };
    expect(piStep(mem, tune, 160, 150, 0.1, 10)).toBeCloseTo(0.52, 12);
  });
  it('holds the integral while saturated in the direction of the error (anti-windup)', () => {
    // kp 0.1: P = 1, candidate I = 0.2 + 0.1·10·10/100 = 0.3, raw 1.3 > 1 with e > 0 → I stays 0.2, out 1
    const hi = { integral: 0.2, output_frac: 0 };
    expect(piStep(hi, { kp: 0.1, ti_s: 100 }, 160, 150, 0, 10)).toBe(1);
    expect(hi.integral).toBe(0.2);
    // pv 170: P = −1, candidate 0.1, raw −0.9 < 0 with e < 0 → I stays 0.2, out 0
    const lo = { integral: 0.2, output_frac: 0 };
    expect(piStep(lo, { kp: 0.1, ti_s: 100 }, 160, 170, 0, 10)).toBe(0);
    expect(lo.integral).toBe(0.2);
  });
  it('integrates out of saturation when the error reverses', () => {
    // I 1.5, e = −1: P = −0.1, candidate 1.5 − 0.1·1·10/100 = 1.49; raw 1.39 > 1 but e < 0 → integrate
    const mem = { integral: 1.5, output_frac: 1 };
    expect(piStep(mem, { kp: 0.1, ti_s: 100 }, 160, 161, 0, 10)).toBe(1);
    expect(mem.integral).toBeCloseTo(1.49, 12);
  });
  it('bumpless transfer: the integral is back-calculated from the current output', () => {
    // output 0.5, P = 0.02·10 = 0.2, bias 0.1 → I = 0.5 − 0.2 − 0.1 = 0.2; the next step (dt 0) gives 0.5
    const mem = { integral: 0, output_frac: 0.5 };
    piTrack(mem, tune, 160, 150, 0.1);
    expect(mem.integral).toBeCloseTo(0.2, 12);
    expect(piStep(mem, tune, 160, 150, 0.1, 0)).toBeCloseTo(0.5, 12);
  });
  it('ramps a set point at most rate·dt per step', () => {
    expect(ramp(100, 110, 0.5, 4)).toBe(102);
    expect(ramp(100, 90, 0.5, 4)).toBe(98);
    expect(ramp(100, 101, 0.5, 4)).toBe(101); // within one step: lands on the target
  });
});
