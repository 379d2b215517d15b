import type { PlantData } from '../sim/plant/schema';
import { coilCapacity, type CapacityOptions, type CoilCapacity } from './capacity';
import { crossing, fitLinear, thin, trendAt, zFor, type Crossing, type LinearTrend, type TrendPoint } from './trend';
import { DAY_MS, fmtDate, priorityFromLead, type Finding } from './findings';
import type { Sample } from './series';
import { exposureAt, meanExposureRate, onExposure } from './growthLaw';

// Coil fouling → the date the coil can no longer hold its tank at the set point on the design winter night.
// The fouling estimate (the per-tank filter's `<TANK>.est.fouling` with its `_sd`) is thinned to one point per
// spacing and fitted with a straight line by weighted least squares: the model's own growth law
// (coil.ts growFouling) is linear in time while the oil supply temperature holds, which is how a terminal runs.
// The limit is the fouling at which the full-valve duty equals the losses (capacity.ts); the band is where the
// limit lies inside the line's confidence band. The limit is uncertain too, through the wall-loss factor the
// filter estimates with its sd: the band runs from the early edge for the limit at the factor + z·sd (more
// loss, a lower limit) to the late edge for the factor − z·sd (conservative: both at full z).

export interface FoulingForecastOptions {
  /** One fitted point per this many seconds (default 6 h: the filter's successive estimates are correlated). */
  spacing_s?: number;
  /** Two-sided confidence of the band (0.8, 0.9, 0.95, 0.99; default 0.9). */
  level?: number;
  /** Report a finding when the band's early edge is within this long of the newest data (default 180 days). */
  horizon_ms?: number;
  /** Work is due this long before the band's early edge (default 14 days: time to plan a coil clean). */
  leadTime_ms?: number;
  /** The balance's conditions (design ambient, level …). */
  capacity?: CapacityOptions;
  /** The wall-loss factor's estimate and sd (the filter's `wall_loss`); default 1, known exactly. */
  wallLoss?: { value: number; sd: number };
  /**
   * Cumulative exposure (growthLaw.ts exposureSeries: from the supply temperature and the coil's flow): the trend
   * is then fitted on the model's growth law, fouling linear in exposure, and projected at the window's mean
   * exposure rate. Without it, linear in time.
   */
  exposure?: readonly Sample[];
}

export interface FoulingForecast {
  tank: string;
  capacity: Omit<CoilCapacity, 'dutyAt'>;
  /** The limit's range from the wall-loss factor's uncertainty, m²K/W (low: at the higher loss). */
  limitRange: { low: number; high: number };
  trend: LinearTrend | null;
  /** What the crossing was projected on: a line in time, or the growth law (a line in exposure). */
  law: 'linear' | 'growth';
  /** The growth-law fit (axis: exposure, s at 250 °C) and the exposure rate it was projected at, when used. */
  growth: { trend: LinearTrend; rate: number } | null;
  /** Fitted fouling and its sd at the newest data, m²K/W. */
  current: { t_ms: number; value: number; sd: number } | null;
  /** When the trend reaches the limit (ms since the epoch; Infinity: it does not). */
  crossing: { t_ms: number; early_ms: number; late_ms: number; level: number } | null;
  /** The points fitted (times in ms), for a chart. */
  points: { t_ms: number; value: number; sd: number }[];
  finding: Finding | null;
}

/** Fouling samples and their sd samples paired by time (the filter publishes both in one batch). */
export function pairWithSd(values: readonly Sample[], sds: readonly Sample[]): TrendPoint[] {
  const sdAt = new Map(sds.map((s) => [s.t_ms, s.v]));
  const out: TrendPoint[] = [];
  for (const v of values) {
    const sd = sdAt.get(v.t_ms);
    if (sd !== undefined) out.push({ t_s: v.t_ms / 1000, value: v.v, sd });
  }
  return out;
}

const toMs = (t_s: number): number => (Number.isFinite(t_s) ? t_s * 1000 : t_s);

