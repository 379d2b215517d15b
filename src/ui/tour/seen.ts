// Whether the first-visit tour has been seen, and whether it may open by itself on this page load.
// The flag is kept in localStorage under a versioned key: a tour rewritten enough to be worth showing
// again gets a new version, and everyone sees it once more.

export const TOUR_SEEN_KEY = 'tanktwin.tour.seen.v1';

/** The part of Storage the flag needs (localStorage in the page, a Map-backed fake in tests). */
export type FlagStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** Seen, not seen, or unknown (storage refused: private windows, blocked site data). */
export function tourSeen(storage: FlagStorage | null): boolean | null {
  if (!storage) return null;
  try {
    return storage.getItem(TOUR_SEEN_KEY) !== null;
  } catch {
    return null;
  }
}

/** Remember that the tour was finished or skipped; false where storage refused it. */
export function markTourSeen(storage: FlagStorage | null, when = new Date()): boolean {
  if (!storage) return false;
  try {
    storage.setItem(TOUR_SEEN_KEY, when.toISOString());
    return true;
  } catch {
    return false;
  }
}

/**
 * URL parameters that are a person's own choice and say nothing about who drives the page. Every other
 * parameter (run, speed, select, view, join, page, live, automation, …) is how tests, instructors and
 * prepared links open the page for a purpose; an overlay there would stand in their way.
 */
const PLAIN_PARAMS = new Set(['lang', 'plant']);

export interface AutoOpenContext {
  /** src/app/automationMode.ts: localhost or ?automation=1. */
  automation: boolean;
  /** navigator.webdriver: the browser is driven by Playwright, Selenium or the like. */
  webdriver: boolean;
  /** location.search of the page. */
  search: string;
  /** The seen flag as tourSeen() read it. */
  seen: boolean | null;
  /** An exercise is in its briefing or running: the trainee's attention belongs to it. */
  exerciseActive: boolean;
}

/** The tour opens by itself only on a person's plain first visit, and never over an exercise. */
export function shouldAutoOpen(c: AutoOpenContext): boolean {
  if (c.automation || c.webdriver || c.exerciseActive) return false;
  // unknown counts as seen: a flag that cannot be kept would bring the tour back on every visit
  if (c.seen !== false) return false;
  for (const k of new URLSearchParams(c.search).keys()) if (!PLAIN_PARAMS.has(k)) return false;
  return true;
}
