import { parsePlant, formatErrors, formatPath, PlantError, type FieldError } from '../sim/plant/load';
import { commandSchema } from '../sim/commandSchema';
import type { PlantData } from '../sim/plant/schema';
import { Simulation } from '../sim/simulation';
import type { Command } from '../sim/commands';
import type { CommandResult } from '../sim/apply';
import type { InitialConditions } from '../sim/initial';
import { restoreSnapshot, type Snapshot } from '../sim/snapshot';
import { alarmStateName, annunciated } from '../sim/safety/alarms';
import {
  H,
  HEADER_LEN,
  SPEED_MAX,
  SPEED_MIN,
  type AlarmView,
  type EngineInfo,
  type Frame,
  type PlayerInput,
} from '../protocol/frame';
import { PlantPhysics } from './physics';
import { parseScenario } from '../scenario/load';
import type { Scenario } from '../scenario/schema';
import { ScenarioRun, type RunState } from '../scenario/engine';
import { ITEM_BASE, ITEM_STRIDE, MAX_ITEMS, type ItemInfo, type ScenarioStatus } from '../protocol/frame';
import { h2sAt } from '../sim/components/h2sField';

export type ScenarioStartResult =
  { ok: true; scenario: Scenario; runId: string } | { ok: false; errors: FieldError[]; message: string };
interface ScenarioSnapshot {
  scenario: Scenario;
  run: RunState;
  runId: string;
}

// The engine owns plant time: it steps the model at its fixed dt as fast as the speed asks, keeps a ring
// of snapshots (one per plant minute) for backtracking, steps the walking physics, and packs a frame.
// It has no timers of its own (the worker calls tick()), so Node tests drive it exactly.

export const SNAPSHOT_EVERY_S = 60;
export const SNAPSHOT_RING = 240; // four hours of plant time at one per minute
export const MAX_STEPS_PER_TICK = 5000; // bounds a tick's work; at 1000× and 60 Hz only ~17 are needed

export type InitResult = { ok: true; info: EngineInfo } | { ok: false; errors: FieldError[]; message: string };

export class Engine {
  sim!: Simulation;
  physics: PlantPhysics | null = null;
  private plant!: PlantData;
  running = false;
  speed = 1;
  private carry_s = 0;
  private seq = 0;
  private eventCursor = 0;
  private lastAlarmSig = '';
  private input: PlayerInput = { forward: 0, right: 0, yaw: 0, run: false };
  private readonly player = { x: 0, y: 0, z: 0 };
  private lastTickMs = 0;
  readonly snapshots: Snapshot[] = [];
  scenario: ScenarioRun | null = null;
  runId = '';
  private lastScenarioSig = '';
  items: (ItemInfo & { x: number; z: number })[] = [];

  async init(
    plantRaw: unknown,
    opts: { initial?: InitialConditions; seed?: number; physics?: boolean; snapshot?: Snapshot } = {},
  ): Promise<InitResult> {
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
    this.scenario = null;
    if (opts.snapshot) {
      this.sim.state = restoreSnapshot(opts.snapshot);
      const sc = opts.snapshot.scenario as ScenarioSnapshot | undefined;
      if (sc) {
        this.scenario = new ScenarioRun(this.sim, sc.scenario, structuredClone(sc.run));
        this.runId = sc.runId;
      }
    }
    this.eventCursor = opts.snapshot ? this.sim.state.events.length : 0;
    this.snapshots.length = 0;
    this.snapshots.push(this.sim.snapshot());
    this.items = [
      ...r.value.portables.map((p) => ({ tag: p.tag, kind: p.kind, name: p.name, x: p.position.x, z: p.position.z })),
      ...r.value.loading.stations
        .flatMap((st) => st.bays)
        .map((b) => ({
          tag: b.extinguisher,
          kind: 'extinguisher' as const,
          name: `Fire extinguisher at ${b.tag}`,
          x: b.position.x - 7.5,
          z: b.position.z + 4.5,
        })),
    ].slice(0, MAX_ITEMS);
    if (opts.physics !== false) {
      this.physics?.free();
      this.physics = await PlantPhysics.create(r.value);
      for (const it of this.items)
        this.physics.addItem(it.tag, it.x, 0, it.z, it.kind === 'gasDetector' ? [0.05, 0.1, 0.03] : [0.1, 0.3, 0.1]);
      this.physics.movePlayer(this.input, 0.016, this.player);
    }
    return { ok: true, info: this.info() };
  }

