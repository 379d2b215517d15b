import type { MqttClient } from 'mqtt';
import type { Mapping, TagMapping } from '../scada/mapping';
import { toEngineering } from '../scada/scaling';
import { QualityEngine } from '../scada/quality';
import { CrossChecker, type TankLookup } from '../scada/crossChecks';
import {
  liveTopics,
  type BridgeHealth,
  type LiveEvent,
  type LiveTopics,
  type TagBatch,
  type TagSample,
} from '../protocol/live';
import type { Log } from './log';
import { BridgeMetrics } from './metrics';
import { createSource, SourceTracker, type SourceFactory } from './sources';
import type { RawReading, SourceAdapter, SourceState } from './source';
import { handleWrite, type WriteContext } from './writes';

// The bridge: every source's raw readings → engineering units (scaling.ts) → quality (quality.ts) →
// deadband → TagBatch on `tags` (one batch per window, so 10,000 updates a second is 20 messages), the
// retained snapshot / health / mapping, events, and writes on request. Nothing a source does reaches past
// the try/catch around its callbacks.

export interface BridgeOptions {
  mapping: Mapping;
  /** A connected MQTT client; the bridge owns it from here and ends it on stop. */
  mqtt: MqttClient;
  allowWrite?: boolean;
  log: Log;
  now?: () => number;
  createSource?: SourceFactory;
  /** Tank geometry for the level/mass-balance cross-checks. */
  tanks?: TankLookup;
  /** Batch window, ms (samples wait at most this long; the protocol says ≤ 100). */
  batch_ms?: number;
  /** Snapshot and health republished at least this often, ms. */
  snapshot_ms?: number;
  /** How often staleness is swept, ms (default: a third of the fastest tag's rate, 10…1000). */
  sweep_ms?: number;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

export class Bridge {
  readonly metrics = new BridgeMetrics();
  readonly topics: LiveTopics;
  readonly started_ms: number;
  private readonly now: () => number;
  private readonly tags: Map<string, TagMapping>;
  private readonly quality: QualityEngine;
  private readonly sources = new Map<string, { tracker: SourceTracker; adapter: SourceAdapter | null }>();
  private readonly published = new Map<string, TagSample>();
  private pending: TagSample[] = [];
  private seq = 0;
  private snapSeq = 0;
  private lastFlush = -Infinity;
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private timers: ReturnType<typeof setInterval>[] = [];
  private stopping = false;
  private readonly writeCtx: WriteContext;

  constructor(private readonly opts: BridgeOptions) {
    const m = opts.mapping;
    this.now = opts.now ?? Date.now;
    this.started_ms = this.now();
    this.topics = liveTopics(m.site, m.plant);
    this.tags = new Map(m.tags.map((t) => [t.tag, t]));
    this.quality = new QualityEngine(m, this.started_ms, opts.tanks);
    for (const id of CrossChecker.skipped(m.crossChecks, opts.tanks))
      opts.log('warn', 'cross-check skipped: no geometry for its tank', { check: id });
    this.writeCtx = {
      allowWrite: !!opts.allowWrite,
      tags: this.tags,
      adapter: (id) => this.sources.get(id)?.adapter ?? undefined,
      log: opts.log,
      now: this.now,
      metrics: this.metrics,
      event: (e) => this.event(e),
      reply: (id, r) => this.publish(this.topics.writeReply(id), JSON.stringify(r), false, 1),
    };
  }

  /** Start the sources and the publishing; the retained mapping, snapshot and health go out at once. */
  static async start(opts: BridgeOptions): Promise<Bridge> {
    const b = new Bridge(opts);
    await b.begin();
    return b;
  }

