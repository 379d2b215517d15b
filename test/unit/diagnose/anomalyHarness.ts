import { AnomalyDetector, type Advisory } from '../../../src/diagnose/anomaly';
import { TankFeed, type ObsMode } from '../../../src/estimate/feed';
import { TankFilter } from '../../../src/estimate/tankFilter';
import { defaultPlant } from '../../../src/sim/plant/default';
import type { VirtualPlant } from '../../../src/virtualPlant/plant';
import { makePlant, T0_MS } from '../virtualPlant/harness';

// The anomaly detector on the real per-tank filters, driven by the virtual plant (hidden parameters, bias and
// noise) in process: the instruments are read every model step (1 s, or the run's dt_s) into the shared feed,
// the filters are stepped every 60 s of plant time on the means of those samples (`obs: 'mean'`, or the latest
// with `obs: 'latest'`), the detector gets each step's innovations, estimates and the tank's two redundant
// temperatures as the filter saw them. No clock, fixed seeds.

export const STEP_S = 60;

export interface PlantRun {
  vp: VirtualPlant;
  det: AnomalyDetector;
  /** Every advisory raised (active) during the run, in order, with the plant hour it was raised at. */
  raised: Advisory[];
}

export function runPlant(o: {
  seed: number;
  tanks: readonly string[];
  hours: number;
  /** Plant model step, s (default the plant file's 1 s). */
  dt_s?: number;
  /** Called once the plant has run this many hours (inject a fault). */
  at_h?: number;
  inject?: (vp: VirtualPlant) => void;
  /** How the feed makes a step's measurements of its samples (default the feed's: their mean). */
  obs?: ObsMode;
}): PlantRun {
  const plant = defaultPlant();
  const vp = makePlant({ seed: o.seed, plant, dt_s: o.dt_s });
  const per = Math.round(STEP_S / vp.sim.dt_s);
  const feed = new TankFeed(o.tanks, { obs: o.obs });
  const mapped = new Set(vp.tags.map((t) => t.tag));
  const read = feed.tags.filter((t) => mapped.has(t));
  const filters = o.tanks.map((t) => new TankFilter(plant, t));
  const det = new AnomalyDetector();
  const raised: Advisory[] = [];
  const measured = o.tanks.map(() => ({}) as Record<string, number>);
  for (let k = 1; k <= (o.hours * 3600) / STEP_S; k++) {
    for (let j = 1; j <= per; j++) {
      vp.step(1, T0_MS + ((k - 1) * STEP_S + j * vp.sim.dt_s) * 1000);
      for (const tag of read) {
        const v = vp.value(tag);
        feed.set(tag, v.v, v.status === 'good');
      }
    }
    const t_s = vp.t_s;
    if (o.at_h !== undefined && Math.abs(t_s - o.at_h * 3600) < STEP_S / 2) o.inject?.(vp);
    filters.forEach((f, i) => {
      const y = feed.obs(i);
      f.update(STEP_S, feed.inputs(i), y);
      const m = measured[i];
      m[`${o.tanks[i]}.temp`] = y.temp_C;
      m[`${o.tanks[i]}.temp_hh`] = y.tempHH_C ?? Number.NaN;
      for (const a of det.push(o.tanks[i], t_s, f.innovations(), f.estimates(), m)) if (a.active) raised.push(a);
    });
    feed.clearObs();
  }
  return { vp, det, raised };
}
