import { QpWorkspace } from '../sim/control/mpc/qp';

// The plan's QPs, dense and small (one tank over the horizon): min ½xᵀHx + fᵀx subject to A·x ≥ b, on the
// controller's quadprog wrapper (src/sim/control/mpc/qp.ts). Each problem has its own size (the bounds that
// cannot bind are left out), so each gets its own workspace: the plan runs once an hour or a day, not a step.

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
  // quadprog wants at least one constraint: a vacuous one (0·x ≥ −1) when there is none
  const m = Math.max(1, qp.A.length);
  const w = new QpWorkspace(n, m);
  for (let i = 0; i < n; i++) {
    w.H[i * n + i] = qp.hDiag[i];
    w.f[i] = qp.f[i];
  }
  if (qp.A.length)
    qp.A.forEach((row, r) => {
      w.A.set(row, r * n);
      w.b[r] = qp.b[r];
    });
  else w.b[0] = -1;
  const res = w.solve();
  return { ok: res.ok, x: Array.from(res.x), message: res.message, iterations: res.iterations };
}
