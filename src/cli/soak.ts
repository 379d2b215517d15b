// npm run soak: the plant left unattended with every fault kind in turn, then all at once, for 30 plant
// days at dt 1 and dt 10, each tag checked against its physical range and the mass and energy accounts
// closed; prints a table. `--fuzz N` instead runs N extreme plant files (refused with a path, or finite).
// Cases run in child processes, `--jobs` at a time.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from '../node/args';
import { defaultPlant } from '../sim/plant/default';
import { faultCases } from './soak/faultCases';
import { soak, type SoakResult } from './soak/soakRun';
import { fuzzPlants } from './soak/plantFuzz';

const FLAGS = {
  days: 'value',
  dt: 'value',
  only: 'value',
  jobs: 'value',
  fuzz: 'value',
  seed: 'value',
  case: 'value',
  help: 'bool',
} as const;
const USAGE = `npm run soak -- [--days 30] [--dt 1,10] [--only KIND] [--jobs 2] | --fuzz N [--seed S]`;
/** The balances must close to this share of what moved. */
const BALANCE_REL = 1e-6;

interface Case {
  name: string;
  dt_s: number;
}

function casesFor(only: string | undefined, dts: number[]): Case[] {
  const names = [...faultCases(defaultPlant()).map((f) => f.kind), 'all', 'all but power'];
  return dts.flatMap((dt_s) => names.filter((n) => !only || n === only).map((name) => ({ name, dt_s })));
}

function runCase(name: string, dt_s: number, days: number): SoakResult {
  const plant = defaultPlant();
  const all = faultCases(plant, true);
  const faults =
    name === 'all'
      ? all
      : name === 'all but power'
        ? all.filter((f) => f.kind !== 'powerFailure')
        : faultCases(plant).filter((f) => f.kind === name);
  return soak(plant, { days, dt_s, faults, checkEvery_s: 300 });
}

function child(c: Case, days: number): Promise<SoakResult> {
  const script = fileURLToPath(import.meta.url);
  const args = [...process.execArgv, script, '--case', c.name, '--dt', String(c.dt_s), '--days', String(days)];
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.on('close', (code) => (code === 0 ? resolve(JSON.parse(out) as SoakResult) : reject(new Error(`${c.name}`))));
  });
}

const e = (x: number) => x.toExponential(1);

function row(c: Case, r: SoakResult): string {
  const first = r.offenders[0];
  const off = first ? `${first.tag}=${first.value.toPrecision(4)} at ${(first.t_s / 3600).toFixed(1)} h` : '-';
  const ok = r.finite && !first && r.mass.rel < BALANCE_REL && r.energy.rel < BALANCE_REL;
  return [
    c.name.padEnd(20),
    String(c.dt_s).padStart(3),
    (r.finite ? 'yes' : 'NO').padEnd(6),
    String(r.offenders.length).padStart(4),
    e(r.mass.rel).padStart(9),
    e(r.mass.throughput_kg).padStart(9),
    e(r.energy.rel).padStart(9),
    e(r.energy.throughput_J).padStart(9),
    r.wall_s.toFixed(0).padStart(6),
    ok ? 'ok  ' : 'FAIL',
    off,
  ].join(' ');
}

async function main(): Promise<number> {
  const { values: v, error } = parseArgs(process.argv.slice(2), FLAGS);
  if (error || v.help) {
    process.stderr.write(`${error ?? ''}\n${USAGE}\n`);
    return error ? 2 : 0;
  }
  const days = Number(v.days ?? 30);
  if (typeof v.case === 'string') {
    process.stdout.write(JSON.stringify(runCase(v.case, Number(v.dt), days)));
    return 0;
  }
  if (typeof v.fuzz === 'string') {
    const r = fuzzPlants(Number(v.fuzz), Number(v.seed ?? 1));
    process.stdout.write(`${JSON.stringify({ ...r, failures: r.failures.slice(0, 20) }, null, 1)}\n`);
    return r.failures.length ? 1 : 0;
  }
  const dts = String(v.dt ?? '1,10')
    .split(',')
    .map(Number);
  const cases = casesFor(typeof v.only === 'string' ? v.only : undefined, dts);
  if (!cases.length) {
    process.stderr.write(`no fault kind ${String(v.only)}\n`);
    return 2;
  }
  process.stdout.write(`${'case'.padEnd(20)}  dt finite  off  mass rel  mass kg  energy rel  energy J  wall_s\n`);
  let failed = 0;
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const c = cases[next++];
      const r = await child(c, days);
      const line = row(c, r);
      if (line.includes(' FAIL ')) failed++;
      process.stdout.write(`${line}\n`);
      for (const o of r.offenders.slice(1, 6))
        process.stdout.write(`${''.padEnd(26)}${o.tag}=${o.value.toPrecision(4)} at ${(o.t_s / 3600).toFixed(1)} h\n`);
    }
  };
  await Promise.all(Array.from({ length: Number(v.jobs ?? 2) }, worker));
  process.stdout.write(failed ? `${failed} case(s) failed\n` : `all ${cases.length} cases held for ${days} days\n`);
  return failed ? 1 : 0;
}

main().then((code) => process.exit(code));
