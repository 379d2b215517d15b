import type { Snapshot } from '../sim/snapshot';
import type { EngineInfo } from '../protocol/frame';
import { actionAllowed, parseAction, type Action } from '../protocol/actions';
import {
  actionEnvelopeSchema,
  encodeFrame,
  FRAME_HZ,
  SESSION_PROTOCOL,
  sessionTopics,
  type ActionReply,
  type EventMessage,
  type Issuer,
  type LogEntry,
  type PlantStateMessage,
  type SessionInfo,
  type SessionTopics,
} from '../protocol/session';
import type { Bus } from './bus';
import type { FrameMessage } from './plantThreads';
import type { SessionMeta } from './storage';
import type { StationContext } from './context';
import { writeRecords } from './records';

const UNKNOWN: Issuer = { pid: '-', name: 'unauthenticated', role: 'observer' };

/**
 * One shared session on the station: its plant (in a plant thread), what it publishes (frames, state,
 * events, roster) and the actions it takes from the participants it authenticates. The plant is the only
 * authority: pages mirror it and send actions; every action is checked here (token, role) whatever the
 * broker already checked, then logged with its issuer.
 */
export class SessionHost {
  readonly topics: SessionTopics;
  info: EngineInfo | null = null;
  state: PlantStateMessage | null = null;
  /** Bytes of frames published, for the bandwidth figure. */
  frameBytes = 0;
  framesSent = 0;
  private logSeq = 0;
  private present = new Set<string>();
  private recorded: { runId: string; files: Promise<string[]> } | null = null;
  private lastFrameAt = 0;

  constructor(
    readonly meta: SessionMeta,
    private readonly ctx: StationContext,
    private readonly bus: Bus,
  ) {
    this.topics = sessionTopics(ctx.site, meta.id);
    this.logSeq = ctx.storage.readLog(meta.id).length;
  }

  /** Start the plant: from the saved snapshot after a restart, else the initial condition or the default. */
  async open(saved: { snapshot: unknown; extras: unknown } | null): Promise<void> {
    let snapshot = saved?.snapshot;
    let extras = saved?.extras;
    if (!snapshot && this.meta.ic) snapshot = this.ctx.storage.loadIc(this.meta.ic) ?? undefined;
    if (!saved) extras = { running: true, speed: this.meta.speed, pending: [], items: {}, ended: false };
    this.info = (await this.ctx.threads.open(this.meta.id, this.ctx.plantRaw, snapshot, extras)) as EngineInfo;
    this.bus.publish(this.topics.plant, JSON.stringify(this.info), true);
    this.publishInfo();
    if (!saved && this.meta.scenario) {
      const by: Issuer = { pid: 'station', name: 'station', role: 'instructor' };
      await this.apply({ kind: 'scenario', op: 'start' }, by, { scenario: this.meta.scenario });
    }
  }

  sessionInfo(): SessionInfo {
    return {
      protocol: SESSION_PROTOCOL,
      id: this.meta.id,
      site: this.ctx.site,
      name: this.meta.name,
      createdAt: this.meta.createdAt,
      status: this.meta.status,
      scenarioId: this.meta.scenarioId,
      ic: this.meta.ic,
      frameHz: FRAME_HZ,
      participants: Object.entries(this.meta.participants).map(([pid, p]) => ({
        pid,
        ...p,
        connected: this.present.has(pid),
      })),
    };
  }

  publishInfo(): void {
    this.bus.publish(this.topics.info, JSON.stringify(this.sessionInfo()), true);
  }

