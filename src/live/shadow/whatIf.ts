import { createStore } from 'zustand/vanilla';
import { SimClient } from '../../app/client';
import type { Snapshot } from '../../sim/snapshot';

/**
 * "What-if from now": a separate simulated plant started from the shadow's state at this moment. It is a
 * plain SimClient on its own worker, made from two pieces of plain data (the plant file and a snapshot):
 * it never holds the live connection, its broker link or anything that could write to the real plant, so an
 * operator can try anything on it. The views show it labelled SIMULATION until it is closed.
 */

/** Makes the simulated plant from plain data only (tests give their own). */
export type SimulatedPlantFactory = (plant: unknown, snapshot: Snapshot) => Promise<SimClient>;

/** The default: a new worker, running at real time from the snapshot. */
export const newSimulatedPlant: SimulatedPlantFactory = async (plant, snapshot) => {
  const c = new SimClient(plant, { running: true, speed: 1 });
  if (!(await c.start(snapshot))) throw new Error('the simulated plant did not start');
  return c;
};

/** Where the what-if's starting state comes from (the shadow link). */
export interface WhatIfSource {
  whatIfSnapshot(): Promise<Snapshot | null>;
}

export interface WhatIfState {
  /** The simulated plant now shown instead of the live one, or null. */
  client: SimClient | null;
  /** The live plant's source time the what-if started from, ms since epoch. */
  from_ms: number | null;
  /** Being started. */
  starting: boolean;
  /** Why it could not start, or null. */
  error: string | null;
}

export const whatIfStore = createStore<WhatIfState>(() => ({
  client: null,
  from_ms: null,
  starting: false,
  error: null,
}));

/**
 * Start a what-if from the source's state now. What reaches the factory is copied through structuredClone,
 * so only data can cross (a function or a connection object would throw, not ride along).
 */
export async function startWhatIf(
  source: WhatIfSource,
  plant: unknown,
  from_ms: number | null,
  create: SimulatedPlantFactory = newSimulatedPlant,
): Promise<SimClient | null> {
  if (whatIfStore.getState().starting) return null;
  whatIfStore.setState({ starting: true, error: null });
  try {
    const snap = await source.whatIfSnapshot();
    if (!snap) throw new Error('the shadow model has not started yet');
    const client = await create(structuredClone(plant), structuredClone(snap));
    closeWhatIf();
    whatIfStore.setState({ client, from_ms, starting: false });
    return client;
  } catch (e) {
    whatIfStore.setState({ starting: false, error: (e as Error).message });
    return null;
  }
}

/** Back to the live plant: the simulated one stops and its worker ends. */
export function closeWhatIf(): void {
  const c = whatIfStore.getState().client;
  if (!c) return;
  c.terminate();
  whatIfStore.setState({ client: null, from_ms: null });
}
