import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GOLDEN_CASES, runGolden, toCsv } from '../../test/golden/cases';

// `npm run golden`: regenerate the stored reference traces in test/golden/ on purpose, after a reviewed
// change of the model (see test/golden/README.md). Prints each file with its size and run time.
const dir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'test', 'golden');
for (const c of GOLDEN_CASES) {
  const t0 = performance.now();
  const text = toCsv(runGolden(c));
  const path = join(dir, `${c.name}.csv`);
  writeFileSync(path, text);
  const ms = performance.now() - t0;
  console.log(`${path}: ${(text.length / 1024).toFixed(1)} kB, ${(ms / 1000).toFixed(1)} s`);
}
