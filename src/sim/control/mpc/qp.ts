import quadprog from 'quadprog';

// A thin typed wrapper over quadprog's solveQP (Goldfarb–Idnani): the problem in 0-based row-major typed
// arrays, the solver's 1-based arrays preallocated once per size and refilled at each solve (the solver
// factorises D and overwrites d in place). Infeasibility and a non-positive-definite Hessian come back as a
// result, never as an exception.
//
//   minimise ½ xᵀ H x + fᵀ x   subject to   A x ≥ b   (the first meq rows as equalities)

export interface QpResult {
  ok: boolean;
  /** Why it failed ('' when ok): infeasible constraints, H not positive definite, a non-finite answer. */
  message: string;
  /** The minimiser (0-based, length n); meaningful only when ok. Owned by the workspace: copy to keep. */
  x: Float64Array;
  /** ½ xᵀ H x + fᵀ x at x. */
  value: number;
  iterations: number;
}

/** The arrays of one problem size: fill H, f, A, b (0-based) and call solveQp. */
export class QpWorkspace {
  readonly n: number;
  readonly m: number;
  /** n×n, row-major; symmetric positive definite. */
  readonly H: Float64Array;
  readonly f: Float64Array;
  /** m×n, row-major: row k is constraint k. */
  readonly A: Float64Array;
  readonly b: Float64Array;
  meq = 0;
  private readonly dmat: number[][];
  private readonly dvec: number[];
  private readonly amat: number[][];
  private readonly bvec: number[];
  private readonly factorized = [0, 0];
  private readonly result: QpResult;

  constructor(n: number, m: number) {
    this.n = n;
    this.m = m;
    this.H = new Float64Array(n * n);
    this.f = new Float64Array(n);
    this.A = new Float64Array(m * n);
    this.b = new Float64Array(m);
    // filled with a fraction first: the arrays are born holding doubles, so the solver's loops see one
    // element kind throughout (an array of small integers would change kind under it)
    const row = (len: number) => new Array<number>(len + 1).fill(0.5).fill(0);
    this.dmat = Array.from({ length: n + 1 }, () => row(n));
    this.dvec = row(n);
    this.amat = Array.from({ length: n + 1 }, () => row(m));
    this.bvec = row(m);
    this.result = { ok: false, message: '', x: new Float64Array(n), value: 0, iterations: 0 };
  }

  /** Zero H, f, A and b (a fresh problem of this size). */
  clear(): void {
    this.H.fill(0);
    this.f.fill(0);
    this.A.fill(0);
    this.b.fill(0);
    this.meq = 0;
  }

  /** Solve the problem held in H, f, A, b. */
  solve(): QpResult {
    const { n, m, H, f, A, b } = this;
    const fac = this.factorized;
    const r = this.result;
    for (let i = 0; i < n; i++) {
      const d = this.dmat[i + 1];
      for (let j = 0; j < n; j++) d[j + 1] = H[i * n + j];
      this.dvec[i + 1] = -f[i];
      const a = this.amat[i + 1];
      for (let k = 0; k < m; k++) a[k + 1] = A[k * n + i];
    }
    for (let k = 0; k < m; k++) this.bvec[k + 1] = b[k];
    fac[0] = 0;
    fac[1] = 0;
    r.ok = false;
    r.value = Number.NaN;
    r.iterations = 0;
    let out;
    try {
      out = quadprog.solveQP(this.dmat, this.dvec, this.amat, this.bvec, this.meq, fac);
    } catch (e) {
      r.message = `solver error: ${(e as Error).message}`;
      return r;
    }
    r.iterations = out.iterations?.[1] ?? 0;
    if (out.message) {
      r.message = /inconsistent/.test(out.message)
        ? 'infeasible: the constraints are inconsistent'
        : /positive definite/.test(out.message)
          ? 'the Hessian is not positive definite'
          : out.message;
      return r;
    }
    let value = 0;
    for (let i = 0; i < n; i++) {
      const xi = out.solution[i + 1];
      if (!Number.isFinite(xi)) {
        r.message = 'the solution is not finite';
        return r;
      }
      r.x[i] = xi;
    }
    for (let i = 0; i < n; i++) {
      let hx = 0;
      for (let j = 0; j < n; j++) hx += H[i * n + j] * r.x[j];
      value += r.x[i] * (0.5 * hx + f[i]);
    }
    r.ok = true;
    r.message = '';
    r.value = value;
    return r;
  }
}

/** Solve the workspace's problem (its `solve`). */
export function solveQp(w: QpWorkspace): QpResult {
  return w.solve();
}
