import { AnomalyDetector, type Advisory } from '../../../src/diagnose/anomaly';
import { TankFeed } from '../../../src/estimate/feed';
import { TankFilter } from '../../../src/estimate/tankFilter';
import { defaultPlant } from '../../../src/sim/plant/default';
import type { VirtualPlant } from '../../../src/virtualPlant/plant';
import { makePlant, T0_MS } from '../virtualPlant/harness';

// The anomaly detector on the real per-tank filters, driven by the virtual plant (hidden parameters, bias and
// noise) in process: the filters are fed every 60 s of plant time through the shared feed, the detector gets
// each step's innovations, estimates and the tank's two redundant temperatures. No clock, fixed seeds.

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
}): PlantRun {
  const plant = defaultPlant();
  const vp = makePlant({ seed: o.seed, plant, dt_s: o.dt_s });
  const per = Math.round(STEP_S / vp.sim.dt_s);
  const feed = new TankFeed(o.tanks);
  const mapped = new Set(vp.tags.map((t) => t.tag));
  const read = feed.tags.filter((t) => mapped.has(t));
  const filters = o.tanks.map((t) => new TankFilter(plant, t));
  const det = new AnomalyDetector();
  const raised: Advisory[] = [];
  const measured = o.tanks.map(() => ({}) as Record<string, number>);
  for (let k = 1; k <= (o.hours * 3600) / STEP_S; k++) {
    vp.step(per, T0_MS + k * STEP_S * 1000);
    const t_s = vp.t_s;
    if (o.at_h !== undefined && Math.abs(t_s - o.at_h * 3600) < STEP_S / 2) o.inject?.(vp);
    for (const tag of read) {
      const v = vp.value(tag);
      feed.set(tag, v.v, v.status === 'good');
    }
    filters.forEach((f, i) => {
      f.update(STEP_S, feed.inputs(i), feed.obs(i));
      const m = measured[i];
      for (const s of ['temp', 'temp_hh']) {
        const v = vp.value(`${o.tanks[i]}.${s}`);
        m[`${o.tanks[i]}.${s}`] = v.status === 'good' && v.v !== null ? v.v : Number.NaN;
      }
      for (const a of det.push(o.tanks[i], t_s, f.innovations(), f.estimates(), m)) if (a.active) raised.push(a);
    });
    feed.clearObs();
  }
  return { vp, det, raised };
}
