import { binMeans, type Sample } from './series';
import { crossing, fitLinear, trendAt, zFor, type LinearTrend } from './trend';
import { DAY_MS, priorityFromLead, type Priority } from './findings';

// A loss that grows with wear (a pump's head deficit, a heater's lost efficiency), as a fraction: the samples
// are averaged per bin, a line fitted through the bin means, and judged against two levels: `threshold`, above
// which the asset counts as degraded now (with the confidence asked: the fitted value minus z·sd above it),
// and `limit`, the loss at which it must be repaired (the trend's crossing of it sets the due date).

export interface DegradationOptions {
  /** Bin length for the means, s (default 1 h). */
  bin_s?: number;
  /** Degraded above this loss (fraction). */
  threshold_frac: number;
  /** Repair at this loss (fraction). */
  limit_frac: number;
  /** Two-sided confidence (default 0.9). */
  level?: number;
  /** Report a rising trend that reaches the limit within this long even before the threshold (default 90 d). */
  horizon_ms?: number;
  /** A bin mean's sd is at least this (fraction; default 0.002). */
  minSd_frac?: number;
}

export interface Degradation {
  trend: LinearTrend | null;
  points: { t_ms: number; value: number; sd: number }[];
  current: { t_ms: number; value: number; sd: number } | null;
  /** When the trend reaches the limit, ms (Infinity: it does not), with its band. */
  limitAt: { t_ms: number; early_ms: number; late_ms: number } | null;
  /** Whether a finding is due, with its priority and due date. */
  verdict: { priority: Priority; due_ms: number; degradedNow: boolean } | null;
}

const toMs = (t_s: number): number => (Number.isFinite(t_s) ? t_s * 1000 : t_s);

export function assessDegradation(loss: readonly Sample[], o: DegradationOptions): Degradation {
  const pts = binMeans(loss, { bin_s: o.bin_s ?? 3600, minSd: o.minSd_frac ?? 0.002 });
  const trend = fitLinear(pts);
  const out: Degradation = {
    trend,
    points: pts.map((p) => ({ t_ms: p.t_s * 1000, value: p.value, sd: p.sd })),
    current: null,
    limitAt: null,
    verdict: null,
  };
  if (!trend) return out;
  const level = o.level ?? 0.9;
  const z = zFor(level);
  const now = trendAt(trend, trend.to_s);
  const detected = trend.to_s * 1000;
  out.current = { t_ms: detected, value: now.value, sd: now.sd };
  const c = crossing(trend, o.limit_frac, level);
  out.limitAt = { t_ms: toMs(c.t_s), early_ms: toMs(c.early_s), late_ms: toMs(c.late_s) };
  const degradedNow = now.value - z * now.sd > o.threshold_frac;
  const overLimit = now.value - z * now.sd > o.limit_frac;
  const rising = Number.isFinite(c.late_s) && toMs(c.early_s) - detected <= (o.horizon_ms ?? 90 * DAY_MS);
  if (!degradedNow && !overLimit && !rising) return out;
  const lead = overLimit ? 0 : Math.max(toMs(c.early_s) - detected, 0);
  // degraded but flat: repair within a quarter; at or past the limit: now
  const due = overLimit ? detected : Math.min(detected + lead, detected + 90 * DAY_MS);
  out.verdict = { priority: overLimit ? 'high' : priorityFromLead(lead), due_ms: due, degradedNow };
  return out;
}
