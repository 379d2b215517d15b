import { describe, expect, it } from 'vitest';
import { gearPumpPoint, volumetricEfficiency, type GearPumpPoint } from '../../../../src/sim/components/gearPump';

describe('gear pump volumetric efficiency', () => {
  it('slip = c·(Δp/relief)·√(0.1/μ), η = 1 − slip, clamped to 0.3–0.99', () => {
    expect(volumetricEfficiency(0.1, 5e5, 1e6, 0.1)).toBeCloseTo(0.95, 12); // 0.1·0.5·1 = 0.05
    expect(volumetricEfficiency(0.1, 5e5, 1e6, 0.4)).toBeCloseTo(0.975, 12); // √(0.25) = 0.5 → 0.025
    expect(volumetricEfficiency(0.1, 0, 1e6, 0.1)).toBe(0.99); // no slip: the cap
    expect(volumetricEfficiency(10, 1e6, 1e6, 0.1)).toBe(0.3); // slip 10: the floor
  });
});

describe('gear pump operating point', () => {
  // displacement 1 L/rev at 600 rpm → Q_th = 1e-3·600/60 = 0.01 m³/s; slip coefficient 0.1; relief 10 bar; μ 0.1
  const out: GearPumpPoint = { q_m3_s: 0, dp_Pa: 0, relief: false };
  it('below the relief setting: Q = Q_th·η at the line Δp of Q_th', () => {
    // line 2e4·Q² bar: Δp(Q_th) = 2 bar → η = 1 − 0.1·0.2 = 0.98 → Q = 0.0098 → Δp = 2e4·0.0098² = 1.9208 bar
    gearPumpPoint(1e-3, 600, 0.1, 1e6, 0.1, (q) => 2e9 * q * q, out);
    expect(out.q_m3_s).toBeCloseTo(0.0098, 12);
    expect(out.dp_Pa / 1e5).toBeCloseTo(1.9208, 12);
    expect(out.relief).toBe(false);
  });
  it('above it the relief passes and the line takes the flow whose Δp is the setting', () => {
    // line 2e5·Q²: Δp(Q_th) = 20 bar → η at 10 bar = 0.9 → Q = 0.009 → 16.2 bar > 10: relief;
    // 2e5·Q² = 10 → Q = √5e-5 = 0.0070711 m³/s (bisection of 0.009 over 30 halvings: to 8e-12)
    gearPumpPoint(1e-3, 600, 0.1, 1e6, 0.1, (q) => 2e10 * q * q, out);
    expect(out.relief).toBe(true);
    expect(out.dp_Pa).toBe(1e6);
    expect(out.q_m3_s).toBeCloseTo(Math.sqrt(5e-5), 10);
  });
  it('stopped: no flow, no Δp', () => {
    gearPumpPoint(1e-3, 0, 0.1, 1e6, 0.1, (q) => 2e9 * q * q, out);
    expect(out).toEqual({ q_m3_s: 0, dp_Pa: 0, relief: false });
  });
});
