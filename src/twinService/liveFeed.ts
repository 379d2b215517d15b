import { TankFeed } from '../estimate/feed';
import type { TankInputs, TankObs } from '../estimate/tankFilter';
import type { StepValues } from './service';

/**
 * The estimator's own feed (src/estimate/feed.ts, by tag name) for one step of the live service: the inputs
 * from each tag's mean over the step, the measurements from its latest value at the step's end.
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
      for (const tag of tags) feed.set(tag, v.mean(tag));
      const u = { ...feed.inputs(i) };
      for (const tag of tags) feed.set(tag, v.latest(tag));
      return { u, y: { ...feed.obs(i) } };
    },
  };
}
