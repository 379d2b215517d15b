import type { PlantData } from './plant/schema';
import { checkFlowTags, PlantError } from './plant/load';
import { buildModel, type Model } from './plantIndex';
import { createState, type InitialConditions } from './initial';
import type { SimState } from './state';
import type { Command, CommandOrigin } from './commands';
import { applyCommand, type CommandResult } from './apply';
import { step } from './step';
import { hashState, restoreSnapshot, takeSnapshot, type Snapshot } from './snapshot';
import { buildTags, type TagDef } from './tags';
import { stableStep } from './plant/stability';

/** The longest step any plant may ask for; a plant whose oil nodes need less is sub-stepped (plant/stability.ts). */
export const MAX_STABLE_DT_S = 10;

/**
 * The plant model with its state: the caller owns time and steps it as fast as it likes.
 * The same class runs in the Web Worker, the CLI, tests and benchmarks.
 */
export class Simulation {
  readonly model: Model;
  readonly tags: TagDef[];
  readonly tagIndex: Map<string, number>;
  state: SimState;
  dt_s: number;
  /** The plant's own stable step (plant/stability.ts); a longer dt_s runs as equal sub-steps. */
  readonly stableDt_s: number;

  constructor(plant: PlantData, opts: { initial?: InitialConditions; seed?: number; dt_s?: number } = {}) {
    this.model = buildModel(plant);
    this.state = createState(this.model, opts.initial, opts.seed ?? 1);
    this.dt_s = opts.dt_s ?? plant.simulation.dt_s;
    if (!(this.dt_s > 0 && this.dt_s <= MAX_STABLE_DT_S))
      throw new RangeError(
        `dt ${this.dt_s} s is outside 0 < dt ≤ ${MAX_STABLE_DT_S} s, the range the model is stable for; choose a smaller step`,
      );
    this.stableDt_s = stableStep(plant).dt_s;
    this.tags = buildTags(this.model);
    this.tagIndex = new Map(this.tags.map((t, i) => [t.name, i]));
    const flowErrors = checkFlowTags(plant, new Set(this.tagIndex.keys()));
    if (flowErrors.length) throw new PlantError(flowErrors);
    // settle the instruments so the first step's interlocks read real values
    step(this.model, this.state, 1e-9);
    this.state.t_s = 0;
    this.state.step = 0;
    this.state.events.length = 0;
    for (const k of Object.keys(this.state.acc) as (keyof SimState['acc'])[]) this.state.acc[k] = 0;
  }

  /** Apply a command now (it acts from the next step) and log it. */
  command(c: Command, by: CommandOrigin = 'trainee'): CommandResult {
    return applyCommand(this.model, this.state, c, by);
  }

  step(n = 1): void {
    for (let i = 0; i < n; i++) this.advance(this.dt_s);
  }

  /** Step until plant time reaches t (s). */
  runUntil(t_s: number): void {
    while (this.state.t_s + 1e-9 < t_s) this.advance(Math.min(this.dt_s, t_s - this.state.t_s));
  }

  /** One step of dt, as equal sub-steps where the plant's stiff oil nodes need a shorter one. */
  private advance(dt: number): void {
    if (dt <= this.stableDt_s) {
      step(this.model, this.state, dt);
      return;
    }
    const n = Math.ceil(dt / this.stableDt_s);
    const t1 = this.state.t_s + dt;
    for (let k = 1; k < n; k++) step(this.model, this.state, dt / n);
    step(this.model, this.state, t1 - this.state.t_s); // lands exactly on t + dt
  }

  read(tag: string): number {
    const i = this.tagIndex.get(tag);
    if (i === undefined) throw new Error(`unknown tag ${tag}`);
    return this.tags[i].read(this.state);
  }

  snapshot(): Snapshot {
    return takeSnapshot(this.state, this.model.plant);
  }

  restore(snap: Snapshot): void {
    this.state = restoreSnapshot(snap);
  }

  hash(): string {
    return hashState(this.state);
  }
}
