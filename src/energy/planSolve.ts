import { solveTank, type TankProblem, type TankSolution } from './planTank';

// The farm's plan from the tanks' QPs, coordinated on what they share: the heater. Each tank is solved
// alone with the heater's duty (less the loop's loss) as its cap; wherever the duties planned for one step
// add up to more than the heater gives, that step's capacity is shared out in proportion to what each tank
// asked for and those tanks are solved again (they heat earlier where they can), until no step is over.
// Then the supply temperature: the tanks' QPs assumed the highest supply; each step gets the lowest supply
// that still passes the planned duties through the coils (with headroom), which trims the loop's loss.
// (A decomposition, not the joint optimum: the supply's only cost here is the loop's loss, 150 W/K.)

export interface FarmTankInput {
  tag: string;
  T0_C: number;
  /** Per step: heat capacity, J/K (the product mass falls as trucks load), and the heat in besides coil and UA·T, W. */
  C_J_K: number[];
  u_W: number[];
  lossUA_W_K: number;
  /** The coil wide open: coilA + a_S·supply − a_T·product, W. */
  coilA_W: number;
  coilPerSupply_W_K: number;
  coilPerProduct_W_K: number;
  /** Per sample (N + 1). */
  min_C: number[];
  max_C: number[];
}

export interface FarmProblem {
  dt_s: number;
  /** Per step: mean ambient, °C. */
  amb_C: number[];
  tanks: FarmTankInput[];
  heaterMax_W: number;
  efficiency: number;
  supplyMax_C: number;
  loopUA_W_K: number;
}

export interface FarmSolution {
  tanks: TankSolution[];
  /** Per step: supply temperature °C, heater duty W. */
  supply_C: number[];
  heaterDuty_W: number[];
  heat_J: number;
  fuel_J: number;
  rounds: number;
  warnings: string[];
}

/** Coordination rounds at most (each re-solves only the tanks whose caps changed). */
export const MAX_ROUNDS = 12;
/** The supply is planned this far above what the duties need, K, with the coil's K taken at 90 %. */
export const SUPPLY_HEADROOM_K = 5;
const K_USED_FRAC = 0.9;
/** The oil is kept at least this far above the hottest product so no coil ever takes heat back, K. */
export const SUPPLY_OVER_PRODUCT_K = 10;

function tankProblem(p: FarmProblem, t: FarmTankInput, cap_W: number[]): TankProblem {
  return {
    dt_s: p.dt_s,
    T0_C: t.T0_C,
    C_J_K: t.C_J_K,
    u_W: t.u_W,
    supply_C: p.amb_C.map(() => p.supplyMax_C),
    cap_W,
    min_C: t.min_C,
    max_C: t.max_C,
    lossUA_W_K: t.lossUA_W_K,
    coilA_W: t.coilA_W,
    coilPerSupply_W_K: t.coilPerSupply_W_K,
    coilPerProduct_W_K: t.coilPerProduct_W_K,
  };
}

/** The heater's duty left for the coils at step k with the loop at the highest supply, W. */
function available_W(p: FarmProblem, k: number): number {
  return Math.max(0, p.heaterMax_W - p.loopUA_W_K * Math.max(0, p.supplyMax_C - p.amb_C[k]));
}

