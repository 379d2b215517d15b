import { parsePlant, formatErrors, formatPath, PlantError } from '../sim/plant/load';
import { commandOriginSchema, commandSchema } from '../sim/commandSchema';
import type { PlantData } from '../sim/plant/schema';
import { Simulation } from '../sim/simulation';
import type { Command, CommandOrigin } from '../sim/commands';
import type { CommandResult } from '../sim/apply';
import { checkSnapshot, checkedSnapshot, restoreSnapshot, type Snapshot } from '../sim/snapshot';
import type { EngineInfo, Frame, PlayerInput } from '../protocol/frame';
import { parseScenario } from '../scenario/load';
import type {
  InitOptions,
  InitResult,
  LiveInputBatch,
  ScenarioStartResult,
  ShadowReport,
  ShadowStartResult,
} from '../protocol/workerApi';
import { ShadowDriver } from '../live/shadow/drive';
import { Clock, type TimeSource } from './clock';
import { SnapshotRing } from './snapshotRing';
import { FramePacker } from './framePacker';
import { ScenarioHost } from './scenarioHost';
import { WalkWorld } from './walkWorld';

export { MAX_STEPS_PER_TICK } from './clock';
export { SNAPSHOT_EVERY_S, SNAPSHOT_RING } from './snapshotRing';

export type { InitResult, ScenarioStartResult } from '../protocol/workerApi';

export interface EngineOptions {
  /** Milliseconds for measuring the worker's load; tests pass their own. Default performance.now. */
  now?: TimeSource;
}

// The engine owns plant time: it steps the model at its fixed dt as fast as the speed asks, keeps a ring
// of snapshots (one per plant minute) for backtracking, steps the walking physics, and packs a frame.
// It has no timers of its own (the worker calls tick()), so Node tests drive it exactly.
export class Engine {
  sim!: Simulation;
  readonly clock: Clock;
  readonly ring = new SnapshotRing();
  readonly packer = new FramePacker();
  readonly scenario = new ScenarioHost();
  readonly walk = new WalkWorld();
  private plant!: PlantData;
  /** Live mode: the plant is the real one's shadow, stepped by measured inputs only (never by the clock). */
  shadow: ShadowDriver | null = null;
  /** Made once: stepOnce runs thousands of times a tick and must not allocate. */
  private readonly takeSnapshot = (): Snapshot => this.snapshot();

  constructor(opts: EngineOptions = {}) {
    this.clock = new Clock(opts.now);
  }

  get running(): boolean {
    return this.clock.running;
  }
  set running(on: boolean) {
    this.clock.running = on;
  }
  get speed(): number {
    return this.clock.speed;
  }
  /** Snapshots held for backtracking, oldest first. */
  get snapshots(): readonly Snapshot[] {
    return this.ring.list;
  }
  get runId(): string {
    return this.scenario.runId;
  }

  async init(plantRaw: unknown, opts: InitOptions = {}): Promise<InitResult> {
    const r = parsePlant(plantRaw);
    if (!r.ok)
      return { ok: false, errors: r.errors, message: `The plant file is not valid:\n${formatErrors(r.errors)}` };
    this.plant = r.value;
    try {
      this.sim = new Simulation(r.value, { initial: opts.initial, seed: opts.seed });
    } catch (e) {
      if (e instanceof PlantError) return { ok: false, errors: e.errors, message: e.message };
      throw e;
    }
    this.scenario.close();
    this.shadow = null;
    if (opts.snapshot) {
      const c = checkSnapshot(opts.snapshot, this.plant, this.sim.state);
      if (!c.ok) return { ok: false, errors: [], message: `The saved state cannot be resumed: ${c.message}` };
      this.sim.state = restoreSnapshot(c.snapshot);
      if (c.snapshot.scenario) this.scenario.restore(this.sim, c.snapshot);
    }
    this.packer.reset(opts.snapshot ? this.sim.state.events.length : 0);
    this.ring.reset(this.sim.snapshot());
    await this.walk.build(r.value, opts.physics !== false);
    return { ok: true, info: this.info() };
  }

  info(): EngineInfo {
    return {
      items: this.walk.items.map(({ tag, kind, name }) => ({ tag, kind, name })),
      plant: this.plant,
      plantName: this.plant.name,
      tags: this.sim.tags.map(({ name, unit, description }) => ({ name, unit, description })),
      dt_s: this.sim.dt_s,
    };
  }

  setSpeed(x: number): number {
    return this.clock.setSpeed(x);
  }

