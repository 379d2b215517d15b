import type { MqttClient } from 'mqtt';
import { SimClient } from '../app/client';
import { HEADER_LEN, type Frame } from '../protocol/frame';
import { liveTopics } from '../protocol/live';
import type { Command } from '../sim/commands';
import type { CommandResult } from '../sim/apply';
import { t } from '../state/ui';
import { createLiveStore, type LiveStore } from './liveStore';
import { LiveFeed } from './feed';
import { LiveTagState } from './tagState';
import { TrendRings } from './trendRing';
import { joinLive, type LiveJoined } from './join';
import { LiveAlarms } from './liveAlarms';
import type { Advisory } from '../diagnose/anomaly';
import { buildModel } from '../sim/plantIndex';
import { createTwinStore, type TwinStore } from './twin/store';
import type { PlantData } from '../sim/plant/schema';

/** Waits between attempts to join a station that does not answer, ms (doubling up to the last). */
const JOIN_RETRY_MS = [1000, 2000, 5000, 10_000, 30_000];

export interface LiveOptions {
  /** Page clock, ms since epoch (tests give their own). */
  now?: () => number;
  /** How the station is asked (tests give their own). */
  join?: (station: string) => Promise<LiveJoined>;
  /** Wait before joining again when the broker refuses the credentials, ms (default 30 s). */
  rejoin_ms?: number;
}

/**
 * A plant connection that shows the real plant: the model still runs in the page's worker (every view works
 * as on a training page, and tags the mapping does not cover keep the model's value, marked "model"), and
 * every measured tag's value is written over the model's in each frame, with its quality. The values come from
 * the station's broker (the bridge's live topics, src/protocol/live.ts), validated message by message.
 *
 * Read-only: commands from the views are refused with a reason; nothing here publishes to the plant.
 */
export class LiveClient extends SimClient {
  /** The link's slow state (health, mapping, dropped messages) for the toolbar and the data-quality panel. */
  readonly live: LiveStore;
  /** The twin service's estimates (values with sd, their units and descriptions) for the faceplates and panels. */
  readonly twin: TwinStore = createTwinStore();
  /** Every tag's live value and quality by plant tag index; null until the plant's tags are known. */
  tags: LiveTagState | null = null;
  /** The live end of every measured tag's trend. */
  rings: TrendRings | null = null;
  /** The real plant's alarms (the model's limits on the measured tags); null until the plant is known. */
  alarms: LiveAlarms | null = null;
  private mqtt: MqttClient | null = null;
  private feed: LiveFeed | null = null;
  private closed = false;
  private retry: ReturnType<typeof setTimeout> | null = null;
  private readonly now: () => number;
  private readonly join: (station: string) => Promise<LiveJoined>;
  private readonly rejoin_ms: number;

  constructor(plantRaw: unknown | null, station: string, opts: LiveOptions = {}) {
    // the model runs beside the plant in real time
    super(plantRaw, { running: true, speed: 1 });
    this.live = createLiveStore(station);
    this.now = opts.now ?? Date.now;
    this.join = opts.join ?? ((s) => joinLive(s));
    this.rejoin_ms = opts.rejoin_ms ?? JOIN_RETRY_MS[JOIN_RETRY_MS.length - 1];
    // the twin's advisories join the plant's alarm list as they arrive
    this.twin.subscribe((s, prev) => {
      if (s.advisories !== prev.advisories) this.setAdvisories(s.advisories);
    });
  }

  /** Start the model, then join the station (in the background: the page draws the model meanwhile). */
  override async start(snapshot?: Parameters<SimClient['start']>[0]): Promise<boolean> {
    const ok = await super.start(snapshot);
    if (!ok || this.tags) return ok; // a worker restart keeps the link it has
    this.attach();
    void this.connectStation();
    return true;
  }

  /** Make the tag state for the plant's tags (start() does it; tests call it with a plant's tag index). */
  attach(plant: PlantData | null = this.info?.plant ?? null): LiveTagState {
    const tags = new LiveTagState(
      this.tagIndex,
      this.now,
      (a) => (Number.isFinite(a) ? `${t('live.noUpdateFor')} ${a.toFixed(0)} s` : t('live.neverUpdated')),
      t('live.noLink'),
    );
    this.tags = tags;
    this.quality = tags;
    this.rings = new TrendRings(tags.n);
    // the alarm list annunciates the plant's measured values, never the model's (onFrame drops those)
    this.alarms = plant ? new LiveAlarms(buildModel(plant).alarms, tags) : null;
    this.live.setState({ attached: true });
    return tags;
  }

