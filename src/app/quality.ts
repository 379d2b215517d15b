import type { Quality } from '../protocol/live';
import { formatValue } from './format';

/**
 * Data quality of one tag's value as every view draws it (ISA-101: a value that is not good is never shown as
 * if it were). Codes fit a Uint8Array, one per plant tag:
 * - `NONE`: no live plant (a training page): the model's value, drawn plainly;
 * - `MODEL`: live mode, but the mapping does not cover the tag: the model's value, marked as such;
 * - `GOOD` / `UNCERTAIN` / `BAD` / `STALE`: a measured value with the bridge's quality (or stale by the page's
 *   own reckoning: no update within 3× the tag's rate, or no link to the station).
 */
export const Q = { NONE: 0, MODEL: 1, GOOD: 2, UNCERTAIN: 3, BAD: 4, STALE: 5 } as const;
export type QualityCode = (typeof Q)[keyof typeof Q];

const FROM_WIRE: Record<Quality, QualityCode> = { good: Q.GOOD, uncertain: Q.UNCERTAIN, bad: Q.BAD, stale: Q.STALE };
export const qualityCode = (q: Quality): QualityCode => FROM_WIRE[q];

/** The CSS class suffix of each code (`q-bad` …): styles.css and live.css draw them alike in every view. */
export const QUALITY_CLASS = ['', 'model', 'good', 'uncertain', 'bad', 'stale'] as const;

/** Whether a code means the value must not be read as a good measurement. */
export const notGood = (c: number): boolean => c === Q.UNCERTAIN || c === Q.BAD || c === Q.STALE;

/** What a view needs to know of one tag's quality, read by tag index (src/live's tag state implements it). */
export interface QualityReader {
  /** The quality code now (stale by age included). */
  code(i: number): QualityCode;
  /** The live value (NaN when the source never gave one); meaningful when code ≥ GOOD. */
  value(i: number): number;
  /** Why not good, or undefined. */
  reason(i: number): string | undefined;
  /** Seconds since the source took the value (NaN before the first). */
  age_s(i: number): number;
}

/** Short markers drawn after a non-good value; the words come from i18n (`quality.*`). */
export type MarkerKey = 'quality.model' | 'quality.uncertain' | 'quality.bad' | 'quality.stale';
const MARKER: Record<number, MarkerKey | undefined> = {
  [Q.MODEL]: 'quality.model',
  [Q.UNCERTAIN]: 'quality.uncertain',
  [Q.BAD]: 'quality.bad',
  [Q.STALE]: 'quality.stale',
};

export interface QualityText {
  /** The number as text ('—' when there is none). */
  text: string;
  /** Marker key (i18n) or null for a good / plain value. */
  marker: MarkerKey | null;
  /** `q-bad` …, '' for a plain value. */
  className: string;
  /** The value is struck through (it may be wrong: bad or stale). */
  struck: boolean;
}

/**
 * The text, marker and style of a value with its quality: every view (HMI, faceplate, 3D and VR labels, the
 * data-quality panel) formats through here so that a bad value looks the same everywhere.
 */
export function formatQuality(v: number, unit: string, code: number): QualityText {
  const text = formatValue(v, unit);
  if (code === Q.NONE || code === Q.GOOD) return { text, marker: null, className: '', struck: false };
  return {
    text,
    marker: MARKER[code] ?? null,
    className: `q-${QUALITY_CLASS[code] ?? 'bad'}`,
    struck: code === Q.BAD || code === Q.STALE,
  };
}

/** "3 s", "4 min", "2 h", "5 d": how old a value is, for the data-quality panel and labels. */
export function formatAge(age_s: number): string {
  if (!Number.isFinite(age_s)) return '—';
  const a = Math.max(0, age_s);
  if (a < 90) return `${Math.round(a)} s`;
  if (a < 5400) return `${Math.round(a / 60)} min`;
  if (a < 172_800) return `${Math.round(a / 3600)} h`;
  return `${Math.round(a / 86400)} d`;
}
