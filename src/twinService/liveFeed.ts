import { OBS_KEYS, STEADY_FLOW_FRAC, TankFeed } from '../estimate/feed';
import type { TankInputs, TankObs } from '../estimate/tankFilter';
import type { StepValues } from './service';

/**
 * The estimator's own feed (src/estimate/feed.ts, by tag name) for one step of the live service: the inputs
 * from each tag's time-weighted mean over the step (the bridge publishes on change past a deadband, so a plain
 * mean of its samples would weigh a moving stretch too much), the measurements too (a 1 s stream averaged over
 * the minute has a fraction of one reading's noise), each from its latest value when the step had too little of
 * it for a mean. The coil outlet is its latest value, at the latest flow, when the coil flow moved within the
 * step (a coil has a transit time the model has not).
 */
export function liveFeed(tanks: readonly string[]): {
  tags: readonly string[];
  step: (tank: string, v: StepValues) => { u: TankInputs; y: TankObs };
} {
  const feed = new TankFeed(tanks);
  const index = new Map(tanks.map((t, i) => [t, i]));
  const tags = feed.tags;
  return {
    tags,
    step: (tank, v) => {
      const i = index.get(tank);
      if (i === undefined) throw new Error(`no feed for tank ${tank}`);
      // each pass a fresh interval of one value per tag: the feed's own mean of it is that value
      feed.clearObs();
      for (const tag of tags) feed.set(tag, v.mean(tag));
      const u = { ...feed.inputs(i) };
      const y = { ...feed.obs(i) };
      feed.clearObs();
      for (const tag of tags) feed.set(tag, v.latest(tag));
      const last = feed.obs(i);
      for (const key of OBS_KEYS) if (!Number.isFinite(y[key])) y[key] = last[key] ?? Number.NaN;
      const flowRange = v.range(`${tank}.coil_flow`);
      if (!(flowRange <= STEADY_FLOW_FRAC * Math.abs(u.coilFlow_kg_s)) || !Number.isFinite(y.coilFlow_kg_s)) {
        y.coilOut_C = last.coilOut_C;
        y.coilFlow_kg_s = last.coilFlow_kg_s;
      }
      y.levelDip_m = last.levelDip_m;
      feed.clearObs();
      return { u, y };
    },
  };
}
