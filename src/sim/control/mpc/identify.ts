import type { Model, TankModel } from '../../plantIndex';
import type { SimState, TankState } from '../../state';
import { stepCoil } from '../../components/coil';
import { stepTankLosses } from '../../components/tankThermal';
import { layerTops, meanTemp_C } from '../../components/tank';
import { specificHeat } from '../../props/bitumen';
import { oilDensity } from '../../props/thermalOil';
import { PA_PER_BAR } from '../../units';

// The reduced prediction model of one tank, identified from the plant model itself: the sim's own coil
// (stepCoil) and loss (stepTankLosses) functions evaluated on a copy of the tank at the present state and
// differentiated by finite differences. One thermal state, the product's mass-mean temperature:
//
//   C·dT/dt = Q_coil(v, T_s, T) − L(T, T_a, G)
//   Q_coil ≈ Q0 + a_v·(v − v0) + a_s·(T_s − T_s0) + a_T·(T − T0)       (linearised, secant steps)
//   L      ≈ L0 + UA·(T − T0) − UA_a·(T_a − T_a0) − b_G·(G − G0)
//
// The temperature the TIC reads (mean of the 25/50/75 % points) is the mean plus the offset seen at the
// identification. Re-identified when the level moves by more than RE_ID_LEVEL_FRAC of the shell, and on a
// slow period (mpc.ts). The heating plan imports the same model (plain numbers, it snapshots with the state).

/** Re-identify when the level has moved more than this share of the shell height since the last time. */
export const RE_ID_LEVEL_FRAC = 0.1;
/** And at least this often: the coil film and the losses move with temperature and weather. */
export const RE_ID_PERIOD_S = 6 * 3600;
/** Finite-difference steps: secants over a range the controller really moves, not tangents. */
const DV = 0.1; // valve, fraction
const DT_K = 2; // product, supply and ambient temperatures, K
const DG_W_M2 = 100; // solar irradiance

/** One tank's energy model about an operating point. All W, K, J; temperatures °C. */
export interface TankEnergyModel {
  tank: number; // index in the plant
  identifiedAt_s: number;
  level_m: number; // level at the identification (re-identify when it moves)
  heatCapacity_J_K: number; // Σ m_i·cp(T_i)
  // operating point
  valve0_frac: number;
  supply0_C: number;
  product0_C: number; // mass-mean temperature
  ambient0_C: number;
  solar0_W_m2: number;
  /** TIC reading minus the mass-mean temperature at the identification. */
  measuredOffset_K: number;
  // coil duty, linearised
  duty0_W: number;
  dutyPerValve_W: number; // ∂Q/∂v
  dutyPerSupply_W_K: number; // ∂Q/∂T_s
  dutyPerProduct_W_K: number; // ∂Q/∂T (negative: a hotter product takes less)
  dutyFullOpen_W: number; // Q at v = 1, present supply and product temperature
  // coil oil flow, linearised on the valve (at the present header pressure)
  flow0_kg_s: number;
  flowPerValve_kg_s: number;
  // losses, linearised
  loss0_W: number; // at lossAt_C (the mean temperature at the identification), ambient0_C and solar0_W_m2
  lossAt_C: number;
  lossUA_W_K: number; // ∂L/∂T
  lossPerAmbient_W_K: number; // −∂L/∂T_a (positive)
  lossPerSolar_m2: number; // −∂L/∂G, W per W/m² (positive)
}

/** A fresh, all-zero model (preallocated slots in the MPC state). */
export function emptyTankModel(tank: number): TankEnergyModel {
  return {
    tank,
    identifiedAt_s: -1,
    level_m: 0,
    heatCapacity_J_K: 0,
    valve0_frac: 0,
    supply0_C: 0,
    product0_C: 0,
    ambient0_C: 0,
    solar0_W_m2: 0,
    measuredOffset_K: 0,
    duty0_W: 0,
    dutyPerValve_W: 0,
    dutyPerSupply_W_K: 0,
    dutyPerProduct_W_K: 0,
    dutyFullOpen_W: 0,
    flow0_kg_s: 0,
    flowPerValve_kg_s: 0,
    loss0_W: 0,
    lossAt_C: 0,
    lossUA_W_K: 0,
    lossPerAmbient_W_K: 0,
    lossPerSolar_m2: 0,
  };
}