export function foulingForecast(
  plant: PlantData,
  tank: string,
  points: readonly TrendPoint[],
  o: FoulingForecastOptions = {},
): FoulingForecast {
  const level = o.level ?? 0.9;
  const wl = o.wallLoss;
  const cap = coilCapacity(plant, tank, { ...o.capacity, ...(wl ? { wallLossFactor: wl.value } : {}) });
  const { dutyAt: _unused, ...capacity } = cap;
  const limitRange = { low: cap.criticalFouling_m2K_W, high: cap.criticalFouling_m2K_W };
  if (wl && wl.sd > 0) {
    const k = zFor(level) * wl.sd;
    const at = (f: number) =>
      coilCapacity(plant, tank, { ...o.capacity, wallLossFactor: Math.max(f, 0.1) }).criticalFouling_m2K_W;
    limitRange.low = at(wl.value + k);
    limitRange.high = at(wl.value - k);
  }
  const pts = thin(points, o.spacing_s ?? 6 * 3600);
  const trend = fitLinear(pts);
  const out: FoulingForecast = {
    tank,
    capacity,
    limitRange,
    trend,
    law: 'linear',
    growth: null,
    current: null,
    crossing: null,
    points: pts.map((p) => ({ t_ms: p.t_s * 1000, value: p.value, sd: p.sd })),
    finding: null,
  };
  if (!trend) return out;
  const now = trendAt(trend, trend.to_s);
  out.current = { t_ms: trend.to_s * 1000, value: now.value, sd: now.sd };
  const limit = cap.criticalFouling_m2K_W;
  const cross = (tr: LinearTrend, l: number): Crossing => {
    if (l === 0) return { t_s: tr.to_s, early_s: tr.to_s, late_s: tr.to_s, level };
    const inf = Number.POSITIVE_INFINITY;
    return Number.isFinite(l) ? crossing(tr, l, level) : { t_s: inf, early_s: inf, late_s: inf, level };
  };
  let c = {
    ...cross(trend, limit),
    early_s: cross(trend, limitRange.low).early_s,
    late_s: cross(trend, limitRange.high).late_s,
  };
  const rate = o.exposure ? meanExposureRate(o.exposure) : Number.NaN;
  const gTrend = rate > 0 ? fitLinear(onExposure(pts, o.exposure!)) : null;
  if (gTrend) {
    // the same crossing on the exposure axis, turned back into time at the window's exposure rate
    const eLast = exposureAt(o.exposure!, trend.to_s * 1000);
    const toTime = (e: number) => (Number.isFinite(e) ? trend.to_s + (e - eLast) / rate : e);
    const g = {
      ...cross(gTrend, limit),
      early_s: cross(gTrend, limitRange.low).early_s,
      late_s: cross(gTrend, limitRange.high).late_s,
    };
    c = { t_s: toTime(g.t_s), early_s: toTime(g.early_s), late_s: toTime(g.late_s), level };
    out.law = 'growth';
    out.growth = { trend: gTrend, rate };
  }
  out.crossing = { t_ms: toMs(c.t_s), early_ms: toMs(c.early_s), late_ms: toMs(c.late_s), level: c.level };
  const horizon = o.horizon_ms ?? 180 * DAY_MS;
  const detected = trend.to_s * 1000;
  const early = out.crossing.early_ms;
  // a finding needs a significant rise that reaches the limit within the horizon, or the limit already passed
  const over = limit === 0 || now.value - now.sd > limit;
  if (!over && !(early - detected <= horizon && Number.isFinite(out.crossing.late_ms))) return out;
  const lead = Math.max(early - detected, 0);
  const due = Math.max(early - (o.leadTime_ms ?? 14 * DAY_MS), detected);
  const fmt = (x: number) => x.toExponential(2);
  out.finding = {
    kind: 'coilFouling',
    asset: tank,
    finding:
      limit === 0
        ? `${tank} coil cannot hold ${cap.setpoint_C.toFixed(0)} °C at the design ambient ${cap.ambient_C.toFixed(1)} °C even clean`
        : `${tank} coil fouling reaches the limit for holding ${cap.setpoint_C.toFixed(0)} °C at ${cap.ambient_C.toFixed(1)} °C ambient about ${fmtDate(out.crossing.t_ms)} (${Math.round(c.level * 100)} % band ${fmtDate(early)} – ${fmtDate(out.crossing.late_ms)})`,
    evidence:
      `fouling ${fmt(now.value)} ± ${fmt(now.sd)} m²K/W rising ${fmt(trend.slope_per_s * 86400 * 30)} per 30 d ` +
      (out.growth ? `(projected on the coking law at ${out.growth.rate.toFixed(2)} × 250 °C exposure) ` : '') +
      `(${trend.n} points ${fmtDate(trend.from_s * 1000)} – ${fmtDate(detected)}); limit ${fmt(limit)} m²K/W where the ` +
      `full-valve duty ${(cap.dutyAt(limit) / 1000).toFixed(1)} kW equals the losses ${(cap.netLoss_W / 1000).toFixed(1)} kW ` +
      `(clean ${(cap.cleanDuty_W / 1000).toFixed(1)} kW)`,
    priority: priorityFromLead(lead),
    detected_ms: detected,
    due_ms: due,
    action: `Clean or replace the ${tank} heating coil (decoke the hot-oil side), or plan its duty before the winter`,
    figures: {
      fouling_m2K_W: now.value,
      foulingSd_m2K_W: now.sd,
      foulingRate_m2K_W_per_d: trend.slope_per_s * 86400,
      criticalFouling_m2K_W: limit,
      crossing_ms: out.crossing.t_ms,
      crossingEarly_ms: early,
      crossingLate_ms: out.crossing.late_ms,
      netLoss_W: cap.netLoss_W,
      cleanDuty_W: cap.cleanDuty_W,
      designAmbient_C: cap.ambient_C,
    },
  };
  return out;
}
