import { useStore } from 'zustand';
import { usePlantConnection } from '../../app/PlantConnection';
import type { SimClient } from '../../app/client';
import { liveOf, type LiveClient } from '../LiveClient';
import { ShadowLink } from './ShadowLink';
import { createShadowStore, type ShadowState } from './store';

// One shadow per live connection, found from the connection (the views reach it through their plant
// connection's context, as they reach the live link). A training page or a what-if plant has none.

const links = new WeakMap<LiveClient, ShadowLink>();
/** Read where there is no shadow: waiting, no rows. */
const NO_SHADOW = createShadowStore();

/** The shadow of a live connection, made and started on first use (it waits for the first live snapshot). */
export function attachShadow(c: LiveClient): ShadowLink {
  let l = links.get(c);
  if (!l) {
    l = new ShadowLink({
      get api() {
        return c.api;
      },
      get info() {
        return c.info;
      },
      get tags() {
        return c.tags;
      },
    }).run();
    links.set(c, l);
  }
  return l;
}

/** The shadow of a connection, or null on a training page or a what-if plant. */
export function shadowOf(c: SimClient): ShadowLink | null {
  const l = liveOf(c);
  return l ? attachShadow(l) : null;
}

/** The surrounding connection's shadow, or null. */
export function useShadowLink(): ShadowLink | null {
  return shadowOf(usePlantConnection());
}

/** A slice of the surrounding connection's shadow state (the empty state where there is none). */
export function useShadow<T>(selector: (s: ShadowState) => T): T {
  return useStore(useShadowLink()?.store ?? NO_SHADOW, selector);
}
