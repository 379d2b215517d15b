import { Baseline, Cusum, Ewma, VarianceCollapse } from './anomalyStats';

// One residual stream (a tag of a tank): its learned baseline, its three tests and the last hours of its
// residual and statistics for the evidence. Pure; the rings are allocated once.

export interface AnomalyTuning {
  /** No test raises before the stream has learned this long, s (its bias and real spread). */
  warmup_s: number;
  /** Time constant of the baseline (bias and spread) once warmed up, s; frozen while a test is raised. */
  baseline_s: number;
  /** CUSUM reference (half the step it is tuned to) and decision interval, in innovation sd. */
  cusumK: number;
  cusumH: number;
  /** EWMA weight per sample and its limit in sd of the statistic. */
  ewmaLambda: number;
  ewmaL: number;
  /** Variance-collapse EWMA weight and floor (ratio of recent to learned residual variance). */
  stuckLambda: number;
  stuckFloor: number;
  /** Below this fraction of its limit a stream is quiet: its baseline learns, a raised one may clear. */
  elevated: number;
  /** A neighbour counts as moving with a raised stream (a process fault) above this fraction of its limit. */
  moving: number;
  /** Evidence kept per stream, s. */
  evidence_s: number;
  /** A raised advisory clears after its tests stayed below `elevated` this long, s. */
  clear_s: number;
  /** A raised stream is judged (sensor or process) this long after it was raised, s: its neighbours and the
   * filter's parameters get time to show whether they move with it, so a verdict rarely flips. */
  confirm_s: number;
}

/**
 * Defaults for a filter fed every 60 s (README: tuning). CUSUM k = 0.5, h = 16: in-control run length
 * ≈ 3·10⁷ samples two-sided (Siegmund), so 50 streams × 7 days (5·10⁵ samples) raise nothing by chance; a 2 sd
 * step is seen in ≈ 11 samples. EWMA λ = 0.05, L = 5: averages ~40 samples and sees a 0.5 K/h ramp on an
 * instrument of 0.3 K noise in ≈ 50 min. Variance collapse below 0.15 of the learned variance over ~40 samples.
 */
export const DEFAULT_TUNING: AnomalyTuning = {
  warmup_s: 2 * 3600,
  baseline_s: 12 * 3600,
  cusumK: 0.5,
  cusumH: 16,
  ewmaLambda: 0.05,
  ewmaL: 5,
  stuckLambda: 0.05,
  stuckFloor: 0.15,
  elevated: 0.5,
  moving: 0.7,
  evidence_s: 6 * 3600,
  clear_s: 1800,
  confirm_s: 300,
};

/** Which test raised a stream. */
export type TestName = 'cusum' | 'ewma' | 'stuck';

/** The learned spread is trusted between these multiples of the filter's predicted variance. */
const VAR_MIN = 0.25;
const VAR_MAX = 9;
const RING = 512;

export class ResidualStream {
  readonly base = new Baseline();
  readonly cusum: Cusum;
  readonly ewma: Ewma;
  readonly stuck: VarianceCollapse;
  /** Normalised residual of the last sample (after the baseline). */
  z = 0;
  /** Time of the first sample and of the last, s. */
  t0_s = Number.NaN;
  t_s = Number.NaN;
  /** The test that raised the stream, or null while it is quiet. */
  raisedBy: TestName | null = null;
  raised_s = Number.NaN;
  /** Last time any test was elevated, s. */
  lastElevated_s = Number.NaN;
  /** Evidence rings: time, raw residual, its predicted sd, the CUSUM (signed) and EWMA statistics. */
  private readonly rt = new Float64Array(RING);
  private readonly rr = new Float64Array(RING);
  private readonly rsd = new Float64Array(RING);
  private readonly rc = new Float64Array(RING);
  private readonly re = new Float64Array(RING);
  private head = 0;
  private count = 0;

  constructor(
    readonly tank: string,
    readonly tag: string,
    private readonly tn: AnomalyTuning,
  ) {
    this.cusum = new Cusum(tn.cusumK, tn.cusumH);
    this.ewma = new Ewma(tn.ewmaLambda, tn.ewmaL);
    this.stuck = new VarianceCollapse(tn.stuckLambda, tn.stuckFloor);
  }

  get warm(): boolean {
    return this.t_s - this.t0_s >= this.tn.warmup_s;
  }

  /** How far the strongest test stands, as a fraction of its limit (1 = at the limit). */
  get level(): number {
    return Math.max(Math.abs(this.cusum.signed) / this.cusum.h, Math.abs(this.ewma.ratio));
  }