/**
 * Oil flow through tank i's coil branch at valve opening v, at the present header differential pressure:
 * the branch law of the hydraulic solve (hotOilLoop.ts), Δp = K·q² with K = valve + pipe.
 */
export function branchFlow_kg_s(m: Model, s: SimState, i: number, v: number): number {
  const tank = s.tanks[i];
  const x = v * tank.blockPos_frac;
  const dp = s.hotOil.headerDp_Pa;
  if (x <= 1e-4 || !(dp > 0)) return 0;
  const rho = oilDensity(s.hotOil.supply_C);
  const kv = m.hydraulics.valveKv_m3_s[i] * x;
  const tm = m.tanks[i];
  const id = tm.data.coil.id_m;
  const area = (Math.PI * id * id) / 4;
  const f = tank.coilFriction > 0 ? tank.coilFriction : 0.03;
  const kPipe = (((f * (tm.coilLength_m + m.plant.hotOil.branchPipe.length_m)) / id) * (rho / 2)) / (area * area);
  const k = ((rho / 1000) * PA_PER_BAR) / (kv * kv) + kPipe;
  return Math.sqrt(dp / k) * rho;
}

let tops = new Float64Array(8);

/** A copy of the tank to evaluate the plant's functions on (they write into it). */
function probe(tank: TankState): TankState {
  return { ...tank, h_J_kg: tank.h_J_kg.slice(), T_C: tank.T_C.slice() };
}

/** Coil duty of the tank copy at flow f, supply t_s, all layers shifted by dT. */
function duty(tm: TankModel, t: TankState, base: number[], f: number, supply_C: number, dT: number): number {
  for (let j = 0; j < base.length; j++) t.T_C[j] = base[j] + dT;
  t.coilFlow_kg_s = f;
  const level = t.mass_kg > 0 ? tops[t.T_C.length - 1] : 0;
  return stepCoil(tm, t, tops, level, supply_C, 0).duty_W; // dt 0: the duty, the layers untouched
}

/** Loss of the tank copy with layers and roof shifted, in weather w. */
function loss(tm: TankModel, t: TankState, s: SimState, base: number[], roof_C: number, dT: number, dRoof: number) {
  for (let j = 0; j < base.length; j++) t.T_C[j] = base[j] + dT;
  t.roof_C = roof_C + dRoof;
  const level = t.mass_kg > 0 ? tops[t.T_C.length - 1] : 0;
  return stepTankLosses(tm, t, s, tops, level, 0);
}

function prepare(m: Model, s: SimState, i: number): { tm: TankModel; t: TankState; base: number[] } {
  const tm = m.tanks[i];
  const tank = s.tanks[i];
  if (tops.length < tank.T_C.length) tops = new Float64Array(tank.T_C.length);
  layerTops(tm, tank, tops);
  return { tm, t: probe(tank), base: tank.T_C.slice() };
}

/**
 * Linearise tank i's coil duty and flow about the present state and valve opening `valve_frac` into `out`
 * (every decision: the duty is far from linear in the valve, so the controller works on secants about
 * where the valve is). Allocates a little: called at a decision, never in the per-step path.
 */
export function linearizeCoil(m: Model, s: SimState, i: number, valve_frac: number, out: TankEnergyModel): void {
  const { tm, t, base } = prepare(m, s, i);
  const supply = s.hotOil.supply_C;
  const v0 = Math.min(1, Math.max(0, valve_frac));
  out.valve0_frac = v0;
  out.supply0_C = supply;
  out.product0_C = meanTemp_C(s.tanks[i]);
  // secants about v0 (one-sided at the ends of the stroke)
  const vLo = Math.max(0, Math.min(v0 - DV / 2, 1 - DV));
  const vHi = vLo + DV;
  const f0 = branchFlow_kg_s(m, s, i, v0);
  const fLo = branchFlow_kg_s(m, s, i, vLo);
  const fHi = branchFlow_kg_s(m, s, i, vHi);
  out.flow0_kg_s = f0;
  out.flowPerValve_kg_s = (fHi - fLo) / DV;
  out.duty0_W = duty(tm, t, base, f0, supply, 0);
  out.dutyPerValve_W = (duty(tm, t, base, fHi, supply, 0) - duty(tm, t, base, fLo, supply, 0)) / DV;
  // the supply and product slopes at the flow the valve mostly works near (at least a tenth open), so a
  // closed valve still tells the controller what the supply temperature would do once it opens
  const fRef = Math.max(f0, branchFlow_kg_s(m, s, i, Math.max(v0, DV)));
  const qRef = duty(tm, t, base, fRef, supply, 0);
  out.dutyPerSupply_W_K = fRef > 0 ? (duty(tm, t, base, fRef, supply + DT_K, 0) - qRef) / DT_K : 0;
  out.dutyPerProduct_W_K = fRef > 0 ? (duty(tm, t, base, fRef, supply, DT_K) - qRef) / DT_K : 0;
  out.dutyFullOpen_W = duty(tm, t, base, branchFlow_kg_s(m, s, i, 1), supply, 0);
}

