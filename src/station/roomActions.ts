import { randomUUID } from 'node:crypto';
import type { Command } from '../sim/commands';
import type { Snapshot } from '../sim/snapshot';
import type { Condition } from '../scenario/schema';
import type {
  Action,
  BacktrackAction,
  ClockAction,
  CommandAction,
  FaultAction,
  IcAction,
  ItemAction,
  ScenarioAction,
} from '../protocol/actions';
import type { Issuer } from '../protocol/session';
import type { PlantRoom, RoomOutcome } from './plantRoom';

// One handler per action family, applied to a session's plant. The station has already checked that the
// issuer's role allows the action (actions.ts actionAllowed); these check only what the plant decides.

/** What the station resolved for an action before it reached the plant thread (files it read). */
export interface ActionExtra {
  scenario?: unknown;
  snapshot?: Snapshot;
}

const OK: RoomOutcome = { ok: true };
const no = (reason: string): RoomOutcome => ({ ok: false, reason });

function command(room: PlantRoom, c: Command, by: Issuer): RoomOutcome {
  try {
    const r = room.engine.sim.command(c, room.origin(by.role));
    return r.ok ? OK : no(r.reason);
  } catch (e) {
    // a command the schema passed but the plant cannot take (an unknown tag) must not take the plant down
    return no(`malformed command: ${(e as Error).message}`);
  }
}

function clock(room: PlantRoom, a: ClockAction): RoomOutcome {
  const e = room.engine;
  switch (a.op) {
    case 'run':
      e.running = true;
      return OK;
    case 'pause':
      e.running = false;
      return OK;
    case 'step':
      if (e.running) return no('pause the plant before stepping it');
      for (let i = 0; i < (a.n ?? 1); i++) e.stepOnce();
      return { ok: true, result: e.sim.state.t_s };
    case 'speed':
      return { ok: true, result: e.setSpeed(a.speed) };
  }
}

function scenario(room: PlantRoom, a: ScenarioAction, by: Issuer, extra: ActionExtra): RoomOutcome {
  const e = room.engine;
  switch (a.op) {
    case 'start': {
      if (extra.scenario === undefined) return no('no scenario given');
      const r = e.startScenario(extra.scenario, randomUUID());
      if (!r.ok) return no(r.message);
      room.pending = [];
      for (const [tag, it] of room.items) room.items.set(tag, { ...it, heldBy: null });
      return { ok: true, result: { runId: r.runId, scenarioId: r.scenario.id } };
    }
    case 'abandon':
      if (!e.scenario.run) return no('no scenario is running');
      e.abandonScenario();
      return OK;
    case 'close':
      e.closeScenario();
      return OK;
    case 'hint': {
      if (!e.scenario.run) return no('no scenario is running');
      const h = e.useHint();
      return h === null ? no('no hint is left') : { ok: true, result: h };
    }
    case 'report':
      return command(room, { type: 'report', subject: a.subject, detail: a.detail }, by);
  }
}

function item(room: PlantRoom, a: ItemAction, by: Issuer): RoomOutcome {
  const it = room.items.get(a.tag);
  if (!it) return no(`no portable item ${a.tag}`);
  if (a.op === 'pickUp') {
    if (it.heldBy && it.heldBy !== by.pid) return no(`${a.tag} is held by someone else`);
    it.heldBy = by.pid;
    return OK;
  }
  if (it.heldBy !== by.pid && by.role !== 'instructor') return no(`you do not hold ${a.tag}`);
  it.heldBy = null;
  if (a.at) Object.assign(it, a.at);
  return OK;
}

function backtrack(room: PlantRoom, a: BacktrackAction): RoomOutcome {
  const t = room.engine.backtrack(a.t_s);
  if (t === null) return no(`no snapshot is held from plant time ${a.t_s} s or before`);
  room.pending = [];
  return { ok: true, result: t };
}

function fault(room: PlantRoom, a: FaultAction, by: Issuer): RoomOutcome {
  const sim = room.engine.sim;
  if (a.op === 'clear') {
    if (a.id === undefined) {
      room.pending = [];
      return command(room, { type: 'clearAllFaults' }, by);
    }
    return command(room, { type: 'clearFault', id: a.id }, by);
  }
  if (a.delay_s === undefined && a.when === undefined) {
    const id = sim.state.nextFaultId;
    const r = command(room, { type: 'injectFault', fault: a.fault }, by);
    return r.ok ? { ok: true, result: { id } } : r;
  }
  try {
    const at_s = a.delay_s === undefined ? undefined : sim.state.t_s + a.delay_s;
    return { ok: true, result: { pending: room.addPending(a.fault, by, at_s, a.when as Condition | undefined) } };
  } catch (e) {
    return no(`the fault's condition cannot be checked: ${(e as Error).message}`);
  }
}

function ic(room: PlantRoom, a: IcAction, extra: ActionExtra): RoomOutcome {
  if (a.op === 'save') {
    const snap = room.engine.sim.snapshot(); // the plant only: an IC starts free play or a scenario afresh
    return { ok: true, result: snap };
  }
  if (!extra.snapshot) return no(`no initial condition ${a.name}`);
  room.engine.closeScenario();
  room.engine.restore(extra.snapshot);
  room.engine.ring.reset(room.engine.snapshot());
  room.pending = [];
  return OK;
}

function end(room: PlantRoom): RoomOutcome {
  const e = room.engine;
  if (e.scenario.run && !e.scenario.ended) e.abandonScenario();
  e.running = false;
  room.ended = true;
  return { ok: true, result: e.scenario.status() };
}

export function roomAction(room: PlantRoom, a: Action, by: Issuer, extra: ActionExtra = {}): RoomOutcome {
  switch (a.kind) {
    case 'command':
      return command(room, (a as CommandAction).command, by);
    case 'clock':
      return clock(room, a);
    case 'scenario':
      return scenario(room, a, by, extra);
    case 'item':
      return item(room, a, by);
    case 'backtrack':
      return backtrack(room, a);
    case 'message':
    case 'assign':
      return OK; // carried by the station to the pages; nothing changes in the plant
    case 'fault':
      return fault(room, a, by);
    case 'ic':
      return ic(room, a, extra);
    case 'end':
      return end(room);
  }
}
