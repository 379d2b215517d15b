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
