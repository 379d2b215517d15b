import type { ControllerMode } from '../../commands';
import type { PiTuning } from '../pid';
import { createRls, rlsFeed, rlsModel } from './rls';
import { delayFromOvershoot, relayKu, ruleGains } from './rules';
import type { RelayState, TuneRule, TuningReport } from './types';

// The relay experiment of Åström & Hägglund (1984) inside the step: the output is the relay's centre ± d,
// switched when the PV crosses the set point ∓ ε (hysteresis), so the loop settles into a limit cycle whose
// period is the ultimate period Pu and whose half-amplitude a gives the ultimate gain Ku = 4d/(πa). After
// every cycle the centre moves to the cycle's mean output (the output that holds the load), which makes
// the cycle symmetric. The experiment ends when STABLE_CYCLES cycles agree, or is aborted with a reason:
// the time limit, the PV out of its safe band, or the loop taken from under it.

/** Cycles that must agree (period and amplitude within CYCLE_TOL of their mean) for a result. */
export const STABLE_CYCLES = 3;
export const CYCLE_TOL = 0.1;
/** A cycle whose high and low halves differ by more than this share of its period is not yet centred. */
export const ASYMMETRY_TOL = 0.2;
/** Past this many hystereses from the set point (or half the safe band) the relay pushes with its whole range. */
export const RUNAWAY_EPS = 4;
/**
 * The rule whose gains the loop takes at the end. Measured on the default plant (README): a set-point step
 * settles in 237 s on the heater with Ziegler–Nichols against 2450 s with Tyreus–Luyben (whose long Ti
 * waits out the loop's slow return), and in 13.8 h against 17 h on TIC-101; Tyreus–Luyben overshoots less
 * and stays in the report as the alternative.
 */
export const APPLIED_RULE: TuneRule = 'ziegler-nichols';
export const RULE_NAMES: Record<TuneRule, string> = {
  'ziegler-nichols': 'Ziegler–Nichols',
  'tyreus-luyben': 'Tyreus–Luyben',
};

export interface RelayOptions {
  d_frac: number;
  eps_K: number;
  band_K: number;
  limit_s: number;
  sample_s: number;
  lo_frac: number;
  hi_frac: number;
}

/** A relay experiment about the present output u (the centre) and set point sp, beginning at t_s. */
export function createRelay(
  o: RelayOptions,
  returnMode: RelayState['returnMode'] | ControllerMode,
  u: number,
  sp: number,
  pv: number,
  t_s: number,
): RelayState {
  const bias = Math.min(o.hi_frac - o.d_frac, Math.max(o.lo_frac + o.d_frac, u));
  const high = pv < sp; // push the PV towards the set point first
  return {
    returnMode,
    d_frac: o.d_frac,
    eps_K: o.eps_K,
    bias_frac: bias,
    lo_frac: o.lo_frac,
    hi_frac: o.hi_frac,
    sp,
    band_K: o.band_K,
    t0_s: t_s,
    limit_s: o.limit_s,
    high,
    tSwitch_s: t_s,
    tHigh_s: 0,
    tLow_s: 0,
    yMax: pv,
    yMin: pv,
    switches: 0,
    periods_s: [],
    amps_K: [],
    out_frac: high ? bias + o.d_frac : bias - o.d_frac,
    rls: createRls(o.sample_s, 1, sp, bias),
  };
}

/** Why the last relayTick aborted (read right after it returned 'abort'). */
export let relayAbortReason = '';

const fmtH = (t_s: number) => (t_s >= 7200 ? `${(t_s / 3600).toFixed(0)} h` : `${(t_s / 60).toFixed(0)} min`);

function spread(x: number[]): number {
  let lo = Infinity;
  let hi = -Infinity;
  let sum = 0;
  for (const v of x) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
    sum += v;
  }
  return (hi - lo) / (sum / x.length);
}