export function solveFarm(p: FarmProblem): FarmSolution {
  const N = p.amb_C.length;
  const warnings: string[] = [];
  const caps = p.tanks.map(() => Array.from({ length: N }, (_, k) => available_W(p, k)));
  const sols: TankSolution[] = new Array<TankSolution>(p.tanks.length);
  let dirty = p.tanks.map(() => true);
  let rounds = 0;
  for (; rounds < MAX_ROUNDS; rounds++) {
    p.tanks.forEach((t, i) => {
      if (dirty[i]) sols[i] = solveTank(tankProblem(p, t, caps[i]));
    });
    dirty = p.tanks.map(() => false);
    let over = false;
    for (let k = 0; k < N; k++) {
      const avail = available_W(p, k);
      let total = 0;
      for (const s of sols) total += s.Q_W[k];
      if (total <= avail * (1 + 1e-6) + 1) continue;
      over = true;
      sols.forEach((s, i) => {
        const share = (s.Q_W[k] * avail) / total;
        if (share < caps[i][k]) {
          caps[i][k] = share;
          dirty[i] = true;
        }
      });
    }
    if (!over) break;
  }
  if (rounds === MAX_ROUNDS) warnings.push(`the heater's limit is not met at every step after ${MAX_ROUNDS} rounds`);
  p.tanks.forEach((t, i) => {
    const s = sols[i];
    if (!s.ok) warnings.push(`${t.tag}: the plan's QP failed (${s.message}); the tank coasts`);
  });
  const supply_C: number[] = [];
  const heaterDuty_W: number[] = [];
  let heat_J = 0;
  let fuel_J = 0;
  for (let k = 0; k < N; k++) {
    let need = -Infinity;
    let hottest = -Infinity;
    let duty = 0;
    p.tanks.forEach((t, i) => {
      const T = sols[i].T_C[k];
      const q = sols[i].Q_W[k];
      hottest = Math.max(hottest, T);
      // the supply at which the coil passes q with a tenth to spare: coilA + a_S·S − a_T·T = q / 0.9
      if (q > 1 && t.coilPerSupply_W_K > 0)
        need = Math.max(
          need,
          (q / K_USED_FRAC - t.coilA_W + t.coilPerProduct_W_K * T) / t.coilPerSupply_W_K + SUPPLY_HEADROOM_K,
        );
      duty += q;
    });
    const s = Math.min(p.supplyMax_C, Math.max(need, hottest + SUPPLY_OVER_PRODUCT_K));
    supply_C.push(s);
    const total = duty + p.loopUA_W_K * Math.max(0, s - p.amb_C[k]);
    heaterDuty_W.push(total);
    heat_J += duty * p.dt_s;
    fuel_J += (total * p.dt_s) / p.efficiency;
  }
  return { tanks: sols, supply_C, heaterDuty_W, heat_J, fuel_J, rounds: rounds + 1, warnings };
}

export interface HoldResult {
  T_C: number[][];
  Q_W: number[][];
  heaterDuty_W: number[];
  fuel_J: number;
}

/**
 * The reference: every tank held at a set point by its loop (as the PI plant runs), the supply at its
 * highest. Each step gives each tank the duty that brings it to its set point by the step's end, limited by
 * its coil and by the heater (shared in proportion when short).
 */
export function holdAtSetpoints(p: FarmProblem, setpoint_C: readonly number[]): HoldResult {
  const N = p.amb_C.length;
  const T = p.tanks.map((t) => [t.T0_C]);
  const Q = p.tanks.map(() => [] as number[]);
  const heaterDuty_W: number[] = [];
  let fuel_J = 0;
  for (let k = 0; k < N; k++) {
    const want = p.tanks.map((t, i) => {
      const c = Math.max(t.C_J_K[k], 1);
      const a = t.lossUA_W_K > 0 ? Math.exp((-t.lossUA_W_K * p.dt_s) / c) : 1;
      const b = t.lossUA_W_K > 0 ? (1 - a) / t.lossUA_W_K : p.dt_s / c;
      const Tk = T[i][k];
      const q = (setpoint_C[i] - a * Tk) / b - t.u_W[k];
      const lim = Math.max(0, t.coilA_W + t.coilPerSupply_W_K * p.supplyMax_C - t.coilPerProduct_W_K * Tk);
      return { a, b, q: Math.min(lim, Math.max(0, q)) };
    });
    const avail = available_W(p, k);
    const total = want.reduce((s, w) => s + w.q, 0);
    const f = total > avail ? avail / total : 1;
    let duty = 0;
    p.tanks.forEach((t, i) => {
      const { a, b } = want[i];
      const q = want[i].q * f;
      Q[i].push(q);
      duty += q;
      T[i].push(a * T[i][k] + b * (q + t.u_W[k]));
    });
    const heater = duty + p.loopUA_W_K * Math.max(0, p.supplyMax_C - p.amb_C[k]);
    heaterDuty_W.push(heater);
    fuel_J += (heater * p.dt_s) / p.efficiency;
  }
  return { T_C: T, Q_W: Q, heaterDuty_W, fuel_J };
}
