import type { Model } from '../../plantIndex';
import type { SimState } from '../../state';
import { piTrack } from '../pid';
import { meanTemp_C } from '../../components/tank';
import { oilDensity } from '../../props/thermalOil';
import { heaterEfficiency } from '../../faultEffects';
import { identifyTank, linearizeCoil, needsIdentification, tankLoss_W } from './identify';
import { maxTemp_C, planAt, planIndex, storageMin_C } from './limits';
import { weatherAhead } from './weatherAhead';
import { mpcState, MPC_ACTIVE, MPC_FALLBACK, MPC_OFF, type MpcState } from './state';
import { solveFarm } from './formulate';
import {
  farmProblem,
  farmTank,
  HORIZON_STEPS,
  NB,
  PRED_STEP_S,
  predictAhead,
  predictEnd,
  type FarmTank,
} from './problem';

// The farm MPC in the plant's step: a decision every DECISION_PERIOD_S of plant time for every tank in mode
// 'mpc' together (they share the heater and the pumps), and, every step, the checks that drop a tank back to
// its PI: a bad transmitter (TT, level) or an implausible supply temperature at once; a measurement
// far from the prediction, an unidentifiable model or an infeasible problem at a decision. A fallback is
// bumpless (the PI starts from the valve where the MPC left it), logged, and alarmed (TK-xxx.XA_MPC) until
// the operator chooses the controller's mode again.

/** Plant time between decisions, s. */
export const DECISION_PERIOD_S = 300;
/** One decision's innovation (measured − predicted) beyond this drops the tank to PI, K. */
export const INNOVATION_MAX_K = 5;
/** The innovations summed with a two-hour memory beyond this (a drifting sensor) drop it too, K. */
export const RESIDUAL_MAX_K = 3;
export const RESIDUAL_MEMORY_S = 2 * 3600;
/** The heater is planned to no more than this share of its capacity. */
export const HEATER_DUTY_MARGIN_FRAC = 0.95;
/** And the coils to no more than this share of the running pumps' flow. */
export const PUMP_FLOW_MARGIN_FRAC = 0.9;
/** And the heater's flow to at least this many times its low-flow trip (the alarm is at 1.25). */
export const HEATER_FLOW_MARGIN = 1.4;
/** The supply set point under MPC: at most this far below the operator's, at least this far above the hottest reference. */
export const SUPPLY_RANGE_K = 60;
export const SUPPLY_ABOVE_PRODUCT_K = 40;
/** A supply reading outside this range (°C) is bad data: thermal oils work between ambient and ~350 °C. */
export const SUPPLY_PLAUSIBLE_C: readonly [number, number] = [-40, 400];

const problem = farmProblem();
const slotTank: number[] = [];
const wx = { ambient_C: 0, solar_W_m2: 0 };
const solar = new Float64Array(HORIZON_STEPS);
const planOut = { target_C: 0, min_C: 0, supply_C: 0 };

/** Bumpless into PI (auto): the working set point at the PV, the integral back-calculated from the output. */
export function trackPi(m: Model, s: SimState, i: number): void {
  const tank = s.tanks[i];
  const control = m.tanks[i].data.control;
  tank.pid.workingSetpoint_C = s.instruments[m.tanks[i].insTemp].value || meanTemp_C(tank);
  const mem = { integral: 0, output_frac: tank.pid.output_frac };
  const ff = control.feedForward * (tank.pid.workingSetpoint_C - s.weather.ambient_C); // as stepControl adds it
  piTrack(mem, control, tank.pid.workingSetpoint_C, tank.pid.workingSetpoint_C, ff);
  tank.pid.integral = mem.integral;
  tank.pid.innerIntegral = tank.pid.output_frac;
}