  info(): EngineInfo {
    return {
      items: this.items.map(({ tag, kind, name }) => ({ tag, kind, name })),
      plant: this.plant,
      plantName: this.plant.name,
      tags: this.sim.tags.map(({ name, unit, description }) => ({ name, unit, description })),
      dt_s: this.sim.dt_s,
    };
  }

  setSpeed(x: number): number {
    if (!Number.isFinite(x)) return this.speed;
    this.speed = Math.min(SPEED_MAX, Math.max(SPEED_MIN, x));
    return this.speed;
  }

  /** Advance by wall time; returns the number of plant steps taken. */
  tick(wall_s: number): number {
    let steps = 0;
    const t0 = performance.now();
    if (this.running && wall_s > 0) {
      this.carry_s += wall_s * this.speed;
      const dt = this.sim.dt_s;
      steps = Math.min(Math.floor(this.carry_s / dt), MAX_STEPS_PER_TICK);
      this.carry_s -= steps * dt;
      if (this.carry_s > dt * MAX_STEPS_PER_TICK) this.carry_s = 0; // fell behind: drop the backlog rather than spiral
      for (let i = 0; i < steps; i++) this.stepOnce();
    }
    this.lastTickMs = performance.now() - t0;
    if (this.physics && wall_s > 0) this.physics.movePlayer(this.input, Math.min(wall_s, 0.1), this.player);
    this.syncTrucks();
    return steps;
  }

  stepOnce(): void {
    if (this.scenario?.ended) {
      this.running = false;
      return;
    }
    this.sim.step(1);
    if (this.scenario) {
      this.scenario.afterStep();
      if (this.scenario.ended) this.running = false;
    }
    const t = this.sim.state.t_s;
    if (Math.floor(t / SNAPSHOT_EVERY_S) !== Math.floor((t - this.sim.dt_s) / SNAPSHOT_EVERY_S)) {
      this.snapshots.push(this.snapshot());
      if (this.snapshots.length > SNAPSHOT_RING) this.snapshots.shift();
    }
  }

