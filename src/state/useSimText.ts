import { useCallback } from 'react';
import { useUi } from './ui';
import { simText } from '../i18n/simTexts';

/** The simulation's English sentences (a refusal, a fallback reason, a warning) in the page's language. */
export function useSimText(): (text: string) => string {
  const lang = useUi((s) => s.lang);
  return useCallback((text: string) => simText(text, lang), [lang]);
}