  private async begin(): Promise<void> {
    const { mqtt: client, log } = this.opts;
    client.on('error', (e) => log('warn', 'broker error', { error: e.message }));
    client.on('connect', () => this.publishRetained(true)); // after a reconnect (the first has happened)
    client.on('message', (topic, payload) => {
      if (topic === this.topics.write)
        handleWrite(this.writeCtx, payload).catch((e: unknown) =>
          log('error', 'write handling failed', { error: String(e) }),
        );
    });
    await client.subscribeAsync(this.topics.write, { qos: 1 });
    this.publishRetained(true);
    this.event({ ts_ms: this.started_ms, kind: 'bridgeStart', text: this.startText() });
    log('info', 'bridge started', {
      site: this.opts.mapping.site,
      plant: this.opts.mapping.plant,
      tags: this.tags.size,
      readOnly: !this.opts.allowWrite,
    });
    for (const cfg of this.opts.mapping.sources) this.startSource(cfg);
    const fastest = Math.min(...this.opts.mapping.tags.map((t) => t.rate_ms));
    const sweep_ms = this.opts.sweep_ms ?? clamp(Math.round(fastest / 3), 10, 1000);
    const snapshot_ms = this.opts.snapshot_ms ?? 5000;
    this.timers.push(setInterval(() => this.sweep(), sweep_ms));
    this.timers.push(setInterval(() => this.publishRetained(), snapshot_ms));
  }

  private startText(): string {
    const m = this.opts.mapping;
    return `bridge started: ${this.tags.size} tags from ${m.sources.length} source(s), ${this.opts.allowWrite ? 'writes allowed' : 'read-only'}`;
  }

  private startSource(cfg: Mapping['sources'][number]): void {
    const tracker = new SourceTracker(cfg);
    const entry = { tracker, adapter: null as SourceAdapter | null };
    this.sources.set(cfg.id, entry);
    try {
      entry.adapter = (this.opts.createSource ?? createSource)(cfg, this.opts.mapping, this.opts.log);
      entry.adapter.start({
        data: (r) => this.guard(cfg.id, () => this.onData(cfg.id, r)),
        state: (s, e) => this.guard(cfg.id, () => this.onState(cfg.id, s, e)),
      });
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      this.opts.log('error', 'source cannot start', { source: cfg.id, kind: cfg.kind, error: why });
      this.onState(cfg.id, 'down', why);
    }
  }

  private guard(source: string, fn: () => void): void {
    try {
      fn();
    } catch (e) {
      this.metrics.malformed++;
      this.opts.log('error', 'source callback failed', { source, error: String(e) });
    }
  }

  private onData(source: string, readings: RawReading[]): void {
    if (this.stopping) return;
    const t = this.now();
    const s = this.sources.get(source)!;
    s.tracker.health.lastData_ms = t;
    this.metrics.add(this.metrics.updates, source, readings.length);
    for (const r of readings) {
      const m = this.tags.get(r?.tag);
      if (!m || m.source !== source) {
        this.metrics.malformed++;
        continue;
      }
      if (r.status === 'bad') this.metrics.add(this.metrics.readErrors, source);
      const raw = typeof r.raw === 'number' && Number.isFinite(r.raw) ? r.raw : null;
      const ts_ms = typeof r.ts_ms === 'number' && Number.isFinite(r.ts_ms) ? r.ts_ms : t;
      const status = r.status === 'good' || r.status === 'uncertain' ? r.status : 'bad';
      const reason = raw === null && status !== 'bad' ? 'no number from the source' : r.reason;
      const v = raw === null ? null : toEngineering(m, raw);
      for (const sample of this.quality.assess(m.tag, { v, ts_ms, status: raw === null ? 'bad' : status, reason }, t))
        this.offer(sample);
    }
  }

  private onState(source: string, state: SourceState, error?: string): void {
    const s = this.sources.get(source)!;
    const wasUp = s.tracker.up;
    if (!s.tracker.set(state, error)) return;
    this.opts.log(state === 'down' ? 'warn' : 'info', `source ${state}`, { source, ...(error ? { error } : {}) });
    if (state === 'up') this.event({ ts_ms: this.now(), kind: 'sourceUp', source, text: `${source} connected` });
    else if (state === 'down' && (wasUp || error))
      this.event({ ts_ms: this.now(), kind: 'sourceDown', source, text: `${source} down: ${error ?? 'no reason'}` });
    this.publishHealth();
  }

