import { useStore } from 'zustand';
import { usePlantConnection } from '../app/PlantConnection';
import { createLiveStore, type LiveState } from './liveStore';
import { liveOf, type LiveClient } from './LiveClient';

/** Read on a training page: no station, nothing live. */
const NO_LIVE = createLiveStore('');

/** The surrounding plant connection's live link, or null on a training page. */
export function useLiveClient(): LiveClient | null {
  return liveOf(usePlantConnection());
}

/** A slice of the live link's slow state (an empty state on a training page). */
export function useLive<T>(selector: (s: LiveState) => T): T {
  return useStore(useLiveClient()?.live ?? NO_LIVE, selector);
}

/** The page's URL with live mode switched on (`?live=1`: the station that served it) or off. */
export function liveSwitchUrl(href: string, on: boolean): string {
  const u = new URL(href);
  if (on) u.searchParams.set('live', '1');
  else u.searchParams.delete('live');
  return u.toString();
}
