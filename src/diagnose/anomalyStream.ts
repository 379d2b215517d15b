import { Baseline, Cusum, Ewma, VarianceCollapse } from './anomalyStats';
import type { AnomalyTuning } from './anomalyTuning';

// One residual stream (a tag of a tank): its learned baseline, its three tests and the last hours of its
// residual and statistics for the evidence. Pure; the rings are allocated once.

/** Which test raised a stream. */
export type TestName = 'cusum' | 'ewma' | 'stuck';

/** The learned spread is trusted up to this multiple of the filter's predicted variance (the floor: tuning). */
const VAR_MAX = 9;
/** A residual whose predicted sd exceeds its usual this many times is not tested (the filter trusts it little). */
const SD_SKIP = 3;
/** The stuck test runs only on an instrument whose noise is at least this fraction of the predicted sd. */
const STUCK_NOISE_FRAC = 0.3;
/** Samples' worth of belief that a residual is white, before its own long-run spread is learned. */
const INFLATE_PRIOR = 240;
const RING = 512;

export class ResidualStream {
  readonly base = new Baseline();
  readonly cusum: Cusum;
  readonly ewma: Ewma;
  readonly stuck: VarianceCollapse;
  /** The learned variance is trusted down to this multiple of the predicted one. */
  private readonly varMin: number;
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
  /** The EWMA statistic's own variance, learned while quiet (white residuals: λ/(2 − λ)). */
  private ewmaVar: number;
  private ewmaN = 0;
  /** The usual predicted sd (learned, following it down at once), and the count of samples seen. */
  private sdRef = 0;
  private sdN = 0;
  /** The last residual (NaN after a gap) and the learned variance of its sample-to-sample change. */
  private lastR = Number.NaN;
  private dVar = 0;
  private dN = 0;
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
    const widen = /\.coil_out/.test(tag) ? tn.coilOutWiden : 1;
    // the tank's temperature elements and their pair: a conservative R against a minute's mean of 1 s samples
    this.varMin = (/\.temp(_bottom|_top|_hh|~temp_hh)?$/.test(tag) ? tn.tempSpreadMin : tn.spreadMin) ** 2;
    this.cusum = new Cusum(tn.cusumK, tn.cusumH * widen);
    this.ewma = new Ewma(tn.ewmaLambda, tn.ewmaL * widen);
    this.ewmaVar = tn.ewmaLambda / (2 - tn.ewmaLambda);
    this.stuck = new VarianceCollapse(tn.stuckLambda, tn.stuckFloor);
  }

  get warm(): boolean {
    return this.t_s - this.t0_s >= this.tn.warmup_s;
  }

  /** How far the strongest test stands, as a fraction of its limit (1 = at the limit). */
  get level(): number {
    return Math.max(Math.abs(this.cusum.signed) / this.cusum.h, Math.abs(this.ewmaRatio));
  }

  /**
   * The EWMA against its limit, the limit widened by how much more the statistic really varies than white
   * residuals would make it (a filter's residuals are correlated over minutes to hours: model error, a valve
   * hunting), as learned while quiet. Never narrowed.
   */
  get ewmaRatio(): number {
    return this.ewma.ratio / this.inflate;
  }

  /**
   * How much more the residual's ~40-sample average varies than white residuals' would (≥ 1): the long-run
   * spread of a correlated residual. Both the EWMA and the CUSUM are judged in units of it.
   */
  get inflate(): number {
    const l = this.ewma.lambda;
    return Math.sqrt(Math.max(1, this.ewmaVar / (l / (2 - l))));
  }

  /** The direction of the change: +1 the instrument reads above the model, −1 below. */
  get sign(): number {
    return Math.abs(this.ewmaRatio) >= Math.abs(this.cusum.signed) / this.cusum.h
      ? Math.sign(this.ewma.value)
      : Math.sign(this.cusum.signed);
  }

  /**
   * One residual r with its predicted sd at t_s (dt_s since the last). Returns true when the stream was
   * raised by this sample. A NaN residual (bad measurement) is skipped, and so is one the filter itself
   * calls uninformative (predicted sd beyond SD_SKIP × its usual: a coil outlet at a trickle of flow): the
   * tests hold.
   */
  push(t_s: number, r: number, sd: number, dt_s: number): boolean {
    if (!(r === r) || !(sd > 0)) return false;
    if (!(this.t0_s === this.t0_s)) this.t0_s = t_s;
    this.t_s = t_s;
    const l = Math.min(1, dt_s / this.tn.baseline_s);
    this.sdN++;
    if (this.sdN === 1 || sd < this.sdRef) this.sdRef = sd;
    else if (sd <= SD_SKIP * this.sdRef) this.sdRef += Math.max(1 / this.sdN, l) * (sd - this.sdRef);
    else {
      this.lastR = Number.NaN;
      return false;
    }
    const z0 = r / sd;
    const b = this.base;
    const scale = Math.sqrt(Math.min(VAR_MAX, Math.max(this.varMin, b.var)));
    const z = b.n > 1 ? (z0 - b.mean) / scale : 0;
    this.z = z;
    // the stuck test looks at how the residual changes from sample to sample, against how it changed while
    // healthy (engineering units: the predicted sd says nothing of a frozen reading)
    const d = r - this.lastR;
    this.lastR = r;
    const zd = d === d && this.dVar > 0 ? d / Math.sqrt(this.dVar) : Number.NaN;
    const warm = this.warm;
    let raised = false;
    if (warm) {
      this.cusum.push(z / this.inflate);
      this.ewma.push(z);
      // a pair's difference is two noises: it cannot freeze (a frozen element shows as a drift of the pair)
      // and an instrument whose own noise is small beside the model's uncertainty (a quiet element) has no
      // noise to lose: its residual's changes are the model's, and a steady process would look frozen
      const noisy = this.dVar / 2 >= (STUCK_NOISE_FRAC * sd) ** 2;
      if (zd === zd && noisy && !this.tag.includes('~')) this.stuck.push(zd);
      if (this.level >= this.tn.elevated || this.stuck.alarm) this.lastElevated_s = t_s;
      if (this.raisedBy === null) {
        const by: TestName | null = this.stuck.alarm
          ? 'stuck'
          : this.cusum.alarm
            ? 'cusum'
            : Math.abs(this.ewmaRatio) > 1
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
    if (!warm || (this.raisedBy === null && this.level < this.tn.learnBelow && !this.stuck.alarm)) {
      b.learn(z0, warm ? l : 0);
      if (d === d) {
        this.dN++;
        const w = Math.max(1 / this.dN, l);
        this.dVar = (1 - w) * this.dVar + w * d * d;
      }
      if (warm && Math.abs(this.ewmaRatio) < this.tn.elevated) {
        // shrunk toward white (a prior worth INFLATE_PRIOR samples), learned slowly and each sample capped: the
        // EWMA's samples are correlated over ~1/λ, and the start of a drift must not widen its own limit
        this.ewmaN++;
        const w = Math.max(1 / (this.ewmaN + INFLATE_PRIOR), l / 4);
        const e2 = Math.min(this.ewma.value * this.ewma.value, 4 * this.ewmaVar);
        this.ewmaVar = (1 - w) * this.ewmaVar + w * e2;
      }
    }
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
      ewmaLimit: this.ewma.L * Math.sqrt(Math.max(this.ewmaVar, this.ewma.lambda / (2 - this.ewma.lambda))),
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
