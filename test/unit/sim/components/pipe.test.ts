import { describe, expect, it } from 'vitest';
import { frictionFactor, pressureDrop_bar, pressureDrop_Pa } from '../../../../src/sim/components/pipe';
import { density, viscosity } from '../../../../src/sim/props/bitumen';
import { oneTankPlant, sim } from '../../helpers';

describe('pipe friction factor', () => {
  it('laminar 64/Re; none at rest', () => {
    expect(frictionFactor(1000, 0)).toBeCloseTo(0.064, 15);
    expect(frictionFactor(0, 0)).toBe(0);
  });
  it('Swamee–Jain above 4000', () => {
    // smooth, Re 4000: 4000^0.9 = 1745.24 → log10(5.74/1745.24) = −2.48294 → 0.25/2.48294² = 0.040551
    expect(frictionFactor(4000, 0)).toBeCloseTo(0.0405515, 6);
    // ε/D 1e-3, Re 1e5: log10(1e-3/3.7 + 5.74·3.1623e-5) = log10(4.5178e-4) = −3.34507 → 0.022342
    expect(frictionFactor(1e5, 1e-3)).toBeCloseTo(0.0223424, 6);
  });
  it('linear between 2300 and 4000: Re 3150 is the midpoint of 64/2300 = 0.027826 and 0.040551', () => {
    expect(frictionFactor(3150, 0)).toBeCloseTo((64 / 2300 + 0.0405515) / 2, 6); // 0.034189
  });
});

describe('pipe pressure drop', () => {
  // D 0.1 m, v 1 m/s → Q = π·0.1²/4 = 7.854e-3 m³/s; ρ 1000, μ 1 Pa·s, L 100 m
  const D = 0.1;
  const q = (Math.PI * D * D) / 4;
  it('laminar: Re = 1000·1·0.1/1 = 100, f = 0.64, Δp = 0.64·(100/0.1)·1000·1²/2 = 320 000 Pa', () => {
    expect(pressureDrop_Pa(q, 100, D, 1000, 1, 1)).toBeCloseTo(320000, 6);
    // Hagen–Poiseuille: 128·μ·L·Q/(π·D⁴) = 128·1·100·(7.854e-3/3.1416e-4 = 25) = 320 000 ✓
    expect(pressureDrop_bar(q, 100, D, 1000, 1, 1)).toBeCloseTo(3.2, 12);
  });
  it('power law n = 0.5, K = 1: Metzner–Reed Re = √(0.1·8/1.25)·1000 = 800 → f 0.08 → 40 000 Pa', () => {
    // Re = ρ·v^1.5·D^0.5/(K·(2.5/2)^0.5·8^−0.5) = 1000·0.31623/(1.11803·0.35355) = 800
    expect(pressureDrop_Pa(q, 100, D, 1000, 1, 0.5)).toBeCloseTo(40000, 6);
  });
  it('no flow, no drop', () => {
    expect(pressureDrop_Pa(0, 100, D, 1000, 1, 1)).toBe(0);
  });
  it('PHYSICS.md §6: 100 m³/h of 60/70 in DN150 at 160 °C ≈ 0.25 bar per 100 m (Re ≈ 1800)', () => {
    // ρ(160) = 1030·(1 − 6.1e-4·135) = 945.2; μ(160) ≈ 0.12 Pa·s; v = 0.02778/0.017671 = 1.572 m/s;
    // Re = 945.2·1.572·0.15/0.12 = 1857 → f = 0.0345 → Δp = 0.0345·(100/0.15)·945.2·1.572²/2 = 0.268 bar
    const p = sim(oneTankPlant()).state.tanks[0].props; // TK-101 holds 60/70
    const mu = viscosity(p, 160);
    expect(mu).toBeCloseTo(0.12, 2);
    const dp = pressureDrop_bar(100 / 3600, 100, 0.15, density(p, 160), mu, 1);
    expect(dp).toBeGreaterThan(0.25 * 0.9);
    expect(dp).toBeLessThan(0.25 * 1.15); // the sheet rounds; the fit's μ(160) sits a little above 0.12
  });
});
