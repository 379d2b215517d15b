import type { SimState } from '../../sim/state';
import type { TuneRule } from '../../sim/control/tune/types';
import { MPC_FALLBACK } from '../../sim/control/mpc/state';

// What the faceplate shows of a temperature loop's advanced control. The states and gains come from the
// loop's tags (a tank's TK-xxx.*, the heater's H-201.*: src/sim/tags.ts, control/tune/tags.ts), which reach
// every view in the frames; the auto-tune's progress and its report are structured and live in the plant
// state (SimState.tuning[loop]), read from a snapshot while they matter. A tag the running build does not
// publish reads NaN and the part it feeds is left out rather than shown as a wrong number. Pure: tested
// without a page.

export type TagRead = (tag: string) => number;

export type AutotuneState = 'idle' | 'running' | 'done' | 'aborted';
export type TuningMode = 'fixed' | 'scheduled' | 'adaptive';
export type MpcState = 'off' | 'active' | 'fallback';
export const TUNING_MODES: readonly TuningMode[] = ['fixed', 'scheduled', 'adaptive'];
export const CONTROLLER_MODES = ['manual', 'auto', 'cascade', 'mpc'] as const;

const AUTOTUNE: readonly AutotuneState[] = ['idle', 'running', 'done', 'aborted'];
const MPC: readonly MpcState[] = ['off', 'active', 'fallback'];

export interface LoopView {
  /** The controller's mode from X.mode (0 manual, 1 auto, 2 cascade, 3 MPC); null where it has none. */
  mode: (typeof CONTROLLER_MODES)[number] | null;
  mpc: MpcState | null;
  autotune: AutotuneState | null;
  gains: { kp: number; ti_s: number } | null;
  tuningMode: TuningMode | null;
  /** The heater's supply set point in use, °C (X.mpc_setpoint, else X.setpoint); shown on the heater only. */
  supplyInUse_C: number | null;
  /** The MPC holds the supply below the operator's set point (it never raises it above). */
  supplyByMpc: boolean;
}

/** The set point in use within this of the operator's is the operator's (the tags' rounding). */
const SUPPLY_SAME_K = 0.05;
const num = (v: number): number | null => (Number.isFinite(v) ? v : null);
const pick = <T>(list: readonly T[], v: number): T | null =>
  Number.isInteger(v) && v >= 0 && v < list.length ? list[v] : null;

export function readLoop(read: TagRead, prefix: string): LoopView {
  const r = (k: string) => read(`${prefix}.${k}`);
  const kp = r('kp');
  const ti = r('ti');
  const operator = r('setpoint');
  const inUse = r('mpc_setpoint');
  return {
    mode: pick(CONTROLLER_MODES, r('mode')),
    mpc: pick(MPC, r('mpc_status')),
    autotune: pick(AUTOTUNE, r('tune')),
    gains: Number.isFinite(kp) && Number.isFinite(ti) ? { kp, ti_s: ti } : null,
    tuningMode: pick(TUNING_MODES, r('tune_mode')),
    supplyInUse_C: num(inUse) ?? num(operator),
    supplyByMpc: inUse < operator - SUPPLY_SAME_K,
  };
}

/** A key that changes only when something shown changes: the faceplate re-renders on it, not per frame. */
export function loopKey(v: LoopView): string {
  const g = (x: number | null | undefined, d = 3) => (x == null ? '-' : x.toPrecision(d));
  return [
    v.mode,
    v.mpc,
    v.autotune,
    v.tuningMode,
    g(v.gains?.kp),
    g(v.gains?.ti_s),
    g(v.supplyInUse_C, 4),
    v.supplyByMpc,
  ].join('|');
}

export interface RuleGains {
  rule: TuneRule;
  kp: number;
  ti_s: number;
  /** The rule whose gains the loop took at the end of the test. */
  applied: boolean;
}

/** The auto-tune as the faceplate shows it: its progress while the relay runs, then its report. */
export interface TuneDetail {
  progress: { switches: number; cycles: number; elapsed_s: number; limit_s: number } | null;
  report: {
    outcome: 'done' | 'aborted';
    reason: string | null;
    cycles: number;
    ku: number | null;
    pu_s: number | null;
    rules: RuleGains[];
    old: { kp: number; ti_s: number };
  } | null;
}

/** The auto-tune of loop `loop` (TIC-xxx or the heater's tag) in a plant state. */
export function tuneDetail(s: SimState, loop: string): TuneDetail {
  const t = s.tuning?.[loop];
  const r = t?.relay;
  const progress = r
    ? { switches: r.switches, cycles: r.periods_s.length, elapsed_s: s.t_s - r.t0_s, limit_s: r.limit_s }
    : null;
  const rep = t?.report;
  const report = rep
    ? {
        outcome: rep.outcome,
        reason: rep.reason ?? null,
        cycles: rep.cycles,
        ku: rep.Ku ?? null,
        pu_s: rep.Pu_s ?? null,
        // the applied rule first: it is what the loop runs on now
        rules: (Object.entries(rep.suggested ?? {}) as [TuneRule, { kp: number; ti_s: number }][])
          .map(([rule, g]) => ({ rule, kp: g.kp, ti_s: g.ti_s, applied: rule === rep.rule }))
          .sort((a, b) => Number(b.applied) - Number(a.applied)),
        old: { kp: rep.old.kp, ti_s: rep.old.ti_s },
      }
    : null;
  return { progress, report };
}

/** Why tank `tank`'s loop left MPC for PI (the plant state's reason), or null while it has not. */
export function mpcFallbackReason(s: SimState, tank: number): string | null {
  const m = s.mpc?.tanks[tank];
  return m && m.status === MPC_FALLBACK && m.reason ? m.reason : null;
}

/** A loop's advanced-control state in a few words (the VR panel's line under the values); '' when plain PI. */
export function loopStatusWords(
  v: LoopView,
  t: (key: 'ctl.mpcActive' | 'ctl.mpcFallback' | 'ctl.autotuneRunning') => string,
): string {
  const parts: string[] = [];
  if (v.mpc === 'active' || (v.mpc === null && v.mode === 'mpc')) parts.push(t('ctl.mpcActive'));
  if (v.mpc === 'fallback') parts.push(t('ctl.mpcFallback'));
  if (v.autotune === 'running') parts.push(t('ctl.autotuneRunning'));
  return parts.join(' · ');
}

/** Gains as the report prints them: kp to 3 significant figures, Ti in seconds below 10 min, else minutes. */
export function formatGain(kp: number): string {
  return kp.toPrecision(3);
}

export function formatTi(ti_s: number): string {
  return ti_s < 600 ? `${ti_s.toFixed(0)} s` : `${(ti_s / 60).toFixed(1)} min`;
}