  onFrame(m: FrameMessage): void {
    const bytes = encodeFrame(m.values);
    this.bus.publish(this.topics.frame, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), true);
    this.frameBytes += bytes.byteLength;
    this.framesSent++;
    this.lastFrameAt = Date.now();
    if (m.state) {
      const endedNow = m.state.scenario?.ended && !this.state?.scenario?.ended;
      this.state = m.state;
      this.bus.publish(this.topics.state, JSON.stringify(m.state), true);
      if (endedNow) void this.record();
    }
    if (m.events.length) this.publishEvent({ t_s: m.values[0], events: m.events });
  }

  get lastFrameWallMs(): number {
    return this.lastFrameAt;
  }

  private publishEvent(e: EventMessage): void {
    this.bus.publish(this.topics.event, JSON.stringify(e));
  }

  onPresence(pid: string, payload: Buffer): void {
    const was = this.present.has(pid);
    if (payload.length === 0) this.present.delete(pid);
    else this.present.add(pid);
    if (was !== this.present.has(pid)) this.publishInfo();
  }

  /** An action envelope from the `action` or `control` topic. */
  async onEnvelope(payload: Buffer): Promise<void> {
    let raw: unknown;
    try {
      raw = JSON.parse(payload.toString('utf8'));
    } catch {
      return this.log(UNKNOWN, null, false, 'not JSON');
    }
    const env = actionEnvelopeSchema.safeParse(raw);
    if (!env.success) return this.log(UNKNOWN, raw, false, 'not an action envelope');
    const claims = this.ctx.verify(env.data.token);
    if (!claims || claims.sid !== this.meta.id || !this.meta.participants[claims.pid])
      return this.log(UNKNOWN, env.data.action, false, 'the token is not valid for this session');
    const by: Issuer = { pid: claims.pid, name: this.meta.participants[claims.pid].name, role: claims.role };
    const reply = (r: Omit<ActionReply, 'id'>) =>
      this.bus.publish(this.topics.reply(by.pid), JSON.stringify({ id: env.data.id, ...r }));
    const parsed = parseAction(env.data.action);
    if (!parsed.ok) {
      this.log(by, env.data.action, false, parsed.reason);
      return reply({ ok: false, reason: parsed.reason });
    }
    const why = actionAllowed(by.role, parsed.action);
    if (why) {
      this.log(by, parsed.action, false, why);
      return reply({ ok: false, reason: why });
    }
    reply(await this.apply(parsed.action, by));
  }

  /** Apply an authorised action: resolve what it names on the station, run it on the plant, log it. */
  async apply(a: Action, by: Issuer, extraIn: { scenario?: unknown } = {}): Promise<Omit<ActionReply, 'id'>> {
    const extra: { scenario?: unknown; snapshot?: unknown } = { ...extraIn };
    if (a.kind === 'scenario' && a.op === 'start' && extra.scenario === undefined) {
      extra.scenario = a.scenario ?? (a.id ? this.ctx.scenario(a.id) : undefined);
      if (extra.scenario === undefined) return this.refuse(by, a, `no scenario ${a.id ?? ''} on this station`);
    }
    if (a.kind === 'ic' && a.op === 'load') {
      extra.snapshot = this.ctx.storage.loadIc(a.name) ?? undefined;
      if (!extra.snapshot) return this.refuse(by, a, `no initial condition ${a.name}`);
    }
    let r: { ok: boolean; reason?: string; result?: unknown };
    try {
      r = (await this.ctx.threads.request({ t: 'act', sid: this.meta.id, action: a, by, extra })) as typeof r;
    } catch (e) {
      return this.refuse(by, a, (e as Error).message);
    }
    this.log(by, a, r.ok, r.reason);
    if (!r.ok) return r;
    return this.after(a, by, r.result);
  }

  private refuse(by: Issuer, a: Action, reason: string): Omit<ActionReply, 'id'> {
    this.log(by, a, false, reason);
    return { ok: false, reason };
  }

  /** What the station does once the plant took an action. */
  private async after(a: Action, by: Issuer, result: unknown): Promise<Omit<ActionReply, 'id'>> {
    if (a.kind === 'ic' && a.op === 'save') {
      this.ctx.storage.saveIc(a.name, result as Snapshot);
      return { ok: true, result: a.name };
    }
    if (a.kind === 'scenario' && a.op === 'start') {
      const r = result as { runId: string; scenarioId: string };
      Object.assign(this.meta, {
        scenarioId: r.scenarioId,
        runId: r.runId,
        runStartedAt: new Date().toISOString(),
        scenario: a.scenario ?? (a.id ? this.ctx.scenario(a.id) : this.meta.scenario),
      });
      this.ctx.storage.saveMeta(this.meta);
      this.publishInfo();
    }
    if (a.kind === 'assign') {
      const p = this.meta.participants[a.pid];
      if (!p) return { ok: false, reason: `no participant ${a.pid} in this session` };
      p.scenarioRole = a.scenarioRole;
      this.ctx.storage.saveMeta(this.meta);
      this.publishInfo();
    }
    if (a.kind === 'message')
      this.publishEvent({ t_s: this.state?.t_s ?? 0, messages: [{ ...a, from: by, t_s: this.state?.t_s ?? 0 }] });
    if (a.kind === 'end') {
      this.meta.status = 'ended';
      this.ctx.storage.saveMeta(this.meta);
      const records = await this.record();
      this.publishInfo();
      this.publishEvent({ t_s: this.state?.t_s ?? 0, ended: { by, records } });
      return { ok: true, result: records };
    }
    return { ok: true, result };
  }

  private log(by: Issuer, action: unknown, ok: boolean, reason?: string): void {
    const entry: LogEntry = {
      seq: ++this.logSeq,
      wall: new Date().toISOString(),
      t_s: this.state?.t_s ?? 0,
      by,
      action,
      ok,
      ...(reason ? { reason } : {}),
    };
    this.ctx.storage.appendLog(this.meta.id, entry);
    this.publishEvent({ t_s: entry.t_s, log: [entry] });
  }

  /** A refusal at the broker (a topic the role may not use), into this session's log. */
  brokerRefused(by: Issuer, op: string, topic: string): void {
    this.log(
      by,
      { op, topic },
      false,
      `the broker refused to let a ${by.role} ${op} ${topic.split('/').slice(4).join('/')}`,
    );
  }

  /** Write each trainee's record of the current run, once per run; the files written. */
  record(): Promise<string[]> {
    const runId = this.meta.runId ?? `free-${this.meta.id}`;
    if (this.recorded?.runId !== runId) {
      const files = (async () => {
        const saved = (await this.ctx.threads.request({ t: 'save', sid: this.meta.id })) as { snapshot: Snapshot };
        return writeRecords(this.ctx, this.meta, runId, saved.snapshot, this.state);
      })();
      this.recorded = { runId, files };
    }
    return this.recorded.files;
  }

  async save(): Promise<void> {
    const s = (await this.ctx.threads.request({ t: 'save', sid: this.meta.id })) as {
      snapshot: unknown;
      extras: unknown;
    };
    await this.ctx.storage.saveSnapshot(this.meta.id, s.snapshot, s.extras);
  }
}
