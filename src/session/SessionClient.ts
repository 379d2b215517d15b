import type { MqttClient } from 'mqtt';
import { SimClient } from '../app/client';
import { History } from '../app/history';
import { H, HEADER_LEN, ITEM, ITEM_BASE, ITEM_STRIDE, type EngineInfo, type PlayerInput } from '../protocol/frame';
import { isControlAction, type Action } from '../protocol/actions';
import type { Command } from '../sim/commands';
import type { CommandResult } from '../sim/apply';
import {
  decodeFrame,
  sessionTopics,
  type ActionReply,
  type Joined,
  type Presence,
  type SessionTopics,
} from '../protocol/session';
import { t, ui } from '../state/ui';
import { simText } from '../i18n/simTexts';
import { createSessionStore, type SessionStore } from './sessionStore';
import { sessionApi } from './sessionApi';
import { Walker } from './walker';
import { PresenceOut } from './presenceOut';
import { onEvent, onInfo, onPresence, onState } from './sessionMessages';
import { refreshToken } from './join';

/** How long an action waits for the station's reply before it counts as unanswered. */
export const REPLY_TIMEOUT_MS = 15_000;

/**
 * A plant connection to a shared session on a station: the same connection the scene, panels and
 * automation use with a local worker (it is a SimClient), carried over MQTT. Frames, state, events and the
 * roster come from the station's retained and live topics; every operation goes back as an Action on the
 * `action` or `control` topic and waits for its reply. The link reconnects by itself and a reconnect (or a
 * late join) gets the whole state at once from the retained messages.
 */
export class SessionClient extends SimClient {
  readonly session: SessionStore;
  readonly topics: SessionTopics;
  readonly walker = new Walker();
  /** Every other participant's latest presence, by pid; read in the frame loop, never React state. */
  readonly presence = new Map<string, Presence>();
  /** Items this page carries and where (written by the hold driver, drawn in place of the station's spot). */
  readonly carried = new Map<string, [number, number, number]>();
  /** This page's own pose and what it publishes of its person. */
  readonly out: PresenceOut;
  /** The scene this connection is drawn in (set by the scene), for automation to read what is drawn. */
  sceneRoot: import('three').Object3D | null = null;
  private mqtt: MqttClient | null = null;
  private waiting = new Map<string, (r: ActionReply) => void>();
  private seq = 0;
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;
  private connectedOnce = false;

  constructor(me: Joined, name: string, device: Presence['device']) {
    super(null);
    this.session = createSessionStore(me);
    this.topics = sessionTopics(me.site, me.sessionId);
    this.api = sessionApi(this);
    this.out = new PresenceOut(me.participantId, name, me.role, device);
  }

  /** Connect to the broker; resolves once the plant's description has arrived (the scene can be built). */
  override async start(): Promise<boolean> {
    const { default: mqtt } = await import('mqtt');
    const me = this.session.getState().me;
    const presence = this.topics.presence(me.participantId);
    const c = mqtt.connect(me.mqtt.url, {
      protocolVersion: me.mqtt.protocolVersion,
      username: me.mqtt.username,
      password: me.mqtt.password,
      clientId: `${me.mqtt.clientId}-${Math.random().toString(36).slice(2, 8)}`,
      clean: true,
      // long enough that a page busy drawing (a headset's first seconds, a slow machine) is not dropped for a
      // late ping: a drop loses the live events sent meanwhile (the retained state comes back at once)
      keepalive: 20,
      reconnectPeriod: 1000,
      connectTimeout: 10_000,
      // leaving (or a dropped link) clears this person's retained presence: the others remove the avatar
      will: { topic: presence, payload: '', retain: true, qos: 0 },
    });
    this.mqtt = c;
    c.on('connect', () => {
      const s = this.session.getState();
      if (this.connectedOnce) this.session.setState({ reconnects: s.reconnects + 1 });
      this.connectedOnce = true;
      this.session.setState({ link: 'online' });
    });
    c.on('offline', () => this.session.setState({ link: 'offline' }));
    c.on('close', () => this.session.getState().link === 'online' && this.session.setState({ link: 'offline' }));
    c.on('error', (e) => {
      if (/auth|Not authorized|Bad user/i.test(e.message)) this.session.setState({ link: 'refused' });
    });
    c.on('message', (topic, payload) => this.route(topic, payload));
    const tp = this.topics;
    const subs = [tp.info, tp.plant, tp.frame, tp.state, tp.event, tp.presenceAll, tp.reply(me.participantId)];
    c.subscribe(subs, { qos: 0 });
    this.scheduleRefresh();
    this.out.start((payload) => c.connected && c.publish(presence, payload, { qos: 0, retain: true }));
    await new Promise<void>((resolve) => {
      const off = this.store.subscribe((s) => s.info && (off(), resolve()));
    });
    return true;
  }

  private route(topic: string, payload: Uint8Array): void {
    const tp = this.topics;
    const text = () => new TextDecoder().decode(payload);
    try {
      if (topic === tp.frame) return this.onFrameBytes(payload);
      if (topic.startsWith(`${tp.base}/presence/`)) return onPresence(this, topic.slice(tp.base.length + 10), payload);
      if (topic === tp.plant) return this.onPlant(JSON.parse(text()) as EngineInfo);
      if (topic === tp.state) return onState(this, JSON.parse(text()));
      if (topic === tp.event) return onEvent(this, JSON.parse(text()));
      if (topic === tp.info) return onInfo(this, JSON.parse(text()));
      const r = JSON.parse(text()) as ActionReply;
      this.waiting.get(r.id)?.(r);
    } catch (e) {
      console.warn(`session: ${topic}: ${(e as Error).message}`);
    }
  }

