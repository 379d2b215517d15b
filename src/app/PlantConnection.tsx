import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { SimClient } from './client';
import { createPlantStore, type PlantState } from './plantStore';

// The plant connection a part of the page works on, passed down by React context (the R3F canvas bridges
// it into the scene). A component asks usePlantConnection() for the client and usePlant(selector) for the
// connection's slow state.

const PlantConnectionContext = createContext<SimClient | null>(null);
/** Read before any connection exists (the page shows "loading"): nothing is running, nothing is known. */
const NO_PLANT = createPlantStore();

export function PlantConnectionProvider({ connection, children }: { connection: SimClient; children: ReactNode }) {
  return <PlantConnectionContext.Provider value={connection}>{children}</PlantConnectionContext.Provider>;
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
