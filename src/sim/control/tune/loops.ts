import type { Model } from '../../plantIndex';
import type { SimState } from '../../state';
import type { PiTuning } from '../pid';
import { adaptStep } from './adaptive';
import { createRls } from './rls';
import { relayAbortReason, relayReport, relayTick, RULE_NAMES, type RelayOptions } from './relay';
import { buildSchedule, operatingPoint, scheduleGains } from './schedule';
import type { LoopTune, TuningMode } from './types';
import { mpcSupplySetpoint_C } from '../mpc/farm';

// Where each temperature loop's PI gains come from (loopTuning for the tank TICs, heaterTuning for the
// heater's supply loop), and the relay experiment's hold on the loop's output. With no tuning state the
// gains are the plant file's, as they always were.

/** A loop: a tank's index, or HEATER for the heater's supply-temperature loop. */
export const HEATER = -1;

export interface LoopDefaults extends Omit<RelayOptions, 'lo_frac' | 'hi_frac'> {
  /** Adaptive mode: RLS memory (forgetting λ = 1 − h/memory) and the excitation dead zone (K or fraction). */
  memory_s: number;
  excitation: number;
}

/**
 * Relay and estimator settings. A tank TIC is an integrator of ≈ 1e-4 K/s per unit valve with no dead
 * time worth the name: its limit cycle is set by the hysteresis (0.05 K: Pu ≈ 6 h at d 0.1). The heater's
 * supply loop is a first-order lag of ≈ 100 s: 1 K of hysteresis gives a cycle of minutes.
 */
export const TANK_DEFAULTS: LoopDefaults = {
  d_frac: 0.1,
  eps_K: 0.05,
  band_K: 3,
  limit_s: 72 * 3600,
  sample_s: 60,
  memory_s: 24 * 3600,
  excitation: 1e-4,
};
export const HEATER_DEFAULTS: LoopDefaults = {
  d_frac: 0.1,
  eps_K: 1,
  band_K: 10,
  limit_s: 2 * 3600,
  sample_s: 2,
  memory_s: 1200,
  excitation: 1e-3,
};

export const loopDefaults = (loop: number): LoopDefaults => (loop === HEATER ? HEATER_DEFAULTS : TANK_DEFAULTS);
export const loopTag = (m: Model, loop: number): string =>
  loop === HEATER ? m.plant.hotOil.heater.tag : m.tanks[loop].data.control.tag;
/** The plant file's gains of the loop. */
export const plantGains = (m: Model, loop: number): PiTuning =>
  loop === HEATER ? m.plant.hotOil.heater : m.tanks[loop].data.control;

/** The loop's tuning state, created with the plant file's gains on first use. */
export function loopState(m: Model, s: SimState, loop: number): LoopTune {
  const tag = loopTag(m, loop);
  s.tuning ??= {};
  let t = s.tuning[tag];
  if (t === undefined) {
    const g = plantGains(m, loop);
    t = { mode: 'fixed', kp: g.kp, ti_s: g.ti_s, kpNow: g.kp, tiNow_s: g.ti_s };
    s.tuning[tag] = t;
  }
  return t;
}

/** The loop's PV and its control error now (set point − PV), °C and K. */
export function loopError(m: Model, s: SimState, loop: number): { pv: number; e: number } {
  // the heater's: against the supply set point it works to (the farm MPC's where it holds the supply)
  if (loop === HEATER)
    return { pv: s.hotOil.supply_C, e: mpcSupplySetpoint_C(s, s.hotOil.setpoint_C) - s.hotOil.supply_C };
  const pv = s.instruments[m.tanks[loop].insTemp].value;
  return { pv, e: s.tanks[loop].pid.workingSetpoint_C - pv };
}

