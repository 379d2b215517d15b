import { Q, type QualityCode } from '../app/quality';

/** Samples kept per tag for the live end of a trend (at 10 updates a second, about 13 minutes). */
export const RING_CAPACITY = 8192;

interface Ring {
  t: Float64Array;
  v: Float64Array;
  q: Uint8Array;
  head: number;
  count: number;
}

/**
 * The live samples of each measured tag as they arrive (source time, value, quality), one fixed ring per tag,
 * made when the tag's first sample arrives. The trends draw history from the historian and this ring's end.
 */
export class TrendRings {
  private rings: (Ring | undefined)[];

  constructor(
    n: number,
    readonly capacity = RING_CAPACITY,
  ) {
    this.rings = new Array<Ring | undefined>(n);
  }

  /** Take a sample; one no newer than the ring's last is skipped (a snapshot repeating it). */
  push(i: number, t_ms: number, v: number, q: QualityCode): void {
    let r = this.rings[i];
    if (!r) {
      const c = this.capacity;
      r = this.rings[i] = { t: new Float64Array(c), v: new Float64Array(c), q: new Uint8Array(c), head: 0, count: 0 };
    }
    if (r.count > 0 && t_ms <= r.t[(r.head - 1 + this.capacity) % this.capacity]) return;
    r.t[r.head] = t_ms;
    r.v[r.head] = v;
    r.q[r.head] = q;
    r.head = (r.head + 1) % this.capacity;
    r.count = Math.min(r.count + 1, this.capacity);
  }

  /** Oldest-first samples of tag i with source time ≥ from_ms. */
  since(i: number, from_ms: number): { t: number[]; v: number[]; q: QualityCode[] } {
    const out = { t: [] as number[], v: [] as number[], q: [] as QualityCode[] };
    const r = this.rings[i];
    if (!r) return out;
    const start = (r.head - r.count + this.capacity) % this.capacity;
    for (let k = 0; k < r.count; k++) {
      const j = (start + k) % this.capacity;
      if (r.t[j] < from_ms) continue;
      out.t.push(r.t[j]);
      out.v.push(r.v[j]);
      out.q.push((r.q[j] as QualityCode) ?? Q.GOOD);
    }
    return out;
  }

  /** Source time of tag i's oldest kept sample, or +∞ when none. */
  oldest(i: number): number {
    const r = this.rings[i];
    if (!r || r.count === 0) return Number.POSITIVE_INFINITY;
    return r.t[(r.head - r.count + this.capacity) % this.capacity];
  }
}
