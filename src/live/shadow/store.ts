import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ShadowReport } from '../../protocol/workerApi';
import { FLAG_NO_DATA, FLAG_UNCERTAIN } from './residuals';

// The shadow model's slow state for the views: one row per output tag with its measured, model and residual
// values and its 24 h score. Set a few times a second (each time the page pushes measured samples to the
// shadow), never per frame or per sample; React reads it through useStore with a selector.

export interface ShadowRow {
  /** Plant tag, `<equipment>.<quantity>`. */
  tag: string;
  /** The plant tag's unit (src/sim/tags.ts). */
  unit: string;
  /** The latest measured value, NaN before the first. */
  measured: number;
  /** The shadow model's value now. */
  model: number;
  /** The latest measured value − the model's value at that sample's time; NaN before the first. */
  residual: number;
  /** RMS of the residual over the last 24 h of trusted samples (NaN when none). */
  rms: number;
  /** Pearson correlation of measured and model over the last 24 h (NaN with no variation or < 2 samples). */
  corr: number;
  /** Trusted samples in the 24 h window. */
  n: number;
  /** The latest residual is uncertain: its measurement, or an input the output depends on, is not good. */
  uncertain: boolean;
  /** No measurement of this tag has arrived (the mapping does not cover it, or not yet). */
  noData: boolean;
}

export interface ShadowState {
  /** waiting: for the first live snapshot; running: the shadow follows the plant; failed: see `error`. */
  status: 'waiting' | 'running' | 'failed';
  /** Why the shadow could not start or stopped, or null. */
  error: string | null;
  /** Source time of the live snapshot the shadow started from, ms since epoch; null before it started. */
  t0_ms: number | null;
  /** The shadow's time now, as source time (ms since epoch); null before it started. */
  now_ms: number | null;
  /** One row per output tag, in the shadow's output order. */
  rows: ShadowRow[];
  /** Tag → index in rows. */
  index: Readonly<Record<string, number>>;
}

export type ShadowStore = StoreApi<ShadowState>;

export function createShadowStore(): ShadowStore {
  return createStore<ShadowState>(() => ({
    status: 'waiting',
    error: null,
    t0_ms: null,
    now_ms: null,
    rows: [],
    index: {},
  }));
}

/** The rows of a report (outputs and units in the report's order). */
export function rowsOf(r: ShadowReport, outputs: readonly string[], units: readonly string[]): ShadowRow[] {
  return outputs.map((tag, k) => ({
    tag,
    unit: units[k],
    measured: r.measured[k],
    model: r.model[k],
    residual: r.measured[k] - r.model[k],
    rms: r.rms[k],
    corr: r.corr[k],
    n: r.n[k],
    uncertain: (r.flags[k] & FLAG_UNCERTAIN) !== 0,
    noData: (r.flags[k] & FLAG_NO_DATA) !== 0,
  }));
}

/**
 * Order for "worst first": rows without a score last; then by RMS relative to the tag's typical scale
 * (so 2 K on a temperature and 0.2 m on a level compare), then by correlation, lowest first.
 */
export function worstFirst(a: ShadowRow, b: ShadowRow): number {
  const sa = badness(a);
  const sb = badness(b);
  if (sa !== sb) return sb - sa;
  return a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0;
}

function badness(r: ShadowRow): number {
  if (!(r.n > 0)) return Number.NEGATIVE_INFINITY;
  const corrPenalty = Number.isFinite(r.corr) ? 1 - r.corr : 0;
  return r.rms / (Math.abs(r.measured) + 1) + corrPenalty;
}
