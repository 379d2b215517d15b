import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from '../node/args';
import { defaultPlant } from '../sim/plant/default';
import { formatErrors, parsePlantText, type FieldError } from '../sim/plant/load';
import type { PlantData } from '../sim/plant/schema';
import { Simulation } from '../sim/simulation';
import { parseInitialConditions } from '../sim/initial';
import { checkSnapshot } from '../sim/snapshot';
import type { SimState } from '../sim/state';
import { parseSchedule } from '../productQuality/schedule';
import { parseScheduleCsv } from '../productQuality/scheduleCsv';
import { parseWeatherText, weatherOnPlantTime } from '../energy/weatherForecast';
import { planHeating, type FuelPrice, type PlanResult } from '../energy/plan';
import type { WeatherForecast } from '../sim/control/mpc/schema';

// npm run plan: the heating plan from a loading schedule, on the command line. Exit 0 with a plan whose every
// loading can be met, 3 with a plan that warns (a loading the tanks cannot reach), 2 on bad input.

const USAGE = `Usage: npm run plan -- --schedule FILE [options]
  --schedule FILE     loading schedule: models/schedules/*.json, or CSV (bay,arm,product,tank,time,…)
  --start ISO         origin of a CSV schedule's hour times (JSON schedules carry their own)
  --forecast FILE     weather forecast, models/weather/*.json (default: the sim's own weather ahead)
  --now ISO           the clock time of the starting state, to place dated schedules and forecasts
  --fuel-price X      fuel price per GJ, or per kg as X/kg with --lhv (default 0)
  --lhv MJ_PER_KG     lower heating value of the fuel, for a price per kg
  --currency CODE     shown with the cost (default none)
  --days N            horizon, days (default 2, at most 14)
  --step-h H          step, hours (default 1)
  --margin K          kept above each loading's spec minimum, K (default 3)
  --plant FILE        plant file (default: the embedded default plant)
  --initial FILE      starting state: a snapshot, or initial conditions (default: the plant file's)
  --format json|csv   the plan as JSON (plan, chart, fuel, warnings) or CSV per sample (default csv)`;

export class PlanCliError extends Error {}

export interface PlanCliResult {
  stdout: string;
  stderr: string;
  code: number;
}

const num = (flag: string, s: string | true | undefined, lo: number, hi: number, dflt: number): number => {
  if (s === undefined) return dflt;
  const x = typeof s === 'string' ? Number(s) : Number.NaN;
  if (!Number.isFinite(x) || x < lo || x > hi)
    throw new PlanCliError(`--${flag}: "${String(s)}" is not a number from ${lo} to ${hi}`);
  return x;
};

function fileErrors(file: string, errors: readonly FieldError[]): PlanCliError {
  return new PlanCliError(`${file}:\n${formatErrors(errors)}`);
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new PlanCliError(`cannot read ${file}: ${(e as Error).message}`);
  }
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readText(file));
  } catch (e) {
    if (e instanceof PlanCliError) throw e;
    throw fileErrors(file, [{ path: '(root)', message: `not valid JSON: ${(e as Error).message}` }]);
  }
}

function fuelPrice(v: Record<string, string | true>): FuelPrice | undefined {
  const p = v['fuel-price'];
  const currency = typeof v.currency === 'string' ? v.currency : undefined;
  if (p === undefined) return undefined;
  if (typeof p === 'string' && p.endsWith('/kg')) {
    const per_kg = num('fuel-price', p.slice(0, -3), 0, 1e6, 0);
    if (v.lhv === undefined) throw new PlanCliError('--fuel-price per kg needs --lhv (MJ/kg)');
    return { per_kg, lhv_J_kg: num('lhv', v.lhv, 1, 150, 0) * 1e6, currency };
  }
  return { per_GJ: num('fuel-price', p, 0, 1e6, 0), currency };
}

function startState(plant: PlantData, file: string | undefined): SimState {
  const sim = new Simulation(plant);
  if (!file) return sim.state;
  const raw = readJson(file);
  if ((raw as { format?: unknown } | null)?.format === 'tanktwin-snapshot') {
    const r = checkSnapshot(raw, plant, sim.state);
    if (!r.ok) throw new PlanCliError(`${file}: ${r.message}`);
    sim.restore(r.snapshot);
    return sim.state;
  }
  const r = parseInitialConditions(raw, sim.model);
  if (!r.ok) throw fileErrors(file, r.errors);
  return new Simulation(plant, { initial: r.value }).state;
}

