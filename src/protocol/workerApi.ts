import type { FieldError } from '../sim/plant/load';
import type { Command, CommandOrigin } from '../sim/commands';
import type { CommandResult } from '../sim/apply';
import type { InitialConditions } from '../sim/initial';
import type { Snapshot } from '../sim/snapshot';
import type { Scenario } from '../scenario/schema';
import type { EngineInfo, Frame, PlayerInput } from './frame';

export type InitResult = { ok: true; info: EngineInfo } | { ok: false; errors: FieldError[]; message: string };

export type ScenarioStartResult =
  { ok: true; scenario: Scenario; runId: string } | { ok: false; errors: FieldError[]; message: string };

/**
 * Measured samples for the shadow model, as parallel typed arrays (no object per sample): `tag` is the index
 * in EngineInfo.tags, `q` the quality's index in protocol/live.ts QUALITIES (0 good … 3 stale), `v` NaN
 * when the sample has no value, `ts_ms` the source timestamp. The first `length` entries are used.
 */
export interface LiveInputBatch {
  length: number;
  tag: Int32Array;
  v: Float64Array;
  q: Uint8Array;
  ts_ms: Float64Array;
}

/**
 * The shadow's residuals after a batch, per output tag (ShadowStartResult.outputs order): the latest
 * measured and model values, the flags (residuals.ts FLAG_*), and the 24 h score (RMS, correlation, count).
 */
export interface ShadowReport {
  /** Model time, s since the first live snapshot; `t0_ms` the source time of that snapshot. */
  t_s: number;
  t0_ms: number;
  measured: Float64Array;
  model: Float64Array;
  flags: Uint8Array;
  rms: Float64Array;
  corr: Float64Array;
  n: Float64Array;
}

export type ShadowStartResult = { ok: true; outputs: string[]; inputs: string[] } | { ok: false; message: string };

export interface InitOptions {
  initial?: InitialConditions;
  seed?: number;
  snapshot?: Snapshot;
  /** false: no walking physics (tests of the plant alone). */
  physics?: boolean;
}

/**
 * What the simulation worker exposes through comlink. The loop runs on the worker's own timer; frames go
 * to the page's callback with their buffer transferred.
 */
export interface WorkerApi {
  init(plantRaw: unknown, opts?: InitOptions): Promise<InitResult>;
  subscribe(cb: (f: Frame) => void): void;
  play(): void;
  pause(): void;
  /** Plant steps while paused; returns the plant time after them. */
  step(n?: number): number;
  setSpeed(x: number): number;
  /** by: who issued it, for the log (default the trainee). */
  command(c: Command, by?: CommandOrigin): CommandResult;
  commands(list: Command[]): CommandResult[];
  setInput(input: PlayerInput): void;
  teleport(x: number, y: number, z: number): boolean;
  snapshot(): Snapshot;
  restore(s: Snapshot): void;
  backtrack(t_s: number): number | null;
  startScenario(raw: unknown, runId: string): ScenarioStartResult;
  /** The next hint's English text, or null when none is left. */
  useHint(): string | null;
  abandonScenario(): void;
  closeScenario(): void;
  holdItem(tag: string, held: boolean): boolean;
  moveItem(tag: string, x: number, y: number, z: number): void;
  snapshotTimes(): number[];
  /** For tests of crash recovery: throw from the loop once plant time reaches t. */
  crashAt(t_s: number): void;
  /**
   * Live mode: make this worker's plant the shadow of the real one, its state built from the live snapshot
   * (the latest sample of every tag); from then on it steps only as measured inputs arrive (shadowPush).
   */
  shadowStart(snapshot: LiveInputBatch): ShadowStartResult;
  /** Measured samples in source-time order: inputs drive the model, outputs are scored against it. */
  shadowPush(batch: LiveInputBatch): ShadowReport | null;
  /** The shadow's state now, unforced, as the snapshot a separate what-if plant starts from; null when no shadow runs. */
  shadowWhatIf(): Snapshot | null;
}