  /** Join the station and connect to its broker, trying again while it does not answer (start() calls it). */
  async connectStation(attempt = 0): Promise<void> {
    if (this.closed) return;
    const station = this.live.getState().station;
    let joined: LiveJoined;
    try {
      joined = await this.join(station);
    } catch (e) {
      if (this.closed) return;
      this.live.setState({ link: 'failed', error: (e as Error).message });
      setTimeout(
        () => void this.connectStation(attempt + 1),
        JOIN_RETRY_MS[Math.min(attempt, JOIN_RETRY_MS.length - 1)],
      );
      return;
    }
    if (this.closed) return;
    const { site, plant, historyUrl } = joined;
    this.live.setState({ link: 'connecting', error: null, site, plant, historyUrl });
    const { default: mqtt } = await import('mqtt');
    const m = joined.mqtt;
    const c = mqtt.connect(m.url, {
      protocolVersion: m.protocolVersion,
      username: m.username,
      password: m.password,
      clientId: `${m.clientId}-${Math.random().toString(36).slice(2, 8)}`,
      clean: true,
      keepalive: 20,
      reconnectPeriod: 1000,
      connectTimeout: 10_000,
    });
    this.mqtt = c;
    this.listen(c, joined);
  }

  private listen(c: MqttClient, joined: LiveJoined): void {
    const tp = liveTopics(joined.site, joined.plant);
    const feed = new LiveFeed(this.tags!, this.live, tp, (i, t_ms, v, q) => this.rings!.push(i, t_ms, v, q), this.twin);
    this.feed = feed;
    const setLink = (up: boolean) => {
      this.tags!.linkUp = up;
      const link = this.live.getState().link;
      if (up) this.live.setState({ link: 'online', error: null });
      else if (link === 'online' || link === 'connecting') this.live.setState({ link: 'offline' });
    };
    c.on('connect', () => setLink(true));
    c.on('offline', () => setLink(false));
    c.on('close', () => setLink(false));
    c.on('error', (e) => {
      if (!/auth|Not authorized|Bad user/i.test(e.message)) return;
      // the station's broker password lapses (hours): join again for a fresh one rather than retry the old
      this.live.setState({ link: 'refused', error: e.message });
      c.end(true);
      if (this.mqtt === c && !this.closed) this.retry = setTimeout(() => void this.connectStation(), this.rejoin_ms);
    });
    c.on('message', (topic, payload) => {
      const r = feed.route(topic, payload);
      // measured values reach the views at once, not only with the model's next frame
      // (a dropped message is counted in the store, not logged: a broken source could send thousands)
      if (r.ok && (topic === tp.tags || topic === tp.snapshot)) {
        this.tags!.overlay(this.latest, HEADER_LEN);
        this.updateAlarms();
      }
    });
    c.subscribe([tp.snapshot, tp.tags, tp.health, tp.event, tp.mapping, tp.estimates, tp.advisories], { qos: 0 });
  }

  /** The feed, for automation to push a message through the same validation (null before joining). */
  get messages(): LiveFeed | null {
    return this.feed;
  }

  protected override onFrame(f: Frame): void {
    if (this.tags && f.values.length > HEADER_LEN) this.tags.overlay(f.values, HEADER_LEN);
    f.alarms = undefined; // the model's alarms are not the plant's
    super.onFrame(f);
    // the frames are the page's steady tick: delays and staleness run on between the plant's samples
    this.updateAlarms();
  }

  /** Evaluate the plant's alarms now; the list in the plant store changes only when what it shows does. */
  updateAlarms(): void {
    if (this.alarms?.update(this.now())) this.store.setState({ alarms: this.alarms.views() });
  }

  /** The twin's advisories now active (its anomaly detection): listed in the alarm list as their own class. */
  setAdvisories(active: readonly Advisory[]): void {
    if (this.alarms?.setAdvisories(active)) this.store.setState({ alarms: this.alarms.views() });
  }

  /**
   * Live mode is read-only: the views' controls act on nothing. Acknowledging is the operator's own act on
   * the plant's alarm list here (it commands nothing in the plant).
   */
  override async command(c: Command): Promise<CommandResult> {
    const a = this.alarms;
    if (a && (c.type === 'ackAlarm' || c.type === 'ackAll')) {
      const n = c.type === 'ackAll' ? a.ackAll() : a.ack(c.id) ? 1 : 0;
      if (n > 0) this.store.setState({ alarms: a.views(), lastResult: null });
      return { ok: true };
    }
    const reason = t('live.readOnly');
    this.store.setState({ lastResult: `${t('rejected')}: ${reason}` });
    return { ok: false, reason };
  }

  close(): void {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    this.mqtt?.end(true);
  }
}

/** The live connection behind a plant connection, or null on a training page. */
export function liveOf(c: SimClient): LiveClient | null {
  return c instanceof LiveClient ? c : null;
}
