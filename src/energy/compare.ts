import type { PlantData } from '../sim/plant/schema';
import { formatErrors } from '../sim/plant/load';
import { MAX_STABLE_DT_S } from '../sim/simulation';
import type { KpiReport } from './kpi';
import { runWeek, STRATEGIES, type Planner, type Strategy, type WeekResult } from './week';
import { parseWeek, type WeekFile } from './weekFile';
import { weekPlanner } from './weekPlanner';

// Heating strategies side by side on one week (`npm run sim -- --compare pi,mpc --week FILE`): each runs the
// same week from the same settled state and ships the same trucks (week.ts); the first named is the baseline.
// A strategy that ends the week with colder tanks has only drawn on stored heat, so it is charged the fuel to
// bring the plant to the baseline's end state: fuelEquiv = fuel + (E_end,base − E_end,X)/η, and its saving is
// fuel_base − fuelEquiv as a share of the baseline's raw fuel (E: kpi.ts storedEnergy_J).

export interface Comparison {
  week: string;
  plant: string;
  duration_h: number;
  trucks: number;
  fuelPrice_per_GJ: number;
  currency: string;
  baseline: Strategy;
  results: WeekResult[];
  /** Per strategy: the fuel to bring its end state to the baseline's, (E_end,base − E_end,X)/η, GJ. */
  endCharge_GJ: Record<string, number>;
  /** Raw fuel plus that charge, GJ. */
  fuelEquiv_GJ: Record<string, number>;
  /** Fuel saved against the baseline with the end-state charge, % of the baseline's raw fuel (0 for itself). */
  saved_pct: Record<string, number>;
  /** The same on raw fuel alone, %, for the record: it credits heat drawn from storage. */
  savedRaw_pct: Record<string, number>;
}

/** The fuel to bring `other`'s end state to `base`'s, GJ (negative: it ended warmer). */
export function endCharge_GJ(base: KpiReport, other: KpiReport): number {
  return (base.storedEnd_GJ - other.storedEnd_GJ) / other.efficiency;
}

/** Fuel saved by `other` against `base` on the same week, charged for its end state; % of base's raw fuel. */
export function fuelSaved_pct(base: KpiReport, other: KpiReport): number {
  return (100 * (base.fuel_GJ - other.fuel_GJ - endCharge_GJ(base, other))) / base.fuel_GJ;
}

/** "pi,mpc" → the strategies, or a message naming what is wrong. */
export function parseStrategies(text: string): { ok: true; value: Strategy[] } | { ok: false; message: string } {
  const names = text
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  if (!names.length) return { ok: false, message: `--compare: name the strategies, e.g. ${STRATEGIES.join(',')}` };
  for (const n of names)
    if (!(STRATEGIES as readonly string[]).includes(n))
      return { ok: false, message: `--compare: unknown strategy "${n}"; known: ${STRATEGIES.join(', ')}` };
  if (new Set(names).size !== names.length) return { ok: false, message: `--compare: a strategy named twice` };
  return { ok: true, value: names as Strategy[] };
}

export interface CompareOptions {
  planner?: Planner;
  dt_s?: number;
}

/** Run each strategy over the week and set the figures side by side. */
export function compareWeek(
  plant: PlantData,
  week: WeekFile,
  strategies: readonly Strategy[],
  o: CompareOptions = {},
): Comparison {
  const planner = o.planner ?? weekPlanner;
  const results = strategies.map((strategy) => runWeek({ plant, week, strategy, planner, dt_s: o.dt_s }));
  const base = results[0];
  const by = (f: (r: WeekResult) => number) => Object.fromEntries(results.map((r) => [r.strategy, f(r)]));
  return {
    week: week.name,
    plant: plant.name,
    duration_h: base.kpi.duration_s / 3600,
    trucks: base.kpi.trucks,
    fuelPrice_per_GJ: week.fuel.price_per_GJ,
    currency: week.fuel.currency,
    baseline: base.strategy,
    results,
    endCharge_GJ: by((r) => endCharge_GJ(base.kpi, r.kpi)),
    fuelEquiv_GJ: by((r) => r.kpi.fuel_GJ + endCharge_GJ(base.kpi, r.kpi)),
    saved_pct: by((r) => fuelSaved_pct(base.kpi, r.kpi)),
    savedRaw_pct: by((r) => (100 * (base.kpi.fuel_GJ - r.kpi.fuel_GJ)) / base.kpi.fuel_GJ),
  };
}

const num = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '—');

