import type { PlanChart, PlanFuel } from './planTypes';

// Pure helpers that turn a heating plan and the measured history into what the Energy panel draws: one
// uPlot data set per tank (the plan's hourly samples joined with the measured temperature on one plant-time
// axis) and the fuel lines. Kept apart from the components so the numbers are tested without a browser.

/** At most this many measured points per chart: a day of frames would otherwise be thousands per tank. */
export const MAX_MEASURED_POINTS = 400;

export interface MeasuredSeries {
  times_s: ArrayLike<number>;
  values: ArrayLike<number>;
}

/** Keep every k-th sample (and the last) so that at most maxN remain; NaN samples are dropped. */
export function downsample(m: MeasuredSeries, maxN = MAX_MEASURED_POINTS): { t: number[]; v: number[] } {
  const n = m.times_s.length;
  const every = Math.max(1, Math.ceil(n / maxN));
  const t: number[] = [];
  const v: number[] = [];
  for (let i = 0; i < n; i++) {
    if (i % every !== 0 && i !== n - 1) continue;
    if (!Number.isFinite(m.values[i])) continue;
    t.push(m.times_s[i]);
    v.push(m.values[i]);
  }
  return { t, v };
}

/**
 * Plan series (sampled at `times_s`) and a measured series joined on one x axis (plant time, s):
 * [x, ...plan, measured], null where a series has no sample at that time.
 */
export function joinPlanAndMeasured(
  times_s: readonly number[],
  plan: readonly (readonly number[])[],
  measured: MeasuredSeries,
): [number[], ...(number | null)[][]] {
  const m = downsample(measured);
  const x: number[] = [];
  const ys: (number | null)[][] = plan.map(() => []);
  const meas: (number | null)[] = [];
  // merge the two time-ordered lists; a measured sample at exactly a plan time shares its row
  let i = 0;
  let j = 0;
  while (i < times_s.length || j < m.t.length) {
    const tPlan = i < times_s.length ? times_s[i] : Infinity;
    const tMeas = j < m.t.length ? m.t[j] : Infinity;
    const at = Math.min(tPlan, tMeas);
    x.push(at);
    const p = tPlan === at;
    plan.forEach((series, k) => ys[k].push(p ? series[i] : null));
    meas.push(tMeas === at ? m.v[j] : null);
    if (p) i++;
    if (tMeas === at) j++;
  }
  return [x, ...ys, meas];
}

/** One tank's chart data: [x, target, minimum, maximum, measured]. */
export function tankChartData(chart: PlanChart, tank: number, measured: MeasuredSeries) {
  const tp = chart.tanks[tank];
  return joinPlanAndMeasured(chart.times_s, [tp.target_C, tp.min_C, tp.max_C], measured);
}

/** The heater's chart data: [x, planned supply, measured supply]. */
export function supplyChartData(chart: PlanChart, measured: MeasuredSeries) {
  return joinPlanAndMeasured(chart.times_s, [chart.supply_C], measured);
}

/** The loadings of a tank's plan inside the chart's span (their plant times), for the vertical marks. */
export function loadingMarks(chart: PlanChart, tank: number): number[] {
  const end = chart.times_s[chart.times_s.length - 1];
  return chart.tanks[tank].loadings.map((l) => l.at_s).filter((t) => t >= chart.t0_s && t <= end);
}

const GJ = 1e9;

export interface FuelLine {
  fuel_GJ: string;
  cost: string;
  corrected_GJ: string;
  baseline_GJ: string;
  saved: string;
  horizon_h: string;
}

/** The expected fuel as the panel prints it: GJ to one decimal, cost to whole currency units. */
export function fuelLine(fuel: PlanFuel, chart: PlanChart): FuelLine {
  const span_s = chart.times_s.length ? chart.times_s[chart.times_s.length - 1] - chart.t0_s : 0;
  return {
    fuel_GJ: (fuel.fuel_J / GJ).toFixed(1),
    cost: `${Math.round(fuel.cost).toLocaleString('en-US')} ${fuel.currency}`.trim(),
    corrected_GJ: (fuel.fuelCorrected_J / GJ).toFixed(1),
    baseline_GJ: (fuel.baseline.fuelCorrected_J / GJ).toFixed(1),
    saved: Number.isFinite(fuel.saved_pct) ? `${fuel.saved_pct.toFixed(1)} %` : '—',
    horizon_h: (span_s / 3600).toFixed(0),
  };
}

/** Charts two to a row where the panel is wide enough, else one filling it (never under 300 px). */
export function chartWidth(panel_px: number, gap_px = 6): number {
  if (panel_px >= 860) return Math.floor((panel_px - gap_px) / 2);
  return Math.max(300, Math.floor(panel_px));
}
