import quadprog from 'quadprog';

// The plan's QPs, dense and small (one tank over the horizon): min ½xᵀHx + fᵀx subject to A·x ≥ b, solved by
// quadprog's Goldfarb–Idnani dual active set. Here in 0-based rows; quadprog's 1-based columns are built once.

export interface DenseQp {
  /** Diagonal of H (the plan's QPs have a diagonal Hessian), all > 0. */
  hDiag: number[];
  f: number[];
  /** Constraint rows (each of length n) and their lower bounds: A[r]·x ≥ b[r]. */
  A: number[][];
  b: number[];
}

export interface QpSolution {
  ok: boolean;
  x: number[];
  message: string;
  iterations: number;
}

export function solveDenseQp(qp: DenseQp): QpSolution {
  const n = qp.f.length;
  const q = qp.A.length;
  const D: number[][] = [[]];
  const d: number[] = [0];
  for (let i = 1; i <= n; i++) {
    const row = new Array<number>(n + 1).fill(0);
    row[i] = qp.hDiag[i - 1];
    D.push(row);
    d.push(-qp.f[i - 1]);
  }
  // quadprog wants at least one constraint column: a vacuous one (0·x ≥ −1) when there is none
  const rows = q ? qp.A : [new Array<number>(n).fill(0)];
  const bs = q ? qp.b : [-1];
  const Amat: number[][] = [[]];
  for (let i = 1; i <= n; i++) {
    const col = new Array<number>(rows.length + 1);
    col[0] = 0;
    for (let r = 0; r < rows.length; r++) col[r + 1] = rows[r][i - 1];
    Amat.push(col);
  }
  const bvec = [0, ...bs];
  const res = quadprog.solveQP(D, d, Amat, bvec, 0);
  if (res.message || !res.solution)
    return { ok: false, x: new Array<number>(n).fill(0), message: res.message, iterations: 0 };
  const x = res.solution.slice(1, n + 1);
  return { ok: x.every(Number.isFinite), x, message: '', iterations: res.iterations?.[1] ?? 0 };
}
