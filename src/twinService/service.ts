import {
  estimateCatalogSchema,
  sdTag,
  tagBatchSchema,
  type EstimateCatalog,
  type EstimateTag,
  type LiveTopics,
  type TagBatch,
  type TagSample,
} from '../protocol/live';
import type { Log } from '../bridge/log';
import type { EstimateValue, Innovation, TankInputs, TankObs } from '../estimate/tankFilter';
import { describeEstimate, estimateTag } from './catalog';
import { TagWindow } from './tagWindow';
import type { TwinFilterView, TwinView } from './view';

// The live twin's estimator in the station: it reads the bridge's tag batches, keeps one filter per tank,
// steps every filter on a fixed cadence of SOURCE time (the plant's timestamps, never the station's clock:
// a replay or a plant running faster than real time gives the same estimates), and publishes the estimates
// with their standard deviations as tag samples on the live `tags` topic (so the historian stores them)
// and the retained `estimates` catalog (so a page knows their units and has their latest values at once).

/** The filter the service runs per tank (src/estimate TankFilter). */
export interface TwinFilter extends TwinFilterView {
  update(dt_s: number, u: TankInputs, y: TankObs): void;
}

/** Tag values for one filter step, NaN if unknown. */
export interface StepValues {
  /** Time-weighted mean over the step (NaN when less than half of it had a good value). */
  mean(tag: string): number;
  latest(tag: string): number;
  /** A measurement as the filters take it: the step's mean, else the latest good value. */
  obs(tag: string): number;
  /** Highest − lowest good value within the step. */
  range(tag: string): number;
}

export interface TwinServiceOptions {
  topics: LiveTopics;
  /** The measured tags the filters may read (the mapping's). */
  tags: readonly string[];
  tanks: readonly string[];
  makeFilter: (tank: string) => TwinFilter;
  /** A tank's inputs and observations from the tag values of one step (src/estimate/feed.ts). */
  feed: (tank: string, v: StepValues) => { u: TankInputs; y: TankObs };
  publish: (topic: string, payload: string, retain: boolean) => void;
  /** Source seconds between filter steps (default 60). */
  cadence_s?: number;
  /** Run after each step's estimates are out (the anomaly detection on the filters' innovations). */
  afterStep?: (t_ms: number, v: StepValues, twin: TwinService) => void;
  /** Publish time stamped on the batches (sent_ms) only: no decision reads it. */
  now?: () => number;
  log?: Log;
}

/** A value older than this many steps is not known (a tag that stopped updating). */
const MAX_AGE_STEPS = 3;
/** After a gap in the source time longer than this many steps, the filters take one step of this length. */
const MAX_CATCH_UP_STEPS = 10;
/** A jump of the source time past this many steps is taken once this many samples in a row agree with it. */
const JUMP_STEPS = 10;
const JUMP_SAMPLES = 20;

export class TwinService implements TwinView {
  readonly tanks: readonly string[];
  readonly stats = { updates: 0, rejected: 0, failures: 0, batches: 0, samples: 0 };
  /** Wall time the last step took over every tank, ms (a figure for the metrics; no decision reads it). */
  lastStepWall_ms = 0;
  /** Source time of the newest sample taken, ms since epoch (NaN before the first). */
  source_ms = Number.NaN;
  private closed = false;
  /** Samples in a row far ahead of the source time (a jump being confirmed). */
  private ahead = 0;
  readonly cadence_ms: number;
  private readonly filters = new Map<string, TwinFilter>();
  private readonly window: TagWindow;
  private readonly descriptors = new Map<string, EstimateTag>();
  private last: TagSample[] = [];
  private seq = 0;
  /** Next step's source time, and the last step's (NaN before the first sample / step). */
  private next_ms = Number.NaN;
  private last_ms = Number.NaN;
  private readonly now: () => number;

  constructor(private readonly o: TwinServiceOptions) {
    this.tanks = [...o.tanks];
    this.cadence_ms = Math.round((o.cadence_s ?? 60) * 1000);
    this.window = new TagWindow(new Set(o.tags));
    this.now = o.now ?? Date.now;
    for (const tank of this.tanks) this.reset(tank);
  }

  get updated_ms(): number {
    return this.last_ms;
  }

  filter(tank: string): TwinFilterView | undefined {
    return this.filters.get(tank);
  }

  latest(tag: string): TagSample | undefined {
    return this.window.latest.get(tag);
  }

  published(): readonly TagSample[] {
    return this.last;
  }

  /** The catalog as published (retained) now. */
  catalog(): EstimateCatalog {
    return {
      updated_ms: Number.isFinite(this.last_ms) ? this.last_ms : null,
      cadence_s: this.cadence_ms / 1000,
      tags: [...this.descriptors.values()],
      latest: this.last,
    };
  }

  /** Publish the catalog (at start, so a page knows the estimate tags before the first step). */
  announce(): void {
    this.o.publish(this.o.topics.estimates, JSON.stringify(estimateCatalogSchema.parse(this.catalog())), true);
  }

  /** Take no more messages (the station is stopping). */
  close(): void {
    this.closed = true;
  }

