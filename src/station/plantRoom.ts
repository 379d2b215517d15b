import { Engine } from '../worker/engine';
import type { Snapshot } from '../sim/snapshot';
import type { Fault } from '../sim/faults';
import type { CommandOrigin } from '../sim/commands';
import type { Simulation } from '../sim/simulation';
import { compileCondition, type Compiled } from '../scenario/conditions';
import type { Condition } from '../scenario/schema';
import { ITEM, ITEM_BASE, ITEM_STRIDE, type AlarmView, type EngineInfo, type Frame } from '../protocol/frame';
import type { Action, Role } from '../protocol/actions';
import type { Issuer, PendingFault, PlantStateMessage } from '../protocol/session';
import { roomAction, type ActionExtra } from './roomActions';

/** What a room keeps across a station restart, besides the plant snapshot. */
export interface RoomExtras {
  running: boolean;
  speed: number;
  pending: PendingFault[];
  items: Record<string, { heldBy: string | null; x: number; y: number; z: number }>;
  ended: boolean;
}

export interface RoomOutcome {
  ok: boolean;
  reason?: string;
  result?: unknown;
}

interface Pending extends PendingFault {
  compiled?: Compiled;
  compiledFor?: Simulation;
}

/**
 * One session's authoritative plant: the worker engine (no walking physics: walkers are drawn and moved
 * in each page), the portable items as people hold them, and the instructor's faults waiting on a delay
 * or a condition. Pure of threads and timers so tests drive it directly; plantWorker.ts runs it.
 */
export class PlantRoom {
  readonly engine = new Engine();
  pending: Pending[] = [];
  items = new Map<string, { heldBy: string | null; x: number; y: number; z: number }>();
  ended = false;
  private nextKey = 1;
  private lastStateSig = '';
  private alarms: AlarmView[] = [];

  async open(plantRaw: unknown, snapshot?: Snapshot, extras?: RoomExtras): Promise<EngineInfo> {
    const r = await this.engine.init(plantRaw, { physics: false, snapshot });
    if (!r.ok) throw new Error(r.message);
    for (const it of this.engine.walk.items) this.items.set(it.tag, { heldBy: null, x: it.x, y: 0, z: it.z });
    if (extras) {
      this.engine.setSpeed(extras.speed);
      this.engine.running = extras.running && !extras.ended;
      this.ended = extras.ended;
      this.pending = extras.pending.map((p) => ({ ...p }));
      this.nextKey = this.pending.reduce((k, p) => Math.max(k, p.key + 1), 1);
      for (const [tag, v] of Object.entries(extras.items)) if (this.items.has(tag)) this.items.set(tag, { ...v });
    }
    return r.info;
  }

  extras(): RoomExtras {
    return {
      running: this.engine.running,
      speed: this.engine.speed,
      pending: this.pending.map(({ key, fault, at_s, when, by }) => ({ key, fault, at_s, when, by })),
      items: Object.fromEntries(this.items),
      ended: this.ended,
    };
  }

  /** Advance by wall time; with faults waiting, step by step so each fires at its own plant step. */
  tick(wall_s: number): void {
    if (this.pending.length === 0) {
      this.engine.tick(wall_s);
      return;
    }
    const e = this.engine;
    e.clock.beginWork();
    const steps = e.clock.stepsFor(wall_s, e.sim.dt_s);
    this.firePending();
    for (let i = 0; i < steps && this.pending.length; i++) {
      e.stepOnce();
      this.firePending();
    }
    for (let i = 0; i < steps && !this.pending.length; i++) e.stepOnce();
    e.clock.endWork();
  }

  /** Apply an authorised action; `origin` says whose it is in the plant's own event log. */
  act(action: Action, by: Issuer, extra: ActionExtra = {}): RoomOutcome {
    if (this.ended && action.kind !== 'message') return { ok: false, reason: 'the exercise has ended' };
    return roomAction(this, action, by, extra);
  }

  origin(role: Role): CommandOrigin {
    return role === 'instructor' ? 'instructor' : 'trainee';
  }

  addPending(fault: Fault, by: Issuer, at_s?: number, when?: Condition): number {
    const p: Pending = { key: this.nextKey++, fault, at_s, when, by };
    if (when) this.compile(p); // an unknown tag or alarm is refused now, not when it would fire
    this.pending.push(p);
    return p.key;
  }

  private compile(p: Pending): Compiled {
    if (!p.compiled || p.compiledFor !== this.engine.sim) {
      p.compiled = compileCondition(p.when as Condition, this.engine.sim);
      p.compiledFor = this.engine.sim;
    }
    return p.compiled;
  }

  private firePending(): void {
    const sim = this.engine.sim;
    for (let i = 0; i < this.pending.length; i++) {
      const p = this.pending[i];
      const due = p.when ? this.compile(p)() : sim.state.t_s + 1e-9 >= (p.at_s ?? 0);
      if (!due) continue;
      this.pending.splice(i--, 1);
      sim.command({ type: 'injectFault', fault: p.fault }, 'instructor');
    }
  }

  /** The frame, with the items as people hold them (the station runs no walking physics). */
  frame(): Frame {
    const f = this.engine.frame();
    const items = this.engine.walk.items;
    for (let k = 0; k < items.length; k++) {
      const it = this.items.get(items[k].tag)!;
      const o = ITEM_BASE + k * ITEM_STRIDE;
      f.values[o + ITEM.x] = it.x;
      f.values[o + ITEM.y] = it.y;
      f.values[o + ITEM.z] = it.z;
      f.values[o + ITEM.held] = it.heldBy ? 1 : 0;
    }
    return f;
  }

  /** The slow part of the state when it changed since the last frame (alarms and scenario come from it). */
  stateIfChanged(f: Frame): PlantStateMessage | null {
    if (f.alarms) this.alarms = f.alarms;
    const s = this.engine.sim.state;
    const sig = [
      this.engine.running,
      this.engine.speed,
      this.ended,
      s.faults.map((x) => x.id).join(','),
      this.pending.map((p) => p.key).join(','),
      [...this.items.values()].map((i) => i.heldBy ?? '').join(','),
    ].join('|');
    const changed = sig !== this.lastStateSig || f.alarms !== undefined || f.scenario !== undefined;
    this.lastStateSig = sig;
    return changed ? this.state() : null;
  }

  state(): PlantStateMessage {
    const s = this.engine.sim.state;
    return {
      t_s: s.t_s,
      running: this.engine.running,
      speed: this.engine.speed,
      alarms: this.alarms,
      scenario: this.engine.scenario.status(),
      faults: s.faults.map((x) => ({ id: x.id, since_s: x.since_s, fault: x.fault })),
      pending: this.extras().pending,
      items: [...this.items].map(([tag, v]) => ({ tag, heldBy: v.heldBy })),
      ended: this.ended,
    };
  }
}
