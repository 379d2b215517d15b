import type { TankInputs, TankObs } from './tankFilter';

// Mapped tag samples → each tank filter's inputs and measurements, by tag name, so the twin service, the tests
// and the benchmark feed the filters the same way. Between two updates an input is the mean of its good samples
// (a coil valve stroking within the interval gives the heat it really gave, not its last reading), and so is
// a measurement (`obs: 'mean'`, the default): a 1 s stream averaged over a 60 s step has 1/√60 of one reading's
// noise. The coil outlet is averaged only while the coil flow held still (else its latest reading, at the latest
// flow: a coil has a transit time the model has not); a manual dip is never averaged. `obs: 'latest'` takes
// every measurement as its latest sample. A bad or missing sample is NaN: the filter holds the last input and
// skips the measurement.

/** Plant-wide inputs every tank shares. */
export const SUPPLY_TAG = 'H-201.supply_temp';
export const AMBIENT_TAG = 'AMB.temp';

/** A tank's own tags (`<tank>.<suffix>`) and what each feeds. */
const INPUT_SUFFIX: Record<string, keyof TankInputs> = {
  coil_flow: 'coilFlow_kg_s',
  receipt_flow: 'receipt_kg_s',
  outlet_flow: 'outflow_kg_s',
  mixer: 'mixer',
};
const INPUT_KEYS: (keyof TankInputs)[] = [
  'supply_C',
  'ambient_C',
  'coilFlow_kg_s',
  'receipt_kg_s',
  'outflow_kg_s',
  'mixer',
];
const OBS_SUFFIX: Record<string, ObsKey> = {
  temp: 'temp_C',
  temp_bottom: 'tempBottom_C',
  temp_top: 'tempTop_C',
  temp_hh: 'tempHH_C',
  level: 'level_m',
  coil_out_temp: 'coilOut_C',
};

export type ObsKey = 'temp_C' | 'tempBottom_C' | 'tempTop_C' | 'tempHH_C' | 'level_m' | 'coilOut_C';
export const OBS_KEYS: readonly ObsKey[] = ['temp_C', 'tempBottom_C', 'tempTop_C', 'tempHH_C', 'level_m', 'coilOut_C'];
/** The coil outlet is averaged only while the coil flow stayed within this fraction of its interval mean. */
export const STEADY_FLOW_FRAC = 0.05;

/** How a measurement is made of the interval's samples: their mean, or the latest (`TankFeed` option). */
export type ObsMode = 'mean' | 'latest';

/** What each estimate is, for the published catalogue (`<tank>.est.<name>`, and `<tank>.est.<name>_sd`). */
export const ESTIMATE_INFO: Record<string, { unit: string; description: string }> = {
  fouling: { unit: 'm²K/W', description: 'coil fouling resistance' },
  wall_loss: { unit: '', description: 'wall-loss factor (insulation conductivity × this; 1 = as designed)' },
  level_bias: { unit: 'm', description: 'level transmitter bias (reads this much high)' },
  temp_mean: { unit: '°C', description: 'mass-mean product temperature' },
  mass: { unit: 'kg', description: 'product mass' },
  coil_duty: { unit: 'kW', description: 'heat from the coil' },
  heat_loss: { unit: 'kW', description: 'heat lost to ambient and ground' },
  level: { unit: 'm', description: 'level corrected for the transmitter bias' },
  temp_bottom: { unit: '°C', description: 'temperature of the product below the coil' },
  temp_vapour: { unit: '°C', description: 'vapour space / roof temperature' },
  temp_bottom_offset: { unit: 'K', description: 'offset of the 0.5 m element against the tank transmitter' },
  temp_top_offset: { unit: 'K', description: 'offset of the 75 % element against the tank transmitter' },
  coil_out_offset: { unit: 'K', description: 'offset of the coil outlet temperature transmitter against the supply' },
  supply_offset: { unit: 'K', description: 'offset of the hot-oil supply transmitter against the tank transmitter' },
  temp_hh_offset: { unit: 'K', description: 'offset of the independent high-high element against the transmitter' },
};

