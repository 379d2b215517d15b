import type { Remote } from 'comlink';
import type { WorkerApi } from '../protocol/workerApi';
import type { Action } from '../protocol/actions';
import type { ActionReply } from '../protocol/session';
import type { Command } from '../sim/commands';
import type { Walker } from './walker';

/** What the adapter needs of its session connection. */
export interface SessionActor {
  act(action: Action): Promise<ActionReply>;
  readonly walker: Walker;
  /** Where this page carries each item it holds (it is drawn there; the station learns on put-down). */
  readonly carried: Map<string, [number, number, number]>;
}

const notHere = (what: string) => () => Promise.reject(new Error(`${what} is not available in a shared session`));

/**
 * The worker's API as the scene, panels and automation call it, carried out as actions on the station's
 * plant: the page talks to a local worker or to a session through the same calls. What only a local worker
 * can do (snapshots, restore, crash rehearsal) is refused with a reason.
 */
export function sessionApi(s: SessionActor): Remote<WorkerApi> {
  const cmd = async (command: Command) => {
    const r = await s.act({ kind: 'command', command });
    return r.ok ? { ok: true as const } : { ok: false as const, reason: r.reason ?? 'refused' };
  };
  const api = {
    init: notHere('init'),
    subscribe: async () => {},
    play: async () => void (await s.act({ kind: 'clock', op: 'run' })),
    pause: async () => void (await s.act({ kind: 'clock', op: 'pause' })),
    step: async (n?: number) => {
      const r = await s.act({ kind: 'clock', op: 'step', ...(n && { n }) });
      return r.ok ? (r.result as number) : Number.NaN;
    },
    setSpeed: async (speed: number) => {
      const r = await s.act({ kind: 'clock', op: 'speed', speed });
      return r.ok ? (r.result as number) : Number.NaN;
    },
    command: cmd,
    commands: (list: Command[]) => Promise.all(list.map(cmd)),
    setInput: async (i: Parameters<WorkerApi['setInput']>[0]) => s.walker.setInput(i),
    teleport: async (x: number, y: number, z: number) => s.walker.teleport(x, y, z),
    snapshot: notHere('snapshot'),
    restore: notHere('restore'),
    backtrack: async (t_s: number) => {
      const r = await s.act({ kind: 'backtrack', t_s });
      return r.ok ? (r.result as number) : null;
    },
    startScenario: notHere('starting a scenario from the page'),
    useHint: async () => {
      const r = await s.act({ kind: 'scenario', op: 'hint' });
      return r.ok ? ((r.result as string | null) ?? null) : null;
    },
    abandonScenario: async () => void (await s.act({ kind: 'scenario', op: 'abandon' })),
    closeScenario: async () => void (await s.act({ kind: 'scenario', op: 'close' })),
    holdItem: async (tag: string, held: boolean) => {
      const w = s.walker;
      if (held) {
        s.carried.set(tag, [w.x, w.y + 1, w.z]);
        const r = await s.act({ kind: 'item', op: 'pickUp', tag });
        if (!r.ok) s.carried.delete(tag);
        return r.ok;
      }
      const at = s.carried.get(tag);
      s.carried.delete(tag);
      const r = await s.act({ kind: 'item', op: 'putDown', tag, ...(at && { at: { x: at[0], y: 0, z: at[2] } }) });
      return r.ok;
    },
    moveItem: async (tag: string, x: number, y: number, z: number) => {
      const c = s.carried.get(tag);
      if (c) {
        c[0] = x;
        c[1] = y;
        c[2] = z;
      }
    },
    snapshotTimes: async () => [],
    crashAt: notHere('crash rehearsal'),
  };
  return api as unknown as Remote<WorkerApi>;
}
