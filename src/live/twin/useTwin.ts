import { useStore } from 'zustand';
import { useLiveClient } from '../useLive';
import { createTwinStore, type TwinState, type TwinStore } from './store';

/** Read on a training page or a what-if plant: no estimates. */
const NO_TWIN = createTwinStore();

/** The surrounding plant connection's twin store, or null where the page shows no live plant. */
export function useTwinStore(): TwinStore | null {
  return useLiveClient()?.twin ?? null;
}

/** A slice of the surrounding connection's twin data (the empty state on a training page). */
export function useTwin<T>(selector: (s: TwinState) => T): T {
  return useStore(useTwinStore() ?? NO_TWIN, selector);
}
