import type { Fault } from '../sim/faults';
import type { PlantData } from '../sim/plant/schema';
import { hypothesisLabel, hypothesisLibrary, sizeForEffect, type Hypothesis, type HypothesisKind } from './hypotheses';
import { Replay, type Recording, type ReplayOptions } from './rootCauseReplay';
import { biasSd, noiseSd, Scorer } from './rootCauseScore';

export type { Recording } from './rootCauseReplay';

// Root cause: which hypothesis of the fault library explains the recent measurements best. Each one is
// simulated over the window from the state the measurements give at its start, driven by the measured
// boundary (rootCauseReplay.ts), and scored by a Gaussian log-likelihood of the measured against the
// simulated (per tag: a free offset for the instrument's bias, the noise's sd read from the data). A
// hypothesis with a size is first simulated at a probe size; its effect, scaled linearly, gives the
// least-squares size, and the best few are simulated again at their fitted sizes. Posterior probabilities
// over the library (no fault included) with equal priors, after a BIC charge for a fitted size.

export interface RootCauseOptions extends ReplayOptions {
  /** The library to rank (default: hypothesisLibrary(plant)). */
  hypotheses?: Hypothesis[];
  /** Standard deviation per tag, engineering units (default: read from the data, with a floor per unit). */
  sd?: Readonly<Record<string, number>>;
  /** Prior sd of each tag's instrument bias, engineering units (default per unit: rootCauseScore.ts). */
  biasSd?: Readonly<Record<string, number>>;
  /**
   * Samples before this time into the window are not scored (the model settling on its start: the heater's
   * duty takes half an hour to forget the starting state's error), s; default 40 min, at most the onset.
   */
  skip_s?: number;
  /** How many of the best linearised hypotheses have their size refined by simulation (default 6). */
  refine?: number;
  /** How many tags the overlay shows (default 4). */
  overlayTags?: number;
}

/** The model's settling from the starting state, s (not scored by default). */
const SETTLE_S = 2400;

/** Secant steps on the size of each of the best few hypotheses. */
const SECANT_STEPS = 2;

export interface RankedHypothesis {
  id: string;
  kind: HypothesisKind;
  where: string;
  label: string;
  /** The fitted size in the hypothesis's unit; null when it has none. */
  size: number | null;
  fault: Fault | null;
  /** Gaussian log-likelihood of the window (offsets profiled out). */
  logLik: number;
  /** Posterior probability over the ranked list. */
  probability: number;
  /** Whether logLik is from a simulation at the fitted size (else from the linearised fit). */
  simulated: boolean;
}

export interface OverlaySeries {
  tag: string;
  unit: string;
  measured: number[];
  /** Per top hypothesis (in rank order): its simulated trend, shifted by its fitted offset onto the measured. */
  model: number[][];
}

export interface RootCauseResult {
  ranked: RankedHypothesis[];
  /** The top three's trends on the tags where the leader differs most from no fault. */
  overlay: { t_ms: number[]; ids: string[]; series: OverlaySeries[] };
  /** Simulations run, and samples scored per tag. */
  simulations: number;
  samples: number;
  /** Tags scored, with the sd used and the share of their samples weighed as independent. */
  tags: { tag: string; sd: number; share: number }[];
}

interface Candidate {
  h: Hypothesis;
  size: number | null;
  ss: number;
  simulated: boolean;
  y: Float64Array[] | null;
  /** The simulations of a sized hypothesis so far: effect (0 = no fault), outputs, score. */
  tried: { e: number; y: Float64Array[]; ss: number }[];
  /** Whether its size was refined by simulation (its score is then a simulation's). */
  refined?: boolean;
}

