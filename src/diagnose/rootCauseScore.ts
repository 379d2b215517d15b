// Scoring a simulated window against the measured one: weighted sums of squares of the residual with a
// free offset per tag (an instrument's bias is not evidence of a fault), and the noise sd read from the
// data. Pure arithmetic over typed arrays; the root-cause ranking calls it once per simulation.

/**
 * Floors on the sd per unit: what the model cannot be expected to match better even on a noiseless tag
 * (estimates: a few tenths of a kelvin, a few mm of level, a few kW of duty, 2 % of valve: a tank loop's
 * integral action carries any heat-balance error of the model into its valve).
 */
const SD_FLOOR: Readonly<Record<string, number>> = {
  '°C': 0.3,
  m: 0.003,
  '%': 2,
  kW: 3,
  'kg/s': 0.05,
  bar: 0.005,
  'm³/h': 0.3,
};

/**
 * The prior sd of an instrument's bias per unit: a transmitter's calibration class (±0.5 % of a 0–300 °C
 * span is ±1.5 K: sd ≈ 0.9 K) plus what the model's start leaves (estimates). The offset of each tag is
 * weighed against it, so a shift at the start of the window counts as evidence, not as bias.
 */
const BIAS_SD: Readonly<Record<string, number>> = {
  '°C': 1,
  m: 0.05,
  '%': 0.5,
  kW: 10,
  'kg/s': 0.1,
  bar: 0.01,
  'm³/h': 1,
};
/** A coil's outlet temperature moves kelvins with its flow at a nearly closed valve: the model matches it less well. */
const COIL_OUT = '.coil_out_temp';
const COIL_OUT_FLOOR_K = 1.5;

/** The largest lag-1 correlation a residual is taken to have (a share of 1/39 of its samples). */
const MAX_RHO = 0.95;

export function biasSd(unit: string): number {
  return BIAS_SD[unit] ?? 1;
}

/**
 * The noise sd of a measured series: the median absolute successive difference (robust to steps and
 * slow trends) / (0.6745·√2), combined with the unit's floor.
 */
export function noiseSd(v: Float64Array, unit: string, tag = ''): number {
  const d: number[] = [];
  for (let j = 1; j < v.length; j++)
    if (Number.isFinite(v[j]) && Number.isFinite(v[j - 1])) d.push(Math.abs(v[j] - v[j - 1]));
  d.sort((a, b) => a - b);
  const med = d.length ? d[d.length >> 1] : 0;
  const noise = med / (0.6745 * Math.SQRT2);
  const floor = tag.endsWith(COIL_OUT) ? COIL_OUT_FLOOR_K : (SD_FLOOR[unit] ?? 1e-3);
  return Math.sqrt(noise * noise + floor * floor);
}

export class Scorer {
  private readonly w: Float64Array;
  /** Per tag: 1/(sd²/N + σb²), the weight of the mean residual (the bias integrated out). */
  private readonly wMean: Float64Array;

  constructor(
    private readonly meas: readonly Float64Array[],
    sd: readonly number[],
    bias: readonly number[],
    private readonly j0: number,
    /** Per tag: the share of its samples' weight the residual deserves (1 = white at its sd; see residualShare). */
    share?: readonly number[],
  ) {
    this.w = Float64Array.from(sd, (s, o) => (share?.[o] ?? 1) / (s * s));
    this.wMean = Float64Array.from(meas, (m, o) => {
      let c = 0;
      for (let j = j0; j < m.length; j++) if (Number.isFinite(m[j])) c++;
      c *= share?.[o] ?? 1;
      return c ? 1 / ((sd[o] * sd[o]) / c + bias[o] * bias[o]) : 0;
    });
  }

