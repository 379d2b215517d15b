import { QpWorkspace, type QpResult } from './qp';
import {
  BLOCKS,
  blockOfStep,
  blockStart,
  farmSizes,
  HORIZON_STEPS,
  NB,
  PRED_STEP_S,
  predict,
  SUPPLY_RATE_K_PER_S,
  VALVE_RATE_PER_S,
  type FarmProblem,
} from './problem';

/** Room given to a flow row that the ranges can meet only at a corner, kg/s (far below any meter's resolution). */
const CORNER_ROOM_KG_S = 1e-6;

// The farm MPC's quadratic programme. Each tank under MPC is one thermal state (identify.ts), x = the change
// of its mean temperature from now, advanced exactly over steps of PRED_STEP_S with inputs held (ZOH):
//
//   x[k+1] = α·x[k] + β/C·(a_v·(v_b − v0) + a_s·(T_s,b − T_s0) + d[k]),   α = e^(−λΔ), β = (1 − α)/λ,
//   λ = (UA − a_T)/C,   d[k] = Q0 − L(now, weather at step k)   (the weather ahead is the feed-forward)
//
// and the TIC reading is y[k] = y0 + x[k]. Decision variables: each tank's valve opening on NB move blocks
// (BLOCKS steps each), the heater's supply set point on the same blocks (when the MPC holds it), and one
// slack a tank (the most its soft maximum or minimum is broken by). Objective: follow the reference, least
// heater duty (fuel), small moves; slacks at a heavy price. Constraints: valve 0..1 and ramp, supply range
// and ramp, heater maximum duty at every step, hot-oil flow through the coils on every block (most the pumps
// give, least the heater needs), and the soft maximum / minimum product temperature at every step. The
// problem is built into preallocated arrays; the problem's data and the prediction are in problem.ts.

/**
 * The heater's limit binds from this step on (an hour): before, the valves cannot have closed far enough (0.1
 * in the first decision, 0.6 in the next half hour), and a load over the limit only holds the burner at full fire.
 */
export const HEATER_LIMIT_FROM_STEP = 2;

// weights, per prediction step
export const W_TRACK = 100; // per K² off the reference
export const W_FUEL = 2e-5; // per W of heater duty
export const W_MOVE = 1; // per (valve move)²
export const W_SUPPLY_MOVE = 1e-2; // per K² of supply set-point move
export const W_SUPPLY_REF = 1e-2; // per K² off the plan's supply temperature
export const W_SLACK_Q = 1e4; // per K² of a soft temperature limit broken
export const W_SLACK_L = 1e5; // per K of a soft temperature limit broken (exact penalty)
const REG = 1e-6;

// a sparse row over one tank's variables: its NB valves then the NB supply blocks
const rowIdx = new Int32Array(2 * NB);
const rowVal = new Float64Array(2 * NB);
// each variable's range as far as its bounds and first ramp allow: a row that cannot bind there is left out
let varLo = new Float64Array(0);
let varHi = new Float64Array(0);

/** The ramp between block b − 1 (or now) and block b; ≥ 1 for a valve means no ramp row is needed. */
function gap_s(b: number): number {
  return b === 0 ? FIRST_MOVE_S : BLOCKS[b - 1] * PRED_STEP_S;
}
/** The first block is applied for one decision period before the next decision can move it again. */
const FIRST_MOVE_S = 300;

/**
 * One move block b of an input x (a valve, or the supply set point): its range rows (varLo/varHi), the ramp
 * from block b − 1 where it can bind (ramp below the input's span), and the move penalty against the block
 * before (or `prev`, the input in use now, for the first). Returns the next free constraint row.
 */