  /** The direction of the change: +1 the instrument reads above the model, −1 below. */
  get sign(): number {
    return Math.abs(this.ewma.ratio) >= Math.abs(this.cusum.signed) / this.cusum.h
      ? Math.sign(this.ewma.value)
      : Math.sign(this.cusum.signed);
  }

  /**
   * One residual r with its predicted sd at t_s (dt_s since the last). Returns true when the stream was
   * raised by this sample. A NaN residual (bad measurement) is skipped: the tests hold.
   */
  push(t_s: number, r: number, sd: number, dt_s: number): boolean {
    if (!(r === r) || !(sd > 0)) return false;
    if (!(this.t0_s === this.t0_s)) this.t0_s = t_s;
    this.t_s = t_s;
    const z0 = r / sd;
    const b = this.base;
    const scale = Math.sqrt(Math.min(VAR_MAX, Math.max(VAR_MIN, b.var)));
    const z = b.n > 1 ? (z0 - b.mean) / scale : 0;
    this.z = z;
    const warm = this.warm;
    let raised = false;
    if (warm) {
      this.cusum.push(z);
      this.ewma.push(z);
      this.stuck.push(z);
      if (this.level >= this.tn.elevated || this.stuck.alarm) this.lastElevated_s = t_s;
      if (this.raisedBy === null) {
        const by: TestName | null = this.stuck.alarm
          ? 'stuck'
          : this.cusum.alarm
            ? 'cusum'
            : this.ewma.alarm
              ? 'ewma'
              : null;
        if (by) {
          this.raisedBy = by;
          this.raised_s = t_s;
          raised = true;
        }
      } else if (t_s - this.lastElevated_s >= this.tn.clear_s) this.clear();
    }
    // learn only while nothing is elevated: a fault must not become the new normal
    if (!warm || (this.raisedBy === null && this.level < this.tn.elevated))
      b.learn(z0, warm ? Math.min(1, dt_s / this.tn.baseline_s) : 0);
    this.record(t_s, r, sd);
    return raised;
  }

  /** Back to quiet: the tests restart from zero on the learned baseline. */
  clear(): void {
    this.raisedBy = null;
    this.raised_s = Number.NaN;
    this.cusum.reset();
    this.ewma.reset();
    this.stuck.reset();
  }

  /** Estimated onset of the change, s: where the CUSUM last left zero, else the EWMA's averaging span back. */
  onset_s(dt_s: number): number {
    if (this.raisedBy === 'cusum') return this.t_s - this.cusum.runLength * dt_s;
    return this.t_s - dt_s / this.tn.ewmaLambda;
  }

  private record(t_s: number, r: number, sd: number): void {
    const i = this.head;
    this.rt[i] = t_s;
    this.rr[i] = r;
    this.rsd[i] = sd;
    this.rc[i] = this.cusum.signed;
    this.re[i] = this.ewma.value;
    this.head = (i + 1) % RING;
    if (this.count < RING) this.count++;
  }

  /** The evidence of the last `span_s` (oldest first): residual, sd and both statistics with their limits. */
  evidence(span_s = this.tn.evidence_s): StreamEvidence {
    const out: StreamEvidence = {
      tag: this.tag,
      t_s: [],
      residual: [],
      sd: [],
      stat: [],
      ewma: [],
      cusumLimit: this.cusum.h,
      ewmaLimit: this.ewma.L * Math.sqrt(this.ewma.lambda / (2 - this.ewma.lambda)),
      test: this.raisedBy,
    };
    for (let j = this.count; j >= 1; j--) {
      const i = (this.head - j + RING) % RING;
      if (this.rt[i] < this.t_s - span_s) continue;
      out.t_s.push(this.rt[i]);
      out.residual.push(this.rr[i]);
      out.sd.push(this.rsd[i]);
      out.stat.push(this.rc[i]);
      out.ewma.push(this.re[i]);
    }
    return out;
  }
}

/** The residual trend behind an advisory (what the alarm list shows when it is selected). */
export interface StreamEvidence {
  tag: string;
  t_s: number[];
  /** Measured − predicted, engineering units, and the filter's predicted sd. */
  residual: number[];
  sd: number[];
  /** The CUSUM statistic (signed: + the instrument reads high) and its limit, innovation sd. */
  stat: number[];
  cusumLimit: number;
  /** The EWMA of the normalised residual and its (steady-state) limit. */
  ewma: number[];
  ewmaLimit: number;
  /** The test that raised it (null: a neighbour shown for comparison). */
  test: TestName | null;
}
