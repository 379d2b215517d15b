import { describe, expect, it } from 'vitest';
import { tourEn, tourTh } from '../../../src/i18n/tour';
import { dictionaries } from '../../../src/i18n/strings';

// Names and key labels read the same in both languages; everything else is translated.
const SAME_IN_BOTH = new Set<string>();

describe('tour and help strings', () => {
  it('has every English string in Thai, translated, and both in the page dictionaries', () => {
    expect(Object.keys(tourTh).sort()).toEqual(Object.keys(tourEn).sort());
    for (const [k, en] of Object.entries(tourEn)) {
      const th = tourTh[k as keyof typeof tourEn];
      expect(th.trim(), k).not.toBe('');
      if (!SAME_IN_BOTH.has(k)) expect(th, k).not.toBe(en);
      expect(dictionaries.en[k as keyof typeof tourEn]).toBe(en);
      expect(dictionaries.th[k as keyof typeof tourEn]).toBe(th);
    }
  });

  it('keeps the step counter placeholders in both languages', () => {
    for (const s of [tourEn['tour.count'], tourTh['tour.count']]) expect(s).toMatch(/\{n\}.*\{m\}/);
  });
});
