// The anomaly detector's tuning: thresholds in innovation standard deviations, times in seconds of source
// time. README.md (anomaly section) says where each default comes from.

export interface AnomalyTuning {
  /** No test raises before the stream has learned this long, s (its bias and real spread). */
  warmup_s: number;
  /** The residual's learned spread is trusted down to this fraction of the filter's predicted sd. */
  spreadMin: number;
  /**
   * The same for the tank's temperature elements and their redundant pair: the filter keeps their R of one
   * reading (0.7 K: noise and room for the offset) while it is fed the mean of a minute of 1 s samples, whose
   * residual spread is ≈ 0.05–0.1 of that sd. The level and the coil outlet keep `spreadMin`: averaged, their
   * residual is the model's own slow error (the level's by 4 h: a false level drift at 0.25).
   */
  tempSpreadMin: number;
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
  /** Below this fraction of its limit a stream is quiet: a raised one may clear. */
  elevated: number;
  /** The baseline learns while the strongest test stays below this fraction of its limit and none is raised. */
  learnBelow: number;
  /** A neighbour counts as moving with a raised stream (a process fault) above this fraction of its limit. */
  moving: number;
  /** Evidence kept per stream, s. */
  evidence_s: number;
  /**
   * The coil outlet temperature's limits (CUSUM h, EWMA L) are this much wider: its residual carries the coil
   * model's own error (fouling, the flow meter's error divided by a varying flow), hours long.
   */
  coilOutWiden: number;
  /**
   * Whether a coil-outlet residual raised alone (by CUSUM or EWMA) makes an advisory. Off: alone it cannot tell a
   * fouling step from a transmitter fault and carries the model's error; it still counts as a residual moving
   * with another, and a stuck outlet transmitter is still raised.
   */
  coilOutAlone: boolean;
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
  warmup_s: 4 * 3600,
  baseline_s: 6 * 3600,
  spreadMin: 0.5,
  tempSpreadMin: 0.25,
  cusumK: 0.5,
  cusumH: 14,
  ewmaLambda: 0.05,
  ewmaL: 5,
  stuckLambda: 0.05,
  stuckFloor: 0.15,
  elevated: 0.5,
  learnBelow: 0.8,
  moving: 0.7,
  evidence_s: 6 * 3600,
  coilOutWiden: 2,
  coilOutAlone: false,
  clear_s: 1800,
  confirm_s: 120,
};
