import { ShadowDriver } from '../live/shadow/drive';
import type { LiveInputBatch } from '../protocol/workerApi';
import type { PlantData } from '../sim/plant/schema';
import { Simulation } from '../sim/simulation';
import type { Recording } from './recording';

/**
 * One replay of a recorded window through the shadow model (src/live/shadow/drive.ts ShadowDriver: the model
 * driven by the measured inputs), with the instruments' offsets taken off the measurements first, exactly as
 * a calibrated mapping would. Returns the model's value at every sample of the tags asked for, and the
 * driver itself, whose ResidualBook holds the rolling validation score of every output.
 *
 * The start: the shadow builds its state from a snapshot, here the mean of each tag's good samples over the
 * first `initWindow_ms` (a single sample would carry its noise into the model's mass and heat for the whole
 * window; a mean over minutes does not); the samples are then pushed in order from the window's start.
 */

export interface ReplayOptions {
  plant: PlantData;
  /** Model step, s (the plant file's when absent). */
  dt_s?: number;
  /** Offset (bias) of an instrument by tag, engineering units: measured = true + bias. */
  offsets?: ReadonlyMap<string, number>;
  /** Tags whose model values are wanted at each of their good samples. */
  collect?: readonly string[];
  /** The start's snapshot averages this much history, ms (default 10 minutes). */
  initWindow_ms?: number;
  /**
   * Score every output in the driver's ResidualBook (validation, the default), or push only the inputs
   * (a fit's replays: the book's 24 h windows cost more than the model itself, and the fit reads the
   * model at the collected samples directly).
   */
  score?: boolean;
  /**
   * Build the start state from the values as measured, offsets left on (a fit's replays: the offsets then
   * enter the residuals linearly, ∂r/∂b = −1, and need no replay of their own). Default: offsets taken off.
   */
  startFromRaw?: boolean;
}

export interface ReplayResult {
  driver: ShadowDriver;
  /** Per collected tag (in `collect` order): the sample numbers (into the recording) and the model there. */
  at: Int32Array[];
  model: Float64Array[];
  /** The measured values (offsets taken off) at the same samples. */
  measured: Float64Array[];
}

export const DEFAULT_INIT_WINDOW_MS = 600_000;

/** Good samples of each collected tag: computed once per recording and reused by every replay. */
export function samplesOf(r: Recording, collect: readonly string[]): Int32Array[] {
  const want = new Map(collect.map((t, k) => [r.tags.indexOf(t), k]));
  const lists: number[][] = collect.map(() => []);
  for (let j = 0; j < r.tag.length; j++) {
    const k = want.get(r.tag[j]);
    if (k !== undefined && r.q[j] === 0 && Number.isFinite(r.v[j])) lists[k].push(j);
  }
  return lists.map((l) => Int32Array.from(l));
}