/** Tank i into MPC from where its valve is now; the first decision is taken on the next step. */
export function enterMpc(m: Model, s: SimState, i: number): void {
  const mpc = mpcState(m, s);
  const ts = mpc.tanks[i];
  const tank = s.tanks[i];
  ts.status = MPC_ACTIVE;
  ts.valve_frac = tank.valveTarget_frac;
  ts.reason = '';
  ts.predictedAt_s = -1;
  ts.residual_K = 0;
  ts.model.identifiedAt_s = -1;
  tank.pid.output_frac = tank.valveTarget_frac;
  tank.pid.mode = 'mpc';
  mpc.nextDecision_s = Math.min(mpc.nextDecision_s, s.t_s);
}

/** Tank i out of MPC (the operator chose another mode): its fallback alarm clears. */
export function leaveMpc(s: SimState, i: number): void {
  const ts = s.mpc?.tanks[i];
  if (!ts) return;
  ts.status = MPC_OFF;
  ts.reason = '';
  ts.predictedAt_s = -1;
  s.mpc!.supplyInUse = false; // the MPC holds the supply only for the whole farm: the operator's set point at once
}

/** Drop tank i from MPC to PI (auto), bumpless, with an event; the alarm stands until the mode is chosen again. */
export function fallBack(m: Model, s: SimState, i: number, reason: string): void {
  const tank = s.tanks[i];
  const mpc = mpcState(m, s);
  const ts = mpc.tanks[i];
  tank.pid.output_frac = tank.valveTarget_frac;
  trackPi(m, s, i);
  tank.pid.mode = 'auto';
  ts.status = MPC_FALLBACK;
  ts.reason = reason;
  ts.predictedAt_s = -1;
  mpc.supplyInUse = false; // as leaveMpc: the supply goes back to the operator's set point with the first tank out
  s.events.push({ type: 'interlock', t_s: s.t_s, tag: m.tanks[i].data.control.tag, action: `MPC to PI: ${reason}` });
}

/** What makes tank i's inputs unusable right now ('' when they are good). Allocates only on a finding. */
function badInput(m: Model, s: SimState, i: number): string {
  const tm = m.tanks[i];
  const tt = s.instruments[tm.insTemp];
  const lt = s.instruments[tm.insLevel];
  if (tt.bad || !Number.isFinite(tt.value)) return `${tm.data.instruments.temperature} bad quality`;
  if (lt.bad || !Number.isFinite(lt.value)) return `${tm.data.instruments.level} bad quality`;
  // the supply temperature has no quality flag of its own: a reading outside any oil's range is taken as bad
  const sup = s.hotOil.supply_C;
  if (!(sup > SUPPLY_PLAUSIBLE_C[0] && sup < SUPPLY_PLAUSIBLE_C[1]))
    return `${m.plant.hotOil.heater.tag} supply temperature ${sup} °C implausible`;
  return '';
}

/** Per step: the checks, and a decision when one is due. No allocation unless a tank falls back or a decision is due. */
export function stepMpc(m: Model, s: SimState): void {
  const mpc = s.mpc;
  if (!mpc) return;
  let any = false;
  for (let i = 0; i < m.tanks.length; i++) {
    if (s.tanks[i].pid.mode !== 'mpc') continue;
    const why = badInput(m, s, i);
    if (why) fallBack(m, s, i, why);
    else any = true;
  }
  if (!any) {
    mpc.supplyInUse = false;
    return;
  }
  if (s.t_s + 1e-9 >= mpc.nextDecision_s) decide(m, s, mpc);
}

/** Whether every tank is under MPC: only then does it hold the heater's supply set point. */
function wholeFarm(s: SimState): boolean {
  for (const t of s.tanks) if (t.pid.mode !== 'mpc') return false;
  return true;
}

function fallBackAll(m: Model, s: SimState, mpc: MpcState, reason: string): void {
  mpc.message = reason;
  mpc.supplyInUse = false;
  for (let i = 0; i < m.tanks.length; i++) if (s.tanks[i].pid.mode === 'mpc') fallBack(m, s, i, reason);
}