function blockInput(
  w: QpWorkspace,
  r: number,
  x: number,
  b: number,
  ramp: number,
  span: number,
  weight: number,
  prev: number,
): number {
  const { H, f, A, b: lo, n } = w;
  A[r * n + x] += 1;
  lo[r++] = varLo[x];
  A[r * n + x] += -1;
  lo[r++] = -varHi[x];
  if (b > 0 && ramp < span) {
    // u_b − u_{b−1} ≥ −ramp and u_{b−1} − u_b ≥ −ramp
    A[r * n + x] += 1;
    A[r * n + x - 1] += -1;
    lo[r++] = -ramp;
    A[r * n + x] += -1;
    A[r * n + x - 1] += 1;
    lo[r++] = -ramp;
  }
  H[x * n + x] += 2 * weight;
  if (b > 0) {
    H[(x - 1) * n + (x - 1)] += 2 * weight;
    H[x * n + (x - 1)] -= 2 * weight;
    H[(x - 1) * n + x] -= 2 * weight;
  } else f[x] -= 2 * weight * prev;
  return r;
}

/**
 * Build the QP of problem p into the staging workspace w (sized by farmSizes); returns the number of
 * constraint rows used. Rows are left out only where they cannot bind anywhere in the variables' bounds.
 */
export function formulate(p: FarmProblem, w: QpWorkspace): number {
  const N = HORIZON_STEPS;
  const nt = p.nt;
  const { n, ns } = farmSizes(nt, p.supplyFree);
  const vIdx = (j: number, b: number) => j * NB + b;
  const sIdx = (b: number) => nt * NB + b;
  const slack = (j: number) => nt * NB + ns + j;
  const { H, f, A, b: lo } = w;
  w.clear();
  let r = 0; // constraint row
  const row = (k: number, coef: number) => (A[r * n + k] += coef);
  if (varLo.length < n) {
    varLo = new Float64Array(n);
    varHi = new Float64Array(n);
  }
  for (let j = 0; j < nt; j++) {
    const t = p.tanks[j];
    predict(p, t);
    const r0 = Math.min(1, VALVE_RATE_PER_S * FIRST_MOVE_S);
    for (let b = 0; b < NB; b++) {
      varLo[vIdx(j, b)] = b === 0 ? Math.max(0, t.v0 - r0) : 0;
      varHi[vIdx(j, b)] = b === 0 ? Math.min(1, t.v0 + r0) : 1;
    }
    varLo[slack(j)] = 0;
    varHi[slack(j)] = Infinity;
  }
  for (let b = 0; b < ns; b++) {
    const r0 = SUPPLY_RATE_K_PER_S * FIRST_MOVE_S;
    varLo[sIdx(b)] = b === 0 ? Math.max(p.supplyLo_C, p.supplyPrev_C - r0) : p.supplyLo_C;
    varHi[sIdx(b)] = b === 0 ? Math.min(p.supplyHi_C, p.supplyPrev_C + r0) : p.supplyHi_C;
  }
  /** The most (sign +1) or least (−1) of Σ rowVal·u over the variables' ranges. */
  const extreme = (cnt: number, sign: number) => {
    let e = 0;
    for (let a = 0; a < cnt; a++) {
      const x = rowVal[a] * varLo[rowIdx[a]];
      const y = rowVal[a] * varHi[rowIdx[a]];
      e += sign > 0 ? Math.max(x, y) : Math.min(x, y);
    }
    return e;
  };

  // tracking and the soft temperature limits
  for (let j = 0; j < nt; j++) {
    const t = p.tanks[j];
    let rows = 0;
    for (let k = 1; k <= N; k++) {
      let cnt = 0;
      for (let b = 0; b < NB; b++) {
        rowIdx[cnt] = vIdx(j, b);
        rowVal[cnt++] = t.gv[k * NB + b];
      }
      for (let b = 0; b < ns; b++) {
        rowIdx[cnt] = sIdx(b);
        rowVal[cnt++] = t.gs[k * NB + b];
      }
      const y = t.y0_C + t.free[k]; // the prediction at zero inputs (the gains act on absolute inputs)
      const c = y - t.target_C[k];
      for (let a = 0; a < cnt; a++) {
        f[rowIdx[a]] += 2 * W_TRACK * c * rowVal[a];
        for (let q = 0; q < cnt; q++) H[rowIdx[a] * n + rowIdx[q]] += 2 * W_TRACK * rowVal[a] * rowVal[q];
      }
      // y ≤ max + s  ⇔  −g·u + s ≥ y − max
      if (y + extreme(cnt, 1) > t.max_C) {
        for (let a = 0; a < cnt; a++) row(rowIdx[a], -rowVal[a]);
        row(slack(j), 1);
        lo[r++] = y - t.max_C;
        rows++;
      }
      // y ≥ min − s  ⇔  g·u + s ≥ min − y
      if (y + extreme(cnt, -1) < t.min_C[k]) {
        for (let a = 0; a < cnt; a++) row(rowIdx[a], rowVal[a]);
        row(slack(j), 1);
        lo[r++] = t.min_C[k] - y;
        rows++;
      }
    }
    const sl = slack(j);
    H[sl * n + sl] += 2 * W_SLACK_Q;
    if (rows > 0) {
      f[sl] += W_SLACK_L;
      row(sl, 1);
      lo[r++] = 0;
    }
  }

  // valves: bounds, ramps (where they can bind), move penalty
  for (let j = 0; j < nt; j++) {
    const t = p.tanks[j];
    for (let b = 0; b < NB; b++) {
      r = blockInput(w, r, vIdx(j, b), b, VALVE_RATE_PER_S * gap_s(b), 1, W_MOVE, t.v0);
    }
  }

  // the supply set point: range, ramp, moves, the plan's supply temperature as a light reference
  for (let b = 0; b < ns; b++) {
    const x = sIdx(b);
    const span = p.supplyHi_C - p.supplyLo_C;
    r = blockInput(w, r, x, b, SUPPLY_RATE_K_PER_S * gap_s(b), span, W_SUPPLY_MOVE, p.supplyPrev_C);
    for (let k = blockStart[b]; k < blockStart[b] + BLOCKS[b]; k++) {
      const ref = p.supplyRef_C[k];
      if (!Number.isFinite(ref)) continue;
      H[x * n + x] += 2 * W_SUPPLY_REF;
      f[x] -= 2 * W_SUPPLY_REF * ref;
    }
  }

  // heater duty over each step: Σ coil duties + loop loss ≤ max; its sum, valued, is the fuel term
  for (let k = 0; k < N; k++) {
    const bk = blockOfStep[k];
    let c = p.otherDuty_W;
    for (let j = 0; j < nt; j++) {
      const t = p.tanks[j];
      if (!t.valveActs) continue;
      const e = t.model;
      // Q = Q0 + a_v(v − v0) + a_s(T_s − T_s0) + a_T·x[k]
      c += e.duty0_W - e.dutyPerValve_W * t.v0 + e.dutyPerProduct_W_K * t.free[k];
      c += p.supplyFree ? -e.dutyPerSupply_W_K * p.supply0_C : e.dutyPerSupply_W_K * (p.supplyFixed_C - p.supply0_C);
      row(vIdx(j, bk), -e.dutyPerValve_W);
      for (let b = 0; b < NB; b++) row(vIdx(j, b), -e.dutyPerProduct_W_K * t.gv[k * NB + b]);
      if (p.supplyFree) {
        row(sIdx(bk), -e.dutyPerSupply_W_K);
        for (let b = 0; b < ns; b++) row(sIdx(b), -e.dutyPerProduct_W_K * t.gs[k * NB + b]);
      }
    }
    if (p.supplyFree) {
      row(sIdx(bk), -p.loopUA_W_K);
      c -= p.loopUA_W_K * p.ambient_C[k];
    } else c += p.loopUA_W_K * (p.supplyFixed_C - p.ambient_C[k]);
    let most = c; // the most duty anywhere in the ranges
    for (let x = 0; x < n; x++) {
      const a = A[r * n + x];
      if (a === 0) continue;
      f[x] -= W_FUEL * a; // the row holds −∂duty/∂u
      most += Math.max(-a * varLo[x], -a * varHi[x]);
    }
    if (most > p.heaterMax_W && k >= HEATER_LIMIT_FROM_STEP) lo[r++] = c - p.heaterMax_W;
    else for (let x = 0; x < n; x++) A[r * n + x] = 0; // cannot bind: the row is not kept
  }

  // hot-oil flow through the coils under MPC on each block
  for (let b = 0; b < NB; b++) {
    let c = 0;
    let most = 0;
    for (let j = 0; j < nt; j++) {
      const e = p.tanks[j].model;
      const x = vIdx(j, b);
      c += e.flow0_kg_s - e.flowPerValve_kg_s * p.tanks[j].v0;
      most += Math.max(e.flowPerValve_kg_s * varLo[x], e.flowPerValve_kg_s * varHi[x]);
      row(x, -e.flowPerValve_kg_s);
    }
    let least = 0;
    for (let j = 0; j < nt; j++) {
      const e = p.tanks[j].model;
      const x = vIdx(j, b);
      least += Math.min(e.flowPerValve_kg_s * varLo[x], e.flowPerValve_kg_s * varHi[x]);
    }
    // no more than the ranges allow: the first block is ramp-bound from the valves as they are, and each branch's
    // flow linearised alone overstates what the shared pump gives them together (a farm switched to MPC with every
    // valve wide open), so the first blocks close towards the limit as fast as the valves may travel
    // where even the least falls short, the row asks for exactly the ranges' corner: a single point that the
    // solver's rounding can find inconsistent with the bounds (the first decision of a fresh farm fell back to PI
    // or not depending on the last bit of a temperature), so the corner is given a hair's room
    if (c + most > p.flowMax_kg_s) lo[r++] = Math.min(c - p.flowMax_kg_s, -least - CORNER_ROOM_KG_S);
    else for (let x = 0; x < n; x++) A[r * n + x] = 0;
    // and no less than the heater needs: Σ f ≥ min (where the least the ranges allow falls short of it)
    if (c + least < p.flowMin_kg_s) {
      // no more than the ranges can reach (a start from closed valves ramps up over the first blocks)
      let reach = 0;
      for (let j = 0; j < nt; j++) {
        const e = p.tanks[j].model;
        const x = vIdx(j, b);
        reach += Math.max(e.flowPerValve_kg_s * varLo[x], e.flowPerValve_kg_s * varHi[x]);
      }
      for (let j = 0; j < nt; j++) row(vIdx(j, b), p.tanks[j].model.flowPerValve_kg_s);
      lo[r++] = Math.min(p.flowMin_kg_s - c, reach - CORNER_ROOM_KG_S);
    }
  }

  for (let x = 0; x < n; x++) H[x * n + x] += REG;
  return r;
}

const staging = new Map<string, QpWorkspace>();
const workspaces = new Map<string, QpWorkspace>();
/** Row counts are rounded up to this, so that a few workspace sizes serve every decision. */
const ROW_BUCKET = 16;

function cached(map: Map<string, QpWorkspace>, n: number, m: number): QpWorkspace {
  const key = `${n}:${m}`;
  let w = map.get(key);
  if (!w) {
    w = new QpWorkspace(n, m);
    map.set(key, w);
  }
  return w;
}

/** Formulate and solve: the rows used are copied into a workspace of their (rounded) count, padded with 0 ≥ −1. */
export function solveFarm(p: FarmProblem): QpResult {
  const { n, m } = farmSizes(p.nt, p.supplyFree);
  const st = cached(staging, n, m);
  const used = formulate(p, st);
  const w = cached(workspaces, n, Math.max(ROW_BUCKET, Math.ceil(used / ROW_BUCKET) * ROW_BUCKET));
  w.clear();
  w.H.set(st.H);
  w.f.set(st.f);
  w.A.set(st.A.subarray(0, used * n));
  w.b.set(st.b.subarray(0, used));
  w.b.fill(-1, used);
  return w.solve();
}
