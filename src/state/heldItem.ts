import { createStore } from 'zustand/vanilla';

/** What the trainee carries and does with it. Written by scene/portablePickup.ts, read by HUDs. */
export interface HeldItemState {
  /** Tag of the portable item carried now, or null when the hands are empty. */
  tag: string | null;
  /** The carried extinguisher is squeezed (F key, HUD button or XR trigger). */
  discharging: boolean;
  /** The bay the discharge is aimed at now (the worker is told to extinguish it), or null. */
  aimedBay: string | null;
}

export const heldItemStore = createStore<HeldItemState>(() => ({ tag: null, discharging: false, aimedBay: null }));
