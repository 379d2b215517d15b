import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { plantCopy } from '../helpers';
import { nextGaussian } from '../../../src/sim/rng';
import { density } from '../../../src/sim/props/bitumen';
import { productProps } from '../../../src/sim/plantIndex';
import { parseLimsCsv, type LimsSample } from '../../../src/productQuality/limsCsv';
import { correctedPlant, fitProducts, fittedViscosity, fitWalther, t975 } from '../../../src/productQuality/waltherFit';
import { waltherViscosity_Pa_s } from '../../../src/productQuality/spec';

const plant = plantCopy();
const TRUE = { A: 9.6722, B: -3.547 }; // the 60/70 of PHYSICS.md §1
const WRONG = { A: 9.8198, B: -3.596 }; // the 40/50's: ~1.3× too viscous at 135 °C

/** Lab samples of 60/70 at the usual test temperatures, with 3 % (1 σ) multiplicative noise, seeded. */
function samples(seed: number, truth = TRUE, temps = [60, 60, 100, 120, 135, 135, 150, 160]): LimsSample[] {
  const rng = { rng: seed };
  return temps.map((t, k) => ({
    line: k + 2,
    tank: 'TK-101',
    product: 'AC60/70',
    time_ms: 0,
    temp_C: t,
    viscosity_Pa_s: waltherViscosity_Pa_s(truth, t) * Math.exp(0.03 * nextGaussian(rng)),
  }));
}

describe('LIMS viscosity fit', () => {
  it('recovers known A and B from noisy samples from a wrong start, its 95 % intervals covering the truth', () => {
    let inA = 0;
    let inB = 0;
    let inEta = 0;
    const trials = 200;
    for (let seed = 1; seed <= trials; seed++) {
      const f = fitWalther('AC60/70', WRONG, samples(seed));
      expect(f.fixedB).toBe(false);
      expect(f.n).toBe(8);
      expect(f.rmsLnAfter).toBeLessThan(0.06);
      expect(f.rmsLnBefore).toBeGreaterThan(0.2);
      expect(f.corrAB).toBeLessThan(-0.99); // A and B trade off over a lab's temperature range
      expect(f.ci95A).toBeCloseTo(2.447 * f.sdA, 12); // t on 6 degrees of freedom
      if (Math.abs(f.A - TRUE.A) < f.ci95A) inA++;
      if (Math.abs(f.B - TRUE.B) < f.ci95B) inB++;
      // the viscosity it predicts at the loading temperature is the truth within 5 % (it was 30 % off)
      const v = fittedViscosity(f, 160);
      const truth = waltherViscosity_Pa_s(TRUE, 160);
      if (Math.abs(v.eta_Pa_s - truth) < t975(6) * v.sd_Pa_s) inEta++;
      expect(Math.abs(v.eta_Pa_s / truth - 1)).toBeLessThan(0.05);
      expect(Math.abs(waltherViscosity_Pa_s(WRONG, 160) / truth - 1)).toBeGreaterThan(0.2);
    }
    // stated uncertainty that is right covers ~95 %; σ understated by a third would cover ~80 %, overstated ~100 %
    for (const k of [inA, inB, inEta]) {
      expect(k / trials).toBeGreaterThan(0.9);
      expect(k / trials).toBeLessThan(0.99);
    }
  });

  it('noise-free samples give A and B back exactly, and a tighter σ than noisy ones', () => {
    const clean = samples(1).map((s) => ({ ...s, viscosity_Pa_s: waltherViscosity_Pa_s(TRUE, s.temp_C) }));
    const f = fitWalther('AC60/70', WRONG, clean);
    expect(f.A).toBeCloseTo(TRUE.A, 8);
    expect(f.B).toBeCloseTo(TRUE.B, 8);
    expect(f.sdA).toBeLessThan(1e-6);
  });

  it('samples at one temperature correct the level only: B is held, A moves the curve through them', () => {
    const f = fitWalther('AC60/70', WRONG, samples(3, TRUE, [135, 135, 135, 135]));
    expect(f.fixedB).toBe(true);
    expect(f.B).toBe(WRONG.B);
    expect(Number.isNaN(f.sdB)).toBe(true);
    const v = fittedViscosity(f, 135);
    expect(Math.abs(v.eta_Pa_s / waltherViscosity_Pa_s(TRUE, 135) - 1)).toBeLessThan(0.05);
    expect(v.sd_Pa_s).toBeGreaterThan(0);
  });

  it('writes the corrected product into a plant copy, leaving the original alone', () => {
    const p = plantCopy();
    p.products[0].viscosity = { ...WRONG };
    const fits = fitProducts(p, samples(5));
    expect(fits.map((f) => f.product)).toEqual(['AC60/70']);
    const r = correctedPlant(p, fits);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.products[0].viscosity).toEqual({ A: fits[0].A, B: fits[0].B });
    expect(p.products[0].viscosity).toEqual(WRONG);
    expect(r.value.products[1]).toEqual(p.products[1]);
  });
});

