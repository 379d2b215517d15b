import { CholeskyDecomposition, Matrix } from 'ml-matrix';

// A general unscented Kalman filter (Julier & Uhlmann; scaled sigma points after Wan & van der Merwe) with
// additive process and measurement noise. The process and measurement functions work on one sigma point at a
// time, in place, on views that are made once: the caller's model loop allocates nothing per sigma point.
// The factorisations and solves (Cholesky of the covariance and of the innovation covariance, the gain) are
// ml-matrix's; the weighted sums over sigma points are plain loops on preallocated arrays, because building
// ml-matrix objects for them cost more than the whole model (one update went from ~700 µs to ~100 µs).

export interface UkfOptions {
  /** Spread of the sigma points (1e-3…1); 0.5 keeps them within ~2 sd for a state of 15. */
  alpha?: number;
  /** Prior knowledge of the distribution: 2 is optimal for a Gaussian. */
  beta?: number;
  kappa?: number;
}

/** Propagates one sigma point over the step, in place. */
export type ProcessFn = (x: Float64Array) => void;
/**
 * Predicted values of the measurements `ks` (indices the caller's model understands) for state x, into out:
 * all of one state at once, so the model loads each sigma point once.
 */
export type MeasureFn = (x: Float64Array, ks: readonly number[], out: Float64Array) => void;

/** One measurement's result in the last update: the innovation and its predicted sd. */
export interface UkfInnovation {
  k: number;
  r: number;
  sd: number;
  used: boolean;
}

export class Ukf {
  readonly n: number;
  /** State mean. */
  readonly x: Float64Array;
  /** State covariance, row-major n×n. */
  readonly Pd: Float64Array;
  private readonly lambda: number;
  private readonly wm0: number;
  private readonly wc0: number;
  private readonly wi: number;
  /** Sigma points, one after another, and a view on each. */
  private readonly sig: Float64Array;
  private readonly views: Float64Array[];
  private readonly ysig: Float64Array;
  private readonly Pm: Matrix;
  private readonly Lf: Float64Array;
  private Ydev = new Float64Array(0);
  private Pxy = new Float64Array(0);
  /**
   * Consider states (Schmidt–Kalman): 1 where a state is never corrected by a measurement. Its uncertainty
   * still enters every prediction and gain, so the states it biases carry it in their covariance, but the
   * filter does not claim to learn it: for a parameter the data cannot honestly separate from another (a
   * transmitter's calibration offset against the energy balance), learning it makes the other overconfident.
   */
  consider: Uint8Array | null = null;

