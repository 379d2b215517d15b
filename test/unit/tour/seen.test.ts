import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TOUR_SEEN_KEY, markTourSeen, shouldAutoOpen, tourSeen, type AutoOpenContext } from '../../../src/ui/tour/seen';
import { closeTour, openTour, toggleHelp, tourStore } from '../../../src/ui/tour/tourStore';

function memoryStorage() {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    map: m,
  };
}

const refusing = {
  getItem: () => {
    throw new Error('SecurityError');
  },
  setItem: () => {
    throw new Error('QuotaExceededError');
  },
};

const person: AutoOpenContext = { automation: false, webdriver: false, search: '', seen: false, exerciseActive: false };

describe('tour seen flag', () => {
  it('is kept under a versioned key, with when it was seen', () => {
    expect(TOUR_SEEN_KEY).toMatch(/\.v\d+$/);
    const s = memoryStorage();
    expect(tourSeen(s)).toBe(false);
    expect(markTourSeen(s, new Date(Date.UTC(2026, 0, 2)))).toBe(true);
    expect(tourSeen(s)).toBe(true);
    expect(s.map.get(TOUR_SEEN_KEY)).toBe('2026-01-02T00:00:00.000Z');
  });

  it('is unknown where storage is missing or refuses', () => {
    expect(tourSeen(null)).toBeNull();
    expect(tourSeen(refusing)).toBeNull();
    expect(markTourSeen(null)).toBe(false);
    expect(markTourSeen(refusing)).toBe(false);
  });
});

describe('tour opening by itself', () => {
  it("opens on a person's plain first visit, and with only the language or plant chosen", () => {
    expect(shouldAutoOpen(person)).toBe(true);
    expect(shouldAutoOpen({ ...person, search: '?lang=th' })).toBe(true);
    expect(shouldAutoOpen({ ...person, search: '?lang=en&plant=/plants/site.json' })).toBe(true);
  });

  it('stays shut once seen, or where the flag cannot be kept', () => {
    expect(shouldAutoOpen({ ...person, seen: true })).toBe(false);
    expect(shouldAutoOpen({ ...person, seen: null })).toBe(false);
  });

  it('stays shut in automation mode and in a driven browser', () => {
    expect(shouldAutoOpen({ ...person, automation: true })).toBe(false);
    expect(shouldAutoOpen({ ...person, webdriver: true })).toBe(false);
  });

  it('stays shut on the URLs tests, sessions and prepared links use', () => {
    for (const q of ['?run=1', '?speed=60', '?select=TK-101', '?view=walk', '?join=ABCD', '?page=instructor'])
      expect(shouldAutoOpen({ ...person, search: q }), q).toBe(false);
    expect(shouldAutoOpen({ ...person, search: '?automation=1' })).toBe(false);
    expect(shouldAutoOpen({ ...person, search: '?lang=th&live=1' })).toBe(false);
  });

  it('never opens over an exercise', () => {
    expect(shouldAutoOpen({ ...person, exerciseActive: true })).toBe(false);
  });
});

describe('tour store', () => {
  let s: ReturnType<typeof memoryStorage>;
  beforeEach(() => {
    s = memoryStorage();
    vi.stubGlobal('localStorage', s);
    tourStore.setState({ open: 'none', step: 0 });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('remembers the tour as seen when it is closed, not when it is opened', () => {
    openTour();
    expect(tourStore.getState().open).toBe('tour');
    expect(tourSeen(s)).toBe(false);
    closeTour();
    expect(tourStore.getState().open).toBe('none');
    expect(tourSeen(s)).toBe(true);
  });

  it('opens help in place of the tour (which then counts as seen) and closes it on a second press', () => {
    openTour();
    tourStore.setState({ step: 3 });
    toggleHelp();
    expect(tourStore.getState()).toEqual({ open: 'help', step: 0 });
    expect(tourSeen(s)).toBe(true);
    toggleHelp();
    expect(tourStore.getState().open).toBe('none');
  });

  it('reopens the tour from its first step', () => {
    tourStore.setState({ open: 'none', step: 5 });
    openTour();
    expect(tourStore.getState()).toEqual({ open: 'tour', step: 0 });
  });
});
