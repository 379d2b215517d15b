import {
  classify,
  pairTag,
  REDUNDANT_PAIRS,
  PROCESS_PARAMETERS,
  SENSOR_PARAMETERS,
  sensorShiftVerdict,
  type ParameterShift,
  type Verdict,
} from './anomalyClassify';
import { ResidualStream, type StreamEvidence } from './anomalyStream';
import { DEFAULT_TUNING, type AnomalyTuning } from './anomalyTuning';

// Anomaly detection and early warning on the per-tank filter's innovations (src/estimate TankFilter): a
// residual stream per tag and per tank with a CUSUM, an EWMA and a variance-collapse test on the normalised
// residual, and a classifier that tells a sensor fault from a process fault (anomalyClassify.ts). Pure and
// browser-safe: the service pushes each filter step and publishes the advisories it returns.

/** A residual of one filter step: measured − predicted and its predicted sd (TankFilter.innovations()). */
export interface ResidualSample {
  tag: string;
  r: number;
  sd: number;
}

/** A filter estimate with its sd (TankFilter.estimates()). */
export interface EstimateSample {
  name: string;
  value: number;
  sd: number;
}

export interface Advisory {
  /** `<tag>.ADV_SENSOR` for a sensor fault, `<tank>.ADV_PROCESS` for a process fault. */
  id: string;
  tank: string;
  /** The instrument at fault (sensor), or the residual that raised it (process). */
  tag?: string;
  kind: 'sensor' | 'process';
  cause: string;
  message: string;
  /** Estimated onset of the change, and when the advisory was raised, s (the filter's time). */
  since_s: number;
  raised_s: number;
  /** False once: the advisory cleared (its tests stayed quiet) or was replaced by another verdict. */
  active: boolean;
  /** The residual trend of the lead tag (and of the tags that moved with it). */
  evidence: StreamEvidence;
  related: StreamEvidence[];
  /** Parameter estimates that moved (process evidence). */
  shifts: ParameterShift[];
}

export interface AnomalyOptions extends Partial<AnomalyTuning> {
  /** Process parameters are trusted (the filter has converged) this long after a tank's first step, s. */
  paramWarmup_s?: number;
  /** A parameter stepped when over this window it moved `paramSigma` sd beyond its trend of the 3 before. */
  paramWindow_s?: number;
  paramSigma?: number;
}

interface TankState {
  streams: Map<string, ResidualStream>;
  t0_s: number;
  t_s: number;
  dt_s: number;
  /** Parameter history (time, value, sd) per estimate name, for the shift test. */
  params: Map<string, { t: number[]; v: number[]; sd: number[] }>;
  /** Active advisories of this tank by id. */
  active: Map<string, Advisory>;
}

/**
 * Nominal sd of a redundant pair's difference, engineering units (two transmitters of up to 0.5 % span bias
 * and 0.2 % noise on 0–300 °C); the stream learns the real spread from it (×0.5 to ×3).
 */
const PAIR_SD = 0.5;

const PARAM_NAMES = new Set([...Object.keys(PROCESS_PARAMETERS), ...Object.keys(SENSOR_PARAMETERS)]);

export class AnomalyDetector {
  readonly tuning: AnomalyTuning;
  private readonly paramWarmup_s: number;
  private readonly paramWindow_s: number;
  private readonly paramSigma: number;
  private readonly tanks = new Map<string, TankState>();

  constructor(o: AnomalyOptions = {}) {
    this.tuning = { ...DEFAULT_TUNING, ...o };
    this.paramWarmup_s = o.paramWarmup_s ?? 12 * 3600;
    this.paramWindow_s = o.paramWindow_s ?? 3600;
    this.paramSigma = o.paramSigma ?? 5;
  }

  /**
   * One filter step of a tank: its innovations and (optionally) its estimates at t_s, and the tank's measured
   * values by tag (optional: the redundant elements' difference, e.g. `<tank>.temp` − `<tank>.temp_hh`, is a
   * residual of its own). Returns the advisories raised, changed or cleared by this step (cleared ones with
   * active: false).
   */
  push(
    tank: string,
    t_s: number,
    innovations: readonly ResidualSample[],
    estimates: readonly EstimateSample[] = [],
    measured: Readonly<Record<string, number>> = {},
  ): Advisory[] {
    const ts = this.tank(tank, t_s);
    const dt_s = Number.isFinite(ts.t_s) && t_s > ts.t_s ? t_s - ts.t_s : ts.dt_s;
    ts.dt_s = dt_s;
    ts.t_s = t_s;
    for (const inn of innovations) this.stream(ts, tank, inn.tag).push(t_s, inn.r, inn.sd, dt_s);
    for (const [a, b] of REDUNDANT_PAIRS) {
      const va = measured[`${tank}.${a}`];
      const vb = measured[`${tank}.${b}`];
      if (Number.isFinite(va) && Number.isFinite(vb))
        this.stream(ts, tank, pairTag(tank, a, b)).push(t_s, va - vb, PAIR_SD, dt_s);
    }
    return this.review(tank, ts, this.shifts(ts, t_s, estimates));
  }

  private stream(ts: TankState, tank: string, tag: string): ResidualStream {
    let s = ts.streams.get(tag);
    if (!s) ts.streams.set(tag, (s = new ResidualStream(tank, tag, this.tuning)));
    return s;
  }

  /** Every active advisory, newest first (each is updated in place while active: its evidence grows). */
  active(): Advisory[] {
    const out: Advisory[] = [];
    for (const ts of this.tanks.values()) for (const a of ts.active.values()) out.push(a);
    return out.sort((a, b) => b.raised_s - a.raised_s);
  }

