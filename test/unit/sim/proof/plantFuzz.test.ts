import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { defaultPlantRaw } from '../../../../src/sim/plant/default';
import { parsePlant } from '../../../../src/sim/plant/load';
import { numericFields, setAt, tryPlant } from '../../../../src/cli/soak/plantFuzz';

// Plant files at their extremes: numeric fields of the default plant replaced by the tiniest, largest and
// boundary values the schema allows. Each is refused with a field path, or runs with every tag finite.
// 1,000 cases of two plant minutes at dt 10 (the longest step any plant must take, sub-stepped as it
// needs); `npm run soak -- --fuzz N` runs each for 2 h at the plant's own step.

const CASES = 1000;
const fields = numericFields();

describe('plant files with extreme values', () => {
  it('knows the extremes of every numeric field of the plant, from its schema', () => {
    expect(fields.length).toBeGreaterThan(500);
    const dia = fields.find((f) => f.path.join('.') === 'tanks.0.diameter_m')!;
    expect(dia.extremes).toEqual(expect.arrayContaining([2, 100]));
    expect(Math.min(...dia.extremes)).toBe(2);
    // an integer field keeps to integers, a bounded one to its bounds
    const layers = fields.find((f) => f.path.join('.') === 'simulation.layers')!;
    expect(layers.extremes.every((v) => Number.isInteger(v))).toBe(true);
    expect(parsePlant(setAt(defaultPlantRaw, layers.path, Math.max(...layers.extremes))).ok).toBe(true);
  });

  it('refuses with a path the values that broke the model', () => {
    const refused = (path: string, v: number) =>
      tryPlant(
        setAt(
          defaultPlantRaw,
          path.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k)),
          v,
        ),
        60,
        6,
        10,
      );
    expect(refused('tanks.0.roof.steelThickness_m', 1e-6)).toEqual({
      kind: 'refused',
      paths: ['tanks[0].roof.steelThickness_m'],
    });
    expect(refused('tanks.0.roof.vapourFilm_W_m2K', 1e6)).toMatchObject({ paths: ['tanks[0].roof.vapourFilm_W_m2K'] });
    expect(refused('tanks.4.coil.od_m', Number.MAX_VALUE)).toMatchObject({ paths: ['tanks[4].coil.od_m'] });
    expect(refused('products.1.viscosity.B', -1e-3)).toMatchObject({ paths: ['products[1].viscosity'] });
    expect(refused('hotOil.expansionTank.diameter_m', 5e-324)).toMatchObject({
      paths: ['hotOil.expansionTank.diameter_m'],
    });
    expect(refused('hotOil.loopLossUA_W_K', 1e300)).toMatchObject({ paths: ['hotOil.loopLossUA_W_K'] });
    expect(refused('tanks.0.roof.steelThickness_m', 0.006)).toEqual({ kind: 'ran' });
  });

  it(`${CASES} plants with one to three extreme fields: refused with a path, or finite`, () => {
    const edit = fc.record({ f: fc.nat(fields.length - 1), v: fc.nat(1000) });
    let refused = 0;
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
        let raw = defaultPlantRaw;
        for (const { f, v } of edits)
          raw = setAt(raw, fields[f].path, fields[f].extremes[v % fields[f].extremes.length]);
        const o = tryPlant(raw, 120, 12, 10);
        if (o.kind === 'failure') throw new Error(o.why);
        if (o.kind === 'refused') refused++;
      }),
      { numRuns: CASES, seed: 20261129 },
    );
    expect(refused).toBeGreaterThan(CASES / 20); // the extremes really reach the loader's checks
  }, 600_000);
});