  constructor(x0: ArrayLike<number>, P0: Matrix, o: UkfOptions = {}) {
    const n = x0.length;
    this.n = n;
    this.x = Float64Array.from(x0);
    this.Pd = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) this.Pd[i * n + j] = P0.get(i, j);
    const alpha = o.alpha ?? 0.5;
    const beta = o.beta ?? 2;
    const kappa = o.kappa ?? 0;
    this.lambda = alpha * alpha * (n + kappa) - n;
    this.wm0 = this.lambda / (n + this.lambda);
    this.wc0 = this.wm0 + 1 - alpha * alpha + beta;
    this.wi = 1 / (2 * (n + this.lambda));
    this.sig = new Float64Array((2 * n + 1) * n);
    this.views = [];
    for (let s = 0; s < 2 * n + 1; s++) this.views.push(this.sig.subarray(s * n, (s + 1) * n));
    this.ysig = new Float64Array(2 * n + 1);
    this.Pm = new Matrix(n, n);
    this.Lf = new Float64Array(n * n);
  }

  get sigmaCount(): number {
    return 2 * this.n + 1;
  }

  /** The covariance as an ml-matrix Matrix (a copy). */
  get P(): Matrix {
    return Matrix.from1DArray(this.n, this.n, this.Pd);
  }

  /** Variance of state i. */
  variance(i: number): number {
    return this.Pd[i * this.n + i];
  }

  private weightM(s: number): number {
    return s === 0 ? this.wm0 : this.wi;
  }
  private weightC(s: number): number {
    return s === 0 ? this.wc0 : this.wi;
  }

  /** Lower Cholesky factor of P into Lf, repaired (jitter on the diagonal) when rounding broke it. */
  private sqrtP(): void {
    const n = this.n;
    const P = this.Pd;
    symmetrise(P, n);
    let scale = 0;
    for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(P[i * n + i]));
    for (let attempt = 0; attempt < 8; attempt++) {
      const jitter = attempt === 0 ? 0 : (scale || 1) * 1e-12 * 100 ** attempt;
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) this.Pm.set(i, j, P[i * n + j] + (i === j ? jitter : 0));
      const c = new CholeskyDecomposition(this.Pm);
      if (c.isPositiveDefinite()) {
        const L = c.lowerTriangularMatrix;
        for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) this.Lf[i * n + j] = L.get(i, j);
        if (jitter > 0) for (let i = 0; i < n; i++) P[i * n + i] += jitter;
        return;
      }
    }
    throw new Error('state covariance is not positive definite');
  }

  /** Sigma points of the current (x, P) into sig. */
  private draw(): void {
    const n = this.n;
    this.sqrtP();
    const L = this.Lf;
    const c = Math.sqrt(n + this.lambda);
    const sig = this.sig;
    const x = this.x;
    sig.set(x, 0);
    for (let j = 0; j < n; j++) {
      const plus = (1 + j) * n;
      const minus = (1 + n + j) * n;
      for (let i = 0; i < n; i++) {
        const d = i >= j ? c * L[i * n + j] : 0;
        sig[plus + i] = x[i] + d;
        sig[minus + i] = x[i] - d;
      }
    }
  }

  /** Time update: propagate every sigma point through f, then mean and covariance plus the diagonal q. */
  predict(f: ProcessFn, q: ArrayLike<number>): void {
    const n = this.n;
    const m = 2 * n + 1;
    this.draw();
    for (let s = 0; s < m; s++) f(this.views[s]);
    const x = this.x;
    const sig = this.sig;
    x.fill(0);
    for (let s = 0; s < m; s++) {
      const w = this.weightM(s);
      const o = s * n;
      for (let i = 0; i < n; i++) x[i] += w * sig[o + i];
    }
    // P = Σ wc·(χ − x)(χ − x)ᵀ + Q: deviations in place (the sigma points are redrawn before they are used again)
    for (let s = 0; s < m; s++) {
      const o = s * n;
      for (let i = 0; i < n; i++) sig[o + i] -= x[i];
    }
    const P = this.Pd;
    P.fill(0);
    for (let s = 0; s < m; s++) {
      const w = this.weightC(s);
      const o = s * n;
      for (let i = 0; i < n; i++) {
        const wdi = w * sig[o + i];
        const row = i * n;
        for (let j = 0; j <= i; j++) P[row + j] += wdi * sig[o + j];
      }
    }
    for (let i = 0; i < n; i++) {
      P[i * n + i] += q[i];
      for (let j = 0; j < i; j++) P[j * n + i] = P[i * n + j];
    }
  }

  /** Mean and sd of a scalar function of the state, by the unscented transform of the current (x, P). */
  transform(g: (x: Float64Array) => number): { mean: number; sd: number } {
    const m = 2 * this.n + 1;
    this.draw();
    const ys = this.ysig;
    let mean = 0;
    for (let s = 0; s < m; s++) {
      ys[s] = g(this.views[s]);
      mean += this.weightM(s) * ys[s];
    }
    let v = 0;
    for (let s = 0; s < m; s++) v += this.weightC(s) * (ys[s] - mean) ** 2;
    return { mean, sd: Math.sqrt(Math.max(v, 0)) };
  }

  /**
   * Means and sds of k functions of the state from one set of sigma points: g writes the k values for a state
   * into its second argument.
   */
  transformMany(k: number, g: (x: Float64Array, out: Float64Array) => void): { mean: Float64Array; sd: Float64Array } {
    const m = 2 * this.n + 1;
    this.draw();
    const vals = new Float64Array(m * k);
    const mean = new Float64Array(k);
    const sd = new Float64Array(k);
    for (let s = 0; s < m; s++) {
      const v = vals.subarray(s * k, (s + 1) * k);
      g(this.views[s], v);
      for (let a = 0; a < k; a++) mean[a] += this.weightM(s) * v[a];
    }
    for (let a = 0; a < k; a++) {
      let q = 0;
      for (let s = 0; s < m; s++) q += this.weightC(s) * (vals[s * k + a] - mean[a]) ** 2;
      sd[a] = Math.sqrt(Math.max(q, 0));
    }
    return { mean, sd };
  }

  /**
   * Measurement update with the measurements `ks` (indices the caller's h understands), their values y and
   * variances R. A measurement whose innovation is beyond `gate` predicted sd is reported but not used (a
   * sensor fault must not drag the state; the innovation shows it). Returns one entry per measurement.
   */
  update(
    h: MeasureFn,
    ks: readonly number[],
    y: readonly number[],
    R: readonly number[],
    gate = Infinity,
  ): UkfInnovation[] {
    const n = this.n;
    const m = 2 * n + 1;
    const p = ks.length;
    if (p === 0) return [];
    this.draw();
    const x = this.x;
    const sig = this.sig;
    if (this.Ydev.length < p * m) {
      this.Ydev = new Float64Array(p * m);
      this.Pxy = new Float64Array(n * p);
    }
    const Y = this.Ydev;
    // predicted measurements per sigma point, their mean and deviations
    const yHat = new Float64Array(p);
    const ys = this.ysig.length >= p ? this.ysig : new Float64Array(p);
    for (let s = 0; s < m; s++) {
      h(this.views[s], ks, ys);
      const w = this.weightM(s);
      for (let a = 0; a < p; a++) {
        Y[a * m + s] = ys[a];
        yHat[a] += w * ys[a];
      }
    }
    for (let a = 0; a < p; a++) for (let s = 0; s < m; s++) Y[a * m + s] -= yHat[a];
    const S = new Matrix(p, p);
    for (let a = 0; a < p; a++)
      for (let b = 0; b <= a; b++) {
        let v = 0;
        for (let s = 0; s < m; s++) v += this.weightC(s) * Y[a * m + s] * Y[b * m + s];
        if (a === b) v += R[a];
        S.set(a, b, v);
        S.set(b, a, v);
      }
    const Pxy = this.Pxy;
    for (let i = 0; i < n; i++)
      for (let a = 0; a < p; a++) {
        let v = 0;
        for (let s = 0; s < m; s++) v += this.weightC(s) * (sig[s * n + i] - x[i]) * Y[a * m + s];
        Pxy[i * p + a] = v;
      }
    // gate on each measurement's own predicted sd, then update with the ones kept
    const out: UkfInnovation[] = [];
    const keep: number[] = [];
    for (let a = 0; a < p; a++) {
      const sd = Math.sqrt(Math.max(S.get(a, a), 0));
      const r = y[a] - yHat[a];
      const used = Number.isFinite(r) && Math.abs(r) <= gate * sd;
      out.push({ k: ks[a], r, sd, used });
      if (used) keep.push(a);
    }
    const q = keep.length;
    if (q === 0) return out;
    const Sk = q === p ? S : S.selection(keep, keep);
    const chol = new CholeskyDecomposition(Sk);
    if (!chol.isPositiveDefinite()) return out;
    // Kᵀ = S⁻¹·Cᵀ (S symmetric), C = Pxy on the kept columns
    const Ct = new Matrix(q, n);
    for (let b = 0; b < q; b++) for (let i = 0; i < n; i++) Ct.set(b, i, Pxy[i * p + keep[b]]);
    const Kt = chol.solve(Ct);
    const cons = this.consider;
    for (let i = 0; i < n; i++) {
      if (cons && cons[i]) continue;
      let dx = 0;
      for (let b = 0; b < q; b++) dx += Kt.get(b, i) * (y[keep[b]] - yHat[keep[b]]);
      x[i] += dx;
    }
    // P ← P − K·S·Kᵀ = P − C·S⁻¹·Cᵀ; with consider states (their gain rows zero) the same except their own
    // block, which keeps its prior (Schmidt–Kalman: P − K̃·Cᵀ − C·K̃ᵀ + K̃·S·K̃ᵀ)
    const P = this.Pd;
    for (let i = 0; i < n; i++)
      for (let j = 0; j <= i; j++) {
        if (cons && cons[i] && cons[j]) continue;
        let v = 0;
        for (let b = 0; b < q; b++) v += Ct.get(b, i) * Kt.get(b, j);
        P[i * n + j] -= v;
        if (j !== i) P[j * n + i] = P[i * n + j];
      }
    return out;
  }
}

/** (A + Aᵀ)/2 in place, A row-major n×n: sums leave rounding asymmetry that ml-matrix's Cholesky refuses. */
function symmetrise(A: Float64Array, n: number): void {
  for (let i = 0; i < n; i++)
    for (let j = 0; j < i; j++) {
      const v = 0.5 * (A[i * n + j] + A[j * n + i]);
      A[i * n + j] = v;
      A[j * n + i] = v;
    }
}
