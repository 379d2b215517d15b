import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { Aedes } from 'aedes';
import { parseMapping, type Mapping } from '../../../src/scada/mapping';
import { defaultPlant } from '../../../src/sim/plant/default';
import type { PlantData } from '../../../src/sim/plant/schema';
import { hiddenFromSeed, type Hidden } from '../../../src/virtualPlant/hidden';
import { VirtualPlant } from '../../../src/virtualPlant/plant';

// Shared by the virtual plant's tests and the bridge adapters' tests that run against it.

/** A fixed epoch for the plant's source timestamps: tests never read the wall clock for values. */
export const T0_MS = 1_700_000_000_000;

export function virtualPlantMapping(): Mapping {
  const raw: unknown = JSON.parse(
    readFileSync(new URL('../../../models/scada/virtual-plant.json', import.meta.url), 'utf8'),
  );
  const r = parseMapping(raw);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

export function makePlant(
  o: { hidden?: Hidden; seed?: number; plant?: PlantData; mapping?: Mapping; dt_s?: number } = {},
): VirtualPlant {
  const plant = o.plant ?? defaultPlant();
  const mapping = o.mapping ?? virtualPlantMapping();
  const hidden = o.hidden ?? hiddenFromSeed(o.seed ?? 1, plant, mapping);
  return new VirtualPlant({ plant, mapping, hidden, seed: o.seed ?? 1, dt_s: o.dt_s, start_ms: T0_MS });
}

/** An aedes broker over plain TCP on loopback: an ephemeral port, or the one given (a restarted broker). */
export async function startTcpBroker(at = 0): Promise<{ url: string; port: number; close(): Promise<void> }> {
  const aedes = await Aedes.createBroker();
  const server: Server = createServer(aedes.handle);
  await new Promise<void>((r) => server.listen(at, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  return {
    url: `mqtt://127.0.0.1:${port}`,
    port,
    close: async () => {
      await new Promise<void>((r) => aedes.close(() => r()));
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
