import type { Writable } from 'node:stream';
import { TIER_STEP_MS, type HistorianStore, type Point, type Retention, type Tier } from './types';

// Reading history back: the tier chosen by the range asked for (fine for an hour, 1-minute for a day,
// 1-hour for months), thinned to at most `maxPoints` per tag by grouping buckets, and a CSV export that
// pages through the store so a year of raw data never sits in memory at once.

export interface HistoryQuery {
  plant: string;
  tags: string[];
  from_ms: number;
  /** Exclusive. */
  to_ms: number;
  tier: 'auto' | Tier;
  /** At most this many points per tag (buckets are grouped to fit); default 2000 for `query`, none for CSV. */
  maxPoints?: number;
}

export interface HistoryResult {
  plant: string;
  from_ms: number;
  to_ms: number;
  tier: Tier;
  /** Width of the grouped buckets when thinned to maxPoints, ms; null: the tier's own points. */
  step_ms: number | null;
  series: Record<string, Point[]>;
}

export const DEFAULT_MAX_POINTS = 2000;
/** Ranges up to this read raw samples when `auto`. */
const RAW_SPAN_MS = 2 * 3_600_000;
const PAGE = 10_000;

/** The tier `auto` picks: the finest that has data that old and fits maxPoints (1-minute up to ~33 h). */
export function pickTier(
  q: Pick<HistoryQuery, 'from_ms' | 'to_ms' | 'tier'>,
  maxPoints: number,
  now_ms: number,
  keep: Retention,
): Tier {
  if (q.tier !== 'auto') return q.tier;
  const span = q.to_ms - q.from_ms;
  if (span <= RAW_SPAN_MS && q.from_ms >= now_ms - keep.raw_ms) return 'raw';
  if (span / TIER_STEP_MS['1m'] <= maxPoints && q.from_ms >= now_ms - keep.m1_ms) return '1m';
  return '1h';
}

/** Bucket width that brings the tier's points over the range to at most maxPoints (a multiple of the tier's step). */
function stepFor(tier: Tier, span_ms: number, maxPoints: number): number {
  const unit = TIER_STEP_MS[tier] || 1;
  return Math.max(unit, Math.ceil(span_ms / maxPoints / unit) * unit);
}

export async function query(
  store: HistorianStore,
  q: HistoryQuery,
  now_ms: number,
  keep: Retention,
): Promise<HistoryResult> {
  const maxPoints = q.maxPoints ?? DEFAULT_MAX_POINTS;
  const tier = pickTier(q, maxPoints, now_ms, keep);
  const span = q.to_ms - q.from_ms;
  const unit = TIER_STEP_MS[tier];
  // aggregates: the count is known from the range; raw: read one more than allowed to find out
  let step: number | null = unit && span / unit > maxPoints ? stepFor(tier, span, maxPoints) : null;
  const base = { plant: q.plant, tier, from_ms: q.from_ms, to_ms: q.to_ms, after_ms: null, limit: maxPoints + 1 };
  // every tag at once: one read where the back-end can (a server round trip), else side by side
  const read = (step_ms: number | null) =>
    store.pointsMany && (tier !== 'raw' || step_ms !== null)
      ? store.pointsMany({ ...base, tags: q.tags, step_ms })
      : Promise.all(q.tags.map((tag) => store.points({ ...base, tag, step_ms })));
  let all = await read(step);
  if (step === null && all.some((pts) => pts.length > maxPoints)) {
    // raw with more samples than asked for: all tags grouped alike, so they share one time base
    step = stepFor(tier, span, maxPoints);
    all = await read(step);
  }
  const series: Record<string, Point[]> = {};
  q.tags.forEach((tag, i) => (series[tag] = all[i].slice(0, maxPoints)));
  return { plant: q.plant, from_ms: q.from_ms, to_ms: q.to_ms, tier, step_ms: step, series };
}

const num = (v: number | null) => (v === null ? '' : String(v));
const csvField = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/**
 * CSV `tag,ts_iso,value,min,max,quality`, one tag after another in time order, written page by page and
 * waiting for the reader when it falls behind. Returns the number of rows written.
 */
export async function writeCsv(
  store: HistorianStore,
  q: HistoryQuery,
  now_ms: number,
  keep: Retention,
  out: Writable,
  page = PAGE,
): Promise<number> {
  const tier = pickTier(q, q.maxPoints ?? DEFAULT_MAX_POINTS, now_ms, keep);
  const step = q.maxPoints ? stepFor(tier, q.to_ms - q.from_ms, q.maxPoints) : null;
  const write = (s: string) =>
    out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r()));
  await write('tag,ts_iso,value,min,max,quality\n');
  let rows = 0;
  for (const tag of q.tags) {
    let after: number | null = null;
    for (;;) {
      const pts = await store.points({ ...q, tag, tier, step_ms: step, after_ms: after, limit: page });
      if (!pts.length) break;
      const t = csvField(tag);
      await write(
        pts
          .map((p) => `${t},${new Date(p.ts_ms).toISOString()},${num(p.v)},${num(p.min)},${num(p.max)},${p.q}\n`)
          .join(''),
      );
      rows += pts.length;
      after = pts[pts.length - 1].ts_ms;
      if (pts.length < page) break;
    }
  }
  return rows;
}