export function estimateTag(tank: string, name: string): string {
  return `${tank}.est.${name}`;
}

export interface FeedSample {
  tag: string;
  v: number | null;
  /** Quality as the live protocol has it; anything but good (or absent) makes the value NaN. */
  q?: string;
}

export class TankFeed {
  readonly tanks: readonly string[];
  private readonly u: TankInputs[];
  private readonly y: TankObs[];
  /** The interval's measurements handed to the filter (`obs: 'mean'`). */
  private readonly yOut: TankObs[];
  /** Sum and count of each input's good samples in this interval, per tank, in INPUT_KEYS order. */
  private readonly sum: Float64Array;
  private readonly count: Float64Array;
  /** Sum and count of each measurement's good samples, per tank, in OBS_KEYS order (`obs: 'mean'`). */
  private readonly ySum: Float64Array;
  private readonly yCount: Float64Array;
  /** The coil flow's range over the interval, per tank (is the coil outlet's mean a steady one?). */
  private readonly flowMin: Float64Array;
  private readonly flowMax: Float64Array;
  private readonly setters = new Map<string, (v: number) => void>();
  readonly obsMode: ObsMode;

  constructor(tanks: readonly string[], o: { supplyTag?: string; ambientTag?: string; obs?: ObsMode } = {}) {
    this.tanks = tanks;
    this.obsMode = o.obs ?? 'mean';
    const nan = Number.NaN;
    this.u = tanks.map(() => ({
      supply_C: nan,
      coilFlow_kg_s: nan,
      ambient_C: nan,
      receipt_kg_s: nan,
      receiptTemp_C: nan,
      outflow_kg_s: nan,
    }));
    this.y = tanks.map(() => ({ temp_C: nan, tempBottom_C: nan, tempTop_C: nan, level_m: nan, coilOut_C: nan }));
    this.yOut = tanks.map(() => ({ temp_C: nan, tempBottom_C: nan, tempTop_C: nan, level_m: nan, coilOut_C: nan }));
    this.sum = new Float64Array(tanks.length * INPUT_KEYS.length);
    this.count = new Float64Array(tanks.length * INPUT_KEYS.length);
    this.ySum = new Float64Array(tanks.length * OBS_KEYS.length);
    this.yCount = new Float64Array(tanks.length * OBS_KEYS.length);
    this.flowMin = new Float64Array(tanks.length).fill(Number.POSITIVE_INFINITY);
    this.flowMax = new Float64Array(tanks.length).fill(Number.NEGATIVE_INFINITY);
    const acc = (i: number, key: keyof TankInputs, v: number) => {
      if (!Number.isFinite(v)) return;
      const k = i * INPUT_KEYS.length + INPUT_KEYS.indexOf(key);
      this.sum[k] += v;
      this.count[k]++;
    };
    this.setters.set(o.supplyTag ?? SUPPLY_TAG, (v) => tanks.forEach((_, i) => acc(i, 'supply_C', v)));
    this.setters.set(o.ambientTag ?? AMBIENT_TAG, (v) => tanks.forEach((_, i) => acc(i, 'ambient_C', v)));
    tanks.forEach((t, i) => {
      for (const [suffix, key] of Object.entries(INPUT_SUFFIX))
        this.setters.set(`${t}.${suffix}`, (v) => acc(i, key, v));
      for (const [suffix, key] of Object.entries(OBS_SUFFIX))
        this.setters.set(`${t}.${suffix}`, (v) => this.measure(i, key, v));
      // the coil flow is also the outlet temperature's context at the measurement time
      this.setters.set(`${t}.coil_flow`, (v) => {
        acc(i, 'coilFlow_kg_s', v);
        this.y[i].coilFlow_kg_s = v;
        if (Number.isFinite(v)) {
          this.flowMin[i] = Math.min(this.flowMin[i], v);
          this.flowMax[i] = Math.max(this.flowMax[i], v);
        }
      });
    });
  }