/** Move the loop to a tuning mode: the schedule about the present operating point, or a fresh estimator. */
export function setLoopMode(m: Model, s: SimState, loop: number, mode: TuningMode): void {
  const t = loopState(m, s, loop);
  t.mode = mode;
  delete t.schedule;
  delete t.rls;
  delete t.sinceRetune;
  if (mode === 'scheduled') {
    // about the point where the loop's gains were found: the report's if they are its, else the present
    const r = t.report;
    const at = r?.level_frac !== undefined && r.applied?.kp === t.kp ? r : operatingPoint(m, s, loop);
    t.schedule = buildSchedule(t.kp, t.ti_s, at.level_frac!, at.viscosity_Pa_s!);
  } else if (mode === 'adaptive') {
    const d = loopDefaults(loop);
    const { pv } = loopError(m, s, loop);
    const u = loop === HEATER ? s.hotOil.firing_frac : s.tanks[loop].valvePos_frac;
    t.rls = createRls(d.sample_s, 1 - d.sample_s / d.memory_s, pv, u);
    t.sinceRetune = 0;
  } else {
    const { e } = loopError(m, s, loop);
    if (loop === HEATER)
      s.hotOil.integral += (t.kpNow - t.kp) * e; // no bump in the output
    else s.tanks[loop].pid.integral += (t.kpNow - t.kp) * e;
    t.kpNow = t.kp;
    t.tiNow_s = t.ti_s;
  }
}

const gains: PiTuning = { kp: 0, ti_s: 0 };
const relayShape = { d: 0, eps: 0 }; // the relay the adaptive re-tune assumes (scratch: no allocation per step)

/** Gains in use now: schedule or estimate moved, and the PI's integral moved with kp so its output does not. */
function gainsNow(t: LoopTune, u: number, pv: number, e: number, dt: number, loop: number, m: Model, s: SimState) {
  const kpBefore = t.kpNow;
  if (t.mode === 'scheduled' && t.schedule !== undefined && loop !== HEATER) {
    const at = operatingPoint(m, s, loop);
    const g = scheduleGains(t.schedule, at.level_frac, at.viscosity_Pa_s);
    t.kpNow = g.kp;
    t.tiNow_s = g.ti_s;
  } else if (t.mode === 'adaptive') {
    const d = loopDefaults(loop);
    const r = t.report;
    relayShape.d = r ? r.relay_frac : d.d_frac;
    relayShape.eps = r ? r.hysteresis_K : d.eps_K;
    adaptStep(t, u, pv, dt, d.excitation, relayShape);
  }
  if (t.kpNow !== kpBefore) {
    if (loop === HEATER) s.hotOil.integral += (kpBefore - t.kpNow) * e;
    else s.tanks[loop].pid.integral += (kpBefore - t.kpNow) * e;
  }
  gains.kp = t.kpNow;
  gains.ti_s = t.tiNow_s;
  return gains;
}

/** The PI gains of tank i's TIC this step (the plant file's until a tuning command names the loop). */
export function loopTuning(m: Model, s: SimState, i: number, dt: number): PiTuning {
  const c = m.tanks[i].data.control;
  const t = s.tuning?.[c.tag];
  if (t === undefined) return c;
  const pv = s.instruments[m.tanks[i].insTemp].value;
  return gainsNow(t, s.tanks[i].valvePos_frac, pv, s.tanks[i].pid.workingSetpoint_C - pv, dt, i, m, s);
}

/** The heater's supply-loop PI gains this step, against its working set point sp. */
export function heaterTuning(m: Model, s: SimState, sp: number, dt: number): PiTuning {
  const hd = m.plant.hotOil.heater;
  const t = s.tuning?.[hd.tag];
  if (t === undefined) return hd;
  const h = s.hotOil;
  return gainsNow(t, h.firing_frac, h.supply_C, sp - h.supply_C, dt, HEATER, m, s);
}

/**
 * The end of a relay experiment, done (reason undefined: the loop takes the rule's gains) or aborted: the
 * report into the state, an event, and the loop back in its mode without a bump: the PI's integral is
 * chosen so that its first output is the relay's centre (the output that held the load).
 */
