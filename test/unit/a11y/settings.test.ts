import { afterEach, describe, expect, it, vi } from 'vitest';
import { A11Y_DEFAULTS, A11Y_STORAGE_KEY, a11yStore, loadA11y, setA11y, validateA11y } from '../../../src/state/a11y';
import { arrowTarget } from '../../../src/ui/a11y/roving';

function memoryStorage(init: Record<string, string> = {}) {
  const m = new Map(Object.entries(init));
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), m };
}

afterEach(() => {
  vi.unstubAllGlobals();
  a11yStore.setState({ ...A11Y_DEFAULTS });
});

describe('accessibility settings', () => {
  it('keep every valid field and default every other', () => {
    expect(validateA11y({ palette: 'cividis', textScale: 1.5, captions: true })).toEqual({
      palette: 'cividis',
      textScale: 1.5,
      captions: true,
    });
    expect(validateA11y({ palette: 'rainbow', textScale: 1.5, captions: 'yes' })).toEqual({
      palette: 'standard',
      textScale: 1.5,
      captions: false,
    });
    expect(validateA11y({ textScale: 3 }).textScale).toBe(1);
    expect(validateA11y({ textScale: '1.25' }).textScale).toBe(1);
    for (const junk of [null, undefined, 42, 'cividis', [], [1, 2]]) expect(validateA11y(junk)).toEqual(A11Y_DEFAULTS);
  });

  it('load from storage, validated; unreadable, empty or refused storage gives the defaults', () => {
    const good = memoryStorage({ [A11Y_STORAGE_KEY]: JSON.stringify({ palette: 'cividis', captions: true }) });
    expect(loadA11y(good)).toEqual({ palette: 'cividis', textScale: 1, captions: true });
    expect(loadA11y(memoryStorage({ [A11Y_STORAGE_KEY]: '{not json' }))).toEqual(A11Y_DEFAULTS);
    expect(loadA11y(memoryStorage())).toEqual(A11Y_DEFAULTS);
    const refusing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
    };
    expect(loadA11y(refusing)).toEqual(A11Y_DEFAULTS);
    expect(loadA11y(undefined)).toEqual(A11Y_DEFAULTS);
  });

  it('a change is validated, kept in the store and saved for the next visit', () => {
    const s = memoryStorage();
    vi.stubGlobal('localStorage', s);
    setA11y({ palette: 'cividis', textScale: 1.25 });
    expect(a11yStore.getState()).toEqual({ palette: 'cividis', textScale: 1.25, captions: false });
    expect(loadA11y(s)).toEqual({ palette: 'cividis', textScale: 1.25, captions: false });
    setA11y({ textScale: 7 as never });
    expect(a11yStore.getState().textScale).toBe(1);
    expect(JSON.parse(s.m.get(A11Y_STORAGE_KEY)!)).toEqual({ palette: 'cividis', textScale: 1, captions: false });
  });
});

describe('arrow keys in a row of controls', () => {
  it('move to the neighbour, wrap at the ends, Home and End to the ends; other keys do not move', () => {
    expect(arrowTarget('ArrowRight', 0, 4)).toBe(1);
    expect(arrowTarget('ArrowRight', 3, 4)).toBe(0);
    expect(arrowTarget('ArrowLeft', 0, 4)).toBe(3);
    expect(arrowTarget('ArrowDown', 1, 4)).toBe(2);
    expect(arrowTarget('ArrowUp', 1, 4)).toBe(0);
    expect(arrowTarget('Home', 2, 4)).toBe(0);
    expect(arrowTarget('End', 0, 4)).toBe(3);
    expect(arrowTarget('Enter', 1, 4)).toBe(-1);
    expect(arrowTarget('ArrowRight', 0, 0)).toBe(-1);
  });
});
