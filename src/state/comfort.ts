import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

/** VR comfort settings, chosen in the toolbar's comfort popover and applied by the XR rig. */
export interface ComfortState {
  /** Turning with the thumbstick: in 30° snaps, or smoothly. */
  turn: 'snap' | 'smooth';
  /** The view narrows while the trainee moves (less motion sickness). */
  vignette: boolean;
  /** A seated trainee's view is raised to standing eye height. */
  seated: boolean;
}

export const comfortStore = createStore<ComfortState>(() => ({ turn: 'snap', vignette: true, seated: false }));

export function useComfort<T>(sel: (s: ComfortState) => T): T {
  return useStore(comfortStore, sel);
}

export function setComfort(patch: Partial<ComfortState>): void {
  comfortStore.setState(patch);
}
