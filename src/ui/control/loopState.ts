// What the faceplate shows of a temperature loop's advanced control, read from its tags (a tank's TK-xxx.*,
// the heater's H-201.*). A tag the running build does not publish reads NaN, and the part it feeds is then
// left out rather than shown as a wrong number. Pure, so the decoding is tested without a page.

export type TagRead = (tag: string) => number;

export type AutotuneState = 'idle' | 'running' | 'done' | 'failed';
export type TuningMode = 'fixed' | 'scheduled' | 'adaptive';
export type MpcState = 'off' | 'active' | 'fallback';
export const TUNING_MODES: readonly TuningMode[] = ['fixed', 'scheduled', 'adaptive'];
export const CONTROLLER_MODES = ['manual', 'auto', 'cascade', 'mpc'] as const;

const AUTOTUNE: readonly AutotuneState[] = ['idle', 'running', 'done', 'failed'];
const MPC: readonly MpcState[] = ['off', 'active', 'fallback'];

export interface TuningReport {
  ku: number;
  pu_s: number;
  kp: number;
  ti_s: number;
  kpOld: number | null;
  tiOld_s: number | null;
}

export interface LoopView {
  /** The controller's mode from X.mode (0 manual, 1 auto, 2 cascade, 3 MPC); null where it has none. */
  mode: (typeof CONTROLLER_MODES)[number] | null;
  mpc: MpcState | null;
  autotune: AutotuneState | null;
  cycles: number | null;
  report: TuningReport | null;
  gains: { kp: number; ti_s: number } | null;
  tuningMode: TuningMode | null;
  /** The heater's supply set point the MPC decides, °C (null when not published or not on MPC). */
  mpcSupply_C: number | null;
}

const num = (v: number): number | null => (Number.isFinite(v) ? v : null);
const pick = <T>(list: readonly T[], v: number): T | null =>
  Number.isInteger(v) && v >= 0 && v < list.length ? list[v] : null;

export function readLoop(read: TagRead, prefix: string): LoopView {
  const r = (k: string) => read(`${prefix}.${k}`);
  const ku = r('tune_ku');
  const pu = r('tune_pu');
  const kp = r('tune_kp');
  const ti = r('tune_ti');
  // a report is whole or absent: half a report (a tuner still identifying) would invite applying nonsense
  const report =
    [ku, pu, kp, ti].every((v) => Number.isFinite(v) && v > 0) && r('autotune') === 2
      ? { ku, pu_s: pu, kp, ti_s: ti, kpOld: num(r('tune_kp_old')), tiOld_s: num(r('tune_ti_old')) }
      : null;
  const gkp = r('kp');
  const gti = r('ti');
  return {
    mode: pick(CONTROLLER_MODES, r('mode')),
    mpc: pick(MPC, r('mpc_status')),
    autotune: pick(AUTOTUNE, r('autotune')),
    cycles: num(r('autotune_cycles')),
    report,
    gains: Number.isFinite(gkp) && Number.isFinite(gti) ? { kp: gkp, ti_s: gti } : null,
    tuningMode: pick(TUNING_MODES, r('tuning_mode')),
    mpcSupply_C: num(r('mpc_supply_sp')),
  };
}

/** A key that changes only when something shown changes: the faceplate re-renders on it, not per frame. */
export function loopKey(v: LoopView): string {
  const g = (x: number | null | undefined, d = 3) => (x == null ? '-' : x.toPrecision(d));
  return [
    v.mode,
    v.mpc,
    v.autotune,
    v.cycles,
    v.tuningMode,
    g(v.gains?.kp),
    g(v.gains?.ti_s),
    g(v.report?.ku),
    g(v.report?.pu_s),
    g(v.report?.kp),
    g(v.report?.ti_s),
    g(v.mpcSupply_C, 4),
  ].join('|');
}

/** Gains as the report prints them: kp to 3 significant figures, Ti in seconds below 10 min, else minutes. */
export function formatGain(kp: number): string {
  return kp.toPrecision(3);
}

export function formatTi(ti_s: number): string {
  return ti_s < 600 ? `${ti_s.toFixed(0)} s` : `${(ti_s / 60).toFixed(1)} min`;
}
