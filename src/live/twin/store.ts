import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AdvisoryList, EstimateCatalog, EstimateTag, TagSample } from '../../protocol/live';
import type { Advisory } from '../../diagnose/anomaly';

// The live twin's data in the page: the estimate tags the station's twin service publishes (its retained
// catalog) and their latest values with standard deviations (its batches on the live `tags` topic). One
// store per live connection, made by the LiveClient and reached through the plant connection's context
// (useTwin); the twin features' panels keep their own state beside it.

/** One estimate as the views show it. */
export interface TwinEstimate {
  /** Value in the catalog's unit; null while there is none (before the first step, or a restarted filter). */
  v: number | null;
  /** Its standard deviation; null with the value. */
  sd: number | null;
  /** Source time of the filter step it comes from, ms since epoch. */
  ts_ms: number;
  /** Good, or bad with the reason (a filter that restarted). */
  q: TagSample['q'];
  reason?: string;
}

export interface TwinState {
  /** The estimate tags the service publishes (`TK-101.est.fouling`), with unit and description, by tag. */
  tags: Record<string, EstimateTag>;
  /** The latest estimate per estimate tag (its `_sd` companion folded in as `sd`). */
  estimates: Record<string, TwinEstimate>;
  /** Source time of the service's last filter step, ms since epoch; null before the first. */
  updated_ms: number | null;
  /** Source seconds between filter steps; null before the catalog arrives. */
  cadence_s: number | null;
  /** Estimate batches taken, and batches missed (gaps in the service's own `seq`). */
  batches: number;
  lostBatches: number;
  /** The anomaly detection's active advisories (the alarm list shows them as their own class). */
  advisories: Advisory[];
}

export type TwinStore = StoreApi<TwinState>;

export function createTwinStore(): TwinStore {
  return createStore<TwinState>(() => ({
    tags: {},
    estimates: {},
    updated_ms: null,
    cadence_s: null,
    batches: 0,
    lostBatches: 0,
    advisories: [],
  }));
}

/** A gap in an evidence trend travels as null (JSON has no NaN): back to NaN for the charts. */
const nan = <T>(xs: T[]): T[] => xs.map((x) => (x === null ? Number.NaN : x)) as T[];
function revive(e: AdvisoryList['active'][number]['evidence']): Advisory['evidence'] {
  return {
    ...e,
    t_s: nan(e.t_s),
    residual: nan(e.residual),
    sd: nan(e.sd),
    stat: nan(e.stat),
    ewma: nan(e.ewma),
    cusumLimit: e.cusumLimit ?? Number.NaN,
    ewmaLimit: e.ewmaLimit ?? Number.NaN,
  } as Advisory['evidence'];
}

/** The service's list of active advisories (retained: the full list each time). */
export function applyAdvisories(store: TwinStore, list: AdvisoryList): void {
  store.setState({
    advisories: list.active.map((a) => ({ ...a, evidence: revive(a.evidence), related: a.related.map(revive) })),
  });
}

/** Fold samples into estimates: a value sample and its `_sd` sample land in one entry; older never replaces newer. */
function fold(prev: Record<string, TwinEstimate>, samples: readonly TagSample[]): Record<string, TwinEstimate> {
  const next = { ...prev };
  for (const s of samples) {
    const sd = s.tag.endsWith('_sd');
    const tag = sd ? s.tag.slice(0, -3) : s.tag;
    const cur = next[tag];
    if (cur && s.ts_ms < cur.ts_ms) continue;
    const base: TwinEstimate = cur && cur.ts_ms === s.ts_ms ? cur : { v: null, sd: null, ts_ms: s.ts_ms, q: s.q };
    const v = s.v !== null && Number.isFinite(s.v) ? s.v : null;
    const bad = s.q !== 'good' || v === null;
    next[tag] = {
      ...base,
      ...(sd ? { sd: v } : { v }),
      q: bad ? s.q : base.q,
      ...(bad && s.reason && { reason: s.reason }),
    };
  }
  return next;
}

/** The catalog (retained): which tags exist, and their latest values for a page that just joined. */
export function applyCatalog(store: TwinStore, c: EstimateCatalog): void {
  store.setState((s) => ({
    tags: Object.fromEntries(c.tags.map((t) => [t.tag, t])),
    estimates: fold(s.estimates, c.latest),
    updated_ms: c.updated_ms,
    cadence_s: c.cadence_s,
  }));
}

/** The service's batch of estimate samples. */
export function applyEstimates(store: TwinStore, samples: readonly TagSample[], lost: number): void {
  let ts = -Infinity;
  for (const x of samples) ts = Math.max(ts, x.ts_ms);
  store.setState((s) => ({
    estimates: fold(s.estimates, samples),
    updated_ms: Number.isFinite(ts) && ts > (s.updated_ms ?? -Infinity) ? ts : s.updated_ms,
    batches: s.batches + 1,
    lostBatches: s.lostBatches + lost,
  }));
}

/** An estimate's descriptor and value for an equipment, in the catalog's order. */
export function estimatesOf(
  s: Pick<TwinState, 'tags' | 'estimates'>,
  equipment: string,
): { tag: EstimateTag; est: TwinEstimate | undefined }[] {
  return Object.values(s.tags)
    .filter((t) => t.equipment === equipment)
    .map((t) => ({ tag: t, est: s.estimates[t.tag] }));
}

/** Too uncertain to act on: the sd beyond the catalog's limit for it, or beyond a tenth of the value's size. */
export function isWide(t: EstimateTag, e: TwinEstimate | undefined): boolean {
  if (!e || e.v === null || e.sd === null) return true;
  return t.sdWide !== undefined ? e.sd > t.sdWide : e.sd > 0.1 * Math.abs(e.v);
}
