import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from './args';
import { defaultPlantRaw } from '../sim/plant/default';
import { formatErrors, parsePlantText, parsePlant, PlantError } from '../sim/plant/load';
import { parseInitialConditions } from '../sim/initial';
import { buildModel } from '../sim/model';
import { Simulation, MAX_STABLE_DT_S } from '../sim/simulation';
import { tagMatcher } from '../sim/tags';
import { parseDuration } from '../sim/units';
import { parseScenario } from '../scenario/load';
import { parseActions, replayScenario, type ActionList } from '../scenario/replay';

const USAGE = `Usage: npm run sim -- [options]
  --plant FILE       plant file (default: the embedded default plant, models/default-plant.json)
  --initial FILE     initial conditions JSON (levels, temperatures, weather, pumps, set points)
  --duration D       simulated time, e.g. 3600, 90m, 24h, 2d (default 24h)
  --dt S             fixed step in seconds, 0 < dt ≤ ${MAX_STABLE_DT_S} (default: the plant's, 1 s)
  --every D          sampling interval (default 1h)
  --tags LIST        comma-separated tags or globs, e.g. 'TK-101.*,H-201.supply_temp' (default: all)
  --format csv|json  output format (default csv)
  --out FILE         write to FILE instead of standard output
  --seed N           random seed for noisy sensors (default 1)
  --list-tags        print every tag with its unit and description, then exit
  --scenario FILE    play a training scenario headless to its end and print the result as JSON
  --actions FILE     with --scenario: the trainee's timed actions, [{"t_s": 30, "command": {...}}, {"t_s": 60, "hint": true}]
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
  });
  if (error) throw new CliError(`${error}\n${USAGE}`);
  if (v.help) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  const plantPath = v.plant as string | undefined;
  const pr = plantPath ? parsePlantText(readFileText(plantPath)) : parsePlant(defaultPlantRaw);
  if (!pr.ok) throw new CliError(`plant file ${plantPath ?? '(default)'} is not valid:\n${formatErrors(pr.errors)}`);
  const model = buildModel(pr.value);
  let initial = {};
  if (v.initial) {
    const ir = parseInitialConditions(readJson(v.initial as string, 'initial-conditions'), model);
    if (!ir.ok) throw new CliError(`initial-conditions file ${v.initial} is not valid:\n${formatErrors(ir.errors)}`);
    initial = ir.value;
  }
  const duration = parseDuration((v.duration as string) ?? '24h');
  if (!(duration >= 0)) throw new CliError(`--duration "${v.duration}" is not a duration such as 3600, 90m, 24h or 2d`);
  const every = parseDuration((v.every as string) ?? '1h');
  if (!(every > 0)) throw new CliError(`--every "${v.every}" is not a positive duration`);
  const dt = v.dt === undefined ? pr.value.simulation.dt_s : Number(v.dt);
  if (!(dt > 0 && dt <= MAX_STABLE_DT_S))
    throw new CliError(`--dt "${v.dt}" must be a number of seconds, 0 < dt ≤ ${MAX_STABLE_DT_S}`);
  const format = (v.format as string) ?? 'csv';
  if (format !== 'csv' && format !== 'json') throw new CliError(`--format "${format}" must be csv or json`);
  const seed = v.seed === undefined ? 1 : Number(v.seed);
  if (!Number.isInteger(seed)) throw new CliError(`--seed "${v.seed}" must be an integer`);

  let sim: Simulation;
  try {
    sim = new Simulation(pr.value, { initial, dt_s: dt, seed });
  } catch (e) {
    if (e instanceof PlantError)
      throw new CliError(`plant file ${plantPath ?? '(default)'} is not valid:\n${formatErrors(e.errors)}`);
    throw e;
  }
  if (v['list-tags']) {
    const w = Math.max(...sim.tags.map((t) => t.name.length));
    const lines = sim.tags.map((t) => `${t.name.padEnd(w)}  ${t.unit.padEnd(6)}  ${t.description}`);
    emit(v.out as string | undefined, lines.join('\n') + '\n');
    return 0;
  }
  if (v.actions && !v.scenario) throw new CliError('--actions needs --scenario');
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
  const rows: number[][] = [];
  const sample = () => rows.push([sim.state.t_s, ...cols.map((c) => c.read(sim.state))]);
  sample();
  for (let t = every; t <= duration + 1e-9; t += every) {
    sim.runUntil(t);
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

function readFileText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new CliError(`cannot read plant file ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

function emit(out: string | undefined, text: string): void {
  if (out) writeFileSync(out, text);
  else process.stdout.write(text);
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`sim: ${e instanceof CliError ? e.message : (e as Error).stack}\n`);
  process.exitCode = e instanceof CliError ? 2 : 1;
}