  /** A message on the live `tags` or `snapshot` topic; anything else, malformed or our own is skipped. */
  onMessage(topic: string, payload: Buffer | string): void {
    if (this.closed || (topic !== this.o.topics.tags && topic !== this.o.topics.snapshot)) return;
    let json: unknown;
    try {
      json = JSON.parse(typeof payload === 'string' ? payload : payload.toString('utf8'));
    } catch {
      this.stats.rejected++;
      return;
    }
    const r = tagBatchSchema.safeParse(json);
    if (!r.success) {
      this.stats.rejected++;
      return;
    }
    if (r.data.from === 'twin') return;
    try {
      this.ingest(r.data);
    } catch (e) {
      // nothing a message holds may take the station down (a filter that cannot even be made again)
      this.stats.failures++;
      this.o.log?.('error', 'twin step failed', { error: (e as Error).message });
    }
  }

  /** The bridge's samples, in order: the filters step at each cadence boundary a sample passes. */
  ingest(b: TagBatch): void {
    this.stats.batches++;
    for (const s of b.samples) {
      if (!Number.isFinite(s.ts_ms) || !this.window.has(s.tag)) continue;
      if (s.ts_ms - this.source_ms > JUMP_STEPS * this.cadence_ms) {
        // far ahead of the stream: the plant back after an outage, or one source's clock gone wrong. Taken once
        // enough samples agree, so that one stray timestamp cannot hold the filters until the clock reaches it
        if (++this.ahead < JUMP_SAMPLES) {
          this.stats.rejected++;
          continue;
        }
      }
      this.ahead = 0;
      if (this.next_ms !== this.next_ms) {
        // the first step falls on the first whole cadence of source time after the first sample
        this.next_ms = Math.ceil(s.ts_ms / this.cadence_ms) * this.cadence_ms;
        this.window.restart(s.ts_ms);
      }
      if (s.ts_ms > this.next_ms) this.catchUp(s.ts_ms);
      if (this.window.push(s)) {
        this.stats.samples++;
        if (!(s.ts_ms <= this.source_ms)) this.source_ms = s.ts_ms;
      }
    }
  }

  /** Step at every boundary before `t_ms`; after a long gap, one step to the last boundary. */
  private catchUp(t_ms: number): void {
    const c = this.cadence_ms;
    if (t_ms - this.next_ms > MAX_CATCH_UP_STEPS * c) this.next_ms = Math.floor((t_ms - 1) / c) * c;
    while (t_ms > this.next_ms) {
      this.step(this.next_ms);
      this.next_ms += c;
    }
  }

  private step(t_ms: number): void {
    const wall0 = performance.now();
    const c = this.cadence_ms;
    const dt_s = Number.isFinite(this.last_ms)
      ? Math.min(t_ms - this.last_ms, MAX_CATCH_UP_STEPS * c) / 1000
      : c / 1000;
    const w = this.window;
    const maxAge = MAX_AGE_STEPS * c;
    const latest = (tag: string) => w.value(tag, t_ms, maxAge);
    const mean = (tag: string) => w.mean(tag, t_ms);
    const values: StepValues = {
      mean,
      latest,
      obs: (tag) => {
        const m = mean(tag);
        return m === m ? m : latest(tag);
      },
      range: (tag) => w.range(tag, t_ms),
    };
    const out: TagSample[] = [];
    for (const tank of this.tanks) {
      let est: EstimateValue[];
      let ok = true;
      try {
        const f = this.filters.get(tank)!;
        const { u, y } = this.o.feed(tank, values);
        f.update(dt_s, u, y);
        est = f.estimates();
        if (!est.every((e) => Number.isFinite(e.value) && Number.isFinite(e.sd))) throw new Error('not finite');
      } catch (e) {
        // a filter that throws or diverges starts again from its prior: its estimates are bad this step
        this.stats.failures++;
        this.o.log?.('warn', 'twin filter restarted', { tank, t_ms, error: (e as Error).message });
        est = this.reset(tank).estimates();
        ok = false;
      }
      this.samples(tank, est, t_ms, !ok, out);
    }
    w.restart(t_ms);
    this.last_ms = t_ms;
    this.last = out;
    this.stats.updates++;
    this.lastStepWall_ms = performance.now() - wall0;
    const batch: TagBatch = { sent_ms: this.now(), seq: this.seq++, samples: out, from: 'twin' };
    this.o.publish(this.o.topics.tags, JSON.stringify(batch), false);
    this.announce();
    try {
      this.o.afterStep?.(t_ms, values, this);
    } catch (e) {
      this.stats.failures++;
      this.o.log?.('warn', 'twin step follower failed', { t_ms, error: (e as Error).message });
    }
  }

  private samples(tank: string, est: EstimateValue[], ts_ms: number, bad: boolean, out: TagSample[]): void {
    for (const e of est) {
      const tag = estimateTag(tank, e.name);
      if (!this.descriptors.has(tag)) this.descriptors.set(tag, describeEstimate(tank, e));
      const ok = !bad && Number.isFinite(e.value) && Number.isFinite(e.sd);
      const reason = ok ? undefined : 'the filter restarted';
      out.push({ tag, v: ok ? e.value : null, q: ok ? 'good' : 'bad', ts_ms, ...(reason && { reason }) });
      out.push({ tag: sdTag(tag), v: ok ? e.sd : null, q: ok ? 'good' : 'bad', ts_ms, ...(reason && { reason }) });
    }
  }

  private reset(tank: string): TwinFilter {
    const f = this.o.makeFilter(tank);
    this.filters.set(tank, f);
    for (const e of f.estimates()) {
      const d = describeEstimate(tank, e);
      this.descriptors.set(d.tag, d);
    }
    return f;
  }

  /** Innovations of every tank's last step (for the anomaly tests and routes). */
  innovations(tank: string): readonly Innovation[] {
    return this.filters.get(tank)?.innovations() ?? [];
  }
}
