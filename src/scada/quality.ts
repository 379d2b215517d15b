import type { Mapping, TagMapping } from './mapping';
import type { Quality, TagSample } from '../protocol/live';
import { CrossChecker, type TankLookup } from './crossChecks';

// The quality of every mapped tag, judged the same way whatever the protocol (ISA-101: a value that is not
// good is never shown as if it were). Pure and browser-safe: time comes in as arguments.
//
// Order of precedence: bad (the source said so, or outside the instrument's range) > stale (no update within
// 3× the tag's rate) > uncertain (the source said so, a spike, a flatline, a failed cross-check) > good.

/** One reading in engineering units, with what the source said of it. */
export interface Reading {
  v: number | null;
  /** Source timestamp, ms since epoch. */
  ts_ms: number;
  status: 'good' | 'uncertain' | 'bad';
  reason?: string;
}

export interface Verdict {
  q: Quality;
  reason?: string;
}

/** What the engine remembers of one tag. */
export interface TagState {
  v: number | null;
  ts_ms: number;
  /** Source time the value last changed (flatline). */
  changed_ms: number;
  /** Receive time of the last reading on the caller's clock (staleness). */
  update_ms: number;
  own: Verdict;
  stale: string | null;
  read: boolean;
}

/** Staleness: no update within this many times the tag's rate. */
export const STALE_FACTOR = 3;

const f = (x: number) => String(+x.toPrecision(4));
const withUnit = (x: string, unit: string) => (unit ? `${x} ${unit}` : x);

/** "out of range 0–20 m" */
export const rangeReason = (t: TagMapping) => `out of range ${withUnit(`${t.range[0]}–${t.range[1]}`, t.unit)}`;

/**
 * A tag's own verdict on a reading, from the source status, the range, the rate of change since the
 * previous reading and how long the value has not moved.
 */
export function judge(t: TagMapping, prev: TagState | null, r: Reading): Verdict {
  if (r.status === 'bad' || r.v === null) return { q: 'bad', reason: r.reason ?? 'no value from the source' };
  if (!Number.isFinite(r.v)) return { q: 'bad', reason: `not a number (${r.v})` };
  if (r.v < t.range[0] || r.v > t.range[1]) return { q: 'bad', reason: rangeReason(t) };
  const why: string[] = [];
  if (r.status === 'uncertain') why.push(r.reason ?? 'uncertain at the source');
  if (t.maxRate_per_s !== undefined && prev && prev.v !== null && r.ts_ms > prev.ts_ms) {
    const rate = Math.abs(r.v - prev.v) / ((r.ts_ms - prev.ts_ms) / 1000);
    if (rate > t.maxRate_per_s)
      why.push(`spike ${withUnit(f(rate), `${t.unit}/s`)} > ${withUnit(String(t.maxRate_per_s), `${t.unit}/s`)}`);
  }
  if (t.flatline_s !== undefined && prev && prev.v === r.v) {
    const still_s = (r.ts_ms - prev.changed_ms) / 1000;
    if (still_s >= t.flatline_s) why.push(`flatline for ${Math.round(still_s)} s`);
  }
  return why.length ? { q: 'uncertain', reason: why.join('; ') } : { q: 'good' };
}

/** The verdict shown: own checks, then staleness, then cross-checks. */
function effective(st: TagState, cross: string | undefined): Verdict {
  if (!st.read) return { q: 'stale', reason: st.stale ?? 'not read yet' };
  if (st.own.q === 'bad') return st.own;
  if (st.stale) return { q: 'stale', reason: st.stale };
  if (!cross) return st.own;
  return { q: 'uncertain', reason: st.own.reason ? `${st.own.reason}; ${cross}` : cross };
}

/**
 * The quality engine of one mapping: `assess` each reading as it arrives, `sweep` on a timer for staleness.
 * Both return the samples whose value or verdict they changed (a cross-check can change another tag's).
 */
export class QualityEngine {
  private tags = new Map<string, { map: TagMapping; st: TagState }>();
  private cross: CrossChecker;

  constructor(mapping: Mapping, start_ms: number, tanks?: TankLookup) {
    for (const t of mapping.tags)
      this.tags.set(t.tag, {
        map: t,
        st: {
          v: null,
          ts_ms: start_ms,
          changed_ms: start_ms,
          update_ms: start_ms,
          own: { q: 'good' },
          stale: null,
          read: false,
        },
      });
    this.cross = new CrossChecker(mapping.crossChecks, new Map(mapping.tags.map((t) => [t.tag, t.unit])), tanks);
  }

  has(tag: string): boolean {
    return this.tags.has(tag);
  }

  assess(tag: string, r: Reading, now_ms: number): TagSample[] {
    const e = this.tags.get(tag);
    if (!e) return [];
    const { map, st } = e;
    st.own = judge(map, st.read ? st : null, r);
    if (!st.read || st.v !== r.v) st.changed_ms = r.ts_ms;
    st.v = r.v !== null && Number.isFinite(r.v) ? r.v : null;
    st.ts_ms = r.ts_ms;
    st.update_ms = now_ms;
    st.stale = null;
    st.read = true;
    const changed = this.cross.update(tag, { v: st.v, good: st.own.q === 'good', ts_ms: r.ts_ms });
    const out = [this.sample(tag)];
    for (const other of changed.keys()) if (other !== tag && this.tags.has(other)) out.push(this.sample(other));
    return out;
  }

  /**
   * The source vouches that a tag still holds its last value: a subscription that reports only changes
   * (OPC UA, Sparkplug) while its connection is alive. Clears staleness; a tag never read stays unread.
   */
  touch(tag: string, now_ms: number): TagSample[] {
    const st = this.tags.get(tag)?.st;
    if (!st || !st.read) return [];
    st.update_ms = Math.max(st.update_ms, now_ms);
    if (!st.stale) return [];
    st.stale = null;
    return [this.sample(tag)];
  }

  /** Tags that have just gone stale (no update within 3× their rate). */
  sweep(now_ms: number): TagSample[] {
    const out: TagSample[] = [];
    for (const [tag, { map, st }] of this.tags) {
      if (st.stale) continue;
      const age_ms = now_ms - st.update_ms;
      if (age_ms <= STALE_FACTOR * map.rate_ms) continue;
      st.stale = `no update for ${(age_ms / 1000).toFixed(1)} s`;
      out.push(this.sample(tag));
    }
    return out;
  }

  sample(tag: string): TagSample {
    const { st } = this.tags.get(tag)!;
    const { q, reason } = effective(st, this.cross.reason(tag));
    return reason === undefined ? { tag, v: st.v, q, ts_ms: st.ts_ms } : { tag, v: st.v, q, ts_ms: st.ts_ms, reason };
  }

  all(): TagSample[] {
    return [...this.tags.keys()].map((t) => this.sample(t));
  }

  counts(): Record<Quality, number> {
    const n: Record<Quality, number> = { good: 0, uncertain: 0, bad: 0, stale: 0 };
    for (const t of this.tags.keys()) n[this.sample(t).q]++;
    return n;
  }
}