/** The comparison as a table: a figure a row, a strategy a column. */
export function formatComparison(c: Comparison): string {
  const r0 = c.results[0];
  const head = `${c.week} (${c.plant}): ${num(c.duration_h, 0)} h, ${c.trucks} trucks, fuel at ${c.fuelPrice_per_GJ} ${c.currency}/GJ`;
  const rows: [string, (r: WeekResult) => string][] = [
    ['fuel, raw (GJ)', (r) => num(r.kpi.fuel_GJ)],
    [`end state charged to ${c.baseline}'s (GJ)`, (r) => num(c.endCharge_GJ[r.strategy])],
    ['fuel with the end-state charge (GJ)', (r) => num(c.fuelEquiv_GJ[r.strategy])],
    [`fuel cost with the charge (${c.currency})`, (r) => num(c.fuelEquiv_GJ[r.strategy] * c.fuelPrice_per_GJ, 0)],
    [`fuel saved vs ${c.baseline} (%)`, (r) => num(c.saved_pct[r.strategy])],
    [`fuel saved vs ${c.baseline}, raw fuel alone (%)`, (r) => num(c.savedRaw_pct[r.strategy])],
    ['sensible heat change of what stays (GJ)', (r) => num(r.kpi.storedChange_GJ)],
    ['fuel corrected by it (GJ)', (r) => num(r.kpi.fuelCorrected_GJ)],
    ['heat lost by the tanks (GJ)', (r) => num(r.kpi.tankLoss_GJ)],
    ['heat shipped in product (GJ)', (r) => num(r.kpi.loadedOut_GJ)],
    ['heater starts', (r) => String(r.kpi.heaterStarts)],
    ['loading misses', (r) => `${r.kpi.misses} of ${r.kpi.trucks}`],
    ['tank time on MPC (%)', (r) => num(100 * r.kpi.mpcShare_frac)],
    ['overshoot above set point or plan target, max (K)', (r) => num(r.kpi.overshootMax_K, 2)],
    ['overshoot above band, max (K)', (r) => num(r.kpi.bandOvershootMax_K, 2)],
    ['time outside band (h):', () => ''],
    ...r0.kpi.tanks.map((t, i): [string, (r: WeekResult) => string] => [
      `  ${t.tag} ${t.product} [${num(t.bandMin_C, 0)}–${num(t.bandMax_C, 0)} °C]`,
      (r) => num(r.kpi.tanks[i].outside_s / 3600),
    ]),
  ];
  const w0 = Math.max(...rows.map(([l]) => l.length));
  const cols = c.results.map((r) => rows.map(([, f]) => f(r)));
  const w = c.results.map((r, j) => Math.max(r.strategy.length, ...cols[j].map((x) => x.length)));
  const line = (label: string, cells: string[]) =>
    [label.padEnd(w0), ...cells.map((x, j) => x.padStart(w[j]))].join('  ').trimEnd();
  const out = [
    head.trimEnd(),
    line(
      '',
      c.results.map((r) => r.strategy),
    ),
    ...rows.map(([label], k) =>
      line(
        label,
        cols.map((col) => col[k]),
      ),
    ),
  ];
  const misses = c.results.flatMap((r) =>
    r.loadings.filter((l) => l.status !== 'ok' && l.status !== 'unknown').map((l) => `${r.strategy}: ${l.warning}`),
  );
  if (misses.length) out.push('', 'trucks out of spec:', ...misses.map((x) => `  ${x}`));
  return out.join('\n') + '\n';
}

/** The comparison as JSON: the figures per strategy, each truck's outcome, the events of note. */
export function comparisonJson(c: Comparison): string {
  return JSON.stringify(c, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 1) + '\n';
}

/**
 * The CLI's `--compare LIST --week FILE`: the parsed week JSON checked against the plant, the strategies run,
 * the table or JSON text; or a message naming the field at fault.
 */
export function compareCommand(
  strategies: string,
  weekRaw: unknown,
  weekPath: string,
  plant: PlantData,
  format: 'table' | 'json',
  dt_s?: number,
): { ok: true; text: string } | { ok: false; message: string } {
  const sr = parseStrategies(strategies);
  if (!sr.ok) return sr;
  if (dt_s !== undefined && !(dt_s > 0 && dt_s <= MAX_STABLE_DT_S))
    return { ok: false, message: `--dt "${dt_s}" must be a number of seconds, 0 < dt ≤ ${MAX_STABLE_DT_S}` };
  const wr = parseWeek(weekRaw, plant);
  if (!wr.ok) return { ok: false, message: `week file ${weekPath} is not valid:\n${formatErrors(wr.errors)}` };
  let c: Comparison;
  try {
    c = compareWeek(plant, wr.value, sr.value, { dt_s });
  } catch (e) {
    return { ok: false, message: `--compare: ${(e as Error).message}` };
  }
  return { ok: true, text: format === 'json' ? comparisonJson(c) : formatComparison(c) };
}
