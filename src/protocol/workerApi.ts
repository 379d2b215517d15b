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
}
