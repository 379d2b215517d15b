import type { TagBatch, TagSample } from '../protocol/live';
import type { Mapping } from '../scada/mapping';
import { Q, qualityCode, type QualityCode, type QualityReader } from '../app/quality';

/** The bridge republishes the snapshot at least every 5 s: a tag is stale only past a few of those. */
export const SNAPSHOT_PERIOD_MS = 5000;
/** A tag with no update within this many of its periods is stale (the live-twin plan: 3×). */
export const STALE_PERIODS = 3;
/** Without a mapping: the default rate of a mapped tag, ms (src/scada/mapping.ts). */
const DEFAULT_RATE_MS = 1000;

/** What one applied sample did, for the caller's trend rings. */
export type SampleSink = (i: number, t_ms: number, v: number, q: QualityCode) => void;

/**
 * The live plant's latest value of every tag, in the plant's tag order (EngineInfo.tags), as typed arrays: the
 * views read it by index in their loops, nothing is allocated per sample. A tag is measured once the mapping
 * names it or a sample for it arrives; the rest stay the model's.
 *
 * Age and staleness are reckoned from the page's own receive time plus how old the value already was when the
 * bridge sent it (sent_ms − ts_ms), so a skew between the bridge's clock and the browser's does not matter.
 */
export class LiveTagState implements QualityReader {
  readonly n: number;
  /** Last engineering value (NaN when the source never gave one). */
  readonly values: Float64Array;
  /** Quality as the bridge published it (Q codes; MODEL for a tag that is not measured). */
  readonly quality: Uint8Array;
  /** 1 when the tag is measured (mapped, or a sample arrived). */
  readonly measured: Uint8Array;
  /** Page time the last sample arrived, ms (NaN before the first). */
  readonly recv_ms: Float64Array;
  /** Source time of the last sample, ms since epoch in the bridge's clock (−∞ before the first). */
  readonly src_ms: Float64Array;
  /** How old the value was when the bridge sent it, ms. */
  readonly lag_ms: Float64Array;
  /** No update within this long and the tag is stale, ms. */
  readonly staleAfter_ms: Float64Array;
  readonly reasons: (string | undefined)[];
  /** Samples naming a tag the plant does not have (a mapping for another plant), by name. */
  readonly unknown = new Map<string, number>();
  /** False while the page has no link to the station: every measured tag is then stale. */
  linkUp = false;

  constructor(
    private readonly index: ReadonlyMap<string, number>,
    private readonly now: () => number,
    private readonly staleReason: (age_s: number) => string = (a) => `no update for ${a.toFixed(0)} s`,
    private readonly noLinkReason = 'no link to the station',
  ) {
    this.n = index.size;
    this.values = new Float64Array(this.n).fill(Number.NaN);
    this.quality = new Uint8Array(this.n).fill(Q.MODEL);
    this.measured = new Uint8Array(this.n);
    this.recv_ms = new Float64Array(this.n).fill(Number.NaN);
    this.src_ms = new Float64Array(this.n).fill(Number.NEGATIVE_INFINITY);
    this.lag_ms = new Float64Array(this.n);
    this.staleAfter_ms = new Float64Array(this.n).fill(STALE_PERIODS * Math.max(DEFAULT_RATE_MS, SNAPSHOT_PERIOD_MS));
    this.reasons = new Array<string | undefined>(this.n);
  }

  /** Index of a plant tag, or -1. */
  indexOf(tag: string): number {
    return this.index.get(tag) ?? -1;
  }

  /** The mapping names the measured tags and their rates; returns the mapped tags the plant lacks. */
  applyMapping(m: Mapping): string[] {
    const missing: string[] = [];
    for (const t of m.tags) {
      const i = this.indexOf(t.tag);
      if (i < 0) {
        missing.push(t.tag);
        continue;
      }
      this.measured[i] = 1;
      this.staleAfter_ms[i] = STALE_PERIODS * Math.max(t.rate_ms, SNAPSHOT_PERIOD_MS);
    }
    return missing;
  }

  /** Take a batch (a snapshot or an update); samples for tags the plant lacks are counted and skipped. */
  applyBatch(b: TagBatch, sink?: SampleSink): number {
    const t = this.now();
    let applied = 0;
    for (const s of b.samples) if (this.applySample(s, b.sent_ms, t, sink)) applied++;
    return applied;
  }

  private applySample(s: TagSample, sent_ms: number, recv: number, sink?: SampleSink): boolean {
    const i = this.indexOf(s.tag);
    if (i < 0) {
      this.unknown.set(s.tag, (this.unknown.get(s.tag) ?? 0) + 1);
      return false;
    }
    // a snapshot repeats what an update already brought: an older sample never replaces a newer one (both
    // times are the bridge's, so they compare); an equal one refreshes the receive time (not stale)
    if (this.measured[i] && s.ts_ms < this.src_ms[i]) return false;
    const q = qualityCode(s.q);
    this.measured[i] = 1;
    this.quality[i] = q;
    if (s.v !== null && Number.isFinite(s.v)) this.values[i] = s.v;
    else if (q === Q.GOOD) this.quality[i] = Q.BAD; // a good sample without a value is no good value
    this.reasons[i] = s.reason ?? (s.v === null ? 'no value' : undefined);
    this.recv_ms[i] = recv;
    this.src_ms[i] = s.ts_ms;
    this.lag_ms[i] = Math.max(0, sent_ms - s.ts_ms);
    sink?.(i, s.ts_ms, s.v ?? Number.NaN, this.quality[i] as QualityCode);
    return true;
  }

  code(i: number): QualityCode {
    if (!this.measured[i]) return Q.MODEL;
    if (!this.linkUp) return Q.STALE;
    const q = this.quality[i] as QualityCode;
    if (q === Q.BAD || q === Q.STALE) return q;
    const r = this.recv_ms[i];
    if (!Number.isFinite(r) || this.now() - r > this.staleAfter_ms[i]) return Q.STALE;
    return q;
  }

  value(i: number): number {
    return this.measured[i] ? this.values[i] : Number.NaN;
  }

  reason(i: number): string | undefined {
    if (!this.measured[i]) return undefined;
    if (!this.linkUp) return this.noLinkReason;
    const q = this.quality[i];
    if (q !== Q.BAD && q !== Q.STALE && this.code(i) === Q.STALE)
      return Number.isFinite(this.recv_ms[i]) ? this.staleReason(this.age_s(i)) : this.staleReason(Number.NaN);
    return this.reasons[i];
  }

  age_s(i: number): number {
    const r = this.recv_ms[i];
    return Number.isFinite(r) ? (this.now() - r + this.lag_ms[i]) / 1000 : Number.NaN;
  }

  /** Write every measured value that has one into a frame's tag slots (from `offset`). */
  overlay(frame: Float64Array, offset: number): void {
    for (let i = 0; i < this.n; i++)
      if (this.measured[i] && this.values[i] === this.values[i]) frame[offset + i] = this.values[i];
  }

  /** Indices of every measured tag that is not good now (for the data-quality panel). */
  notGood(): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.n; i++) {
      const c = this.code(i);
      if (c === Q.UNCERTAIN || c === Q.BAD || c === Q.STALE) out.push(i);
    }
    return out;
  }

  /** How many measured tags there are. */
  measuredCount(): number {
    let k = 0;
    for (let i = 0; i < this.n; i++) k += this.measured[i];
    return k;
  }
}
