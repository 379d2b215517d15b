import { describe, expect, it } from 'vitest';
import { parsePlant } from '../../../src/sim/plant/load';
import { plantCopy } from '../helpers';
import {
  checkSpec,
  specWindow,
  temperatureForViscosity_C,
  waltherViscosity_Pa_s,
} from '../../../src/productQuality/spec';
import { viscosity } from '../../../src/sim/props/bitumen';
import { productProps } from '../../../src/sim/plantIndex';

describe('product specs in the plant data', () => {
  it('the default plant gives its paving grades and PMA a loading spec; 60/70 loads at 150–180 °C', () => {
    const p = plantCopy();
    expect(parsePlant(p).ok).toBe(true);
    const ac = p.products.find((x) => x.id === 'AC60/70')!;
    expect(ac.spec?.loadingTemp_C).toEqual({ min: 150, max: 180 });
    expect(p.products.filter((x) => x.spec).map((x) => x.id)).toEqual(['AC60/70', 'AC40/50', 'PMA']);
  });
  it('a bad spec is reported by path: a band upside down, a negative viscosity, a misspelt field', () => {
    const p = plantCopy() as unknown as { products: { spec: Record<string, Record<string, number>> }[] };
    p.products[0].spec.loadingTemp_C = { min: 180, max: 150 };
    p.products[1].spec.viscosity_Pa_s.min = -0.1;
    p.products[2].spec.loadingTemp = { min: 1, max: 2 };
    const r = parsePlant(p);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const paths = r.errors.map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'products[0].spec.loadingTemp_C.max',
        'products[1].spec.viscosity_Pa_s.min',
        'products[2].spec',
      ]),
    );
    expect(r.errors.find((e) => e.path === 'products[0].spec.loadingTemp_C.max')!.message).toMatch(/below max/);
    expect(r.errors.find((e) => e.path === 'products[2].spec')!.message).toMatch(/loadingTemp/);
  });
});

describe('the spec window', () => {
  const ac = plantCopy().products[0];
  it('the Walther viscosity here is the model own, and its inverse gives the temperature back', () => {
    for (const t of [60, 135, 150, 180]) {
      expect(waltherViscosity_Pa_s(ac.viscosity, t)).toBeCloseTo(viscosity(productProps(ac), t), 12);
      expect(temperatureForViscosity_C(ac.viscosity, waltherViscosity_Pa_s(ac.viscosity, t))).toBeCloseTo(t, 8);
    }
    // PHYSICS.md §1: 0.38 Pa·s at 135 °C, 0.19 at 150 °C
    expect(waltherViscosity_Pa_s(ac.viscosity, 135)).toBeCloseTo(0.38, 2);
  });
  it('the viscosity band narrows the temperature band where it is the tighter one', () => {
    const w = specWindow(
      { loadingTemp_C: { min: 140, max: 180 }, viscosity_Pa_s: { min: 0.05, max: 0.2 } },
      ac.viscosity,
    );
    // 0.2 Pa·s is reached at about 148 °C, so too viscous below that; 0.05 Pa·s lies above 180 °C
    expect(w.minBy).toBe('viscosity');
    expect(w.min_C).toBeGreaterThan(147);
    expect(w.min_C).toBeLessThan(150);
    expect(w).toMatchObject({ max_C: 180, maxBy: 'temperature' });
  });
  it('checks a temperature with its margin: in spec, too cold, too hot, and no spec', () => {
    expect(checkSpec(ac, 160)).toMatchObject({ status: 'ok', margin_K: 10 });
    const cold = checkSpec(ac, 147);
    expect(cold.status).toBe('low');
    expect(cold.margin_K).toBeCloseTo(-3, 9);
    expect(cold.reason).toMatch(/150 °C/);
    expect(checkSpec(ac, 185)).toMatchObject({ status: 'high', margin_K: -5 });
    const slop = plantCopy().products.find((x) => x.id === 'SLOP')!;
    expect(checkSpec(slop, 100).status).toBe('unknown');
  });
});
