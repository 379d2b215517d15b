// The fouling chart's geometry (browser-safe, no DOM): the fitted points with ±2 sd bars, the trend line carried
// on to the projected crossing, the limit with its range, and the crossing's band, as SVG coordinates in a box
// of the given size. Works on the report's JSON (null for "never").

export interface FoulingChartInput {
  points: { t_ms: number; value: number; sd: number }[];
  trend: { t0_s: number; intercept: number; slope_per_s: number; from_s: number; to_s: number } | null;
  capacity: { criticalFouling_m2K_W: number | null };
  limitRange: { low: number | null; high: number | null };
  crossing: { t_ms: number | null; early_ms: number | null; late_ms: number | null } | null;
}

export interface FoulingChart {
  x0_ms: number;
  x1_ms: number;
  yMax: number;
  /** Map time and fouling to the box. */
  x(t_ms: number): number;
  y(v: number): number;
  bars: { x: number; y: number; y0: number; y1: number }[];
  /** The fitted line over the data, and its projection beyond. */
  fit: { x1: number; y1: number; x2: number; y2: number } | null;
  projection: { x1: number; y1: number; x2: number; y2: number } | null;
  limit: { y: number; yLow: number; yHigh: number } | null;
  band: { x1: number; x2: number } | null;
  crossingX: number | null;
}

const DAY_MS = 86_400_000;

export function foulingChart(
  f: FoulingChartInput,
  width: number,
  height: number,
  maxAhead_ms = 365 * DAY_MS,
): FoulingChart {
  const pts = f.points;
  const first = pts.length ? pts[0].t_ms : 0;
  const last = pts.length ? pts[pts.length - 1].t_ms : 1;
  const c = f.crossing;
  const ahead = (t: number | null | undefined) =>
    t === null || t === undefined ? null : Math.min(t, last + maxAhead_ms);
  const right =
    Math.max(last, ahead(c?.late_ms) ?? ahead(c?.t_ms) ?? last + 0.25 * (last - first)) +
    0.05 * (last - first || DAY_MS);
  const lim = f.capacity.criticalFouling_m2K_W;
  const hi = f.limitRange.high ?? lim;
  const yMax = 1.1 * Math.max(...pts.map((p) => p.value + 2 * p.sd), hi ?? 0, lim ?? 0, 1e-6);
  const x = (t: number) => ((t - first) / (right - first || 1)) * width;
  const y = (v: number) => height - (Math.max(0, Math.min(v, yMax)) / yMax) * height;
  const tr = f.trend;
  const line = (t1: number, t2: number) =>
    tr && {
      x1: x(t1),
      y1: y(tr.intercept + tr.slope_per_s * (t1 / 1000 - tr.t0_s)),
      x2: x(t2),
      y2: y(tr.intercept + tr.slope_per_s * (t2 / 1000 - tr.t0_s)),
    };
  const crossT = ahead(c?.t_ms);
  return {
    x0_ms: first,
    x1_ms: right,
    yMax,
    x,
    y,
    bars: pts.map((p) => ({ x: x(p.t_ms), y: y(p.value), y0: y(p.value - 2 * p.sd), y1: y(p.value + 2 * p.sd) })),
    fit: tr ? line(tr.from_s * 1000, tr.to_s * 1000) : null,
    projection: tr ? line(tr.to_s * 1000, crossT ?? right) : null,
    limit: lim === null ? null : { y: y(lim), yLow: y(f.limitRange.low ?? lim), yHigh: y(hi ?? lim) },
    band: c && c.early_ms !== null ? { x1: x(Math.max(c.early_ms, first)), x2: x(ahead(c.late_ms) ?? right) } : null,
    crossingX: crossT === null ? null : x(crossT),
  };
}
