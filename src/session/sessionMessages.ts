import { EVENT_LOG_MAX, type PlantState } from '../app/plantStore';
import { presenceSchema, type EventMessage, type PlantStateMessage, type SessionInfo } from '../protocol/session';
import { LOG_MAX } from './sessionStore';
import { scenarioById } from './scenarios';
import type { SessionClient } from './SessionClient';

// What a session connection does with each kind of message from the station: one handler per topic
// family, each writing the slow state into the connection's stores.

export function onInfo(c: SessionClient, info: SessionInfo): void {
  c.session.setState({ info });
}

/** Retained state: alarms, clock, scenario, faults, who holds what. */
export function onState(c: SessionClient, m: PlantStateMessage): void {
  const patch: Partial<PlantState> = { alarms: m.alarms, running: m.running, speed: m.speed };
  const tr = c.store.getState().training;
  const sc = m.scenario;
  if (!sc) patch.training = null;
  else if (tr && tr.runId === sc.runId)
    patch.training = { ...tr, status: sc, phase: sc.ended || m.ended ? 'debrief' : tr.phase };
  else void showScenario(c, m);
  c.store.setState(patch);
  c.session.setState({
    faults: m.faults,
    pending: m.pending,
    heldBy: Object.fromEntries(m.items.map((i) => [i.tag, i.heldBy])),
    ...(m.ended &&
      !c.session.getState().ended && { ended: { by: { pid: '-', name: '', role: 'instructor' }, records: [] } }),
  });
}

/** A run this page has not shown yet: fetch its text, then show the briefing (the trainee reads it). */
async function showScenario(c: SessionClient, m: PlantStateMessage): Promise<void> {
  const sc = m.scenario!;
  const scenario = await scenarioById(sc.id);
  if (!scenario || c.store.getState().training?.runId === sc.runId) return;
  const me = c.session.getState().me;
  const phase = sc.ended || m.ended ? 'debrief' : me.role === 'trainee' ? 'briefing' : 'running';
  c.store.setState({
    training: { scenario, runId: sc.runId, trainee: c.out.name, phase, status: sc, hint: null },
  });
}

export function onEvent(c: SessionClient, e: EventMessage): void {
  if (e.events?.length) {
    const now = c.store.getState().events;
    c.store.setState({ events: [...e.events.slice().reverse(), ...now].slice(0, EVENT_LOG_MAX) });
  }
  const s = c.session.getState();
  const mine = (e.messages ?? []).filter(
    (m) => m.to === 'all' || m.to === s.me.participantId || s.me.role === 'instructor',
  );
  const patch: Partial<typeof s> = {};
  if (mine.length) patch.messages = [...s.messages, ...mine];
  if (e.log?.length) patch.log = [...e.log.slice().reverse(), ...s.log].slice(0, LOG_MAX);
  if (e.ended) patch.ended = e.ended;
  if (Object.keys(patch).length) c.session.setState(patch);
  if (e.ended) {
    const tr = c.store.getState().training;
    if (tr) c.store.setState({ training: { ...tr, phase: 'debrief' } });
  }
}

/** Another participant's pose (or, empty, their leaving); the roster of avatars changes only on join/leave. */
export function onPresence(c: SessionClient, pid: string, payload: Uint8Array): void {
  if (pid === c.session.getState().me.participantId) return;
  const had = c.presence.has(pid);
  if (payload.byteLength === 0) c.presence.delete(pid);
  else {
    const r = presenceSchema.safeParse(JSON.parse(new TextDecoder().decode(payload)));
    if (!r.success || r.data.pid !== pid) return;
    const prev = c.presence.get(pid);
    if (prev && prev.t_ms > r.data.t_ms) return; // an older message overtaken by a newer one
    c.presence.set(pid, r.data);
  }
  if (had !== c.presence.has(pid)) c.session.setState({ present: [...c.presence.keys()] });
}
