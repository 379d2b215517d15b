import { CholeskyDecomposition, Matrix } from 'ml-matrix';

// A straight-line trend by weighted least squares, y = a + b·(t − t0), each point weighted by 1/sd². The
// parameters' covariance is (XᵀWX)⁻¹, inflated by the reduced χ² when the points scatter more than their sd
// say (a filter's sd is its own belief, and successive estimates are not independent). Times in s.

export interface TrendPoint {
  t_s: number;
  value: number;
  /** Standard deviation of the value; ≤ 0 or not finite: the point is left out. */
  sd: number;
}

export interface LinearTrend {
  /** Reference time, s: the parameters are the value and slope there (the mean weighted time). */
  t0_s: number;
  intercept: number;
  slope_per_s: number;
  /** Covariance of [intercept, slope_per_s]. */
  cov: [[number, number], [number, number]];
  n: number;
  /** Reduced χ² of the fit (1 when the points scatter as their sd say). */
  chi2red: number;
  /** First and last time of the points used, s. */
  from_s: number;
  to_s: number;
}

/** The fitted value and its standard deviation at time t. */
export function trendAt(tr: LinearTrend, t_s: number): { value: number; sd: number } {
  const dt = t_s - tr.t0_s;
  const v = tr.cov[0][0] + 2 * dt * tr.cov[0][1] + dt * dt * tr.cov[1][1];
  return { value: tr.intercept + tr.slope_per_s * dt, sd: Math.sqrt(Math.max(v, 0)) };
}

/**
 * Keep at most one point per `spacing_s` (the one with the smallest sd in each bin), so a filter's estimate
 * sampled every few seconds does not count its own correlated output thousands of times.
 */
export function thin(points: readonly TrendPoint[], spacing_s: number): TrendPoint[] {
  if (!(spacing_s > 0)) return points.filter(usable);
  const bins = new Map<number, TrendPoint>();
  for (const p of points) {
    if (!usable(p)) continue;
    const k = Math.floor(p.t_s / spacing_s);
    const q = bins.get(k);
    if (!q || p.sd < q.sd) bins.set(k, p);
  }
  return [...bins.values()].sort((x, y) => x.t_s - y.t_s);
}

function usable(p: TrendPoint): boolean {
  return Number.isFinite(p.t_s) && Number.isFinite(p.value) && Number.isFinite(p.sd) && p.sd > 0;
}

/** Weighted least-squares line through the points; null with fewer than 3 usable points or no spread in time. */
export function fitLinear(points: readonly TrendPoint[]): LinearTrend | null {
  const ps = points.filter(usable);
  const n = ps.length;
  if (n < 3) return null;
  let sw = 0;
  let stw = 0;
  for (const p of ps) {
    const w = 1 / (p.sd * p.sd);
    sw += w;
    stw += w * p.t_s;
  }
  const t0 = stw / sw; // centring makes intercept and slope nearly uncorrelated and the normal matrix well-conditioned
  const x = new Matrix(n, 2);
  const y = new Matrix(n, 1);
  for (let i = 0; i < n; i++) {
    const w = 1 / ps[i].sd;
    x.set(i, 0, w);
    x.set(i, 1, w * (ps[i].t_s - t0));
    y.set(i, 0, w * ps[i].value);
  }
  const xtx = x.transpose().mmul(x);
  const chol = new CholeskyDecomposition(xtx);
  if (!chol.isPositiveDefinite()) return null;
  const beta = chol.solve(x.transpose().mmul(y));
  const r = y.sub(x.mmul(beta));
  let chi2 = 0;
  for (let i = 0; i < n; i++) chi2 += r.get(i, 0) ** 2;
  const chi2red = chi2 / (n - 2);
  const inv = chol.solve(Matrix.eye(2));
  const k = Math.max(1, chi2red);
  return {
    t0_s: t0,
    intercept: beta.get(0, 0),
    slope_per_s: beta.get(1, 0),
    cov: [
      [k * inv.get(0, 0), k * inv.get(0, 1)],
      [k * inv.get(1, 0), k * inv.get(1, 1)],
    ],
    n,
    chi2red,
    from_s: ps[0].t_s,
    to_s: ps[n - 1].t_s,
  };
}

export interface Crossing {
  /** Best estimate of when the trend reaches the limit, s; Infinity when it never does (flat or falling). */
  t_s: number;
  /** The band: the earliest and latest time the limit is inside the trend's confidence band, s (Infinity: unbounded). */
  early_s: number;
  late_s: number;
  /** The confidence level of the band (e.g. 0.9), two-sided on the line. */
  level: number;
}

/** z for a two-sided level, from a short table (the levels a report uses). */
export function zFor(level: number): number {
  const table: [number, number][] = [
    [0.8, 1.2816],
    [0.9, 1.6449],
    [0.95, 1.96],
    [0.99, 2.5758],
  ];
  const hit = table.find(([l]) => Math.abs(l - level) < 1e-9);
  if (!hit) throw new RangeError(`confidence level ${level} is not one of 0.8, 0.9, 0.95, 0.99`);
  return hit[1];
}

/**
 * When a rising trend reaches `limit`: the line's own crossing, and the band where
 * (a + b·τ − limit)² = z²·(Vaa + 2τ·Vab + τ²·Vbb), τ = t − t0 (the times at which the limit is just inside
 * the line's confidence band). The upper bound is Infinity when the slope is not significantly positive.
 */
export function crossing(tr: LinearTrend, limit: number, level = 0.9): Crossing {
  const z = zFor(level);
  const a = tr.intercept - limit;
  const b = tr.slope_per_s;
  const [[vaa, vab], [, vbb]] = tr.cov;
  const t = b > 0 ? tr.t0_s - a / b : Number.POSITIVE_INFINITY;
  // (b² − z²Vbb)·τ² + 2(ab − z²Vab)·τ + (a² − z²Vaa) = 0
  const z2 = z * z;
  const qa = b * b - z2 * vbb;
  const qb = 2 * (a * b - z2 * vab);
  const qc = a * a - z2 * vaa;
  const disc = qb * qb - 4 * qa * qc;
  const now = tr.to_s - tr.t0_s;
  let early = now;
  let late = Number.POSITIVE_INFINITY;
  if (disc >= 0 && qa !== 0) {
    const s = Math.sqrt(disc);
    const r1 = Math.min((-qb - s) / (2 * qa), (-qb + s) / (2 * qa));
    const r2 = Math.max((-qb - s) / (2 * qa), (-qb + s) / (2 * qa));
    if (qa > 0 && b > 0) {
      // slope significantly rising: the limit is inside the band between the two roots only
      early = r1;
      late = r2;
    } else if (qa > 0) {
      early = Number.POSITIVE_INFINITY; // significantly falling: it moves away from the limit
    } else if (now > r1 && now < r2) early = r2; // not significant: inside the band outside the roots, for ever after r2
  }
  // qa < 0 with no real root: the band holds the limit at every time (no evidence either way)
  return { t_s: t, early_s: tr.t0_s + early, late_s: tr.t0_s + late, level };
}