  /** One measurement sample: the latest is kept (NaN when bad), the good ones summed for the mean. */
  private measure(i: number, key: ObsKey, v: number): void {
    this.y[i][key] = v;
    if (!Number.isFinite(v)) return;
    const k = i * OBS_KEYS.length + OBS_KEYS.indexOf(key);
    this.ySum[k] += v;
    this.yCount[k]++;
  }

  /** The tags this feed reads. */
  get tags(): string[] {
    return [...this.setters.keys()];
  }

  /** One value by tag; null, non-finite or not good → NaN. Tags the feed does not read are ignored. */
  set(tag: string, v: number | null | undefined, good = true): void {
    const f = this.setters.get(tag);
    if (f) f(good && typeof v === 'number' && Number.isFinite(v) ? v : Number.NaN);
  }

  /** A live or served sample ({tag, v, q}). */
  take(s: FeedSample): void {
    this.set(s.tag, s.v, s.q === undefined || s.q === 'good');
  }

  /** Tank i's inputs: each the mean of this interval's good samples, NaN where none came (the same object every call). */
  inputs(i: number): TankInputs {
    const u = this.u[i];
    INPUT_KEYS.forEach((key, a) => {
      const k = i * INPUT_KEYS.length + a;
      (u[key] as number) = this.count[k] > 0 ? this.sum[k] / this.count[k] : Number.NaN;
    });
    return u;
  }

  /**
   * Tank i's measurements (the same object every call): with `obs: 'mean'` each the mean of this interval's good
   * samples (NaN where none came) — the coil outlet only while the coil flow held within 5 % of its mean, read
   * then at that mean flow; with `'latest'`, or a coil flow that moved, the latest sample.
   */
  obs(i: number): TankObs {
    const y = this.y[i];
    if (this.obsMode === 'latest') return y;
    const out = this.yOut[i];
    out.levelDip_m = y.levelDip_m;
    out.coilFlow_kg_s = y.coilFlow_kg_s;
    OBS_KEYS.forEach((key, a) => {
      const k = i * OBS_KEYS.length + a;
      out[key] = this.yCount[k] > 0 ? this.ySum[k] / this.yCount[k] : Number.NaN;
    });
    const flow = this.inputs(i).coilFlow_kg_s;
    const steady = this.flowMax[i] - this.flowMin[i] <= STEADY_FLOW_FRAC * Math.abs(flow);
    if (steady) out.coilFlow_kg_s = flow;
    else out.coilOut_C = y.coilOut_C;
    return out;
  }

  /** How many good samples make tank i's measurement `key` of this interval (1 with `obs: 'latest'`). */
  samples(i: number, key: ObsKey): number {
    if (this.obsMode === 'latest') return Number.isFinite(this.y[i][key]) ? 1 : 0;
    return this.yCount[i * OBS_KEYS.length + OBS_KEYS.indexOf(key)];
  }

  /** After the updates: a new interval starts (no measurement is used twice; inputs average afresh). */
  clearObs(): void {
    this.sum.fill(0);
    this.count.fill(0);
    this.ySum.fill(0);
    this.yCount.fill(0);
    this.flowMin.fill(Number.POSITIVE_INFINITY);
    this.flowMax.fill(Number.NEGATIVE_INFINITY);
    for (const y of this.y) {
      y.temp_C = Number.NaN;
      y.tempBottom_C = Number.NaN;
      y.tempTop_C = Number.NaN;
      y.level_m = Number.NaN;
      y.coilOut_C = Number.NaN;
      y.tempHH_C = Number.NaN;
      y.coilFlow_kg_s = Number.NaN;
      y.levelDip_m = undefined;
    }
  }
}