  /**
   * Items in someone's hands are drawn where the hands are: the station knows who holds an item, not where
   * their hand is. Applied to each frame as it arrives and again before each draw (hands move between
   * frames), so whatever reads the latest frame, the scene or automation, sees the item in the hand.
   */
  placeHeldItems(values: Float64Array): void {
    const items = this.info?.items;
    if (!items) return;
    const heldBy = this.session.getState().heldBy;
    const me = this.session.getState().me.participantId;
    for (let k = 0; k < items.length; k++) {
      const tag = items[k].tag;
      const mine = this.carried.get(tag);
      const holder = heldBy[tag];
      const other = holder && holder !== me ? this.presence.get(holder) : undefined;
      const at = mine ?? (other ? (other.hands?.right?.p ?? other.head.p) : null);
      if (!at) continue;
      const o = ITEM_BASE + k * ITEM_STRIDE;
      values[o + ITEM.x] = at[0];
      values[o + ITEM.y] = mine || other?.hands?.right ? at[1] : at[1] - 0.6; // a head pose: carried at the hip
      values[o + ITEM.z] = at[2];
    }
  }

  private onPlant(info: EngineInfo): void {
    this.info = info;
    this.tagIndex = new Map(info.tags.map((x, i) => [x.name, i]));
    this.history ??= new History(info.tags.length);
    this.store.setState({ info });
  }

  private onFrameBytes(payload: Uint8Array): void {
    const values = decodeFrame(payload);
    this.walker.writeTo(values);
    this.placeHeldItems(values);
    this.latest = values;
    this.frames++;
    this.history?.push(values[H.t_s], values, HEADER_LEN);
    const now = this.store.getState();
    const running = values[H.running] === 1;
    if (running !== now.running || values[H.speed] !== now.speed)
      this.store.setState({ running, speed: values[H.speed] });
    this.frameHooks.forEach((h) => h({ values, events: [] }));
  }

  /** Take an action on the session's plant; resolves with the station's reply (or a refusal of its own). */
  act(action: Action): Promise<ActionReply> {
    const c = this.mqtt;
    const me = this.session.getState().me;
    const id = `${me.participantId}-${++this.seq}`;
    if (!c) return Promise.resolve({ id, ok: false, reason: 'not connected' });
    // Only the instructor may publish on `control` (the broker closes anyone else's link for trying); every
    // other participant sends all on `action`, where the station checks the role and replies with a refusal.
    const topic = me.role === 'instructor' && isControlAction(action) ? this.topics.control : this.topics.action;
    return new Promise<ActionReply>((resolve) => {
      const timer = setTimeout(() => done({ id, ok: false, reason: t('sessionNoReply') }), REPLY_TIMEOUT_MS);
      const done = (r: ActionReply) => {
        clearTimeout(timer);
        this.waiting.delete(id);
        this.session.setState({ refusal: r.ok ? null : (r.reason ?? 'refused') });
        resolve(r);
      };
      this.waiting.set(id, done);
      // QoS 1: an action sent while the link is down goes once it is back
      c.publish(topic, JSON.stringify({ token: this.session.getState().me.token, id, action }), { qos: 1 });
    });
  }

  override async command(cmd: Command): Promise<CommandResult> {
    const r = await this.act({ kind: 'command', command: cmd });
    if (r.ok) {
      this.store.setState({ lastResult: null });
      return { ok: true };
    }
    // the host's engine gives its reason in English: shown here in the trainee's language, as on a solo page
    this.store.setState({
      lastResult: r.reason ? `${t('rejected')}: ${simText(r.reason, ui.getState().lang)}` : t('rejected'),
    });
    return { ok: false, reason: r.reason ?? t('rejected') };
  }

  override async play(): Promise<void> {
    await this.act({ kind: 'clock', op: 'run' });
  }

  override async pause(): Promise<void> {
    await this.act({ kind: 'clock', op: 'pause' });
  }

  override async setSpeed(x: number): Promise<number> {
    const r = await this.act({ kind: 'clock', op: 'speed', speed: x });
    return r.ok ? (r.result as number) : this.store.getState().speed;
  }

  override setInput(i: PlayerInput): void {
    this.walker.setInput(i);
  }

  /** The walker is this page's own: no engine to wait for. */
  override async teleport(x_m: number, y_m: number, z_m: number): Promise<void> {
    await this.api.teleport(x_m, y_m, z_m);
  }

  /** A fresh token at half its life; the broker connection uses it from its next reconnect on. */
  private scheduleRefresh(): void {
    const me = this.session.getState().me;
    const left = Date.parse(me.expiresAt) - Date.now();
    this.refreshTimer = setTimeout(
      () =>
        void refreshToken(this.session.getState().me.token)
          .then((r) => {
            const cur = this.session.getState().me;
            const mqttAccess = cur.mqtt.password === cur.token ? { ...cur.mqtt, password: r.token } : cur.mqtt;
            this.session.setState({ me: { ...cur, token: r.token, expiresAt: r.expiresAt, mqtt: mqttAccess } });
            if (this.mqtt) this.mqtt.options.password = mqttAccess.password;
          })
          .catch(() => {})
          .finally(() => this.scheduleRefresh()),
      Math.max(10_000, left / 2),
    );
  }

  /** Leave: the retained presence is cleared so the others remove the avatar. */
  close(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.out.stop();
    const c = this.mqtt;
    if (!c) return;
    c.publish(this.topics.presence(this.session.getState().me.participantId), '', { retain: true });
    c.end();
  }
}

/** The session connection behind a plant connection, or null when it is a local worker. */
export function sessionOf(c: SimClient): SessionClient | null {
  return c instanceof SessionClient ? c : null;
}
