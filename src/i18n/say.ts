import { dictionaries, type Lang, type StringKey } from './strings';

// Filling a worded template ("Set {tag} to {value} °C") in one language. Kept apart from React so the
// debrief's wording, history and certificate are pure functions a unit test can call in either language.

export type Vars = Record<string, string | number>;
export type Say = (key: StringKey, vars?: Vars) => string;

/** A template filler for a language; a slot with no value stays visible ({tag}) so a test sees it. */
export function sayIn(lang: Lang): Say {
  const dict = dictionaries[lang];
  return (key, vars = {}) => dict[key].replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

/** A fraction 0..1 as a whole percentage. */
export const pct = (frac: number): number => Math.round(frac * 100);

/** A number as an operator would write it: whole where it is whole, else one decimal. */
export function num(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
}