/** The plan as CSV: one row a sample, the supply and heater duty, then each tank's target and minimum. */
export function planCsv(p: PlanResult): string {
  const c = p.chart;
  const head = ['t_h', 'supply_C', 'heater_kW', ...c.tanks.flatMap((t) => [`${t.tag}.target_C`, `${t.tag}.min_C`])];
  const rows = c.times_s.map((t, k) =>
    [
      ((t - c.t0_s) / 3600).toFixed(2),
      c.supply_C[k].toFixed(1),
      (c.heaterDuty_W[k] / 1000).toFixed(0),
      ...c.tanks.flatMap((tk) => [tk.target_C[k].toFixed(2), tk.min_C[k].toFixed(1)]),
    ].join(','),
  );
  return [head.join(','), ...rows].join('\n');
}

/** The expected fuel in words. */
export function fuelSummary(p: PlanResult): string {
  const f = p.fuel;
  const gj = (j: number) => `${(j / 1e9).toFixed(1)} GJ`;
  const cost = (x: number) => (f.currency || x ? ` (${x.toFixed(0)}${f.currency ? ` ${f.currency}` : ''})` : '');
  return [
    `expected fuel ${gj(f.fuel_J)}${cost(f.cost)}, heat into the tanks ${gj(f.heat_J)}, stored heat ${gj(f.storedChange_J)}`,
    `held at set points ${gj(f.baseline.fuel_J)}${cost(f.baseline.cost)}, stored heat ${gj(f.baseline.storedChange_J)}`,
    `stored-heat-corrected fuel ${gj(f.fuelCorrected_J)} against ${gj(f.baseline.fuelCorrected_J)}: ${f.saved_pct.toFixed(1)} % saved`,
  ].join('\n');
}

/** Run the command line; never exits the process (the caller does). */
export function planCli(argv: string[]): PlanCliResult {
  try {
    const { values: v, error } = parseArgs(argv, {
      schedule: 'value',
      start: 'value',
      forecast: 'value',
      now: 'value',
      'fuel-price': 'value',
      lhv: 'value',
      currency: 'value',
      days: 'value',
      'step-h': 'value',
      margin: 'value',
      plant: 'value',
      initial: 'value',
      format: 'value',
      help: 'bool',
    });
    if (v.help) return { stdout: `${USAGE}\n`, stderr: '', code: 0 };
    if (error) throw new PlanCliError(`${error}\n${USAGE}`);
    if (typeof v.schedule !== 'string') throw new PlanCliError(`--schedule FILE is required\n${USAGE}`);
    const format = v.format ?? 'csv';
    if (format !== 'json' && format !== 'csv')
      throw new PlanCliError(`--format: "${String(format)}" is not json or csv`);
    const now_ms = typeof v.now === 'string' ? Date.parse(v.now) : Number.NaN;
    if (typeof v.now === 'string' && !Number.isFinite(now_ms))
      throw new PlanCliError(`--now: "${v.now}" is not an ISO 8601 time`);
    let plant = defaultPlant();
    if (typeof v.plant === 'string') {
      const r = parsePlantText(readText(v.plant));
      if (!r.ok) throw fileErrors(v.plant, r.errors);
      plant = r.value;
    }
    const sched = v.schedule.endsWith('.csv')
      ? parseScheduleCsv(readText(v.schedule), plant, { start: typeof v.start === 'string' ? v.start : undefined })
      : parseSchedule(readJson(v.schedule), plant);
    if (!sched.ok) throw fileErrors(v.schedule, sched.errors);
    const state = startState(plant, typeof v.initial === 'string' ? v.initial : undefined);
    let weather: WeatherForecast | null = null;
    if (typeof v.forecast === 'string') {
      const f = parseWeatherText(readText(v.forecast));
      if (!f.ok) throw fileErrors(v.forecast, f.errors);
      const w = weatherOnPlantTime(f.value, { t_s: state.t_s, now_ms });
      if (!w.ok) throw fileErrors(v.forecast, w.errors);
      weather = w.value;
    }
    const p = planHeating({
      plant,
      state,
      schedule: sched.value,
      now_ms,
      weather,
      fuelPrice: fuelPrice(v),
      horizon_days: num('days', v.days, 0.125, 14, 2),
      step_s: Math.round(num('step-h', v['step-h'], 0.25, 6, 1) * 3600),
      margin_K: num('margin', v.margin, 0, 30, 3),
    });
    const warn = p.warnings.map((w) => `warning: ${w}`).join('\n');
    const stdout = format === 'json' ? JSON.stringify(p, null, 2) : planCsv(p);
    return {
      stdout: `${stdout}\n`,
      stderr: `${fuelSummary(p)}\n${warn ? `${warn}\n` : ''}`,
      code: p.warnings.length ? 3 : 0,
    };
  } catch (e) {
    if (e instanceof PlanCliError) return { stdout: '', stderr: `${e.message}\n`, code: 2 };
    throw e;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const r = planCli(process.argv.slice(2));
  process.stdout.write(r.stdout);
  process.stderr.write(r.stderr);
  process.exitCode = r.code;
}
