import { parentPort } from 'node:worker_threads';
import type { Snapshot } from '../sim/snapshot';
import type { Action } from '../protocol/actions';
import { FRAME_HZ, type Issuer } from '../protocol/session';
import { PlantRoom, type RoomExtras } from './plantRoom';
import type { ActionExtra } from './roomActions';
import type { ToMain, ToThread } from './threadMessages';

// A plant thread: hosts the plants of one or more sessions, steps each on its own clock at FRAME_HZ, and
// posts a frame per session per tick (the buffer transferred), the slow state when it changed, and a
// snapshot each time the plant crosses a minute (the station writes it to disk for restarts).

const port = parentPort!;
const rooms = new Map<string, PlantRoom>();
const persistedAt = new Map<string, number>();
const post = (m: ToMain, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

function sendFrame(sid: string, room: PlantRoom): void {
  const f = room.frame();
  const state = room.stateIfChanged(f);
  post({ t: 'frame', sid, values: f.values, events: f.events, state, wallMs: room.engine.clock.lastTickMs }, [
    f.values.buffer as ArrayBuffer,
  ]);
  const snaps = room.engine.snapshots;
  const last = snaps[snaps.length - 1];
  if (last && persistedAt.get(sid) !== last.state.t_s) {
    persistedAt.set(sid, last.state.t_s);
    post({ t: 'persist', sid, snapshot: last, extras: room.extras() });
  }
}

let lastMs = performance.now();
setInterval(() => {
  const now = performance.now();
  const wall_s = (now - lastMs) / 1000;
  lastMs = now;
  for (const [sid, room] of rooms) {
    room.tick(wall_s);
    sendFrame(sid, room);
  }
}, 1000 / FRAME_HZ);

async function handle(m: ToThread): Promise<unknown> {
  switch (m.t) {
    case 'open': {
      const room = new PlantRoom();
      const info = await room.open(m.plantRaw, m.snapshot as Snapshot | undefined, m.extras as RoomExtras | undefined);
      rooms.set(m.sid, room);
      persistedAt.set(m.sid, m.snapshot ? (m.snapshot as Snapshot).state.t_s : -1);
      sendFrame(m.sid, room);
      return info;
    }
    case 'act': {
      const room = rooms.get(m.sid);
      if (!room) throw new Error(`no plant for session ${m.sid}`);
      const r = room.act(m.action as Action, m.by as Issuer, m.extra as ActionExtra);
      sendFrame(m.sid, room); // the change reaches the pages now, not at the next tick
      return r;
    }
    case 'save': {
      const room = rooms.get(m.sid);
      if (!room) throw new Error(`no plant for session ${m.sid}`);
      return { snapshot: room.engine.snapshot(), extras: room.extras() };
    }
    case 'close':
      rooms.delete(m.sid);
      persistedAt.delete(m.sid);
      return null;
  }
}

port.on('message', (m: ToThread) => {
  handle(m).then(
    (value) => post({ t: 'reply', req: m.req, ok: true, value }),
    (e: Error) => post({ t: 'reply', req: m.req, ok: false, error: e.message }),
  );
});
