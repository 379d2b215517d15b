import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { firstDifference, fromCsv, GOLDEN_CASES, runGolden, toCsv } from '../golden/cases';

// Fresh runs of the default plant against the stored reference traces in test/golden/ (Modelica
// Buildings' reference-result practice). A difference means the model's behaviour changed: if the change
// was meant and reviewed, regenerate with `npm run golden` (test/golden/README.md).

const dir = join(import.meta.dirname, '..', 'golden');

describe('golden traces of the default plant', () => {
  for (const c of GOLDEN_CASES) {
    it(`${c.name}: a fresh run matches test/golden/${c.name}.csv to 1e-9`, () => {
      const stored = fromCsv(readFileSync(join(dir, `${c.name}.csv`), 'utf8'));
      // through the stored form, so the comparison sees exactly what regeneration would write
      const fresh = fromCsv(toCsv(runGolden(c)));
      const diff = firstDifference(stored, fresh);
      expect(diff, diff ?? '').toBeNull();
      expect(fresh.rows.length).toBe(Math.floor(c.duration_s / c.every_s) + 1);
    });
  }

  it('the comparison reports the first differing tag and time', () => {
    const stored = {
      tags: ['a', 'b'],
      rows: [
        [0, 1, 100],
        [60, 2, 200],
        [120, 3, 300],
      ],
    };
    const same = structuredClone(stored);
    same.rows[1][2] = 200 * (1 + 5e-10); // within 1e-9 relative
    expect(firstDifference(stored, same)).toBeNull();
    const off = structuredClone(stored);
    off.rows[2][1] = 3 + 1e-6;
    off.rows[1][2] = 200.001; // earlier in time: this one is reported
    expect(firstDifference(stored, off)).toMatch(/t = 60 s in b: stored 200, fresh 200.001/);
    expect(firstDifference(stored, { ...stored, tags: ['a', 'c'] })).toMatch(/tag list differs/);
    expect(firstDifference(stored, { ...stored, rows: stored.rows.slice(1) })).toMatch(/row count/);
  });
});
