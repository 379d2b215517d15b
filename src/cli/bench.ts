import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { parseArgs } from '../node/args';
import { appFigures } from './benchApp';
import { sessionFigures } from './benchSession';
import { bridgeFigures } from './benchBridge';
import { historianFigures } from './benchHistorian';
import { createWorkerApi } from '../worker/api';
import { defaultPlantRaw } from '../sim/plant/default';
import { H } from '../protocol/frame';
import { targetNote } from './benchTargets';

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

/**
 * The worker loop on its real timer: 1 s of wall time at 10×. Plant time over (speed × wall) near 1 says
 * the loop keeps pace; frame rate ≥ 20 Hz is what the page needs. Measured here, not asserted in a test.
 */
async function workerFigures(): Promise<Figure[]> {
  const api = createWorkerApi();
  let frames = 0;
  let plant_s = 0;
  api.subscribe((f) => {
    frames++;
    plant_s = f.values[H.t_s];
  });
  // the API starts its 60 Hz timer in init() and never stops it: keep the handle so the bench can exit
  const realSetInterval = globalThis.setInterval;
  let timer: ReturnType<typeof setInterval> | undefined;
  globalThis.setInterval = ((fn: () => void, ms?: number) => (timer = realSetInterval(fn, ms))) as typeof setInterval;
  let r;
  try {
    r = await api.init(defaultPlantRaw, { physics: false });
  } finally {
    globalThis.setInterval = realSetInterval;
  }
  if (!r.ok) throw new Error(r.message);
  const speed = 10;
  api.setSpeed(speed);
  const t0 = performance.now();
  api.play();
  await new Promise((res) => setTimeout(res, 1000));
  api.pause();
  const wall_s = (performance.now() - t0) / 1000;
  clearInterval(timer);
  return [
    ['worker.realtime_ratio', plant_s / (speed * wall_s), ''],
    ['worker.frame_hz', frames / wall_s, 'Hz'],
  ];
}

const suites: { prefix: string; run: () => Promise<Figure[]> }[] = [
  { prefix: 'sim', run: () => bundleAndRun('benchSim.ts') },
  { prefix: 'worker', run: workerFigures },
  { prefix: 'app', run: () => appFigures(join(here, '..', '..')) }, // also gives scene.*
  { prefix: 'session', run: sessionFigures },
  { prefix: 'bridge', run: bridgeFigures },
  { prefix: 'historian', run: historianFigures },
  { prefix: 'estimate', run: () => bundleAndRun('benchEstimate.ts') },
  { prefix: 'rootcause', run: () => bundleAndRun('benchRootCause.ts') },
  { prefix: 'control', run: () => bundleAndRun('benchWeek.ts') }, // control.fuel_saved_pct and the week's figures
  { prefix: 'control', run: () => bundleAndRun('benchControl.ts') }, // control.mpc_step_ms: one farm decision
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
      console.log(`${name}: ${+value.toPrecision(4)}${unit ? ' ' + unit : ''}${targetNote(name, value)}`);
    }
  }
}

main().catch((e) => {
  console.error(`bench: ${(e as Error).message}`);
  process.exitCode = 1;
});
