import { defaultPlant } from '../../../src/sim/plant/default';
import { parseHidden, type Hidden } from '../../../src/virtualPlant/hidden';
import type { VirtualPlant } from '../../../src/virtualPlant/plant';
import { TankFilter, type TankFilterOptions } from '../../../src/estimate/tankFilter';
import { TankFeed } from '../../../src/estimate/feed';
import { makePlant, T0_MS, virtualPlantMapping } from '../virtualPlant/harness';

// The virtual plant in process, read through its mapping (hidden bias and noise on every served value), feeding
// one filter per tank the way the twin service does: every served sample into the feed, then an update.

export const plant = defaultPlant();
export const mapping = virtualPlantMapping();

/** A hidden file the twin does not see: fouling, lagging damage and instrument offsets and noise. */
export function hiddenFor(tanks: Hidden['tanks'], sensors: Hidden['sensors']): Hidden {
  const r = parseHidden({ tanks, sensors }, plant, mapping);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

export interface Twin {
  vp: VirtualPlant;
  feed: TankFeed;
  filters: TankFilter[];
  /** Advance the plant by dt_s and update every filter from what it serves; `tamper` edits the samples. */
  advance(dt_s: number, tamper?: (tag: string, v: number | null) => number | null): void;
  /** The plant's true state of tank i. */
  truth(i: number): VirtualPlant['sim']['state']['tanks'][number];
}

export function startTwin(o: { hidden: Hidden; tanks: string[]; seed?: number; opts?: TankFilterOptions }): Twin {
  const vp = makePlant({ hidden: o.hidden, seed: o.seed ?? 7 });
  const feed = new TankFeed(o.tanks);
  const filters = o.tanks.map((t) => new TankFilter(plant, t, o.opts));
  const index = o.tanks.map((t) => plant.tanks.findIndex((p) => p.tag === t));
  let ms = T0_MS;
  const sample = (tamper?: (tag: string, v: number | null) => number | null) => {
    for (const t of vp.tags) {
      const s = vp.value(t.tag);
      feed.set(t.tag, tamper ? tamper(t.tag, s.v) : s.v, s.status === 'good');
    }
  };
  const advance = (dt_s: number, tamper?: (tag: string, v: number | null) => number | null) => {
    // the plant serves a sample every second, as a 1 s poll would read it; the filters update every dt_s
    for (let k = 0; k < dt_s; k++) {
      ms += 1000;
      vp.step(1, ms);
      sample(tamper);
    }
    if (dt_s === 0) sample(tamper);
    // the plant's clock is public: the sun on the cladding follows the hour of day
    const hour_h = vp.sim.state.startHour_h + vp.sim.state.t_s / 3600;
    filters.forEach((f, i) => f.update(dt_s, { ...feed.inputs(i), hour_h }, feed.obs(i)));
    feed.clearObs();
  };
  advance(0);
  return { vp, feed, filters, advance, truth: (i) => vp.sim.state.tanks[index[i]] };
}

/** One tank's fouling estimate against the truth: relative error, relative sd, and error in sds. */
export interface FoulingScore {
  tank: string;
  err: number;
  sd: number;
  z: number;
}

/**
 * Every tank's filter run at the service's cadence (a sample every 10 s, an update every 60 s) for some plant
 * hours, each served value passed through `read` (a calibrated mapping's correction, or none); then each
 * coil's fouling estimate scored against the plant's truth.
 */
export function foulingAfter(o: {
  hidden: Hidden;
  seed: number;
  tanks: string[];
  hours: number;
  opts?: TankFilterOptions;
  read?: (tag: string, v: number) => number;
}): FoulingScore[] {
  const vp = makePlant({ hidden: o.hidden, seed: o.seed });
  const feed = new TankFeed(o.tanks);
  const filters = o.tanks.map((t) => new TankFilter(plant, t, o.opts));
  const index = o.tanks.map((t) => plant.tanks.findIndex((p) => p.tag === t));
  let ms = T0_MS;
  const sample = () => {
    for (const t of vp.tags) {
      const s = vp.value(t.tag);
      feed.set(t.tag, s.v === null || !o.read ? s.v : o.read(t.tag, s.v), s.status === 'good');
    }
  };
  const update = (dt_s: number) => {
    const hour_h = vp.sim.state.startHour_h + vp.sim.state.t_s / 3600;
    filters.forEach((f, i) => f.update(dt_s, { ...feed.inputs(i), hour_h }, feed.obs(i)));
    feed.clearObs();
  };
  sample();
  update(0);
  for (let m = 0; m < o.hours * 60; m++) {
    for (let k = 0; k < 6; k++) {
      ms += 10_000;
      vp.step(10, ms);
      sample();
    }
    update(60);
  }
  return filters.map((f, i) => {
    const truth = vp.sim.state.tanks[index[i]].fouling_m2K_W;
    const e = f.estimate('fouling');
    return { tank: o.tanks[i], err: (e.value - truth) / truth, sd: e.sd / truth, z: (e.value - truth) / e.sd };
  });
}
