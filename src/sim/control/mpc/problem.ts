import type { TankEnergyModel } from './identify';

// The farm MPC's problem data and its prediction (formulate.ts builds the QP on them): each tank under MPC
// one thermal state, advanced exactly over steps of PRED_STEP_S with inputs held on move blocks.

export const PRED_STEP_S = 1800;
export const HORIZON_STEPS = 24; // 12 h
/** Steps per move block: finer near now, coarse at the end of the horizon. */
export const BLOCKS: readonly number[] = [1, 1, 2, 4, 16];
export const NB = BLOCKS.length;
/** A valve moves at most this much per second of plan (0.1 per five-minute decision). */
export const VALVE_RATE_PER_S = 0.1 / 300;
/** The supply set point moves at most this much per second of plan (5 K per five-minute decision). */
export const SUPPLY_RATE_K_PER_S = 5 / 300;

export const blockOfStep = new Int32Array(HORIZON_STEPS);
export const blockStart = new Int32Array(NB);
{
  let k = 0;
  for (let b = 0; b < NB; b++) {
    blockStart[b] = k;
    for (let j = 0; j < BLOCKS[b]; j++) blockOfStep[k++] = b;
  }
}

/** One tank's part of a decision (slots preallocated by the caller). */
export interface FarmTank {
  model: TankEnergyModel; // identified, coil linearised about v0 now
  y0_C: number; // TIC reading now
  v0: number; // valve opening in use now
  /** false: the valve cannot act (forced closed); the tank then only cools. */
  valveActs: boolean;
  max_C: number;
  target_C: Float64Array; // [k], k = 1..N (index 0 unused)
  min_C: Float64Array; // [k], k = 1..N
  /** Net heat now at constant inputs over step k (coil duty now less the loss in the weather ahead), W. */
  d_W: Float64Array; // [k], k = 0..N−1
  // built by formulate
  free: Float64Array; // [k], k = 0..N
  gv: Float64Array; // [k·NB + b]
  gs: Float64Array; // [k·NB + b]
}

export function farmTank(model: TankEnergyModel): FarmTank {
  const N = HORIZON_STEPS;
  return {
    model,
    y0_C: 0,
    v0: 0,
    valveActs: true,
    max_C: 0,
    target_C: new Float64Array(N + 1),
    min_C: new Float64Array(N + 1),
    d_W: new Float64Array(N),
    free: new Float64Array(N + 1),
    gv: new Float64Array((N + 1) * NB),
    gs: new Float64Array((N + 1) * NB),
  };
}

export interface FarmProblem {
  nt: number;
  tanks: FarmTank[];
  /** The MPC chooses the supply set point; otherwise the supply is fixed at supplyFixed_C. */
  supplyFree: boolean;
  supply0_C: number; // the supply temperature now (the linearisation point)
  supplyFixed_C: number;
  supplyPrev_C: number; // the set point in use now (origin of the ramp)
  supplyLo_C: number;
  supplyHi_C: number;
  supplyRef_C: Float64Array; // [k], k = 0..N−1; NaN: no reference
  ambient_C: Float64Array; // [k] over step k
  heaterMax_W: number;
  loopUA_W_K: number;
  otherDuty_W: number; // coils not under MPC, held as they are
  flowMax_kg_s: number; // through the coils under MPC
  /** The least flow through the coils under MPC (the heater's low-flow margin less bypass and other coils); −∞: none. */
  flowMin_kg_s: number;
}

export function farmProblem(): FarmProblem {
  const N = HORIZON_STEPS;
  return {
    nt: 0,
    tanks: [],
    supplyFree: false,
    supply0_C: 0,
    supplyFixed_C: 0,
    supplyPrev_C: 0,
    supplyLo_C: 0,
    supplyHi_C: 0,
    supplyRef_C: new Float64Array(N),
    ambient_C: new Float64Array(N),
    heaterMax_W: 0,
    loopUA_W_K: 0,
    otherDuty_W: 0,
    flowMax_kg_s: 0,
    flowMin_kg_s: -Infinity,
  };
}

export interface FarmSizes {
  n: number;
  m: number;
  ns: number;
}

/** Variables, and the most constraint rows the problem can have (rows that cannot bind are left out). */
export function farmSizes(nt: number, supplyFree: boolean): FarmSizes {
  const N = HORIZON_STEPS;
  const ns = supplyFree ? NB : 0;
  const n = nt * NB + ns + nt;
  const m = 4 * nt * NB + 4 * ns + N + 2 * NB + 2 * nt * N + nt;
  return { n, m, ns };
}

const dyn = { av: 0, as: 0, alpha: 0, bc: 0 };

/**
 * Tank t's exact step over dt_s with inputs held (scratch, no allocation): the valve and supply gains (zero
 * where the valve cannot act), α = e^(−λ·dt) and β/C, λ = (UA − a_T)/C.
 */
function dynamics(t: FarmTank, dt_s: number): typeof dyn {
  const e = t.model;
  const C = e.heatCapacity_J_K;
  const aT = t.valveActs ? e.dutyPerProduct_W_K : 0;
  const lambda = (e.lossUA_W_K - aT) / C;
  const alpha = Math.exp(-lambda * dt_s);
  const beta = Math.abs(lambda) > 1e-15 ? (1 - alpha) / lambda : dt_s;
  dyn.av = t.valveActs ? e.dutyPerValve_W : 0;
  dyn.as = t.valveActs ? e.dutyPerSupply_W_K : 0;
  dyn.alpha = alpha;
  dyn.bc = beta / C;
  return dyn;
}

/** The prediction of tank t: free response and block gains, from its model and inputs. */
export function predict(p: FarmProblem, t: FarmTank): void {
  const N = HORIZON_STEPS;
  const { av, as, alpha, bc } = dynamics(t, PRED_STEP_S);
  const fixed = p.supplyFree ? -as * p.supply0_C : as * (p.supplyFixed_C - p.supply0_C);
  t.free[0] = 0;
  for (let b = 0; b < NB; b++) {
    t.gv[b] = 0;
    t.gs[b] = 0;
  }
  for (let k = 0; k < N; k++) {
    const bk = blockOfStep[k];
    t.free[k + 1] = alpha * t.free[k] + bc * (t.d_W[k] - av * t.v0 + fixed);
    for (let b = 0; b < NB; b++) {
      t.gv[(k + 1) * NB + b] = alpha * t.gv[k * NB + b] + (b === bk ? bc * av : 0);
      t.gs[(k + 1) * NB + b] = p.supplyFree ? alpha * t.gs[k * NB + b] + (b === bk ? bc * as : 0) : 0;
    }
  }
}

/** The TIC reading tank j is predicted to show dt_s from now with the first block's inputs. */
export function predictAhead(p: FarmProblem, j: number, x: Float64Array, dt_s: number): number {
  const t = p.tanks[j];
  const { av, as, bc } = dynamics(t, dt_s);
  const ts = p.supplyFree ? x[p.nt * NB] : p.supplyFixed_C;
  return t.y0_C + bc * (av * (x[j * NB] - t.v0) + as * (ts - p.supply0_C) + t.d_W[0]);
}

/** The TIC reading tank j is predicted to show at the end of the horizon under the solution x. */
export function predictEnd(p: FarmProblem, j: number, x: Float64Array): number {
  const t = p.tanks[j];
  const k = HORIZON_STEPS;
  let y = t.y0_C + t.free[k];
  for (let b = 0; b < NB; b++) {
    y += t.gv[k * NB + b] * x[j * NB + b];
    if (p.supplyFree) y += t.gs[k * NB + b] * x[p.nt * NB + b];
  }
  return y;
}