describe('LIMS CSV import', () => {
  it('reads dynamic and kinematic viscosities in the units labs use, and keeps other properties', () => {
    const csv = [
      'tank,time,property,value,temp_C,unit',
      'TK-101,2026-11-30T08:00:00Z,viscosity,0.38,135,Pa.s',
      'TK-101,2026-11-30T08:00:00Z,viscosity@60,200,,Pa·s',
      'TK-102,2026-11-30T09:00:00Z,viscosity,380,135,mPa.s',
      'TK-104,2026-11-30T09:00:00Z,kinematic_viscosity,370,135,cSt',
      'TK-108,2026-11-30T09:00:00Z,viscosity_160C,7.5,,P',
      'TK-101,2026-11-30T08:00:00Z,penetration,65,25,dmm',
    ].join('\n');
    const r = parseLimsCsv(csv, plant);
    expect(r.errors).toEqual([]);
    expect(r.samples.map((s) => [s.line, s.tank, s.product, s.temp_C])).toEqual([
      [2, 'TK-101', 'AC60/70', 135],
      [3, 'TK-101', 'AC60/70', 60],
      [4, 'TK-102', 'AC60/70', 135],
      [5, 'TK-104', 'AC40/50', 135],
      [6, 'TK-108', 'PMA', 160],
    ]);
    expect(r.samples[0].viscosity_Pa_s).toBe(0.38);
    expect(r.samples[2].viscosity_Pa_s).toBeCloseTo(0.38, 12);
    // ν·ρ(135 °C) with the 40/50's density
    const rho = density(productProps(plant.products[1]), 135);
    expect(r.samples[3].viscosity_Pa_s).toBeCloseTo(370e-6 * rho, 12);
    expect(r.samples[4].viscosity_Pa_s).toBeCloseTo(0.75, 12);
    expect(r.other).toEqual([{ line: 7, tank: 'TK-101', property: 'penetration', value: 65 }]);
  });

  it('names each bad row by line and column, keeps the good ones, and never throws', () => {
    const csv = [
      'tank;time;property;value;temp_C;unit',
      'TK-101;2026-11-30T08:00:00Z;viscosity;0,38;135;Pa.s', // decimal comma: good
      'TK-199;2026-11-30T08:00:00Z;viscosity;0.38;135;Pa.s',
      'TK-101;yesterday;viscosity;0.38;135;Pa.s',
      'TK-101;2026-11-30T08:00:00Z;viscosity;n/a;135;Pa.s',
      'TK-101;2026-11-30T08:00:00Z;viscosity;0.38;;Pa.s',
      'TK-101;2026-11-30T08:00:00Z;viscosity;-1;135;Pa.s',
      'TK-101;2026-11-30T08:00:00Z;viscosity;0.38;135;furlongs',
      'TK-101;2026-11-30T08:00:00Z;kinematic_viscosity;0.38;135;Pa.s',
      'TK-101;2026-11-30T08:00:00Z;;0.38;135;Pa.s',
      'TK-101;"2026-11-30T08:00:00Z"', // short row
    ].join('\r\n');
    const r = parseLimsCsv(csv, plant);
    expect(r.samples.map((s) => s.line)).toEqual([2]);
    expect(r.samples[0].viscosity_Pa_s).toBeCloseTo(0.38, 12);
    expect(r.errors.map((e) => e.path)).toEqual([
      'line 3, column tank',
      'line 4, column time',
      'line 5, column value',
      'line 6, column temp_c',
      'line 7, column value',
      'line 8, column unit',
      'line 9, column unit',
      'line 10, column property',
      'line 11, column value',
    ]);
    expect(r.errors[0].message).toMatch(/unknown tank "TK-199"/);
    expect(parseLimsCsv('tank,when,value\nTK-101,x,1', plant).errors.map((e) => e.path)).toEqual([
      'line 1, column time',
      'line 1, column property',
    ]);
    for (const junk of ['', '\n\n', 'tank,time,property,value\n",,,"', '\u0000\u0001', 'a'.repeat(1000)])
      expect(() => parseLimsCsv(junk, plant)).not.toThrow();
  });
});

describe('the example LIMS export', () => {
  it('reads cleanly and stiffens the 60/70 as its samples say, with no σ claimed where the data give none', () => {
    const r = parseLimsCsv(readFileSync('models/lims/example.csv', 'utf8'), plant);
    expect(r.errors).toEqual([]);
    expect(r.samples).toHaveLength(8);
    expect(r.other.map((o) => o.property)).toEqual(['penetration']);
    const fits = fitProducts(plant, r.samples);
    expect(fits.map((f) => [f.product, f.n, f.fixedB])).toEqual([
      ['AC60/70', 5, false],
      ['AC40/50', 1, true],
      ['PMA', 2, true],
    ]);
    const ac = fits[0];
    expect(ac.rmsLnAfter).toBeLessThan(ac.rmsLnBefore / 3);
    // stiffer than the data sheet at the loading temperature: the spec's 0.2 Pa·s is reached at a higher temperature
    expect(waltherViscosity_Pa_s(ac, 150)).toBeGreaterThan(waltherViscosity_Pa_s(plant.products[0].viscosity, 150));
    expect(Number.isNaN(fits[1].sdA)).toBe(true); // one sample: A through it, its σ unknown
    expect(fits[1].rmsLnAfter).toBeLessThan(1e-9);
  });
});
