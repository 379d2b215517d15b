import { TankFeed } from '../estimate/feed';
import type { TankInputs, TankObs } from '../estimate/tankFilter';
import type { StepValues } from './service';

/**
 * The estimator's own feed (src/estimate/feed.ts, by tag name) for one step of the live service: the inputs
 * from each tag's time-weighted mean over the step (the bridge publishes on change past a deadband, so a plain
 * mean of its samples would weigh a moving stretch too much), the measurements from its latest value.
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
      feed.clearObs();
      for (const tag of tags) feed.set(tag, v.latest(tag));
      const y = { ...feed.obs(i) };
      feed.clearObs();
      return { u, y };
    },
  };
}
