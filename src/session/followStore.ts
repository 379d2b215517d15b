import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

/** Whom the page's camera follows (the instructor's spectator view), per page. */
export interface FollowState {
  /** The participant whose head pose the camera rides, or null for the page's own view. */
  pid: string | null;
}

export const followStore = createStore<FollowState>(() => ({ pid: null }));

export function useFollow<T>(sel: (s: FollowState) => T): T {
  return useStore(followStore, sel);
}
