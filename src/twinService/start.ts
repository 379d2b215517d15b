import { liveTopics } from '../protocol/live';
import type { Mapping } from '../scada/mapping';
import type { PlantData } from '../sim/plant/schema';
import type { Log } from '../bridge/log';
import { TankFilter, type TankFilterOptions } from '../estimate/tankFilter';
import { liveFeed } from './liveFeed';
import { TwinService } from './service';
import { TwinAdvisories } from './advisories';
import type { AnomalyOptions } from '../diagnose/anomaly';

/** What the service needs of a broker: the station's own bus (src/station/bus.ts) or any like it. */
export interface TwinBus {
  publish(topic: string, payload: Buffer | string, retain?: boolean): void;
  subscribe(filter: string, handler: (topic: string, payload: Buffer) => void): Promise<void>;
}

export interface StartTwinOptions {
  mapping: Mapping;
  plant: PlantData;
  /** Only these tanks (default: every tank of the plant whose temperature or level the mapping measures). */
  tanks?: readonly string[];
  /** Source seconds between filter steps (default 60). */
  cadence_s?: number;
  filter?: TankFilterOptions;
  /** The anomaly detection's tuning; false: none. */
  anomaly?: AnomalyOptions | false;
  now?: () => number;
  log?: Log;
}

/**
 * Start the twin service on a live plant's topics (the mapping's site and plant, as the bridge publishes them):
 * a filter for every tank of the plant whose temperature or level the mapping measures.
 */
export async function startTwinService(bus: TwinBus, o: StartTwinOptions): Promise<TwinService> {
  const topics = liveTopics(o.mapping.site, o.mapping.plant);
  const mapped = new Set(o.mapping.tags.map((t) => t.tag));
  const tanks = o.plant.tanks
    .map((t) => t.tag)
    .filter((t) => (mapped.has(`${t}.temp`) || mapped.has(`${t}.level`)) && (!o.tanks || o.tanks.includes(t)));
  const feed = liveFeed(tanks);
  const advisories =
    o.anomaly === false
      ? null
      : new TwinAdvisories(
          (list) => bus.publish(topics.advisories, JSON.stringify(list), true),
          [...mapped],
          o.anomaly,
        );
  const svc = new TwinService({
    topics,
    tags: [...new Set([...mapped, ...feed.tags])],
    tanks,
    makeFilter: (tank) => new TankFilter(o.plant, tank, o.filter),
    feed: feed.step,
    afterStep: advisories ? (t, v, twin) => advisories.step(t, v, twin) : undefined,
    publish: (topic, payload, retain) => bus.publish(topic, payload, retain),
    cadence_s: o.cadence_s,
    now: o.now,
    log: o.log,
  });
  await bus.subscribe(topics.tags, (t, p) => svc.onMessage(t, p));
  svc.announce();
  o.log?.('info', 'twin service started', { tanks: tanks.length, cadence_s: svc.cadence_ms / 1000 });
  return svc;
}