  /**
   * Per tag, the share of its samples' weight the residual measured − y (its mean removed) deserves, from
   * the best of the hypotheses ys: an AR(1) residual of lag-1 correlation ρ carries (1 − ρ)/(1 + ρ) of the
   * evidence of as many white samples on a slow effect, and a residual wider than the tag's sd (a model
   * that cannot follow that tag) weighs as its own spread, not the noise. A model error that lasts hours
   * is so weighed as a few independent numbers, not hundreds; ρ is capped at MAX_RHO.
   */
  residualShare(ys: readonly (readonly Float64Array[])[]): number[] {
    return this.meas.map((m, o) => {
      let best = 0;
      let spread = 0;
      let seen = false;
      for (const y of ys) {
        const yo = y[o];
        let s1 = 0;
        let c = 0;
        for (let j = this.j0; j < m.length; j++)
          if (Number.isFinite(m[j])) {
            s1 += m[j] - yo[j];
            c++;
          }
        if (c < 3) continue;
        const mean = s1 / c;
        let s2 = 0;
        let s11 = 0;
        let prev = Number.NaN;
        for (let j = this.j0; j < m.length; j++) {
          if (!Number.isFinite(m[j])) {
            prev = Number.NaN;
            continue;
          }
          const r = m[j] - yo[j] - mean;
          s2 += r * r;
          if (Number.isFinite(prev)) s11 += r * prev;
          prev = r;
        }
        const rho = s2 > 0 ? Math.max(0, Math.min(MAX_RHO, s11 / s2)) : 0;
        best = seen ? Math.min(best, rho) : rho;
        spread = seen ? Math.min(spread, s2 / c) : s2 / c;
        seen = true;
      }
      const v = 1 / this.w[o];
      return ((1 - best) / (1 + best)) * (v / Math.max(v, spread));
    });
  }

  /** The offset that best lays output o's simulated series on the measured one (mean residual). */
  offset(o: number, y: Float64Array): number {
    const m = this.meas[o];
    let sum = 0;
    let c = 0;
    for (let j = this.j0; j < m.length; j++)
      if (Number.isFinite(m[j])) {
        sum += m[j] - y[j];
        c++;
      }
    return c ? sum / c : 0;
  }

  /**
   * Σ over tags of w·Σ (r − r̄)² + r̄²/(sd²/N + σb²), r the measured less the simulated: −2× the Gaussian
   * log-likelihood with the tag's bias (prior sd σb) integrated out, less a constant.
   */
  ss(y: readonly Float64Array[]): number {
    let total = 0;
    for (let o = 0; o < this.meas.length; o++) {
      const m = this.meas[o];
      const yo = y[o];
      let s1 = 0;
      let s2 = 0;
      let c = 0;
      for (let j = this.j0; j < m.length; j++) {
        if (!Number.isFinite(m[j])) continue;
        const r = m[j] - yo[j];
        s1 += r;
        s2 += r * r;
        c++;
      }
      if (c) total += this.w[o] * (s2 - (s1 * s1) / c) + this.wMean[o] * (s1 / c) * (s1 / c);
    }
    return total;
  }

  /**
   * The least-squares scale a of the effect d = y1 − y0 on the residual r0 = measured − y0, in ss's metric:
   * rd and dd such that ss(y0 + a·d) = ss(y0) − 2a·rd + a²·dd.
   */
  fitScale(y0: readonly Float64Array[], y1: readonly Float64Array[]): { a: number; rd: number; dd: number } {
    let rd = 0;
    let dd = 0;
    for (let o = 0; o < this.meas.length; o++) {
      const m = this.meas[o];
      let sr = 0;
      let sd = 0;
      let srd = 0;
      let sdd = 0;
      let c = 0;
      for (let j = this.j0; j < m.length; j++) {
        if (!Number.isFinite(m[j])) continue;
        const r = m[j] - y0[o][j];
        const d = y1[o][j] - y0[o][j];
        sr += r;
        sd += d;
        srd += r * d;
        sdd += d * d;
        c++;
      }
      if (!c) continue;
      rd += this.w[o] * (srd - (sr * sd) / c) + (this.wMean[o] * sr * sd) / (c * c);
      dd += this.w[o] * (sdd - (sd * sd) / c) + (this.wMean[o] * sd * sd) / (c * c);
    }
    return { a: dd > 0 ? rd / dd : 0, rd, dd };
  }

  /** The k outputs where y differs most from ref in shape, in sd units (the evidence worth showing). */
  mostTelling(y: readonly Float64Array[], ref: readonly Float64Array[], k: number): number[] {
    const score = this.meas.map((m, o) => {
      let s1 = 0;
      let s2 = 0;
      let c = 0;
      for (let j = this.j0; j < m.length; j++) {
        const d = y[o][j] - ref[o][j];
        s1 += d;
        s2 += d * d;
        c++;
      }
      return c ? this.w[o] * (s2 - (s1 * s1) / c) : 0;
    });
    return score
      .map((s, o) => [s, o] as const)
      .sort((a, b) => b[0] - a[0])
      .slice(0, k)
      .map(([, o]) => o);
  }
}