  /** Publish a sample unless it is inside the tag's deadband with the same quality and reason. */
  private offer(s: TagSample): void {
    const last = this.published.get(s.tag);
    if (last && last.q === s.q && last.reason === s.reason) {
      const db = this.tags.get(s.tag)!.deadband;
      if (s.v === last.v || (s.v !== null && last.v !== null && Math.abs(s.v - last.v) <= db)) return;
    }
    this.published.set(s.tag, s);
    this.pending.push(s);
    if (this.flushTimer) return;
    const wait = Math.max(0, this.lastFlush + (this.opts.batch_ms ?? 50) - performance.now());
    this.flushTimer = setTimeout(() => this.flush(), wait);
  }

  private flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    if (!this.pending.length) return;
    this.lastFlush = performance.now();
    const batch: TagBatch = { sent_ms: this.now(), seq: this.seq++, samples: this.pending };
    this.pending = [];
    this.metrics.batches++;
    this.metrics.samples += batch.samples.length;
    this.publish(this.topics.tags, JSON.stringify(batch), false, 0);
  }

  /**
   * Staleness: tags whose source has gone quiet. A polled source (Modbus) reads every tag each poll, so a
   * tag without a reading is stale; a source that reports only changes (OPC UA, Sparkplug) vouches for its
   * unchanged tags while it is connected, and its tags go stale once it is not.
   */
  sweep(): void {
    const now = this.now();
    for (const [tag, m] of this.tags) {
      const src = this.sources.get(m.source);
      if (src && src.tracker.up && src.tracker.health.kind !== 'modbus')
        for (const s of this.quality.touch(tag, now)) this.offer(s);
    }
    for (const s of this.quality.sweep(now)) this.offer(s);
  }

  health(): BridgeHealth {
    return {
      started_ms: this.started_ms,
      now_ms: this.now(),
      readOnly: !this.opts.allowWrite,
      sources: [...this.sources.values()].map((s) => ({ ...s.tracker.health })),
      quality: this.quality.counts(),
    };
  }

  /** The latest sample of every tag. */
  snapshot(): TagSample[] {
    return this.quality.all();
  }

  private publishHealth(): void {
    this.publish(this.topics.health, JSON.stringify(this.health()), true, 1);
  }

  /** Snapshot and health (every few seconds); the mapping only at start and after a reconnect, as it never changes. */
  private publishRetained(withMapping = false): void {
    if (this.stopping) return;
    if (withMapping) this.publish(this.topics.mapping, JSON.stringify(this.opts.mapping), true, 1);
    const snap: TagBatch = { sent_ms: this.now(), seq: this.snapSeq++, samples: this.snapshot() };
    this.publish(this.topics.snapshot, JSON.stringify(snap), true, 1);
    this.publishHealth();
  }

  private event(e: LiveEvent): void {
    this.publish(this.topics.event, JSON.stringify(e), false, 1);
  }

  private publish(topic: string, payload: string, retain: boolean, qos: 0 | 1): void {
    this.opts.mqtt.publish(topic, payload, { qos, retain }, (err) => {
      if (err && !this.stopping) this.opts.log('warn', 'publish failed', { topic, error: err.message });
    });
  }

  /** Stop cleanly: sources closed, the last batch and a final snapshot and health published, the broker link flushed. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    for (const t of this.timers) clearInterval(t);
    await Promise.all(
      [...this.sources.values()].map((s) =>
        s.adapter?.stop().catch((e: unknown) => this.opts.log('warn', 'source stop failed', { error: String(e) })),
      ),
    );
    for (const s of this.sources.values()) s.tracker.set('down', 'bridge stopped');
    this.flush();
    this.publishRetained();
    this.stopping = true;
    this.opts.log('info', 'bridge stopped', { batches: this.metrics.batches });
    await this.opts.mqtt.endAsync();
  }
}
