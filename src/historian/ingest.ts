import { liveEventSchema, tagBatchSchema, type LiveEvent, type TagBatch } from '../protocol/live';
import type { Spool, SpoolLine } from './spool';
import type { HistorianStore } from './types';

// Live tag batches and events into the store, batched into transactions. While the store fails (PostgreSQL
// down, a disk error, the store closed), everything goes to the durable spool instead, and a retry with
// back-off replays the spool in order before anything newer is written; `lag_s` says how far behind that is.

export interface IngestOptions {
  /** Clock, ms since epoch (tests inject their own). */
  now?: () => number;
  /** Gather arrivals this long into one transaction, ms (default 200). */
  flush_ms?: number;
  /** ...or until this many samples wait (default 5000). */
  maxRows?: number;
  /** Retry back-off after a failed write, ms: first and longest (default 250 and 5000). */
  retry_ms?: [number, number];
  /** Spool lines per replay transaction (default 200). */
  replayLines?: number;
  /** Told when the store starts failing and when it works again (for the log). */
  onState?: (ok: boolean, error: Error | null) => void;
}

/** The part of a bus the ingest needs: the station's own (embedded aedes or an external broker) or mqtt.js. */
export interface LiveSubscriber {
  subscribe(filter: string, handler: (topic: string, payload: Buffer) => void): Promise<void>;
}

export class HistorianIngest {
  readonly stats = { samples: 0, events: 0, inserted: 0, duplicates: 0, spooled: 0, replayed: 0, rejected: 0 };
  private queue: SpoolLine[] = [];
  /** Lines being written right now (out of the queue, not yet confirmed). */
  private writing: SpoolLine[] = [];
  private queuedRows = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private chain: Promise<void> = Promise.resolve();
  private failing: Error | null = null;
  private retryDue = false;
  private backoff_ms: number;
  private closed = false;
  private readonly now: () => number;
  private readonly o: Required<Omit<IngestOptions, 'now' | 'onState'>>;

  constructor(
    private store: HistorianStore | null,
    readonly spool: Spool,
    private readonly opts: IngestOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
    this.o = {
      flush_ms: opts.flush_ms ?? 200,
      maxRows: opts.maxRows ?? 5000,
      retry_ms: opts.retry_ms ?? [250, 5000],
      replayLines: opts.replayLines ?? 200,
    };
    this.backoff_ms = this.o.retry_ms[0];
    if (spool.pending) this.schedule(0); // a spool left by the last run: replay it
  }

  /** A plant's tag batch (from the broker, or straight from an in-process bridge). */
  ingest(plant: string, batch: TagBatch): void {
    this.push({ rx_ms: this.now(), entry: { plant, batch } }, batch.samples.length);
    this.stats.samples += batch.samples.length;
  }

  ingestEvent(plant: string, event: LiveEvent): void {
    this.push({ rx_ms: this.now(), entry: { plant, event } }, 1);
    this.stats.events++;
  }

  /** A message on `tanktwin/<site>/live/<plant>/{tags,event}`; anything malformed is counted and dropped. */
  onMessage(topic: string, payload: Buffer): void {
    const parts = topic.split('/');
    const plant = parts[3];
    try {
      const json = JSON.parse(payload.toString('utf8')) as unknown;
      if (parts[4] === 'tags') {
        const b = tagBatchSchema.safeParse(json);
        if (b.success) return this.ingest(plant, b.data);
      } else if (parts[4] === 'event') {
        const e = liveEventSchema.safeParse(json);
        if (e.success) return this.ingestEvent(plant, e.data);
      }
    } catch {
      // not JSON: counted below
    }
    this.stats.rejected++;
  }

  /** Listen to every plant's tags and events of `site`. */
  async attach(bus: LiveSubscriber, site: string): Promise<void> {
    const handler = (t: string, p: Buffer) => this.onMessage(t, p);
    await bus.subscribe(`tanktwin/${site}/live/+/tags`, handler);
    await bus.subscribe(`tanktwin/${site}/live/+/event`, handler);
  }

  /** Age of the oldest sample received but not yet in the store, s (0 when nothing waits). */
  lag_s(): number {
    const q = this.writing[0]?.rx_ms ?? this.queue[0]?.rx_ms ?? null;
    const s = this.spool.oldest_ms;
    const oldest = q === null ? s : s === null ? q : Math.min(q, s);
    return oldest === null ? 0 : Math.max(0, (this.now() - oldest) / 1000);
  }

  /** Nothing waits: all received is in the store. */
  get drained(): boolean {
    return this.queue.length === 0 && this.writing.length === 0 && !this.spool.pending;
  }

  /** The store fails now (its last error), or null. */
  get error(): Error | null {
    return this.failing;
  }

  /** Swap the store (reopened after a failure, or null while there is none); a waiting spool is replayed. */
  setStore(store: HistorianStore | null): void {
    this.store = store;
    this.retryDue = true;
    this.schedule(0);
  }

  /** Write (or spool) what waits now; resolves when this round is done. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.chain = this.chain.then(() => this.round());
    return this.chain;
  }

  /** Stop: what could not be written is left in the spool for the next start. The store stays open. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await this.flush();
    if (this.queue.length) this.toSpool();
    this.spool.close();
  }

  private push(line: SpoolLine, rows: number): void {
    if (this.closed) return;
    this.queue.push(line);
    this.queuedRows += rows;
    if (this.queuedRows >= this.o.maxRows) void this.flush();
    else if (!this.timer) this.schedule(this.o.flush_ms);
  }

  private schedule(ms: number): void {
    if (this.closed || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, ms);
  }

  private toSpool(): void {
    if (!this.queue.length) return;
    this.spool.append(this.queue);
    this.stats.spooled += this.queue.length;
    this.queue = [];
    this.queuedRows = 0;
  }

  private async round(): Promise<void> {
    const store = this.store;
    // while failing, only the retry timer tries the store; arrivals meanwhile go straight to disk
    if (!store || (this.failing && !this.retryDue)) return this.toSpool();
    this.retryDue = false;
    try {
      while (this.spool.pending) {
        const from = this.spool.read(this.o.replayLines);
        if (from.lines.length) {
          const r = await store.write(from.lines.map((l) => l.entry));
          this.count(r.inserted, r.duplicates);
          this.stats.replayed += from.lines.length;
        }
        this.spool.commit(from.end);
      }
      if (this.queue.length) {
        const lines = (this.writing = this.queue);
        this.queue = [];
        this.queuedRows = 0;
        try {
          const r = await store.write(lines.map((l) => l.entry));
          this.count(r.inserted, r.duplicates);
        } catch (e) {
          this.queue = lines.concat(this.queue);
          throw e;
        } finally {
          this.writing = [];
        }
      }
      this.ok();
    } catch (e) {
      this.fail(e as Error);
      this.toSpool();
    }
  }

  private count(inserted: number, duplicates: number): void {
    this.stats.inserted += inserted;
    this.stats.duplicates += duplicates;
  }

  private ok(): void {
    if (this.failing) this.opts.onState?.(true, null);
    this.failing = null;
    this.backoff_ms = this.o.retry_ms[0];
  }

  private fail(e: Error): void {
    if (!this.failing) this.opts.onState?.(false, e);
    this.failing = e;
    if (this.closed || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.retryDue = true;
      void this.flush();
    }, this.backoff_ms);
    this.backoff_ms = Math.min(this.backoff_ms * 2, this.o.retry_ms[1]);
  }
}
