import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from '../node/args';
import { defaultPlantRaw } from '../sim/plant/default';
import { formatErrors, parsePlantText, parsePlant, PlantError } from '../sim/plant/load';
import { parseInitialConditions } from '../sim/initial';
import { buildModel } from '../sim/plantIndex';
import { Simulation, MAX_STABLE_DT_S } from '../sim/simulation';
import { tagMatcher } from '../sim/tags';
import { parseDuration } from '../sim/units';
import { parseScenario } from '../scenario/load';
import { parseActions, replayScenario, type ActionList } from '../scenario/replay';
import type { Command } from '../sim/commands';
import { verifyRecord } from '../records/verify';
import { migrateRecord } from '../records/schema';
import { compareCommand } from '../energy/compare';

/** Smallest step the CLI accepts: below it a day of plant time takes hours to compute. */
const MIN_DT_S = 0.01;
/** A run longer than this many steps is refused rather than left to run for hours. */
const MAX_STEPS = 1e8;

const USAGE = `Usage: npm run sim -- [options]
  --plant FILE       plant file (default: the embedded default plant, models/default-plant.json)
  --initial FILE     initial conditions JSON (levels, temperatures, weather, pumps, set points)
  --duration D       simulated time, e.g. 3600, 90m, 24h, 2d (default 24h)
  --dt S             fixed step in seconds, ${MIN_DT_S} ≤ dt ≤ ${MAX_STABLE_DT_S} (default: the plant's, 1 s)
  --every D          sampling interval (default 1h)
  --tags LIST        comma-separated tags or globs, e.g. 'TK-101.*,H-201.supply_temp' (default: all)
  --format csv|json  output format (default csv)
  --out FILE         write to FILE instead of standard output
  --seed N           random seed for noisy sensors (default 1)
  --list-tags        print every tag with its unit and description, then exit
  --scenario FILE    play a training scenario headless to its end and print the result as JSON
  --actions FILE     timed commands, [{"t_s": 30, "command": {...}}]: with --scenario the trainee's actions
                     (and {"t_s": 60, "hint": true}); without it they are applied to the plain run, e.g. to
                     inject a fault: [{"t_s": 0, "command": {"type": "injectFault", "fault": {...}}}]
  --verify RECORD    replay a training record (a run's JSON, as exported from the Records panel) and confirm
                     or refute its score; the scenario is scenarios/<id>.json unless --scenario names it.
                     Exit 0 confirmed, 3 refuted, 4 cannot be verified
  --compare LIST     heating strategies side by side over --week, e.g. pi,mpc (the first is the baseline):
                     fuel raw and corrected by the stored heat, heater starts, time outside each tank's band,
                     overshoot, loading misses; a table, or --format json (--dt: the week's step, default 10 s)
  --week FILE        the week to compare on, e.g. models/weeks/standard-week.json
  --help             this text`;

class CliError extends Error {}

