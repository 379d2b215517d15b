import { join } from 'node:path';
import { SqliteStore } from '../../../src/historian/sqlite';
import { query } from '../../../src/historian/query';
import { DEFAULT_RETENTION } from '../../../src/historian/types';
import type { TwinRouteContext } from '../../../src/twinService/routes/types';
import { VirtualPlant } from '../../../src/virtualPlant/plant';
import { HOUR_MS, T0_MS, hidden, nominalPlant, record, testMapping, truePlant } from './scenario';

/**
 * A station's history as the twin routes see it: the virtual plant (seed 9, 5 s steps) run for `hours` into a
 * SQLite historian in `dir`, and the routes' context over it (no live filters; the time is the run's end).
 */
export async function recordedHistory(
  dir: string,
  hours: number,
): Promise<{ store: SqliteStore; ctx: TwinRouteContext }> {
  const mapping = testMapping();
  const real = truePlant();
  const vp = new VirtualPlant({
    plant: real,
    mapping,
    hidden: hidden(real, mapping),
    seed: 9,
    dt_s: 5,
    start_ms: T0_MS,
  });
  const store = SqliteStore.open(join(dir, 'h.sqlite'));
  await record(store, vp, hours, 5);
  const now = T0_MS + hours * HOUR_MS;
  const ctx: TwinRouteContext = {
    twin: null,
    plant: nominalPlant(),
    mapping,
    plantId: mapping.plant,
    history: (q) => query(store, q, now, DEFAULT_RETENTION),
    now_ms: () => now,
  };
  return { store, ctx };
}
