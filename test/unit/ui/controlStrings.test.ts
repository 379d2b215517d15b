import { describe, expect, it } from 'vitest';
import { controlEn, controlTh } from '../../../src/i18n/control';
import { dictionaries } from '../../../src/i18n/strings';

// Acronyms and unit-only labels read the same in both languages; everything else is translated.
const SAME_IN_BOTH = new Set(['mpc', 'ctl.mpc', 'ctl.farmMpc', 'ctl.farmPi']);

describe('advanced control strings', () => {
  it('has every English string in Thai, translated, and both in the page dictionaries', () => {
    expect(Object.keys(controlTh).sort()).toEqual(Object.keys(controlEn).sort());
    for (const [k, en] of Object.entries(controlEn)) {
      const th = controlTh[k as keyof typeof controlEn];
      expect(th.trim(), k).not.toBe('');
      if (!SAME_IN_BOTH.has(k)) expect(th, k).not.toBe(en);
      expect(dictionaries.en[k as keyof typeof controlEn]).toBe(en);
      expect(dictionaries.th[k as keyof typeof controlEn]).toBe(th);
    }
  });
});
