// Residual tests for anomaly detection, on normalised residuals z = (r − baseline) / scale, which are N(0, 1)
// while the instrument and the model agree. Pure and allocation-free per sample: one of each per residual
// stream, updated every filter step. The thresholds are in units of z (innovation standard deviations); the
// defaults and why are in src/diagnose/README.md.

/**
 * Two-sided tabular CUSUM (Page): S⁺ₙ = max(0, S⁺ₙ₋₁ + zₙ − k), S⁻ₙ = max(0, S⁻ₙ₋₁ − zₙ − k); alarm when
 * either exceeds h. k is half the shift (in σ) it is tuned to; h sets the in-control run length.
 */
export class Cusum {
  hi = 0;
  lo = 0;
  /** Sample count at which each side last stood at zero: the onset estimate of a change. */
  hiStart = 0;
  loStart = 0;
  n = 0;

  constructor(
    readonly k: number,
    readonly h: number,
  ) {}

  /** Add one sample; true while beyond h. */
  push(z: number): boolean {
    this.n++;
    this.hi = Math.max(0, this.hi + z - this.k);
    this.lo = Math.max(0, this.lo - z - this.k);
    if (this.hi === 0) this.hiStart = this.n;
    if (this.lo === 0) this.loStart = this.n;
    return this.alarm;
  }

  get alarm(): boolean {
    return this.hi > this.h || this.lo > this.h;
  }

  /** The larger side, signed: + for an upward change, − for a downward one. */
  get signed(): number {
    return this.hi >= this.lo ? this.hi : -this.lo;
  }

  /** Samples since the alarming side last stood at zero (its change-point estimate). */
  get runLength(): number {
    return this.n - (this.hi >= this.lo ? this.hiStart : this.loStart);
  }

  reset(): void {
    this.hi = this.lo = 0;
    this.hiStart = this.loStart = this.n;
  }
}

/**
 * EWMA chart: eₙ = λ zₙ + (1 − λ) eₙ₋₁ from e₀ = 0, alarm when |eₙ| > L σₑ(n) with the exact
 * σₑ(n)² = λ/(2 − λ) · (1 − (1 − λ)²ⁿ) (z of unit variance). A small λ averages long: it sees a slow drift
 * that a CUSUM tuned for steps sees late.
 */
export class Ewma {
  value = 0;
  n = 0;

  constructor(
    readonly lambda: number,
    readonly L: number,
  ) {}

  push(z: number): boolean {
    this.n++;
    this.value = this.lambda * z + (1 - this.lambda) * this.value;
    return this.alarm;
  }

  /** Standard deviation of the statistic after n samples of unit-variance z. */
  get sd(): number {
    const l = this.lambda;
    return Math.sqrt((l / (2 - l)) * (1 - Math.pow(1 - l, 2 * this.n)));
  }

  get limit(): number {
    return this.L * this.sd;
  }

  get alarm(): boolean {
    return Math.abs(this.value) > this.limit;
  }

  /** The statistic in units of its own limit (±1 at the limit). */
  get ratio(): number {
    const lim = this.limit;
    return lim > 0 ? this.value / lim : 0;
  }

  reset(): void {
    this.value = 0;
    this.n = 0;
  }
}

/**
 * Variance-collapse test for a stuck transmitter: an EWMA of z² (1 in control) against a floor. A frozen
 * reading leaves only the model's smooth error in the residual, so the ratio of recent to learned residual
 * variance falls far below 1. With λ = 0.05 the statistic averages ~40 samples, χ²₄₀/40 < 0.15 has a
 * probability below 1e-10: no false alarm from chance.
 */
export class VarianceCollapse {
  value = 1;
  n = 0;

  constructor(
    readonly lambda: number,
    readonly floor: number,
  ) {}

  push(z: number): boolean {
    this.n++;
    this.value = this.lambda * z * z + (1 - this.lambda) * this.value;
    return this.alarm;
  }

  /** Only once the window is full: the start value 1 must have faded. */
  get alarm(): boolean {
    return this.n * this.lambda >= 3 && this.value < this.floor;
  }

  reset(): void {
    this.value = 1;
    this.n = 0;
  }
}

/**
 * Slowly learned location and scale of a residual stream (its bias and its real spread in units of the
 * filter's predicted sd): a running mean over the first samples, then an EWMA with the time constant given.
 * Learning stops while a test is raised, so a fault is never learned as the new normal.
 */
export class Baseline {
  mean = 0;
  /** Mean of (z − mean)², i.e. the variance in units of the predicted variance (1: the filter is right). */
  var = 1;
  n = 0;

  /** Learn one sample with weight max(1/n, minLambda): a plain running mean until 1/n reaches minLambda. */
  learn(z: number, minLambda: number): void {
    this.n++;
    const l = Math.max(1 / this.n, minLambda);
    const d = z - this.mean;
    this.mean += l * d;
    // exponentially weighted variance (West 1979); the first sample says nothing of the spread
    this.var = this.n === 1 ? 1 : (1 - l) * (this.var + l * d * d);
  }
}
