import type { LiveInputBatch, ShadowReport, ShadowStartResult } from '../../protocol/workerApi';
import type { Snapshot } from '../../sim/snapshot';
import type { EngineInfo } from '../../protocol/frame';
import { Q } from '../../app/quality';
import { Q_BAD, Q_GOOD, Q_STALE, Q_UNCERTAIN } from './classify';
import { createShadowStore, rowsOf, type ShadowStore } from './store';

/** How often the page hands the live samples to the shadow and refreshes the residuals, ms. */
export const SHADOW_FLUSH_MS = 250;

/** The live tag state as the shadow reads it (src/live/tagState.ts LiveTagState has it). */
export interface LiveTagsView {
  readonly n: number;
  readonly measured: Uint8Array;
  readonly values: Float64Array;
  /** Source time of each tag's last sample, ms since epoch (−∞ before the first). */
  readonly src_ms: Float64Array;
  /** Quality now, stale by age or a lost link included (quality.ts Q codes). */
  code(i: number): number;
}

/** The worker calls the shadow needs (the live connection's worker runs it: src/worker/engine.ts). */
export interface ShadowWorker {
  shadowStart(b: LiveInputBatch): Promise<ShadowStartResult> | ShadowStartResult;
  shadowPush(b: LiveInputBatch): Promise<ShadowReport | null> | ShadowReport | null;
  shadowWhatIf(): Promise<Snapshot | null> | Snapshot | null;
}

/** The live connection as the shadow sees it: its worker, its plant's tags, and the live values. */
export interface ShadowHost {
  readonly api: ShadowWorker;
  readonly info: EngineInfo | null;
  readonly tags: LiveTagsView | null;
}

/** Page quality code → the worker's (protocol/live.ts QUALITIES order); −1: not a measurement. */
function wireQ(code: number): number {
  switch (code) {
    case Q.GOOD:
      return Q_GOOD;
    case Q.UNCERTAIN:
      return Q_UNCERTAIN;
    case Q.BAD:
      return Q_BAD;
    case Q.STALE:
      return Q_STALE;
    default:
      return -1;
  }
}

/**
 * The page's side of the shadow model. A few times a second it reads the live tag state, sends the samples
 * that changed (a new source time, or a new quality: a tag that went stale by age) to the worker as one
 * typed-array batch in source-time order, and puts the worker's residual report in the store. The first
 * batch with any measured tag starts the shadow from the live state; a worker that restarted (and so lost
 * its shadow) gets a new one the same way.
 */
export class ShadowLink {
  readonly store: ShadowStore;
  private lastTs = new Float64Array(0);
  private lastQ = new Int16Array(0);
  private outputs: string[] = [];
  private units: string[] = [];
  private started = false;
  private busy = false;
  private timer: ReturnType<typeof setInterval> | null = null;
  private maxTs = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly host: ShadowHost,
    store?: ShadowStore,
  ) {
    this.store = store ?? createShadowStore();
  }

  /** Flush on a timer until stop(). */
  run(every_ms = SHADOW_FLUSH_MS): this {
    this.timer ??= setInterval(() => void this.flush(), every_ms);
    return this;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** The samples that changed since the last call, sorted by source time; null when none. */
  collect(all = false): LiveInputBatch | null {
    const tags = this.host.tags;
    if (!tags) return null;
    if (this.lastTs.length !== tags.n) {
      this.lastTs = new Float64Array(tags.n).fill(Number.NaN);
      this.lastQ = new Int16Array(tags.n).fill(-1);
    }
    const pick: number[] = [];
    const ts: number[] = [];
    for (let i = 0; i < tags.n; i++) {
      if (!tags.measured[i]) continue;
      const q = wireQ(tags.code(i));
      if (q < 0) continue;
      const src = tags.src_ms[i];
      if (!Number.isFinite(src)) continue;
      const fresh = src !== this.lastTs[i];
      if (!all && !fresh && q === this.lastQ[i]) continue;
      this.maxTs = Math.max(this.maxTs, src);
      pick.push(i);
      // a quality change without a new sample (stale by age) takes effect now: at the newest time seen
      ts.push(fresh || all ? src : this.maxTs);
      this.lastTs[i] = src;
      this.lastQ[i] = q;
    }
    if (!pick.length) return null;
    const order = pick.map((_, j) => j).sort((a, b) => ts[a] - ts[b] || pick[a] - pick[b]);
    const n = order.length;
    const b: LiveInputBatch = {
      length: n,
      tag: new Int32Array(n),
      v: new Float64Array(n),
      q: new Uint8Array(n),
      ts_ms: new Float64Array(n),
    };
    order.forEach((j, k) => {
      const i = pick[j];
      b.tag[k] = i;
      b.v[k] = tags.values[i];
      b.q[k] = this.lastQ[i];
      b.ts_ms[k] = ts[j];
    });
    return b;
  }

  /** Send what changed to the shadow (starting it first when needed) and refresh the store. */
  async flush(): Promise<void> {
    if (this.busy || !this.host.info) return;
    this.busy = true;
    try {
      if (!this.started) {
        const snap = this.collect(true);
        if (snap) await this.start(snap);
        return;
      }
      const b = this.collect();
      if (!b) return;
      const r = await this.host.api.shadowPush(b);
      if (r === null) {
        this.started = false; // the worker restarted without its shadow: begin again from the live state
        this.lastTs.fill(Number.NaN);
        return;
      }
      this.publish(r);
    } catch (e) {
      this.store.setState({ status: 'failed', error: (e as Error).message });
    } finally {
      this.busy = false;
    }
  }

  private async start(snap: LiveInputBatch): Promise<void> {
    const r = await this.host.api.shadowStart(snap);
    if (!r.ok) {
      this.store.setState({ status: 'failed', error: r.message });
      return;
    }
    const units = new Map(this.host.info!.tags.map((t) => [t.name, t.unit]));
    this.outputs = r.outputs;
    this.units = r.outputs.map((tag) => units.get(tag) ?? '');
    this.started = true;
    this.store.setState({
      status: 'running',
      error: null,
      index: Object.fromEntries(r.outputs.map((tag, k) => [tag, k])),
    });
    const first = await this.host.api.shadowPush({ ...snap, length: 0 });
    if (first) this.publish(first);
  }

  private publish(r: ShadowReport): void {
    this.store.setState({
      status: 'running',
      t0_ms: r.t0_ms,
      now_ms: r.t0_ms + r.t_s * 1000,
      rows: rowsOf(r, this.outputs, this.units),
    });
  }

  /** The shadow's state now as a what-if plant starts from it; null before the shadow runs. */
  async whatIfSnapshot(): Promise<Snapshot | null> {
    return this.started ? await this.host.api.shadowWhatIf() : null;
  }
}
