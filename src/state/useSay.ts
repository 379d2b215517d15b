import { useMemo } from 'react';
import { useUi } from './ui';
import { sayIn, type Say } from '../i18n/say';

/** The page language's template filler ("{n} days" → "30 วัน"), renewed when the language changes. */
export function useSay(): Say {
  const lang = useUi((s) => s.lang);
  return useMemo(() => sayIn(lang), [lang]);
}
