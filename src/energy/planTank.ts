import { solveDenseQp, type DenseQp } from './planQp';

// One tank's least-heat trajectory over the horizon, as a QP in the coil duty of each step (the temperatures
// eliminated: each is affine in the duties before it). Steps k = 0…N−1 of dt; samples k = 0…N (0: now).
// With the loss linear in T (C·dT/dt = Q − UA·T + u, u the heat that does not depend on T or Q: the loss's
// constant and weather parts, a mixer's work):
//   T[k+1] = α_k·T[k] + β_k·(Q[k] + u[k])     exact for constant inputs over the step
//   α_k = exp(−UA·dt / C_k), β_k = (1 − α_k)/UA  (dt/C_k without loss)
// subject to lo[k] ≤ T[k] ≤ hi[k], 0 ≤ Q[k] ≤ cap[k], Q[k] ≤ A + a_S·S[k] − a_T·T[k] (the coil wide open,
// linear in the supply and product temperature, at the step's start). Cost: the heat, each step's a little dearer the earlier it is (ties broken towards
// "just in time"; loss already makes later heat cheaper, by less than a part in a thousand an hour), plus a
// small quadratic term that makes the QP strictly convex and its answer unique.

export interface TankProblem {
  dt_s: number;
  T0_C: number;
  /** Per step: heat capacity J/K, heat in besides the coil and the T-proportional loss W, supply °C, the duty the tank may take W. */
  C_J_K: number[];
  u_W: number[];
  supply_C: number[];
  cap_W: number[];
  /** Per sample (N + 1): bounds on the temperature, °C. */
  min_C: number[];
  max_C: number[];
  lossUA_W_K: number;
  /** The coil wide open: A + a_S·supply − a_T·product, W. */
  coilA_W: number;
  coilPerSupply_W_K: number;
  coilPerProduct_W_K: number;
}

export interface TankSolution {
  ok: boolean;
  /** Per step, W. */
  Q_W: number[];
  /** Per sample, °C. */
  T_C: number[];
  /** The bounds as solved (min lowered to what heating flat out reaches; max raised to coasting). */
  lo_C: number[];
  hi_C: number[];
  /** Samples whose minimum could not be reached, and the best reachable there. */
  short: { k: number; want_C: number; best_C: number }[];
  message: string;
}

/** MW: the QP's unit of duty (its numbers then sit near 1). */
const SCALE_W = 1e6;
/** How much dearer each earlier step's heat is, relative. */
export const LATER = 1e-3;
/** The quadratic term, relative to a step's cost per MW. */
const EPS = 1e-3;
/** Bounds moved to what is feasible are kept this far inside it, K. */
const FEAS_K = 1e-3;

interface Dyn {
  alpha: number[];
  beta: number[];
  free: number[]; // the free response (no coil), per sample
}

function dynamics(p: TankProblem): Dyn {
  const N = p.C_J_K.length;
  const alpha: number[] = [];
  const beta: number[] = [];
  const free = [p.T0_C];
  for (let k = 0; k < N; k++) {
    const c = Math.max(p.C_J_K[k], 1);
    const a = p.lossUA_W_K > 0 ? Math.exp((-p.lossUA_W_K * p.dt_s) / c) : 1;
    const b = p.lossUA_W_K > 0 ? (1 - a) / p.lossUA_W_K : p.dt_s / c;
    alpha.push(a);
    beta.push(b);
    free.push(a * free[k] + b * p.u_W[k]);
  }
  return { alpha, beta, free };
}

/** Step the model with the given duties (W), from T0; the trajectory per sample. */
export function simulateTank(p: TankProblem, Q_W: readonly number[]): number[] {
  const d = dynamics(p);
  const T = [p.T0_C];
  for (let k = 0; k < Q_W.length; k++) T.push(d.alpha[k] * T[k] + d.beta[k] * (Q_W[k] + p.u_W[k]));
  return T;
}

/** The most duty the coil passes at temperature T in step k. */
export function coilLimit_W(p: TankProblem, k: number, T_C: number): number {
  const coil = p.coilA_W + p.coilPerSupply_W_K * p.supply_C[k] - p.coilPerProduct_W_K * T_C;
  return Math.max(0, Math.min(p.cap_W[k], coil));
}