/**
 * Identify tank i's whole model about the present state into `out`: heat capacity, losses (with their
 * weather sensitivities), the TIC's offset from the mean, and the coil (linearizeCoil about `valve_frac`).
 */
export function identifyTank(
  m: Model,
  s: SimState,
  i: number,
  valve_frac: number,
  out: TankEnergyModel = emptyTankModel(i),
): TankEnergyModel {
  const tank = s.tanks[i];
  const { tm, t, base } = prepare(m, s, i);
  const n = base.length;
  const w = s.weather;
  out.tank = i;
  out.identifiedAt_s = s.t_s;
  out.level_m = tank.mass_kg > 0 ? tops[n - 1] : 0;
  let c = 0;
  for (let j = 0; j < n; j++) c += tank.mass_kg * tank.layerMass_frac[j] * specificHeat(tank.props, base[j]);
  out.heatCapacity_J_K = c;
  out.ambient0_C = w.ambient_C;
  out.solar0_W_m2 = w.solar_W_m2;
  linearizeCoil(m, s, i, valve_frac, out);
  out.measuredOffset_K = s.instruments[tm.insTemp].value - out.product0_C;
  // losses: the roof node follows the top of the product in proportion (quasi-steady vapour space)
  const top = base[n - 1];
  const rShare = top - w.ambient_C !== 0 ? (tank.roof_C - w.ambient_C) / (top - w.ambient_C) : 0;
  const l0 = loss(tm, t, s, base, tank.roof_C, 0, 0);
  out.loss0_W = l0;
  out.lossAt_C = out.product0_C;
  out.lossUA_W_K = (loss(tm, t, s, base, tank.roof_C, DT_K, rShare * DT_K) - l0) / DT_K;
  const sa = { ...s, weather: { ...w, ambient_C: w.ambient_C + DT_K } };
  out.lossPerAmbient_W_K = (l0 - loss(tm, t, sa, base, tank.roof_C, 0, (1 - rShare) * DT_K)) / DT_K;
  const sg = { ...s, weather: { ...w, solar_W_m2: w.solar_W_m2 + DG_W_M2 } };
  out.lossPerSolar_m2 = (l0 - loss(tm, t, sg, base, tank.roof_C, 0, 0)) / DG_W_M2;
  return out;
}

/** Linearised coil duty of a model at valve v, supply and product (mean) temperature; never below zero. */
export function coilDuty_W(e: TankEnergyModel, valve_frac: number, supply_C: number, product_C: number): number {
  const q =
    e.duty0_W +
    e.dutyPerValve_W * (valve_frac - e.valve0_frac) +
    e.dutyPerSupply_W_K * (supply_C - e.supply0_C) +
    e.dutyPerProduct_W_K * (product_C - e.product0_C);
  return valve_frac <= 0 ? 0 : Math.max(0, q);
}

/** Linearised loss of a model at product temperature T, ambient and solar. */
export function tankLoss_W(e: TankEnergyModel, product_C: number, ambient_C: number, solar_W_m2: number): number {
  return (
    e.loss0_W +
    e.lossUA_W_K * (product_C - e.lossAt_C) -
    e.lossPerAmbient_W_K * (ambient_C - e.ambient0_C) -
    e.lossPerSolar_m2 * (solar_W_m2 - e.solar0_W_m2)
  );
}

/** Whether tank i's model is stale: never identified, the level moved, or the period has run out. */
export function needsIdentification(m: Model, s: SimState, e: TankEnergyModel, level_m: number): boolean {
  if (e.identifiedAt_s < 0) return true;
  if (Math.abs(level_m - e.level_m) > RE_ID_LEVEL_FRAC * m.tanks[e.tank].H_m) return true;
  return s.t_s - e.identifiedAt_s >= RE_ID_PERIOD_S;
}
