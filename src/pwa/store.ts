import { createStore } from 'zustand/vanilla';
import type { Dismissed } from './offer';

/** The service worker as the page sees it (src/pwa/register.ts writes it; the update banner reads it). */
export interface PwaState {
  /** Every file of the app is in the precache: the app works from here on with no network. */
  offlineReady: boolean;
  /** A new version is installed and waits for the trainee's reload. */
  waiting: boolean;
  /** What of the offer the trainee has closed (src/pwa/offer.ts). */
  dismissed: Dismissed;
  /** Applies the waiting version (the page reloads once it has taken over). */
  apply: (() => void) | null;
  /** Why the service worker could not be registered (an untrusted certificate, a private window…). */
  error: string | null;
}

export const createPwaStore = () =>
  createStore<PwaState>(() => ({ offlineReady: false, waiting: false, dismissed: 'none', apply: null, error: null }));

export const pwaStore = createPwaStore();
export type PwaStore = typeof pwaStore;
