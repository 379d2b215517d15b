import type { PlantData } from '../sim/plant/schema';
import { Simulation } from '../sim/simulation';
import type { Snapshot } from '../sim/snapshot';
import { initFromLive } from '../sim/initFromLive';
import { FORECAST_DT_S } from './forecast';

// The forecast's starting state from the live plant: the model's state set from the latest measured tags as
// the shadow model starts (src/live/shadow/initFromLive.ts), with the state estimator's values taking the
// place of the raw measurements where it has them (bias-corrected level, mean and bottom temperatures).

/** A tag's value now: NaN when there is none or it is not good. */
export type TagValue = (tag: string) => number;

/** Estimate names (src/estimate) that stand for a measured tag of the tank. */
const ESTIMATE_FOR: Readonly<Record<string, string>> = {
  level: 'level',
  temp: 'temp_mean',
  temp_bottom: 'temp_bottom',
};

/** Prefer the tank's estimate of a quantity (`TK-101.est.level`) to its measurement (`TK-101.level`). */
export function preferEstimates(measured: TagValue, estimated: TagValue): TagValue {
  return (tag) => {
    const dot = tag.indexOf('.');
    const est = dot > 0 ? ESTIMATE_FOR[tag.slice(dot + 1)] : undefined;
    if (est) {
      const v = estimated(`${tag.slice(0, dot)}.est.${est}`);
      if (Number.isFinite(v)) return v;
    }
    return measured(tag);
  };
}

/** The state to forecast from: the live values where given, the plant file's initial state otherwise. */
export function startSnapshot(plant: PlantData, value: TagValue | null): Snapshot {
  const sim = new Simulation(plant, { dt_s: FORECAST_DT_S });
  if (value) initFromLive(sim, value);
  return sim.snapshot();
}
