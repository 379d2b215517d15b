import type { ZodType } from 'zod';
import {
  advisoryListSchema,
  bridgeHealthSchema,
  estimateCatalogSchema,
  liveEventSchema,
  tagBatchSchema,
  type LiveTopics,
  type TagBatch,
} from '../protocol/live';
import { parseMapping } from '../scada/mapping';
import { LIVE_EVENT_MAX, type LiveStore } from './liveStore';
import type { LiveTagState, SampleSink } from './tagState';
import { applyAdvisories, applyCatalog, applyEstimates, type TwinStore } from './twin/store';

/** What a message became: taken, or dropped with the reason. */
export type RouteResult = { ok: true } | { ok: false; problem: string };

function decode(payload: Uint8Array | string): unknown {
  const text = typeof payload === 'string' ? payload : new TextDecoder().decode(payload);
  return JSON.parse(text);
}

function check<T>(schema: ZodType<T>, v: unknown): T {
  const r = schema.safeParse(v);
  if (r.success) return r.data;
  const i = r.error.issues[0];
  throw new Error(`${i.path.join('.') || '(message)'}: ${i.message}`);
}

/**
 * Routes the live topics' messages into the tag state and the live store. Every payload is parsed and
 * validated (src/protocol/live.ts); one that fails is counted, its problem kept for the data-quality panel,
 * and dropped: nothing a broker delivers can throw out of here.
 */
export class LiveFeed {
  private lastSeq = -1;
  private lastTwinSeq = -1;

  constructor(
    private readonly tags: LiveTagState,
    private readonly store: LiveStore,
    private readonly topics: LiveTopics,
    private readonly sink?: SampleSink,
    /** The twin service's estimates (their batches on `tags` and the retained catalog) go here. */
    private readonly twin?: TwinStore,
  ) {}

  route(topic: string, payload: Uint8Array | string): RouteResult {
    try {
      const tp = this.topics;
      if (topic === tp.tags) this.onBatch(check(tagBatchSchema, decode(payload)), false);
      else if (topic === tp.snapshot) this.onBatch(check(tagBatchSchema, decode(payload)), true);
      else if (topic === tp.health) this.store.setState({ health: check(bridgeHealthSchema, decode(payload)) });
      else if (topic === tp.event) {
        const e = check(liveEventSchema, decode(payload));
        this.store.setState((s) => ({ events: [e, ...s.events].slice(0, LIVE_EVENT_MAX) }));
      } else if (topic === tp.mapping) this.onMapping(decode(payload));
      else if (topic === tp.estimates && this.twin)
        applyCatalog(this.twin, check(estimateCatalogSchema, decode(payload)));
      else if (topic === tp.advisories && this.twin)
        applyAdvisories(this.twin, check(advisoryListSchema, decode(payload)));
      else throw new Error('not a live topic');
      return { ok: true };
    } catch (e) {
      const problem = (e as Error).message;
      this.store.setState((s) => ({ malformed: s.malformed + 1, lastMalformed: `${topic}: ${problem}` }));
      return { ok: false, problem };
    }
  }

  private onBatch(b: TagBatch, snapshot: boolean): void {
    // the twin service's estimates: tags of no plant tag index, and a sequence of their own
    if (b.from === 'twin') return this.onEstimates(b);
    // the trend rings skip a sample no newer than their last, so the snapshot's repeats add nothing
    this.tags.applyBatch(b, this.sink);
    if (snapshot) return this.store.setState((s) => ({ batches: s.batches + 1 }));
    // a bridge restart begins at 0 again: only a forward jump counts as lost batches
    const lost = this.lastSeq >= 0 && b.seq > this.lastSeq + 1 ? b.seq - this.lastSeq - 1 : 0;
    this.lastSeq = b.seq;
    this.store.setState((s) => ({ batches: s.batches + 1, lostBatches: s.lostBatches + lost }));
  }

  private onEstimates(b: TagBatch): void {
    const lost = this.lastTwinSeq >= 0 && b.seq > this.lastTwinSeq + 1 ? b.seq - this.lastTwinSeq - 1 : 0;
    this.lastTwinSeq = b.seq;
    if (this.twin) applyEstimates(this.twin, b.samples, lost);
  }

  private onMapping(raw: unknown): void {
    const r = parseMapping(raw);
    if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join('; '));
    const missing = this.tags.applyMapping(r.value);
    this.store.setState({ mapping: r.value, unmappedInPlant: missing });
  }
}