export function rankRootCauses(plant: PlantData, rec: Recording, opts: RootCauseOptions = {}): RootCauseResult {
  const replay = new Replay(plant, rec, opts);
  const n = replay.n;
  const outs = replay.outputs;
  const hyps = opts.hypotheses ?? hypothesisLibrary(plant);
  const sd = outs.map((o) => opts.sd?.[o.tag] ?? noiseSd(rec.values[o.k], replay.sim.tags[o.ti].unit, o.tag));
  const skip_s = opts.skip_s ?? Math.min(SETTLE_S, Math.max(600, opts.onset_s ?? 0));
  const j0 = Math.min(n - 1, Math.ceil(skip_s / rec.step_s));
  const bias = outs.map((o) => opts.biasSd?.[o.tag] ?? biasSd(replay.sim.tags[o.ti].unit));
  const meas = outs.map((o) => scoredSeries(rec, o.tag, o.k));
  let scorer = new Scorer(meas, sd, bias, j0);
  let sims = 0;
  const alloc = () => outs.map(() => new Float64Array(n));
  const simulate = (f: Fault | null): Float64Array[] => {
    const y = alloc();
    replay.run(f, y);
    sims++;
    return y;
  };
  const y0 = simulate(null);
  const cands: Candidate[] = [];
  for (const h of hyps) {
    if (h.kind === 'none') {
      cands.push({ h, size: null, ss: 0, simulated: true, y: y0, tried: [] });
      continue;
    }
    if (!h.size) {
      cands.push({ h, size: null, ss: 0, simulated: true, y: simulate(h.fault(0)), tried: [] });
      continue;
    }
    const e0 = (h.effect ?? ((x: number) => x))(h.size.probe);
    const tried = [
      { e: 0, y: y0, ss: 0 },
      { e: e0, y: simulate(h.fault(h.size.probe)), ss: 0 },
    ];
    cands.push({ h, size: h.size.probe, ss: 0, simulated: true, y: null, tried });
  }
  const refine = Math.min(opts.refine ?? 6, cands.length);
  assess(cands, scorer);
  refineBest(cands, refine, scorer, simulate);
  // the residuals of the best few tell which tags carry slow model error (correlated for hours, whatever
  // the hypothesis): weighed by their independent samples, they can no longer outvote a telling tag
  const share = scorer.residualShare(cands.slice(0, 3).flatMap((k) => (k.y ? [k.y] : [])));
  scorer = new Scorer(meas, sd, bias, j0, share);
  assess(cands, scorer);
  refineBest(cands, refine, scorer, simulate);
  const nScored = n - j0;
  const penalty = 0.5 * Math.log(Math.max(2, nScored * outs.length));
  // a fault is the exception: "no fault" holds half the prior, the faults of the library share the other half
  const faultPrior = Math.log(Math.max(1, cands.filter((k) => k.h.kind !== 'none').length));
  const score = (k: Candidate) => -0.5 * k.ss - (k.h.size ? penalty : 0) - (k.h.kind === 'none' ? 0 : faultPrior);
  cands.sort((p, q) => score(q) - score(p));
  const best = score(cands[0]);
  let z = 0;
  for (const k of cands) z += Math.exp(score(k) - best);
  const ranked: RankedHypothesis[] = cands.map((k) => ({
    id: k.h.id,
    kind: k.h.kind,
    where: k.h.where,
    label: hypothesisLabel(k.h, k.size),
    size: k.size,
    fault: k.h.fault(k.size ?? 0),
    logLik: -0.5 * k.ss,
    probability: Math.exp(score(k) - best) / z,
    simulated: k.simulated,
  }));
  // the top three's trends for the overlay (simulated now if their score came from the linear fit)
  const top = cands.slice(0, 3).map((k) => k.y ?? simulate(k.h.fault(k.size ?? 0)));
  const pick = scorer.mostTelling(top[0], y0, opts.overlayTags ?? 4);
  const overlay = {
    t_ms: Array.from({ length: n }, (_, j) => rec.t0_ms + j * rec.step_s * 1000),
    ids: cands.slice(0, 3).map((k) => k.h.id),
    series: pick.map((o) => ({
      tag: outs[o].tag,
      unit: replay.sim.tags[outs[o].ti].unit,
      measured: Array.from(rec.values[outs[o].k]),
      model: top.map((y) => {
        const off = scorer.offset(o, y[o]);
        return Array.from(y[o], (v) => v + off);
      }),
    })),
  };
  return {
    ranked,
    overlay,
    simulations: sims,
    samples: nScored,
    tags: outs.map((o, i) => ({ tag: o.tag, sd: sd[i], share: share[i] })),
  };
}

