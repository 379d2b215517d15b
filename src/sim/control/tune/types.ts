import type { ControllerMode } from '../../commands';
import type { PiTuning } from '../pid';

// The state of loop tuning, kept in SimState.tuning (keyed by the loop's tag: TIC-xxx or the heater's tag)
// so it snapshots and hashes with the plant. Absent until a tuning command first names a loop.

export type TuningMode = 'fixed' | 'scheduled' | 'adaptive';
export type TuneRule = 'tyreus-luyben' | 'ziegler-nichols';

/** A first-order-plus-dead-time model of a loop, PV (K) per output (fraction); 'ipdt': an integrator. */
export interface LoopModel {
  kind: 'fopdt' | 'ipdt';
  /** Static gain, K per unit output (fopdt; 0 for an ipdt). */
  K_K: number;
  /** Time constant (fopdt; 0 for an ipdt), s. */
  T_s: number;
  /** Integrating gain K/s per unit output (ipdt; for a fopdt K/T, its initial slope). */
  k_K_s: number;
  L_s: number;
}

/** Recursive least squares on y[k] = a·y[k−1] + b·ū[k−1] + c, deviations from (y0, u0), sampled every h_s. */
export interface RlsState {
  h_s: number;
  lambda: number;
  theta: number[]; // [a, b, c]
  P: number[]; // 3×3, row-major
  y0: number;
  u0: number;
  timer_s: number;
  uSum: number; // ∫u dt over the current sample
  yPrev: number; // deviation at the last sample (NaN before the first)
  uPrev: number; // mean output over the last sample (deviation)
  n: number; // samples taken into the estimate
}

/** The relay experiment of a running auto-tune (relay.ts). */
export interface RelayState {
  /** Mode of the loop when it began: it returns to it. */
  returnMode: ControllerMode | 'heater';
  d_frac: number;
  eps_K: number;
  bias_frac: number;
  lo_frac: number;
  hi_frac: number;
  sp: number;
  band_K: number;
  t0_s: number;
  limit_s: number;
  high: boolean;
  tSwitch_s: number;
  /** Time of the last switch to high and its half-period durations, s. */
  tHigh_s: number;
  tLow_s: number;
  yMax: number;
  yMin: number;
  switches: number;
  /** Last cycles' periods and half-amplitudes (newest last). */
  periods_s: number[];
  amps_K: number[];
  out_frac: number;
  rls: RlsState;
}

export interface TuningReport {
  tag: string;
  outcome: 'done' | 'aborted';
  reason?: string;
  t0_s: number;
  t1_s: number;
  relay_frac: number;
  hysteresis_K: number;
  /** The relay's centre at the end: the output that holds the load. */
  bias_frac: number;
  cycles: number;
  /** Ultimate period, s, and the limit cycle's half-amplitude, K; Ku = 4d/(πa), output per K. */
  Pu_s?: number;
  amplitude_K?: number;
  Ku?: number;
  /** Model identified from the relay record (least squares over the experiment). */
  model?: LoopModel;
  rule: TuneRule;
  suggested?: Record<TuneRule, PiTuning>;
  /** Gains the loop took (the rule's), and the ones it had. */
  applied?: PiTuning;
  old: PiTuning;
  /** Operating point of the test: level fraction and product viscosity (tanks), for the gain schedule. */
  level_frac?: number;
  viscosity_Pa_s?: number;
}

/** Gains against level fraction (rows) and ln viscosity (columns), bilinear between the points. */
export interface GainSchedule {
  level_frac: number[];
  viscosity_Pa_s: number[];
  kp: number[][];
  ti_s: number[][];
}

export interface LoopTune {
  mode: TuningMode;
  /** The loop's own gains (setTuning, an accepted report, else the plant file's). */
  kp: number;
  ti_s: number;
  /** Gains in use at the last step (scheduled and adaptive move them). */
  kpNow: number;
  tiNow_s: number;
  relay?: RelayState;
  report?: TuningReport;
  schedule?: GainSchedule;
  rls?: RlsState;
  /** Adaptive mode: samples since the last re-tune. */
  sinceRetune?: number;
}

export type TuningState = Record<string, LoopTune>;
