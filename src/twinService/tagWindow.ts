import type { TagSample } from '../protocol/live';

// Each measured tag's latest good value, its time-weighted mean and its spread over the current filter interval, on
// source time. The bridge publishes a tag only when it moves past its deadband, so a plain mean of the
// samples would over-weight a moving stretch; a zero-order hold between samples does not.

interface Slot {
  /** Latest good value and its source time (NaN / −∞ before the first, or after a non-good sample). */
  v: number;
  ts_ms: number;
  /** ∫ v dt over [start_ms, ts_ms] of the interval, and how much of the interval had a good value, ms. */
  integral: number;
  covered_ms: number;
  /** Lowest and highest good value held within the interval (±∞ before one). */
  min: number;
  max: number;
}

export class TagWindow {
  private readonly slots = new Map<string, Slot>();
  /** Start of the current interval, source ms. */
  private start_ms = Number.NaN;
  /** The last sample of every tag, whatever its quality (for the routes). */
  readonly latest = new Map<string, TagSample>();

  constructor(private readonly tags: ReadonlySet<string>) {}

  /** Whether the window keeps this tag. */
  has(tag: string): boolean {
    return this.tags.has(tag);
  }

  /** Take one sample; false when it is for no measured tag or older than what the tag already has. */
  push(s: TagSample): boolean {
    if (!this.tags.has(s.tag) || !Number.isFinite(s.ts_ms)) return false;
    const prev = this.latest.get(s.tag);
    if (prev && s.ts_ms < prev.ts_ms) return false;
    this.latest.set(s.tag, s);
    let slot = this.slots.get(s.tag);
    if (!slot) {
      slot = {
        v: Number.NaN,
        ts_ms: Number.NEGATIVE_INFINITY,
        integral: 0,
        covered_ms: 0,
        min: Number.POSITIVE_INFINITY,
        max: Number.NEGATIVE_INFINITY,
      };
      this.slots.set(s.tag, slot);
    }
    this.hold(slot, s.ts_ms);
    const good = s.q === 'good' && s.v !== null && Number.isFinite(s.v);
    slot.v = good ? s.v! : Number.NaN;
    slot.ts_ms = s.ts_ms;
    return true;
  }

  /** Add the held value from the slot's last sample up to `t_ms` (within the interval). */
  private hold(slot: Slot, t_ms: number): void {
    const from = Math.max(slot.ts_ms, this.start_ms);
    if (slot.v === slot.v && t_ms > from) {
      slot.integral += slot.v * (t_ms - from);
      slot.covered_ms += t_ms - from;
      slot.min = Math.min(slot.min, slot.v);
      slot.max = Math.max(slot.max, slot.v);
    }
  }

  /** Latest good value of a tag no older than `maxAge_ms` at `t_ms`, else NaN. */
  value(tag: string, t_ms: number, maxAge_ms: number): number {
    const s = this.slots.get(tag);
    return s && t_ms - s.ts_ms <= maxAge_ms ? s.v : Number.NaN;
  }

  /**
   * Time-weighted mean of a tag's good values over the interval ending at `t_ms`; NaN when less than half
   * of it had a good value (the latest good value is then no better: the caller takes it as not known).
   */
  mean(tag: string, t_ms: number): number {
    const s = this.slots.get(tag);
    if (!s) return Number.NaN;
    const span = t_ms - this.start_ms;
    if (!(span > 0)) return s.v;
    const tail = s.v === s.v && t_ms > Math.max(s.ts_ms, this.start_ms) ? t_ms - Math.max(s.ts_ms, this.start_ms) : 0;
    const covered = s.covered_ms + tail;
    return covered >= span / 2 ? (s.integral + (tail > 0 ? s.v * tail : 0)) / covered : Number.NaN;
  }

  /**
   * Spread (highest − lowest) of a tag's good values held within the interval ending at `t_ms`; NaN when it had
   * none (is the coil flow steady enough for its outlet temperature's mean to be one?).
   */
  range(tag: string, t_ms: number): number {
    const s = this.slots.get(tag);
    if (!s) return Number.NaN;
    let lo = s.min;
    let hi = s.max;
    if (s.v === s.v && t_ms > Math.max(s.ts_ms, this.start_ms)) {
      lo = Math.min(lo, s.v);
      hi = Math.max(hi, s.v);
    }
    return hi >= lo ? hi - lo : Number.NaN;
  }

  /** Close the interval at `t_ms` and start the next one there. */
  restart(t_ms: number): void {
    for (const s of this.slots.values()) {
      s.integral = 0;
      s.covered_ms = 0;
      s.min = Number.POSITIVE_INFINITY;
      s.max = Number.NEGATIVE_INFINITY;
    }
    this.start_ms = t_ms;
  }
}
