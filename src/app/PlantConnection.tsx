import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { SimClient } from './client';
import { createPlantStore, type PlantState } from './plantStore';
import { emptyFrameValues } from '../protocol/frame';

// The plant connection a part of the page works on, passed down by React context (the R3F canvas bridges
// it into the scene). A component asks usePlantConnection() for the client and usePlant(selector) for the
// connection's slow state.

const PlantConnectionContext = createContext<SimClient | null>(null);
/** Read before any connection exists (the page shows "loading"): nothing is running, nothing is known. */
const NO_PLANT = createPlantStore();

export function PlantConnectionProvider({ connection, children }: { connection: SimClient; children: ReactNode }) {
  const known = useStore(connection.store, (s) => s.info !== null);
  const early = useMemo(() => beforeEngine(connection), [connection]);
  return (
    <PlantConnectionContext.Provider value={known ? connection : early}>{children}</PlantConnectionContext.Provider>
  );
}

/**
 * The connection as the scene sees it while the static plant is drawn and the worker is still loading: the
 * same client (every read and call goes through to it) under another identity. Parts of the scene work out
 * tag indices once per connection (memos keyed on it); the switch to the connection itself when the
 * engine's tags are known makes them work those out again, while geometry, keyed on the plant, stays.
 */
export function beforeEngine(connection: SimClient): SimClient {
  // no tags and no frame values until then, even when the worker's first frames come before its answer does
  return Object.create(connection, {
    info: { value: null },
    tagIndex: { value: new Map<string, number>() },
    latest: { value: emptyFrameValues() },
  }) as SimClient;
}

/** The connection of the surrounding provider; throws outside one. */
export function usePlantConnection(): SimClient {
  const c = useContext(PlantConnectionContext);
  if (!c) throw new Error('usePlantConnection outside a PlantConnectionProvider');
  return c;
}

/** A slice of the surrounding connection's state (the empty state before a connection exists). */
export function usePlant<T>(selector: (s: PlantState) => T): T {
  const c = useContext(PlantConnectionContext);
  return useStore(c?.store ?? NO_PLANT, selector);
}
