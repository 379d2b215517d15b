import { Matrix, inverse, solve } from 'ml-matrix';
import type { Param } from './params';

/**
 * Levenberg–Marquardt for one parameter block with a Gaussian prior on some of its parameters:
 * minimise ‖r(θ)‖² + Σ ((θⱼ − μⱼ)/sⱼ)², r the weighted residuals (measured − model)/σ, J = ∂r/∂θ.
 * The normal equations (JᵀJ + P + λ·diag(JᵀJ + P))·δ = −(Jᵀr + P(θ − μ)), P the prior precisions.
 */

/** JᵀJ and Jᵀr from the Jacobian's columns (one Float64Array per parameter) and the residuals. */
export function normalEquations(cols: readonly Float64Array[], r: Float64Array): { jtj: Matrix; jtr: Matrix } {
  const J = new Matrix(cols.map((c) => Array.from(c))).transpose();
  const R = Matrix.columnVector(Array.from(r));
  const Jt = J.transpose();
  return { jtj: Jt.mmul(J), jtr: Jt.mmul(R) };
}

export function priorPrecision(params: readonly Param[]): Float64Array {
  return Float64Array.from(params, (p) => (p.prior ? 1 / (p.prior.sd * p.prior.sd) : 0));
}

/** The prior's part of the cost at θ. */
export function priorCost(params: readonly Param[], theta: Float64Array): number {
  let c = 0;
  params.forEach((p, j) => {
    if (p.prior) c += ((theta[j] - p.prior.mean) / p.prior.sd) ** 2;
  });
  return c;
}

/** One damped step from θ; the result is clamped to the parameters' bounds. */
export function lmStep(
  params: readonly Param[],
  theta: Float64Array,
  jtj: Matrix,
  jtr: Matrix,
  lambda: number,
): Float64Array {
  const n = params.length;
  const P = priorPrecision(params);
  const A = jtj.clone();
  const g = new Matrix(n, 1);
  for (let j = 0; j < n; j++) {
    A.set(j, j, A.get(j, j) + P[j]);
    const mu = params[j].prior?.mean ?? 0;
    g.set(j, 0, -(jtr.get(j, 0) + P[j] * (theta[j] - mu)));
  }
  for (let j = 0; j < n; j++) A.set(j, j, A.get(j, j) * (1 + lambda) + 1e-12);
  const delta = solve(A, g);
  return Float64Array.from(params, (p, j) => Math.min(p.hi, Math.max(p.lo, theta[j] + delta.get(j, 0))));
}

/**
 * The posterior covariance at the optimum: (JᵀJ/s² + P)⁻¹, with s² the variance of the weighted residuals
 * per degree of freedom, inflated by (1 + ρ)/(1 − ρ) for their lag-1 autocorrelation ρ (residuals of a
 * dynamic model are not independent from one minute to the next; counting every sample as independent
 * would make the intervals far too narrow).
 */
export function covariance(params: readonly Param[], jtj: Matrix, s2: number): Matrix {
  const P = priorPrecision(params);
  const A = jtj.clone().div(s2);
  for (let j = 0; j < params.length; j++) A.set(j, j, A.get(j, j) + P[j] + 1e-300);
  return inverse(A);
}

/** Residual variance per degree of freedom and the autocorrelation inflation, pooled over a block's series. */
export function residualVariance(series: readonly Float64Array[], nParams: number): { s2: number; rho: number } {
  let ss = 0;
  let n = 0;
  let num = 0;
  let den = 0;
  for (const r of series) {
    if (r.length === 0) continue;
    let mean = 0;
    for (let i = 0; i < r.length; i++) mean += r[i];
    mean /= r.length;
    for (let i = 0; i < r.length; i++) {
      ss += r[i] * r[i];
      den += (r[i] - mean) ** 2;
      if (i > 0) num += (r[i] - mean) * (r[i - 1] - mean);
    }
    n += r.length;
  }
  const rho = den > 0 ? Math.max(0, Math.min(0.999, num / den)) : 0;
  const s2 = (ss / Math.max(1, n - nParams)) * ((1 + rho) / (1 - rho));
  return { s2, rho };
}
