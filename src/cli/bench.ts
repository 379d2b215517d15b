import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { parseArgs } from './args';
import { appFigures } from './benchApp';

// `npm run bench [-- --only PREFIX]`: one figure a line, `name: value unit`. Measures; asserts nothing.
const here = dirname(fileURLToPath(import.meta.url));
type Figure = [string, number, string];

async function bundleAndRun(entry: string): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'tanktwin-bench-'));
  try {
    const out = join(dir, 'bench.mjs');
    await build({
      entryPoints: [join(here, entry)],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: out,
      logLevel: 'warning',
      minify: true,
    });
    return JSON.parse(execFileSync(process.execPath, [out], { encoding: 'utf8' })) as Figure[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const suites: { prefix: string; run: () => Promise<Figure[]> }[] = [
  { prefix: 'sim', run: () => bundleAndRun('benchSim.ts') },
  { prefix: 'app', run: () => appFigures(join(here, '..', '..')) }, // also gives scene.*
];

async function main(): Promise<void> {
  const { values, error } = parseArgs(process.argv.slice(2), { only: 'value' });
  if (error) throw new Error(error);
  const only = (values.only as string | undefined) ?? '';
  for (const s of suites) {
    if (
      only &&
      !s.prefix.startsWith(only) &&
      !only.startsWith(s.prefix) &&
      !(s.prefix === 'app' && (only.startsWith('scene') || only.startsWith('xr')))
    )
      continue;
    for (const [name, value, unit] of await s.run()) {
      if (only && !name.startsWith(only)) continue;
      console.log(`${name}: ${+value.toPrecision(4)}${unit ? ' ' + unit : ''}`);
    }
  }
}

main().catch((e) => {
  console.error(`bench: ${(e as Error).message}`);
  process.exitCode = 1;
});