  /** Advance by wall time; returns the number of plant steps taken. */
  tick(wall_s: number): number {
    this.clock.beginWork();
    const steps = this.shadow ? 0 : this.clock.stepsFor(wall_s, this.sim.dt_s);
    for (let i = 0; i < steps; i++) this.stepOnce();
    this.clock.endWork();
    this.walk.walk(wall_s);
    this.walk.syncTrucks(this.sim);
    return steps;
  }

  stepOnce(): void {
    if (this.scenario.ended || this.shadow) {
      this.clock.running = false;
      return;
    }
    this.sim.step(1);
    if (this.scenario.afterStep()) this.clock.running = false;
    this.ring.afterStep(this.sim.state.t_s, this.sim.dt_s, this.takeSnapshot);
  }

  command(c: Command, by: CommandOrigin = 'trainee'): CommandResult {
    const v = commandSchema.safeParse(c);
    if (!v.success)
      return {
        ok: false,
        reason: `malformed command: ${v.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`).join('; ')}`,
      };
    try {
      return this.sim.command(c, commandOriginSchema.safeParse(by).data ?? 'trainee');
    } catch (e) {
      // a malformed command from outside must not take the plant down
      return { ok: false, reason: `malformed command: ${(e as Error).message}` };
    }
  }

  setInput(input: PlayerInput): void {
    this.walk.input = input;
  }

  teleport(x: number, y: number, z: number): boolean {
    return this.walk.teleport(x, y, z);
  }

  snapshot(): Snapshot {
    return this.scenario.annotate(this.sim.snapshot());
  }

  /** Start a training scenario: a fresh plant in the scenario's initial conditions, paused for the briefing. */
  startScenario(raw: unknown, runId: string): ScenarioStartResult {
    const tagNames = new Set(this.sim.tagIndex.keys());
    const r = parseScenario(raw, this.sim.model, tagNames);
    if (!r.ok) return { ok: false, errors: r.errors, message: `The scenario is not valid:\n${formatErrors(r.errors)}` };
    const s = r.value;
    this.sim = new Simulation(this.plant, { initial: s.initial.conditions });
    this.packer.reset(0);
    this.clock.running = false;
    this.setSpeed(s.initial.speed);
    this.scenario.start(this.sim, s, runId);
    this.ring.reset(this.snapshot());
    if (s.initial.startAt) this.teleport(s.initial.startAt.x, 0, s.initial.startAt.z);
    return { ok: true, scenario: s, runId };
  }

  useHint(): string | null {
    return this.scenario.useHint();
  }

  abandonScenario(): void {
    this.scenario.abandon();
    this.clock.running = false;
  }

  /** Leave the scenario and go back to free play on the same plant state. */
  closeScenario(): void {
    this.scenario.close();
  }

  /** Restore a snapshot; throws a SnapshotError saying why when it was not taken on this plant or this app. */
  restore(raw: Snapshot): void {
    const snap = checkedSnapshot(raw, this.plant, this.sim.state);
    this.sim.state = restoreSnapshot(snap);
    this.scenario.restore(this.sim, snap);
    this.packer.reset(this.sim.state.events.length);
  }

  /** Go back to the newest held snapshot at or before plant time t. */
  backtrack(t_s: number): number | null {
    const snap = this.ring.rewindTo(t_s);
    if (!snap) return null;
    this.restore(snap);
    return this.sim.state.t_s;
  }

  /** Live mode: the shadow of the real plant from its snapshot; the clock stops, measured inputs step it. */
  shadowStart(snap: LiveInputBatch): ShadowStartResult {
    this.clock.running = false;
    this.scenario.close();
    this.sim = new Simulation(this.plant);
    const d = new ShadowDriver(this.sim);
    d.start(snap);
    this.shadow = d;
    this.packer.reset(0);
    this.ring.reset(this.sim.snapshot());
    return { ok: true, outputs: d.tags.outputs.map((o) => o.tag), inputs: d.tags.inputs.map((i) => i.tag) };
  }

  shadowPush(batch: LiveInputBatch): ShadowReport | null {
    if (!this.shadow) return null;
    this.shadow.push(batch);
    return this.shadow.report();
  }

  shadowWhatIf(): Snapshot | null {
    return this.shadow ? this.shadow.whatIfSnapshot() : null;
  }

  frame(): Frame {
    return this.packer.pack(this.sim, this.clock, this.walk, this.scenario);
  }
}