  /** A tank's residual stream (for the evidence of a tag that raised nothing, and for tests). */
  streamOf(tank: string, tag: string): ResidualStream | undefined {
    return this.tanks.get(tank)?.streams.get(tag);
  }

  private tank(tank: string, t_s: number): TankState {
    let ts = this.tanks.get(tank);
    if (!ts)
      this.tanks.set(
        tank,
        (ts = { streams: new Map(), t0_s: t_s, t_s: Number.NaN, dt_s: 60, params: new Map(), active: new Map() }),
      );
    return ts;
  }

  /**
   * The parameter estimates that stepped: moved over the last paramWindow_s by more than paramSigma sd beyond
   * what their trend over the three windows before predicted. A parameter that wanders or grows steadily
   * (fouling does, and a filter's estimate wanders while it learns) is no anomaly; a step is.
   */
  private shifts(ts: TankState, t_s: number, estimates: readonly EstimateSample[]): ParameterShift[] {
    const out: ParameterShift[] = [];
    const w = this.paramWindow_s;
    for (const e of estimates) {
      if (!PARAM_NAMES.has(e.name) || !Number.isFinite(e.value) || !(e.sd >= 0)) continue;
      let h = ts.params.get(e.name);
      if (!h) ts.params.set(e.name, (h = { t: [], v: [], sd: [] }));
      h.t.push(t_s);
      h.v.push(e.value);
      h.sd.push(e.sd);
      while (h.t.length > 2 && h.t[1] <= t_s - 4 * w) {
        h.t.shift();
        h.v.shift();
        h.sd.shift();
      }
      if (t_s - ts.t0_s < this.paramWarmup_s || t_s - h.t[0] < 4 * w * 0.95) continue;
      const j = atOrBefore(h.t, t_s - w);
      const expected = h.v[j] + (h.v[j] - h.v[0]) / 3;
      const sd = Math.hypot(e.sd, h.sd[j]);
      if (Math.abs(e.value - expected) > this.paramSigma * sd)
        out.push({ name: e.name, from: h.v[j], to: e.value, sd });
    }
    return out;
  }

  /** Re-judge a tank's advisories after a step: raise, re-classify or clear. */
  private review(tank: string, ts: TankState, shifts: ParameterShift[]): Advisory[] {
    const streams = [...ts.streams.values()];
    const raised = streams.filter(
      (s) =>
        s.raisedBy !== null &&
        ts.t_s - s.raised_s >= this.tuning.confirm_s &&
        (this.tuning.coilOutAlone || s.raisedBy === 'stuck' || !/\.coil_out/.test(s.tag)),
    );
    const want = new Map<string, Verdict & { lead?: ResidualStream }>();
    if (raised.length > 0) {
      // one verdict per raised stream that is not explained as moving with a stronger one
      raised.sort((a, b) => b.level - a.level);
      const lead = raised[0];
      let v = classify(lead, streams, shifts, this.tuning.moving);
      // a process verdict holds while any residual of the tank stays raised (neighbours wax and wane)
      const held = ts.active.get(`${tank}.ADV_PROCESS`);
      if (v.kind === 'sensor' && held) v = { ...v, kind: 'process', cause: held.cause };
      want.set(this.idOf(tank, v), { ...v, lead });
      if (v.kind === 'sensor')
        for (const s of raised.slice(1)) {
          const w = classify(s, streams, shifts, this.tuning.moving);
          if (w.kind === 'sensor') want.set(this.idOf(tank, w), { ...w, lead: s });
        }
    } else
      for (const p of shifts)
        if (p.name in SENSOR_PARAMETERS) {
          // a sensor parameter walking off with no residual raised: the filter follows a drifting instrument
          const v = sensorShiftVerdict(tank, p);
          want.set(this.idOf(tank, v), v);
        }
    const changed: Advisory[] = [];
    for (const [id, a] of ts.active)
      if (!want.has(id)) {
        a.active = false;
        ts.active.delete(id);
        changed.push(a);
      }
    for (const [id, v] of want) {
      const lead = v.lead ?? (v.tag ? ts.streams.get(v.tag) : undefined) ?? streams[0];
      const prev = ts.active.get(id);
      if (prev) {
        // the same verdict goes on: its evidence grows, it is not announced again
        if (lead) prev.evidence = lead.evidence();
        prev.related = v.related.map((t) => ts.streams.get(t)!.evidence());
        continue;
      }
      const a: Advisory = {
        id,
        tank,
        tag: v.tag,
        kind: v.kind,
        cause: v.cause,
        message: `${v.kind === 'sensor' ? `${v.tag} sensor fault suspected` : `${tank} process fault suspected`}: ${v.cause}`,
        since_s: lead?.raisedBy ? lead.onset_s(ts.dt_s) : ts.t_s,
        raised_s: ts.t_s,
        active: true,
        evidence: lead ? lead.evidence() : emptyEvidence(v.tag ?? tank),
        related: v.related.map((t) => ts.streams.get(t)!.evidence()),
        shifts,
      };
      ts.active.set(id, a);
      changed.push(a);
    }
    return changed;
  }

  private idOf(tank: string, v: Verdict): string {
    return v.kind === 'sensor' ? `${v.tag}.ADV_SENSOR` : `${tank}.ADV_PROCESS`;
  }
}

/** Index of the last time ≤ t in an ascending list (0 if none). */
function atOrBefore(ts: readonly number[], t: number): number {
  let j = 0;
  while (j + 1 < ts.length && ts[j + 1] <= t) j++;
  return j;
}

function emptyEvidence(tag: string): StreamEvidence {
  return { tag, t_s: [], residual: [], sd: [], stat: [], ewma: [], cusumLimit: 0, ewmaLimit: 0, test: null };
}