/** Heating flat out from now: the highest temperature each sample can have. */
export function reachTrajectory(p: TankProblem): number[] {
  const d = dynamics(p);
  const T = [p.T0_C];
  for (let k = 0; k < p.C_J_K.length; k++) {
    const q = coilLimit_W(p, k, T[k]);
    T.push(d.alpha[k] * T[k] + d.beta[k] * (q + p.u_W[k]));
  }
  return T;
}

/** Solve one tank. Deterministic; never throws (ok false with a message when the QP fails). */
export function solveTank(p: TankProblem): TankSolution {
  const N = p.C_J_K.length;
  const d = dynamics(p);
  const reach = reachTrajectory(p);
  const lo = p.min_C.slice();
  const hi = p.max_C.slice();
  const short: TankSolution['short'] = [];
  for (let k = 1; k <= N; k++) {
    if (lo[k] > reach[k] - FEAS_K) {
      if (lo[k] > reach[k] + 0.05) short.push({ k, want_C: lo[k], best_C: reach[k] });
      lo[k] = reach[k] - FEAS_K;
    }
    if (hi[k] < d.free[k] + FEAS_K) hi[k] = d.free[k] + FEAS_K;
  }
  // psi[k][j]: K per MW of step j's duty at sample k (j < k)
  const psi: number[][] = [new Array<number>(N).fill(0)];
  for (let k = 1; k <= N; k++) {
    const row = new Array<number>(N).fill(0);
    for (let j = 0; j < k; j++) row[j] = j === k - 1 ? d.beta[j] * SCALE_W : psi[k - 1][j] * d.alpha[k - 1];
    psi.push(row);
  }
  const A: number[][] = [];
  const b: number[] = [];
  for (let k = 1; k <= N; k++) {
    // a bound the free response already meets (min) or flat-out heating cannot pass (max) cannot bind
    if (lo[k] > d.free[k]) {
      A.push(psi[k].slice());
      b.push(lo[k] - d.free[k]);
    }
    if (hi[k] < reach[k]) {
      A.push(psi[k].map((v) => -v));
      b.push(d.free[k] - hi[k]);
    }
  }
  for (let j = 0; j < N; j++) {
    const unit = new Array<number>(N).fill(0);
    unit[j] = 1;
    A.push(unit);
    b.push(0);
    // Q + a_T·T ≤ A + a_S·S, with T = free + Σ ψ·x: the coil wide open
    const aT = p.coilPerProduct_W_K;
    const coilAt = (T: number) => p.coilA_W + p.coilPerSupply_W_K * p.supply_C[j] - aT * T;
    // the heater's share, where the coil could pass more at some reachable temperature
    if (Math.max(coilAt(reach[j]), coilAt(d.free[j])) > p.cap_W[j]) {
      const capRow = new Array<number>(N).fill(0);
      capRow[j] = -1;
      A.push(capRow);
      b.push(-Math.max(0, p.cap_W[j]) / SCALE_W);
    }
    // the coil's own limit, where it can be lower than the cap at some reachable temperature
    if (Math.min(coilAt(reach[j]), coilAt(d.free[j])) < p.cap_W[j]) {
      const row = psi[j].map((v) => (-aT * v) / SCALE_W);
      row[j] -= 1;
      A.push(row);
      b.push(-coilAt(d.free[j]) / SCALE_W);
    }
  }
  const unit_h = p.dt_s / 3600;
  const qp: DenseQp = {
    hDiag: new Array<number>(N).fill(EPS * unit_h),
    f: Array.from({ length: N }, (_, j) => unit_h * (1 + LATER * (N - j))),
    A,
    b,
  };
  const sol = solveDenseQp(qp);
  if (!sol.ok) {
    return {
      ok: false,
      Q_W: new Array<number>(N).fill(0),
      T_C: d.free,
      lo_C: lo,
      hi_C: hi,
      short,
      message: sol.message,
    };
  }
  const Q_W = sol.x.map((x) => Math.max(0, x * SCALE_W));
  return { ok: true, Q_W, T_C: simulateTank(p, Q_W), lo_C: lo, hi_C: hi, short, message: '' };
}