/**
 * Each candidate's score under the scorer: a sizeless one's simulation; a sized one's best simulation so
 * far, or the linear scaling of its probe's effect when that fits better (sorted best first).
 */
function assess(cands: Candidate[], scorer: Scorer): void {
  for (const k of cands) {
    if (!k.h.size) {
      k.ss = scorer.ss(k.y!);
      continue;
    }
    for (const x of k.tried) x.ss = scorer.ss(x.y);
    const sz = k.h.size;
    const eff = k.h.effect ?? ((x: number) => x);
    const [t0, t1] = k.tried;
    // the effect scaled from the probe: y0 + a·(y1 − y0), a within the size's range
    const fit = scorer.fitScale(t0.y, t1.y);
    const a = Math.max(eff(sz.min) / t1.e, Math.min(eff(sz.max) / t1.e, fit.a));
    const ssLin = t0.ss - 2 * a * fit.rd + a * a * fit.dd;
    let best = t1;
    for (const x of k.tried) if (x.e > 0 && x.ss < best.ss) best = x;
    if (best.ss <= ssLin || k.refined) {
      k.size = sizeForEffect(k.h, best.e);
      k.ss = best.ss;
      k.simulated = true;
      k.y = best.y;
    } else {
      k.size = sizeForEffect(k.h, a * t1.e);
      k.ss = ssLin;
      k.simulated = false;
      k.y = null;
    }
  }
  cands.sort((p, q) => p.ss - q.ss);
}

/**
 * The best few again: secant steps in the effect between the two best simulations so far (the linear
 * scaling of the probe is only a first guess: a loop's response to a strong fault is not linear in it).
 */
function refineBest(
  cands: Candidate[],
  count: number,
  scorer: Scorer,
  simulate: (f: Fault | null) => Float64Array[],
): void {
  for (let c = 0; c < count; c++) {
    const k = cands[c];
    if (!k.h.size) continue;
    const eff = k.h.effect ?? ((x: number) => x);
    const eMin = eff(k.h.size.min);
    const eMax = eff(k.h.size.max);
    for (let it = 0; it < SECANT_STEPS; it++) {
      const [p, q] = [...k.tried].sort((u, v) => u.ss - v.ss);
      const t = scorer.fitScale(p.y, q.y).a;
      const e = Math.max(eMin, Math.min(eMax, p.e + t * (q.e - p.e)));
      if (k.tried.some((x) => Math.abs(x.e - e) < 1e-3 * (eMax - eMin))) break;
      const y = simulate(k.h.fault(sizeForEffect(k.h, e)));
      k.tried.push({ e, y, ss: scorer.ss(y) });
    }
    let best = k.tried[1];
    for (const x of k.tried) if (x.e > 0 && x.ss < best.ss) best = x;
    k.size = sizeForEffect(k.h, best.e);
    k.ss = best.ss;
    k.simulated = true;
    k.y = best.y;
    k.refined = true;
  }
}

/** Below this coil flow the oil leaves at nearly the product's temperature whatever the coil's U: not scored. */
const COIL_OUT_MIN_FLOW_KG_S = 1;

/** The measured series as scored: a coil's outlet temperature only while its measured flow says something. */
function scoredSeries(rec: Recording, tag: string, k: number): Float64Array {
  const v = rec.values[k];
  if (!tag.endsWith('.coil_out_temp')) return v;
  const f = rec.tags.indexOf(tag.replace(/coil_out_temp$/, 'coil_flow'));
  if (f < 0) return v;
  return v.map((x, j) => (rec.values[f][j] >= COIL_OUT_MIN_FLOW_KG_S ? x : Number.NaN));
}
