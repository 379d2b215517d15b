import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { markTourSeen } from './seen';

// Which of the two first-visit overlays is open: the guided tour (at which step) or the help panel.
// One at a time: the help panel beside a dimmed tour would be half hidden.

export interface TourState {
  open: 'none' | 'tour' | 'help';
  step: number;
}

export const tourStore = createStore<TourState>(() => ({ open: 'none', step: 0 }));

export function useTour<T>(sel: (s: TourState) => T): T {
  return useStore(tourStore, sel);
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export function openTour(): void {
  tourStore.setState({ open: 'tour', step: 0 });
}

/** Skip, Done, Escape, or an exercise starting: the tour is over and does not come back by itself. */
export function closeTour(): void {
  markTourSeen(storage());
  tourStore.setState({ open: 'none', step: 0 });
}

export function toggleHelp(): void {
  const s = tourStore.getState();
  if (s.open === 'tour') markTourSeen(storage());
  tourStore.setState({ open: s.open === 'help' ? 'none' : 'help', step: 0 });
}

export function closeHelp(): void {
  if (tourStore.getState().open === 'help') tourStore.setState({ open: 'none' });
}

export { storage as tourStorage };