  command(c: Command): CommandResult {
    const v = commandSchema.safeParse(c);
    if (!v.success)
      return {
        ok: false,
        reason: `malformed command: ${v.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`).join('; ')}`,
      };
    try {
      return this.sim.command(c);
    } catch (e) {
      // a malformed command from outside must not take the plant down
      return { ok: false, reason: `malformed command: ${(e as Error).message}` };
    }
  }

  setInput(input: PlayerInput): void {
    this.input = input;
  }

  teleport(x: number, y: number, z: number): boolean {
    if (!this.physics || ![x, y, z].every(Number.isFinite)) return false;
    const ok = this.physics.teleport(x, y, z);
    if (ok) this.physics.movePlayer({ forward: 0, right: 0, yaw: this.input.yaw, run: false }, 0.016, this.player);
    return ok;
  }

  snapshot(): Snapshot {
    const snap = this.sim.snapshot();
    if (this.scenario)
      snap.scenario = {
        scenario: this.scenario.scenario,
        run: structuredClone(this.scenario.run),
        runId: this.runId,
      } satisfies ScenarioSnapshot;
    return snap;
  }

  /** Start a training scenario: a fresh plant in the scenario's initial conditions, paused for the briefing. */
  startScenario(raw: unknown, runId: string): ScenarioStartResult {
    const tagNames = new Set(this.sim.tagIndex.keys());
    const r = parseScenario(raw, this.sim.model, tagNames);
    if (!r.ok) return { ok: false, errors: r.errors, message: `The scenario is not valid:\n${formatErrors(r.errors)}` };
    const s = r.value;
    this.sim = new Simulation(this.plant, { initial: s.initial.conditions });
    this.eventCursor = 0;
    this.lastAlarmSig = '';
    this.snapshots.length = 0;
    this.running = false;
    this.setSpeed(s.initial.speed);
    this.scenario = new ScenarioRun(this.sim, s);
    this.runId = runId;
    this.lastScenarioSig = '';
    this.snapshots.push(this.snapshot());
    if (s.initial.startAt) this.teleport(s.initial.startAt.x, 0, s.initial.startAt.z);
    return { ok: true, scenario: s, runId };
  }

  useHint(): string | null {
    const h = this.scenario?.useHint();
    return h ? h.en : null;
  }

  abandonScenario(): void {
    this.scenario?.abandon();
    this.running = false;
  }

  /** Leave the scenario and go back to free play on the same plant state. */
  closeScenario(): void {
    this.scenario = null;
    this.lastScenarioSig = '';
  }

  private scenarioStatus(): ScenarioStatus | null {
    const sc = this.scenario;
    if (!sc) return null;
    const r = sc.run;
    return {
      id: sc.scenario.id,
      runId: this.runId,
      messages: r.messages,
      stepsDone: r.steps.map((x) => x.done_s !== null),
      hintsUsed: r.hintsUsed,
      ended: r.ended,
      result: r.ended ? sc.result() : null,
    };
  }

  restore(snap: Snapshot): void {
    this.sim.state = restoreSnapshot(snap);
    const sc = snap.scenario as ScenarioSnapshot | undefined;
    this.scenario = sc ? new ScenarioRun(this.sim, sc.scenario, structuredClone(sc.run)) : null;
    if (sc) this.runId = sc.runId;
    this.lastScenarioSig = '';
    this.eventCursor = this.sim.state.events.length;
    this.lastAlarmSig = '';
  }

  /** Go back to the newest held snapshot at or before plant time t. */
  backtrack(t_s: number): number | null {
    for (let i = this.snapshots.length - 1; i >= 0; i--) {
      if (this.snapshots[i].state.t_s <= t_s + 1e-9) {
        this.restore(this.snapshots[i]);
        this.snapshots.length = i + 1;
        return this.sim.state.t_s;
      }
    }
    return null;
  }

  private syncTrucks(): void {
    if (!this.physics) return;
    const m = this.sim.model;
    for (let a = 0; a < m.arms.length; a++) {
      const arm = m.arms[a];
      this.physics.setTruck(
        arm.tag,
        this.sim.state.arms[a].truck.present,
        arm.data.position.x,
        arm.data.position.z + 4,
      );
    }
  }

  frame(): Frame {
    const tags = this.sim.tags;
    const s = this.sim.state;
    const values = new Float64Array(HEADER_LEN + tags.length);
    values[H.t_s] = s.t_s;
    values[H.speed] = this.speed;
    values[H.running] = this.running ? 1 : 0;
    values[H.playerX] = this.player.x;
    values[H.playerY] = this.player.y;
    values[H.playerZ] = this.player.z;
    values[H.playerYaw] = this.input.yaw;
    values[H.step] = s.step;
    values[H.seq] = ++this.seq;
    values[H.grounded] = this.physics?.grounded ? 1 : 0;
    values[H.wallMs] = this.lastTickMs;
    values[H.scenarioElapsed] = this.scenario ? this.scenario.elapsed() : -1;
    values[H.scenarioLimit] = this.scenario ? this.scenario.scenario.timeLimit_s : 0;
    for (let i = 0; i < tags.length; i++) values[HEADER_LEN + i] = tags[i].read(s);
    this.items.forEach((it, k) => {
      const p = this.physics?.itemPosition(it.tag) ?? { x: it.x, y: 0, z: it.z };
      const o = ITEM_BASE + k * ITEM_STRIDE;
      values[o] = p.x;
      values[o + 1] = p.y;
      values[o + 2] = p.z;
      values[o + 3] = this.physics?.itemHeld(it.tag) ? 1 : 0;
      values[o + 4] = it.kind === 'gasDetector' ? h2sAt(this.sim.model, s, p.x, p.y, p.z) : 0;
    });
    const events = s.events.slice(this.eventCursor);
    this.eventCursor = s.events.length;
    const frame: Frame = { values, events };
    const list = annunciated(this.sim.model, s);
    const sig = list.map((a) => a.id + a.state).join('|');
    if (sig !== this.lastAlarmSig) {
      this.lastAlarmSig = sig;
      frame.alarms = list.map((a): AlarmView => {
        const d = this.sim.model.alarms[a.index];
        return {
          id: d.id,
          tag: d.tag,
          priority: d.priority,
          state: alarmStateName(s.alarms[a.index], s.t_s),
          message: d.message,
          raisedAt_s: s.alarms[a.index].raisedAt_s,
        };
      });
    }
    const st = this.scenarioStatus();
    const ssig = st
      ? `${st.runId}|${st.messages.length}|${st.stepsDone.join()}|${st.hintsUsed}|${st.ended?.reason ?? ''}`
      : '';
    if (ssig !== this.lastScenarioSig) {
      this.lastScenarioSig = ssig;
      frame.scenario = st;
    }
    return frame;
  }
}
