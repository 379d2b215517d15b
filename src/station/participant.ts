import mqtt, { type MqttClient } from 'mqtt';
import type { Action } from '../protocol/actions';
import {
  decodeFrame,
  sessionTopics,
  type ActionReply,
  type Device,
  type EventMessage,
  type Joined,
  type PlantStateMessage,
  type Presence,
  type SessionInfo,
  type SessionTopics,
} from '../protocol/session';

// A participant as a program: joins a station's session by code over HTTP, connects to the broker it is
// given and mirrors the session. The tests and the benchmark use it; a browser client does the same steps.

export interface JoinOptions {
  /** The station's base URL (http(s)://host:port). */
  station: string;
  code: string;
  name: string;
  device?: Device;
  pid?: string;
  /** Override the broker URL the station hands out (a test reaching mosquitto over TCP). */
  brokerUrl?: string;
}

export async function joinSession(o: JoinOptions): Promise<Joined> {
  const r = await fetch(`${o.station}/api/join`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      code: o.code,
      name: o.name,
      device: o.device ?? 'desktop',
      ...(o.pid ? { pid: o.pid } : {}),
    }),
  });
  const body = (await r.json()) as Joined & { error?: string };
  if (!r.ok) throw new Error(`join refused (${r.status}): ${body.error}`);
  return body;
}

export class Participant {
  frame: Float64Array | null = null;
  frames = 0;
  frameBytes = 0;
  /** Payload bytes of every message received (frames, state, events, presence, replies). */
  bytesIn = 0;
  info: SessionInfo | null = null;
  plant: unknown = null;
  state: PlantStateMessage | null = null;
  readonly events: EventMessage[] = [];
  readonly replies = new Map<string, ActionReply>();
  readonly presence = new Map<string, Presence>();
  /** Called on every event message as it arrives (the benchmark times from here). */
  onEvent: ((e: EventMessage) => void) | null = null;
  readonly topics: SessionTopics;
  private nextId = 1;

  private constructor(
    readonly joined: Joined,
    readonly client: MqttClient,
  ) {
    this.topics = sessionTopics(joined.site, joined.sessionId);
    client.on('message', (topic, payload) => this.receive(topic, payload));
  }

  static async join(o: JoinOptions): Promise<Participant> {
    const j = await joinSession(o);
    const m = j.mqtt;
    const client = mqtt.connect(o.brokerUrl ?? m.url, {
      username: m.username,
      password: m.password,
      clientId: m.clientId,
      protocolVersion: m.protocolVersion,
      reconnectPeriod: 500,
      connectTimeout: 10_000,
      will: {
        topic: sessionTopics(j.site, j.sessionId).presence(j.participantId),
        payload: Buffer.alloc(0),
        qos: 0,
        retain: true,
      },
    });
    await new Promise<void>((resolve, reject) => {
      client.once('connect', () => resolve());
      client.once('error', (e) => reject(e));
    });
    const p = new Participant(j, client);
    const t = p.topics;
    await client.subscribeAsync([t.info, t.plant, t.frame, t.state, t.event, t.presenceAll, t.reply(j.participantId)]);
    return p;
  }

  private receive(topic: string, payload: Buffer): void {
    const t = this.topics;
    this.bytesIn += payload.length;
    if (topic === t.frame) {
      this.frame = decodeFrame(payload);
      this.frames++;
      this.frameBytes += payload.length;
    } else if (topic === t.event) {
      const e = JSON.parse(payload.toString('utf8')) as EventMessage;
      this.events.push(e);
      this.onEvent?.(e);
    } else if (topic === t.state) this.state = JSON.parse(payload.toString('utf8')) as PlantStateMessage;
    else if (topic === t.info) this.info = JSON.parse(payload.toString('utf8')) as SessionInfo;
    else if (topic === t.plant) this.plant = JSON.parse(payload.toString('utf8'));
    else if (topic.startsWith(`${t.base}/reply/`)) {
      const r = JSON.parse(payload.toString('utf8')) as ActionReply;
      this.replies.set(r.id, r);
    } else if (topic.startsWith(`${t.base}/presence/`)) {
      const pid = topic.split('/').pop()!;
      if (payload.length) this.presence.set(pid, JSON.parse(payload.toString('utf8')) as Presence);
      else this.presence.delete(pid);
    }
  }

  get pid(): string {
    return this.joined.participantId;
  }

  /** Send an action on the topic given (`action` by default); returns the envelope id for its reply. */
  send(action: Action | unknown, on: 'action' | 'control' = 'action'): string {
    const id = `${this.pid}-${this.nextId++}`;
    this.client.publish(
      on === 'action' ? this.topics.action : this.topics.control,
      JSON.stringify({ token: this.joined.token, id, action }),
    );
    return id;
  }

  /** Send and wait for the station's reply. */
  async act(action: Action | unknown, on: 'action' | 'control' = 'action', timeout_ms = 20_000): Promise<ActionReply> {
    const id = this.send(action, on);
    await until(() => this.replies.has(id), timeout_ms, `a reply to ${JSON.stringify(action)}`);
    return this.replies.get(id)!;
  }

  publishPresence(p: Omit<Presence, 'pid' | 'role' | 't_ms'>): void {
    const msg: Presence = { ...p, pid: this.pid, role: this.joined.role, t_ms: Date.now() };
    this.client.publish(this.topics.presence(this.pid), JSON.stringify(msg), { retain: true });
  }

  async close(): Promise<void> {
    await this.client.endAsync(true);
  }
}

/** Poll until `cond` holds; throws naming what it waited for. No assertion on how long it took. */
export async function until(cond: () => boolean, timeout_ms: number, what: string): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > timeout_ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