export function endRelay(m: Model, s: SimState, loop: number, reason?: string): void {
  const tag = loopTag(m, loop);
  const t = s.tuning?.[tag];
  const r = t?.relay;
  if (t === undefined || r === undefined) return;
  const report = relayReport(r, tag, s.t_s, { kp: t.kp, ti_s: t.ti_s }, reason);
  if (loop !== HEATER) Object.assign(report, operatingPoint(m, s, loop));
  t.report = report;
  delete t.relay;
  if (report.applied) {
    t.kp = t.kpNow = report.applied.kp;
    t.ti_s = t.tiNow_s = report.applied.ti_s;
    if (t.mode !== 'fixed') setLoopMode(m, s, loop, t.mode);
  }
  const u = r.bias_frac;
  if (loop === HEATER) {
    s.hotOil.integral = u - t.kpNow * loopError(m, s, HEATER).e;
    s.hotOil.firing_frac = u;
  } else if (s.tanks[loop].pid.mode === r.returnMode) {
    const tank = s.tanks[loop];
    const pid = tank.pid;
    const c = m.tanks[loop].data.control;
    const { e } = loopError(m, s, loop);
    const ff = c.feedForward * (pid.workingSetpoint_C - s.weather.ambient_C); // as stepControl adds it
    if (pid.mode === 'cascade') {
      pid.integral = pid.output_frac - t.kpNow * e - ff; // the outer loop keeps the flow it asked before
      pid.innerIntegral = u;
    } else {
      pid.output_frac = u;
      pid.integral = u - t.kpNow * e - ff;
    }
    tank.valveTarget_frac = u;
  }
  const g = report.applied;
  s.events.push({
    type: 'info',
    t_s: s.t_s,
    tag,
    message: g
      ? `auto-tune done: Ku ${report.Ku!.toPrecision(3)}, Pu ${report.Pu_s!.toFixed(0)} s; PI kp ${g.kp.toPrecision(3)} ti ${g.ti_s.toFixed(0)} s (${RULE_NAMES[report.rule]}), was kp ${report.old.kp} ti ${report.old.ti_s} s`
      : `auto-tune aborted: ${reason}`,
  });
}

/**
 * Tank i's relay this step, before its PI: true while a relay experiment holds the valve (the PI then
 * does not act). `cut`: the heating is forced off (trip, low level, power): the experiment is aborted.
 */
export function tankRelay(m: Model, s: SimState, i: number, pv: number, dt: number, cut: boolean): boolean {
  const t = s.tuning?.[m.tanks[i].data.control.tag];
  const r = t?.relay;
  if (r === undefined) return false;
  const tank = s.tanks[i];
  if (tank.pid.mode !== r.returnMode) endRelay(m, s, i, `the controller went to ${tank.pid.mode}`);
  else if (cut) endRelay(m, s, i, 'the heating was cut (trip, low level or power)');
  else {
    const k = relayTick(r, pv, dt, s.t_s);
    if (k === 'run') {
      tank.valveTarget_frac = r.out_frac;
      if (tank.pid.mode !== 'cascade') tank.pid.output_frac = r.out_frac;
      return true;
    }
    endRelay(m, s, i, k === 'abort' ? relayAbortReason : undefined);
  }
  return false;
}

/** The heater's relay output this step, or NaN when no experiment holds the firing. */
export function heaterRelay(m: Model, s: SimState, dt: number): number {
  const t = s.tuning?.[m.plant.hotOil.heater.tag];
  const r = t?.relay;
  if (r === undefined) return Number.NaN;
  const k = relayTick(r, s.hotOil.supply_C, dt, s.t_s);
  if (k === 'run') return r.out_frac;
  endRelay(m, s, HEATER, k === 'abort' ? relayAbortReason : undefined);
  return Number.NaN;
}

/** The heater stopped firing (trip, stop, standby): a relay experiment on it cannot go on. */
export function heaterIdle(m: Model, s: SimState): void {
  if (s.tuning?.[m.plant.hotOil.heater.tag]?.relay) endRelay(m, s, HEATER, 'the heater stopped firing');
}
