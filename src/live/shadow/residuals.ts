/**
 * The shadow model's validation score: per output tag, residual = measured − model, and over the last 24 h
 * the RMS of the residual and the Pearson correlation between measurement and model.
 *
 * Incremental over one-minute buckets of sums (n, Σx, Σy, Σx², Σy², Σxy, Σe²) in a ring of 1440: adding a
 * sample is O(1) and allocates nothing; a bucket leaves the window when its minute is more than 24 h behind
 * the newest sample. Time is the samples' source timestamps, never the wall clock, so a replayed day scores
 * the same as the day itself. The window's totals are summed again from the buckets whenever a minute
 * passes (1440 additions a minute, not per sample), so cancellation from adding and removing cannot build
 * up over months; values are taken relative to the first measurement for the same reason.
 */

export const BUCKET_MS = 60_000;
export const WINDOW_BUCKETS = 1440;

const N = 0;
const SX = 1;
const SY = 2;
const SXX = 3;
const SYY = 4;
const SXY = 5;
const SEE = 6;
const W = 7; // sums per bucket

export class RollingStats {
  private readonly sums = new Float64Array(WINDOW_BUCKETS * W);
  private readonly minuteOf = new Float64Array(WINDOW_BUCKETS).fill(Number.NaN);
  private readonly total = new Float64Array(W);
  private latest = Number.NEGATIVE_INFINITY;
  private ref = Number.NaN;

  /** Add one pair at source time ts_ms; false when it is older than the window (dropped). */
  add(ts_ms: number, measured: number, model: number): boolean {
    if (!Number.isFinite(ts_ms) || !Number.isFinite(measured) || !Number.isFinite(model)) return false;
    const minute = Math.floor(ts_ms / BUCKET_MS);
    if (minute <= this.latest - WINDOW_BUCKETS) return false;
    if (minute > this.latest) this.advance(minute);
    if (Number.isNaN(this.ref)) this.ref = measured;
    const x = measured - this.ref;
    const y = model - this.ref;
    const e = measured - model;
    const o = slot(minute) * W;
    this.put(o, x, y, e);
    return true;
  }

  private put(o: number, x: number, y: number, e: number): void {
    const s = this.sums;
    const t = this.total;
    s[o + N] += 1;
    s[o + SX] += x;
    s[o + SY] += y;
    s[o + SXX] += x * x;
    s[o + SYY] += y * y;
    s[o + SXY] += x * y;
    s[o + SEE] += e * e;
    t[N] += 1;
    t[SX] += x;
    t[SY] += y;
    t[SXX] += x * x;
    t[SYY] += y * y;
    t[SXY] += x * y;
    t[SEE] += e * e;
  }

  /** Move the window's head to `minute`: clear the slots it reuses, then sum the totals again. */
  private advance(minute: number): void {
    const from = Math.max(this.latest + 1, minute - WINDOW_BUCKETS + 1);
    for (let m = from; m <= minute; m++) {
      const k = slot(m);
      this.sums.fill(0, k * W, k * W + W);
      this.minuteOf[k] = m;
    }
    this.latest = minute;
    this.total.fill(0);
    for (let k = 0; k < WINDOW_BUCKETS; k++) for (let j = 0; j < W; j++) this.total[j] += this.sums[k * W + j];
  }

  /** Samples in the window. */
  get n(): number {
    return this.total[N];
  }

  /** RMS of measured − model over the window; NaN when empty. */
  get rms(): number {
    const n = this.total[N];
    return n > 0 ? Math.sqrt(Math.max(0, this.total[SEE] / n)) : Number.NaN;
  }

  /** Mean of measured − model (the bias) over the window; NaN when empty. */
  get bias(): number {
    const t = this.total;
    return t[N] > 0 ? (t[SX] - t[SY]) / t[N] : Number.NaN;
  }

  /** Pearson correlation of measured and model over the window; NaN with fewer than 2 samples or no variation. */
  get corr(): number {
    const t = this.total;
    const n = t[N];
    if (n < 2) return Number.NaN;
    const vx = n * t[SXX] - t[SX] * t[SX];
    const vy = n * t[SYY] - t[SY] * t[SY];
    const cov = n * t[SXY] - t[SX] * t[SY];
    // a flat series has no correlation to speak of; guard the rounding noise of Σx² − (Σx)²/n as well
    const eps = 1e-12 * n * (t[SXX] + t[SYY]) + 1e-300;
    if (!(vx > eps && vy > eps)) return Number.NaN;
    return Math.max(-1, Math.min(1, cov / Math.sqrt(vx * vy)));
  }

  /** Minute (ms / 60 000) of the newest sample, or −∞ before the first. */
  get latestMinute(): number {
    return this.latest;
  }

  clear(): void {
    this.sums.fill(0);
    this.minuteOf.fill(Number.NaN);
    this.total.fill(0);
    this.latest = Number.NEGATIVE_INFINITY;
    this.ref = Number.NaN;
  }
}

function slot(minute: number): number {
  return ((minute % WINDOW_BUCKETS) + WINDOW_BUCKETS) % WINDOW_BUCKETS;
}

/** The uncertain flag of a residual: its measurement is not good, or an input it depends on is not. */
export const FLAG_UNCERTAIN = 1;
/** No measurement of this output has arrived yet. */
export const FLAG_NO_DATA = 2;

/**
 * Residuals of every output tag: the latest measured, model and residual values, the flags, and the rolling
 * score. Only good samples with good inputs enter the score; the latest values are kept for every sample.
 */
export class ResidualBook {
  readonly measured: Float64Array;
  readonly model: Float64Array;
  readonly flags: Uint8Array;
  readonly ts_ms: Float64Array;
  private readonly stats: RollingStats[];

  constructor(readonly size: number) {
    this.measured = new Float64Array(size).fill(Number.NaN);
    this.model = new Float64Array(size).fill(Number.NaN);
    this.flags = new Uint8Array(size).fill(FLAG_NO_DATA);
    this.ts_ms = new Float64Array(size).fill(Number.NaN);
    this.stats = Array.from({ length: size }, () => new RollingStats());
  }

  /** One measured sample of output k against the model's value at its time; `trusted`: it may enter the score. */
  add(k: number, ts_ms: number, measured: number, model: number, trusted: boolean): void {
    this.measured[k] = measured;
    this.model[k] = model;
    this.ts_ms[k] = ts_ms;
    this.flags[k] = trusted ? 0 : FLAG_UNCERTAIN;
    if (trusted) this.stats[k].add(ts_ms, measured, model);
  }

  residual(k: number): number {
    return this.measured[k] - this.model[k];
  }

  score(k: number): RollingStats {
    return this.stats[k];
  }
}