function readJson(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new CliError(
      `cannot read ${what} file ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CliError(`${what} file ${path} is not valid JSON: ${(e as Error).message}`);
  }
}

// the embedded plant is parsed once: it does not change while the program runs
let defaultParsed: ReturnType<typeof parsePlant> | null = null;
const defaultPlantParsed = () => (defaultParsed ??= parsePlant(defaultPlantRaw));

export function main(argv: string[]): number {
  const { values: v, error } = parseArgs(argv, {
    plant: 'value',
    initial: 'value',
    duration: 'value',
    dt: 'value',
    every: 'value',
    tags: 'value',
    format: 'value',
    out: 'value',
    seed: 'value',
    'list-tags': 'bool',
    help: 'bool',
    scenario: 'value',
    actions: 'value',
    verify: 'value',
    compare: 'value',
    week: 'value',
  });
  if (error) throw new CliError(`${error}\n${USAGE}`);
  if (v.help) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  // the arguments are checked before the plant is read: a mistyped option answers at once
  const duration = parseDuration((v.duration as string) ?? '24h');
  if (!(duration >= 0)) throw new CliError(`--duration "${v.duration}" is not a duration such as 3600, 90m, 24h or 2d`);
  const every = parseDuration((v.every as string) ?? '1h');
  if (!(every > 0)) throw new CliError(`--every "${v.every}" is not a positive duration`);
  if (v.dt !== undefined && !(Number(v.dt) >= MIN_DT_S && Number(v.dt) <= MAX_STABLE_DT_S))
    throw new CliError(`--dt "${v.dt}" must be a number of seconds, ${MIN_DT_S} ≤ dt ≤ ${MAX_STABLE_DT_S}`);
  const format = (v.format as string) ?? 'csv';
  if (format !== 'csv' && format !== 'json') throw new CliError(`--format "${format}" must be csv or json`);
  const seed = v.seed === undefined ? 1 : Number(v.seed);
  if (!Number.isInteger(seed)) throw new CliError(`--seed "${v.seed}" must be an integer`);
  const plantPath = v.plant as string | undefined;
  const pr = plantPath ? parsePlantText(readFileText(plantPath)) : defaultPlantParsed();
  if (!pr.ok) throw new CliError(`plant file ${plantPath ?? '(default)'} is not valid:\n${formatErrors(pr.errors)}`);
  if (v.compare !== undefined || v.week !== undefined) return compare(v, pr.value, format);
  const model = buildModel(pr.value);
  let initial = {};
  if (v.initial) {
    const ir = parseInitialConditions(readJson(v.initial as string, 'initial-conditions'), model);
    if (!ir.ok) throw new CliError(`initial-conditions file ${v.initial} is not valid:\n${formatErrors(ir.errors)}`);
    initial = ir.value;
  }
  const dt = v.dt === undefined ? pr.value.simulation.dt_s : Number(v.dt);
  if (!(dt >= MIN_DT_S && dt <= MAX_STABLE_DT_S))
    throw new CliError(`--dt "${v.dt}" must be a number of seconds, ${MIN_DT_S} ≤ dt ≤ ${MAX_STABLE_DT_S}`);
  if (duration / dt > MAX_STEPS)
    throw new CliError(`--duration ${duration} s at --dt ${dt} s is over ${MAX_STEPS} steps; use a larger --dt`);
  if (duration / every > 1e6) throw new CliError(`--every "${v.every}" gives over a million rows; sample less often`);

  let sim: Simulation;
  try {
    sim = new Simulation(pr.value, { initial, dt_s: dt, seed });
  } catch (e) {
    if (e instanceof PlantError)
      throw new CliError(`plant file ${plantPath ?? '(default)'} is not valid:\n${formatErrors(e.errors)}`);
    throw e;
  }
  if (v.verify) return verify(v.verify as string, v.scenario as string | undefined, pr.value);
  if (v['list-tags']) {
    const w = Math.max(...sim.tags.map((t) => t.name.length));
    const lines = sim.tags.map((t) => `${t.name.padEnd(w)}  ${t.unit.padEnd(6)}  ${t.description}`);
    emit(v.out as string | undefined, lines.join('\n') + '\n');
    return 0;
  }
  if (v.scenario) {
    const sr = parseScenario(readJson(v.scenario as string, 'scenario'), sim.model, new Set(sim.tagIndex.keys()));
    if (!sr.ok) throw new CliError(`scenario file ${v.scenario} is not valid:\n${formatErrors(sr.errors)}`);
    let actions: ActionList = [];
    if (v.actions) {
      const ar = parseActions(readJson(v.actions as string, 'actions'));
      if (!ar.ok) throw new CliError(`actions file ${v.actions} is not valid:\n${formatErrors(ar.errors)}`);
      actions = ar.value;
    }
    const { result } = replayScenario(pr.value, sr.value, actions, seed);
    emit(v.out as string | undefined, JSON.stringify(result, null, 1) + '\n');
    return 0;
  }
  const match = v.tags ? tagMatcher(v.tags as string) : () => true;
  const cols = sim.tags.filter((t) => match(t.name));
  if (!cols.length) throw new CliError(`--tags "${v.tags}" matches no tag; see --list-tags`);
  const plan = v.actions ? readPlainActions(v.actions as string) : [];
  const rows: number[][] = [];
  const sample = () => rows.push([sim.state.t_s, ...cols.map((c) => c.read(sim.state))]);
  let next = 0;
  // apply every command due at or before plant time t, in file order for equal times
  const applyDue = (t: number) => {
    while (next < plan.length && plan[next].t_s <= t + 1e-9) {
      const { t_s, command, index } = plan[next++];
      sim.runUntil(t_s);
      const r = sim.command(command, 'instructor');
      if (!r.ok) process.stderr.write(`sim: actions[${index}] (${command.type}) at ${t_s} s refused: ${r.reason}\n`);
    }
  };
  applyDue(0);
  sample();
  for (let k = 1; k * every <= duration + 1e-9; k++) {
    const t = k * every;
    applyDue(t - 1e-6);
    sim.runUntil(t);
    applyDue(t);
    sample();
  }
  if (format === 'csv') {
    const head = ['time_s', ...cols.map((c) => c.name)].join(',');
    emit(
      v.out as string | undefined,
      [head, ...rows.map((r) => r.map((x) => +x.toPrecision(10)).join(','))].join('\n') + '\n',
    );
  } else {
    const out = {
      plant: pr.value.name,
      dt_s: dt,
      tags: cols.map((c) => ({ name: c.name, unit: c.unit, description: c.description })),
      rows: rows.map((r) => Object.fromEntries([['time_s', r[0]], ...cols.map((c, i) => [c.name, r[i + 1]])])),
      events: sim.state.events,
    };
    emit(v.out as string | undefined, JSON.stringify(out, null, 1) + '\n');
  }
  return 0;
}

/** --compare LIST --week FILE: the strategies run over the week, their figures side by side. */
function compare(v: Record<string, unknown>, plant: Parameters<typeof compareCommand>[3], format: string): number {
  if (typeof v.compare !== 'string' || typeof v.week !== 'string')
    throw new CliError(
      '--compare and --week go together, e.g. --compare pi,mpc --week models/weeks/standard-week.json',
    );
  const dt = v.dt === undefined ? undefined : Number(v.dt);
  const r = compareCommand(
    v.compare,
    readJson(v.week, 'week'),
    v.week,
    plant,
    format === 'json' ? 'json' : 'table',
    dt,
  );
  if (!r.ok) throw new CliError(r.message);
  emit(v.out as string | undefined, r.text);
  return 0;
}

/** --verify: each record in the file (one, or the Records panel's export, a list) replayed and judged. */
function verify(path: string, scenarioPath: string | undefined, plant: Parameters<typeof verifyRecord>[1]): number {
  const raw = readJson(path, 'record');
  const list = Array.isArray(raw) ? raw : [raw];
  if (!list.length) throw new CliError(`record file ${path} holds no record`);
  const codes = { confirmed: 0, refuted: 3, unverifiable: 4 } as const;
  let code = 0;
  const lines: string[] = [];
  for (const item of list) {
    let rec;
    try {
      rec = migrateRecord(item);
    } catch (e) {
      throw new CliError(`record file ${path}: ${(e as Error).message}`);
    }
    if (typeof rec.scenarioId !== 'string' || !Array.isArray(rec.events))
      throw new CliError(`record file ${path}: not a training record (no scenarioId or events)`);
    const sp = scenarioPath ?? `scenarios/${rec.scenarioId.replace(/[^a-z0-9-]/g, '')}.json`;
    let r;
    try {
      r = verifyRecord(rec, plant, readJson(sp, 'scenario'));
    } catch (e) {
      if (e instanceof CliError) throw e;
      r = { verdict: 'unverifiable' as const, message: `the record cannot be replayed: ${(e as Error).message}` };
    }
    lines.push(`${String(rec.runId)} ${rec.scenarioId} ${String(rec.trainee)}: ${r.verdict} — ${r.message}`);
    code = Math.max(code, codes[r.verdict]);
  }
  process.stdout.write(lines.join('\n') + '\n');
  return code;
}

/** Timed commands for a plain run, sorted by time (stable, so equal times keep file order). */
function readPlainActions(path: string): { t_s: number; command: Command; index: number }[] {
  const ar = parseActions(readJson(path, 'actions'));
  if (!ar.ok) throw new CliError(`actions file ${path} is not valid:\n${formatErrors(ar.errors)}`);
  const out: { t_s: number; command: Command; index: number }[] = [];
  ar.value.forEach((a, index) => {
    if ('hint' in a) throw new CliError(`actions file ${path}: [${index}].hint: hints need --scenario`);
    out.push({ t_s: a.t_s, command: a.command as Command, index });
  });
  return out.sort((a, b) => a.t_s - b.t_s || a.index - b.index);
}

function readFileText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new CliError(`cannot read plant file ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

function emit(out: string | undefined, text: string): void {
  if (!out) {
    process.stdout.write(text);
    return;
  }
  try {
    writeFileSync(out, text);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'EISDIR' ? 'it is a directory' : code === 'ENOENT' ? 'its folder does not exist' : code;
    throw new CliError(`--out ${out}: cannot write the output file (${why ?? (e as Error).message})`);
  }
}

export { CliError };

/** main() with its errors reported: 2 for a usage or input error (a message), 1 for a defect (a stack). */
export function run(argv: string[]): number {
  try {
    return main(argv);
  } catch (e) {
    process.stderr.write(`sim: ${e instanceof CliError ? e.message : (e as Error).stack}\n`);
    return e instanceof CliError ? 2 : 1;
  }
}

// run when started as the program (npm run sim), not when imported (tests call main in-process)
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href)
  process.exitCode = run(process.argv.slice(2));