export function replay(r: Recording, o: ReplayOptions, at?: Int32Array[]): ReplayResult {
  const sim = new Simulation(o.plant, { seed: 1, dt_s: o.dt_s });
  const d = new ShadowDriver(sim);
  const simIdx = Int32Array.from(r.tags, (t) => sim.tagIndex.get(t) ?? -1);
  const off = Float64Array.from(r.tags, (t) => o.offsets?.get(t) ?? 0);
  const n = r.tag.length;
  const v = new Float64Array(n);
  for (let j = 0; j < n; j++) v[j] = r.v[j] - off[r.tag[j]];
  const isInput = Uint8Array.from(r.tags, (t) => (d.tags.inputIndex.has(t) ? 1 : 0));
  const until = r.from_ms + (o.initWindow_ms ?? DEFAULT_INIT_WINDOW_MS);
  d.start(startSnapshot(r, o.startFromRaw ? r.v : v, simIdx, until, isInput));
  // the driver's t = 0 is the snapshot's newest time; the window's own start is where the replay begins
  d.t0_ms = r.from_ms;
  const collect = o.collect ?? [];
  const lists = at ?? samplesOf(r, collect);
  const model = lists.map((l) => new Float64Array(l.length));
  const measured = lists.map((l) => Float64Array.from(l, (j) => v[j]));
  // per sample: which collected list and where in it (−1: not collected)
  const slotOf = new Int32Array(n).fill(-1);
  const listOf = new Int32Array(n).fill(-1);
  lists.forEach((l, k) =>
    l.forEach((j, p) => {
      listOf[j] = k;
      slotOf[j] = p;
    }),
  );
  const colIdx = Int32Array.from(collect, (t) => sim.tagIndex.get(t) ?? -1);
  const score = o.score ?? true;
  // the samples pushed: all of them, or the inputs only (and a group's first sample, so the model steps to it)
  const keep: number[] = [];
  for (let j = 0; j < n; j++) if (score || isInput[r.tag[j]] || j === 0 || r.ts_ms[j] !== r.ts_ms[j - 1]) keep.push(j);
  const m = keep.length;
  const b: LiveInputBatch = {
    length: m,
    tag: Int32Array.from(keep, (j) => simIdx[r.tag[j]]),
    v: Float64Array.from(keep, (j) => v[j]),
    q: Uint8Array.from(keep, (j) => r.q[j]),
    ts_ms: Float64Array.from(keep, (j) => r.ts_ms[j]),
  };
  const pos = new Int32Array(n + 1);
  for (let j = 0, k = 0; j <= n; j++) {
    while (k < m && keep[k] < j) k++;
    pos[j] = k;
  }
  // push all samples of one source time together, then read the model at that time
  for (let j0 = 0; j0 < n;) {
    let j1 = j0 + 1;
    while (j1 < n && r.ts_ms[j1] === r.ts_ms[j0]) j1++;
    const k0 = pos[j0];
    const k1 = pos[j1];
    d.push({
      length: k1 - k0,
      tag: b.tag.subarray(k0, k1),
      v: b.v.subarray(k0, k1),
      q: b.q.subarray(k0, k1),
      ts_ms: b.ts_ms.subarray(k0, k1),
    });
    for (let j = j0; j < j1; j++) {
      const k = listOf[j];
      if (k >= 0) model[k][slotOf[j]] = colIdx[k] >= 0 ? sim.tags[colIdx[k]].read(sim.state) : Number.NaN;
    }
    j0 = j1;
  }
  return { driver: d, at: lists, model, measured };
}

/**
 * The start snapshot. An input takes its first usable sample (the pushes take it on from there). An output
 * takes the value at the window's start of a straight line fitted through its good samples before
 * `until_ms`: a mean over minutes without the noise of one sample, and without the lag a plain mean would
 * have when the level or the temperature is moving (a transfer running at the start).
 */
function startSnapshot(
  r: Recording,
  v: Float64Array,
  simIdx: Int32Array,
  until_ms: number,
  isInput: Uint8Array,
): LiveInputBatch {
  const m = r.tags.length;
  // Σ1, Σt, Σt², Σv, Σtv per tag, t in minutes from the start
  const s = new Float64Array(m * 5);
  const first = new Float64Array(m).fill(Number.NaN);
  for (let j = 0; j < r.tag.length; j++) {
    const t = r.tag[j];
    if (r.q[j] > 1 || !Number.isFinite(v[j])) continue;
    if (Number.isNaN(first[t])) first[t] = v[j];
    if (r.ts_ms[j] >= until_ms || isInput[t]) continue;
    const x = (r.ts_ms[j] - r.from_ms) / 60_000;
    s[t * 5] += 1;
    s[t * 5 + 1] += x;
    s[t * 5 + 2] += x * x;
    s[t * 5 + 3] += v[j];
    s[t * 5 + 4] += x * v[j];
  }
  const valueAt0 = (t: number): number => {
    const [n, sx, sxx, sy, sxy] = s.subarray(t * 5, t * 5 + 5);
    if (n === 0) return first[t];
    const det = n * sxx - sx * sx;
    if (n < 3 || !(det > 1e-9 * n * n)) return sy / n;
    return (sy * sxx - sx * sxy) / det; // the line's intercept at the window's start
  };
  const tags = [...Array(m).keys()].filter((t) => simIdx[t] >= 0 && !Number.isNaN(first[t]));
  return {
    length: tags.length,
    tag: Int32Array.from(tags, (t) => simIdx[t]),
    v: Float64Array.from(tags, valueAt0),
    q: new Uint8Array(tags.length),
    ts_ms: new Float64Array(tags.length).fill(r.from_ms),
  };
}
