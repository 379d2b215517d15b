import type { LoopModel, RlsState } from './types';

// Recursive least squares with exponential forgetting on the first-order ARX model
//   y[k] = a·y[k−1] + b·ū[k−1] + c
// in deviations from (y0, u0), sampled every h_s with ū the output's mean over the sample (the zero-order
// hold of a first-order process is then exact: a = e^(−h/T), b = K(1−a)). c absorbs the load. Plain
// arrays of numbers, so the estimate snapshots with the plant; the update allocates nothing.

/** Initial covariance: the prior on θ is weak (the regressors are K and output fractions). */
export const RLS_P0 = 1e4;
/** Covariance trace ceiling: without excitation forgetting winds P up (the "blow-up"); it is held here. */
export const RLS_TRACE_MAX = 1e6;

export function createRls(h_s: number, lambda: number, y0: number, u0: number): RlsState {
  return {
    h_s,
    lambda,
    theta: [1, 0, 0],
    P: [RLS_P0, 0, 0, 0, RLS_P0, 0, 0, 0, RLS_P0],
    y0,
    u0,
    timer_s: 0,
    uSum: 0,
    yPrev: Number.NaN,
    uPrev: 0,
    n: 0,
  };
}

const Pphi = new Float64Array(3);

/** One RLS update with regressor (y1, u1, 1) and observation y. */
export function rlsUpdate(r: RlsState, y1: number, u1: number, y: number): void {
  const th = r.theta;
  const P = r.P;
  const e = y - (th[0] * y1 + th[1] * u1 + th[2]);
  for (let i = 0; i < 3; i++) Pphi[i] = P[3 * i] * y1 + P[3 * i + 1] * u1 + P[3 * i + 2];
  const den = r.lambda + y1 * Pphi[0] + u1 * Pphi[1] + Pphi[2];
  for (let i = 0; i < 3; i++) th[i] += (Pphi[i] / den) * e;
  let trace = 0;
  for (let i = 0; i < 3; i++)
    for (let j = 0; j < 3; j++) {
      P[3 * i + j] = (P[3 * i + j] - (Pphi[i] * Pphi[j]) / den) / r.lambda;
      if (i === j) trace += P[3 * i + j];
    }
  if (trace > RLS_TRACE_MAX) for (let k = 0; k < 9; k++) P[k] *= RLS_TRACE_MAX / trace;
  r.n++;
}

/**
 * Feed the estimator one plant step: the output u held over dt and the PV y at its end. Every h_s it takes
 * a sample. `minExcitation` (K or output fraction): below it the sample moves the regressors too little to
 * inform the estimate and is skipped (the adaptive mode's excitation guard); 0 takes every sample.
 * Returns true when a sample was taken into the estimate.
 */
export function rlsFeed(r: RlsState, u: number, y: number, dt: number, minExcitation = 0): boolean {
  r.timer_s += dt;
  r.uSum += u * dt;
  if (r.timer_s + 1e-9 < r.h_s) return false;
  const uMean = r.uSum / r.timer_s - r.u0;
  const yDev = y - r.y0;
  r.timer_s = 0;
  r.uSum = 0;
  const y1 = r.yPrev;
  const u1 = r.uPrev;
  r.yPrev = yDev;
  r.uPrev = uMean;
  if (Number.isNaN(y1)) return false;
  if (minExcitation > 0 && Math.abs(yDev - y1) < minExcitation && Math.abs(uMean - u1) < minExcitation) return false;
  // the output held over this sample drove the PV from y1 to y: the zero-order hold's regressor is uMean
  rlsUpdate(r, y1, uMean, yDev);
  return true;
}

/** An integrator when the time constant is past this many samples (a indistinguishable from 1). */
const IPDT_T_SAMPLES = 1e4;

/**
 * The continuous model of the estimate: a = e^(−h/T), b = K(1−a); an integrator k = b/h when a is 1 within
 * 1/IPDT_T_SAMPLES or above. Null when the estimate is not a heating loop (b ≤ 0, a ≤ 0).
 */
export function rlsModel(r: RlsState): LoopModel | null {
  const [a, b] = r.theta;
  const h = r.h_s;
  if (!(b > 0) || !(a > 0) || !Number.isFinite(a)) return null;
  if (a >= 1 - 1 / IPDT_T_SAMPLES) return { kind: 'ipdt', K_K: 0, T_s: 0, k_K_s: b / h, L_s: 0 }; // 0: none (JSON has no ∞)
  const T = -h / Math.log(a);
  const K = b / (1 - a);
  return { kind: 'fopdt', K_K: K, T_s: T, k_K_s: K / T, L_s: 0 };
}