/** One decision for every tank under MPC. */
export function decide(m: Model, s: SimState, mpc: MpcState): void {
  const N = HORIZON_STEPS;
  const h = s.hotOil;
  const hd = m.plant.hotOil.heater;
  mpc.nextDecision_s = s.t_s + DECISION_PERIOD_S;
  mpc.decisions++;
  // a relight from hot standby (purge, light-off) is normal firing; a stopped or tripped heater is not
  if (h.heaterMode === 'off' || h.heaterMode === 'tripped') return fallBackAll(m, s, mpc, `${hd.tag} ${h.heaterMode}`);
  const p = problem;
  // the weather ahead at the middle of each prediction step: the feed-forward
  for (let k = 0; k < N; k++) {
    weatherAhead(s, mpc.forecast, s.t_s + (k + 0.5) * PRED_STEP_S, wx);
    p.ambient_C[k] = wx.ambient_C;
    solar[k] = wx.solar_W_m2;
  }
  p.supplyFree = wholeFarm(s);
  let hottest = -Infinity;
  let nt = 0;
  let otherDuty = 0;
  let otherFlow = 0;
  for (let i = 0; i < m.tanks.length; i++) {
    const tank = s.tanks[i];
    if (tank.pid.mode !== 'mpc') {
      otherDuty += tank.coilDuty_W;
      otherFlow += tank.coilFlow_kg_s;
      continue;
    }
    const tm = m.tanks[i];
    const ts = mpc.tanks[i];
    const y = s.instruments[tm.insTemp].value;
    // the measurement against the last prediction; product movements are not in the model, so not counted then
    if (ts.predictedAt_s >= 0) {
      const inn = y - ts.predicted_C;
      const moving = tank.outFlow_kg_s > 0 || tank.receiptFlow_kg_s * tank.receiptPos_frac > 0;
      if (!moving) ts.residual_K = ts.residual_K * Math.exp(-(s.t_s - ts.predictedAt_s) / RESIDUAL_MEMORY_S) + inn;
      if (Math.abs(inn) > INNOVATION_MAX_K || Math.abs(ts.residual_K) > RESIDUAL_MAX_K) {
        const dev = Math.abs(inn) > INNOVATION_MAX_K ? inn : ts.residual_K;
        fallBack(m, s, i, `${tm.data.instruments.temperature} ${dev.toFixed(1)} K from the prediction`);
        continue;
      }
    }
    const level_m = s.instruments[tm.insLevel].value;
    const e = ts.model;
    if (needsIdentification(m, s, e, level_m)) {
      identifyTank(m, s, i, ts.valve_frac, e);
      e.level_m = level_m;
    } else linearizeCoil(m, s, i, ts.valve_frac, e);
    if (!(e.heatCapacity_J_K > 0) || !Number.isFinite(e.dutyPerValve_W + e.lossUA_W_K + e.dutyPerSupply_W_K)) {
      fallBack(m, s, i, 'no model: the tank could not be identified');
      continue;
    }
    if (p.tanks.length <= nt) p.tanks.push(farmTank(e));
    const t: FarmTank = p.tanks[nt];
    slotTank[nt] = i;
    nt++;
    t.model = e;
    t.y0_C = y;
    t.v0 = ts.valve_frac;
    t.valveActs = !(tank.highTempTrip || tank.lowLevelCut) && tank.blockPos_frac > 0;
    t.max_C = maxTemp_C(m, i);
    const est_C = y - e.measuredOffset_K; // the mean temperature the measurement says
    for (let k = 0; k < N; k++)
      t.d_W[k] = (t.valveActs ? e.duty0_W : 0) - tankLoss_W(e, est_C, p.ambient_C[k], solar[k]);
    const pk = planIndex(m, mpc.plan, i);
    for (let k = 1; k <= N; k++) {
      if (pk >= 0 && mpc.plan && planAt(mpc.plan, pk, s.t_s + k * PRED_STEP_S, planOut)) {
        t.target_C[k] = Math.min(planOut.target_C, t.max_C);
        t.min_C[k] = planOut.min_C;
      } else {
        t.target_C[k] = Math.min(tank.pid.setpoint_C, t.max_C);
        t.min_C[k] = storageMin_C(m, i);
      }
      if (t.target_C[k] > hottest) hottest = t.target_C[k];
    }
  }
  if (nt === 0) {
    mpc.supplyInUse = false;
    return;
  }
  p.nt = nt;
  if (nt < m.tanks.length) p.supplyFree = false; // a tank fell back in this decision
  p.supply0_C = h.supply_C;
  p.supplyFixed_C = h.setpoint_C;
  p.supplyHi_C = h.setpoint_C;
  p.supplyLo_C = Math.min(p.supplyHi_C, Math.max(p.supplyHi_C - SUPPLY_RANGE_K, hottest + SUPPLY_ABOVE_PRODUCT_K));
  const prev = mpc.supplyInUse ? mpc.supply_C : h.setpoint_C;
  p.supplyPrev_C = Math.min(p.supplyHi_C, Math.max(p.supplyLo_C, prev));
  for (let k = 0; k < N; k++) {
    const ok = mpc.plan && planAt(mpc.plan, 0, s.t_s + (k + 0.5) * PRED_STEP_S, planOut);
    p.supplyRef_C[k] = ok ? planOut.supply_C : Number.NaN;
  }
  const eta = heaterEfficiency(s, m);
  p.heaterMax_W = HEATER_DUTY_MARGIN_FRAC * hd.capacity_W * (eta === hd.efficiency ? 1 : eta / hd.efficiency);
  p.loopUA_W_K = m.plant.hotOil.loopLossUA_W_K;
  p.otherDuty_W = otherDuty;
  let pumps_m3_s = 0;
  for (let k = 0; k < h.pumps.length; k++) if (h.pumps[k].running) pumps_m3_s += m.hydraulics.pumpMaxFlow_m3_s[k];
  p.flowMax_kg_s =
    PUMP_FLOW_MARGIN_FRAC * pumps_m3_s * h.edge.viscosityFlow_frac * oilDensity(h.supply_C) -
    h.bypassFlow_kg_s -
    otherFlow;
  // holding the whole farm, the MPC also keeps the heater's flow clear of its low-flow alarm (bypass as it is now)
  p.flowMin_kg_s = p.supplyFree
    ? HEATER_FLOW_MARGIN * hd.lowFlowTrip_kg_s - h.bypassFlow_kg_s - otherFlow
    : Number.NEGATIVE_INFINITY;

  const r = solveFarm(p);
  mpc.iterations = r.iterations;
  mpc.message = r.message;
  if (!r.ok) return fallBackAll(m, s, mpc, `no feasible plan (${r.message})`);
  for (let j = 0; j < nt; j++) {
    const ts = mpc.tanks[slotTank[j]];
    ts.valve_frac = Math.min(1, Math.max(0, r.x[j * NB]));
    ts.predicted_C = predictAhead(p, j, r.x, DECISION_PERIOD_S);
    ts.predictedEnd_C = predictEnd(p, j, r.x);
    ts.predictedAt_s = s.t_s;
  }
  mpc.supplyInUse = p.supplyFree;
  if (p.supplyFree) mpc.supply_C = r.x[nt * NB];
}

/** The opening the MPC holds tank i's valve at. */
export function mpcValve(s: SimState, i: number): number {
  return s.mpc ? s.mpc.tanks[i].valve_frac : s.tanks[i].pid.output_frac;
}

/** The supply set point H-201 works to: the MPC's where it holds it (never above the operator's), else sp. */
export function mpcSupplySetpoint_C(s: SimState, sp: number): number {
  const mpc = s.mpc;
  return mpc && mpc.supplyInUse ? Math.min(sp, mpc.supply_C) : sp;
}