/** A full cycle ended at a switch to high: record it, re-centre the relay; true when the result is in. */
function endCycle(r: RelayState): boolean {
  const P = r.tHigh_s + r.tLow_s;
  const asym = (r.tHigh_s - r.tLow_s) / P;
  // the mean output over the cycle holds the load: centre the relay on it (within the output's range)
  r.bias_frac = Math.min(r.hi_frac - r.d_frac, Math.max(r.lo_frac + r.d_frac, r.bias_frac + r.d_frac * asym));
  if (r.switches < 5) return false; // the first cycle carries the start's transient
  r.periods_s.push(P);
  r.amps_K.push((r.yMax - r.yMin) / 2);
  if (r.periods_s.length > STABLE_CYCLES) {
    r.periods_s.shift();
    r.amps_K.shift();
  }
  return (
    r.periods_s.length === STABLE_CYCLES &&
    Math.abs(asym) <= ASYMMETRY_TOL &&
    spread(r.periods_s) <= CYCLE_TOL &&
    spread(r.amps_K) <= CYCLE_TOL
  );
}

/**
 * One step of the experiment with the PV at the step's start; sets r.out_frac, the output for this step.
 * 'run': go on; 'done': the cycles agree (relayReport); 'abort': relayAbortReason says why.
 */
export function relayTick(r: RelayState, pv: number, dt: number, t_s: number): 'run' | 'done' | 'abort' {
  rlsFeed(r.rls, r.out_frac, pv, dt); // the output held over the step that ended with this PV
  if (!Number.isFinite(pv) || Math.abs(pv - r.sp) > r.band_K) {
    relayAbortReason = `the PV left the safe band of ±${r.band_K} K about the set point`;
    return 'abort';
  }
  if (t_s - r.t0_s > r.limit_s) {
    relayAbortReason = `no steady limit cycle within ${fmtH(r.limit_s)}`;
    return 'abort';
  }
  // an unsettled start: the PV runs away from the set point (past RUNAWAY_EPS hystereses) although the relay
  // pushes it back, so the centre is far from the output that holds the load: push with the whole range
  const away = pv - r.sp;
  if (Math.abs(away) > Math.min(r.band_K / 2, RUNAWAY_EPS * r.eps_K) && r.high === away < 0)
    r.bias_frac = r.high ? r.hi_frac - r.d_frac : r.lo_frac + r.d_frac;
  if (pv > r.yMax) r.yMax = pv;
  if (pv < r.yMin) r.yMin = pv;
  let done = false;
  if (!r.high && pv < r.sp - r.eps_K) {
    r.tLow_s = t_s - r.tSwitch_s;
    r.high = true;
    r.switches++;
    r.tSwitch_s = t_s;
    if (r.switches >= 3) done = endCycle(r);
    r.yMax = pv;
    r.yMin = pv;
  } else if (r.high && pv > r.sp + r.eps_K) {
    r.tHigh_s = t_s - r.tSwitch_s;
    r.high = false;
    r.switches++;
    r.tSwitch_s = t_s;
  }
  r.out_frac = Math.min(r.hi_frac, Math.max(r.lo_frac, r.bias_frac + (r.high ? r.d_frac : -r.d_frac)));
  return done ? 'done' : 'run';
}

const mean = (x: number[]) => x.reduce((a, b) => a + b, 0) / x.length;

/** The report of an experiment that ended ('done') or was aborted (reason), and the gains it suggests. */
export function relayReport(r: RelayState, tag: string, t_s: number, old: PiTuning, reason?: string): TuningReport {
  const base: TuningReport = {
    tag,
    outcome: reason === undefined ? 'done' : 'aborted',
    ...(reason !== undefined && { reason }),
    t0_s: r.t0_s,
    t1_s: t_s,
    relay_frac: r.d_frac,
    hysteresis_K: r.eps_K,
    bias_frac: r.bias_frac,
    cycles: r.periods_s.length,
    rule: APPLIED_RULE,
    old: { kp: old.kp, ti_s: old.ti_s },
  };
  if (reason !== undefined) return base;
  const Pu = mean(r.periods_s);
  const a = mean(r.amps_K);
  const Ku = relayKu(r.d_frac, a);
  const model = rlsModel(r.rls);
  if (model) model.L_s = delayFromOvershoot(model, r.d_frac, r.eps_K, a);
  const suggested = {
    'tyreus-luyben': ruleGains('tyreus-luyben', Ku, Pu),
    'ziegler-nichols': ruleGains('ziegler-nichols', Ku, Pu),
  };
  return {
    ...base,
    Pu_s: Pu,
    amplitude_K: a,
    Ku,
    ...(model && { model }),
    suggested,
    applied: { ...suggested[APPLIED_RULE] },
  };
}
