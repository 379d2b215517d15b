import type { TankInputs, TankObs } from './tankFilter';

// Mapped tag samples → each tank filter's inputs and measurements, by tag name, so the twin service, the tests
// and the benchmark feed the filters the same way. Between two updates an input is the mean of its good samples
// (a coil valve stroking within the interval gives the heat it really gave, not its last reading); a
// measurement is the latest. A bad or missing sample is NaN: the filter holds the last input and skips the
// measurement.

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
const OBS_SUFFIX: Record<string, keyof TankObs> = {
  temp: 'temp_C',
  temp_bottom: 'tempBottom_C',
  temp_top: 'tempTop_C',
  temp_hh: 'tempHH_C',
  level: 'level_m',
  coil_out_temp: 'coilOut_C',
};

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
  /** Sum and count of each input's good samples in this interval, per tank, in INPUT_KEYS order. */
  private readonly sum: Float64Array;
  private readonly count: Float64Array;
  private readonly setters = new Map<string, (v: number) => void>();

  constructor(tanks: readonly string[], o: { supplyTag?: string; ambientTag?: string } = {}) {
    this.tanks = tanks;
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
    this.sum = new Float64Array(tanks.length * INPUT_KEYS.length);
    this.count = new Float64Array(tanks.length * INPUT_KEYS.length);
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
        this.setters.set(`${t}.${suffix}`, (v) => ((this.y[i][key] as number) = v));
      // the coil flow is also the outlet temperature's context at the measurement time
      this.setters.set(`${t}.coil_flow`, (v) => {
        acc(i, 'coilFlow_kg_s', v);
        this.y[i].coilFlow_kg_s = v;
      });
    });
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

  /** Tank i's latest measurements (the same object every call). */
  obs(i: number): TankObs {
    return this.y[i];
  }

  /** After the updates: a new interval starts (no measurement is used twice; inputs average afresh). */
  clearObs(): void {
    this.sum.fill(0);
    this.count.fill(0);
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
