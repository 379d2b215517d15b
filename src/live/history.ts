import { z } from 'zod';
import { qualitySchema } from '../protocol/live';
import { Q, qualityCode, type QualityCode } from '../app/quality';
import type { TrendRings } from './trendRing';

// The trends' past from the station's historian (src/historian/http.ts):
//   GET <historyUrl>?plant=P&tags=a,b&from=&to=&tier=auto&maxPoints=N
//     → {plant, tier, step_ms, from_ms, to_ms, series: {tag: {ts_ms[], v[], min[], max[], q[], n[]}}}
// and its live end from the page's trend rings.

/** The ranges the trends panel offers, ms. */
export const RANGES = { '1h': 3_600_000, '1d': 86_400_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000 } as const;
export type RangeKey = keyof typeof RANGES;
/**
 * Points per tag asked of the historian: a wide trend's pixels twice over. The historian picks its tier by this
 * too (src/historian/query.ts pickTier): with 2000 a day still reads the 1-minute tier, not 24 hourly points.
 */
export const HISTORY_POINTS = 2000;

const column = z.strictObject({
  ts_ms: z.array(z.number()),
  v: z.array(z.number().nullable()),
  min: z.array(z.number().nullable()).optional(),
  max: z.array(z.number().nullable()).optional(),
  q: z.array(qualitySchema),
  n: z.array(z.number()).optional(),
});
const historySchema = z.object({
  plant: z.string(),
  tier: z.string(),
  from_ms: z.number(),
  to_ms: z.number(),
  series: z.record(z.string(), column),
});

/** One tag's points, oldest first: time (ms since epoch), value (NaN when none) and quality. */
export interface Series {
  t: number[];
  v: number[];
  q: QualityCode[];
}

export interface History {
  tier: string;
  from_ms: number;
  to_ms: number;
  series: Map<string, Series>;
}

/** Validate the historian's answer (throws naming the field); columns of unequal length are refused. */
export function parseHistory(raw: unknown): History {
  const r = historySchema.safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new Error(`history: ${i.path.join('.') || '(body)'}: ${i.message}`);
  }
  const series = new Map<string, Series>();
  for (const [tag, c] of Object.entries(r.data.series)) {
    if (c.v.length !== c.ts_ms.length || c.q.length !== c.ts_ms.length)
      throw new Error(`history: series.${tag}: columns of unequal length`);
    series.set(tag, { t: c.ts_ms, v: c.v.map((x) => x ?? Number.NaN), q: c.q.map(qualityCode) });
  }
  return { tier: r.data.tier, from_ms: r.data.from_ms, to_ms: r.data.to_ms, series };
}

export function historyRequestUrl(base: string, plant: string, tags: string[], from_ms: number, to_ms: number): string {
  const u = new URL(base);
  u.searchParams.set('plant', plant);
  u.searchParams.set('tags', tags.join(','));
  u.searchParams.set('from', String(Math.floor(from_ms)));
  u.searchParams.set('to', String(Math.ceil(to_ms)));
  u.searchParams.set('tier', 'auto');
  u.searchParams.set('maxPoints', String(HISTORY_POINTS));
  return u.toString();
}

export async function fetchHistory(
  base: string,
  plant: string,
  tags: string[],
  from_ms: number,
  to_ms: number,
  fetcher: typeof fetch = fetch,
): Promise<History> {
  const res = await fetcher(historyRequestUrl(base, plant, tags, from_ms, to_ms));
  const body = (await res.json().catch(() => ({}))) as { error?: string };
  if (!res.ok) throw new Error(body.error ?? `HTTP ${res.status}`);
  return parseHistory(body);
}

/** A tag's trend: the historian's points from `from_ms`, then the live ring's samples newer than the last. */
export function joinSeries(past: Series | undefined, rings: TrendRings | null, i: number, from_ms: number): Series {
  const out: Series = { t: [], v: [], q: [] };
  if (past)
    for (let k = 0; k < past.t.length; k++)
      if (past.t[k] >= from_ms) {
        out.t.push(past.t[k]);
        out.v.push(past.v[k]);
        out.q.push(past.q[k]);
      }
  if (rings && i >= 0) {
    const after = out.t.length ? out.t[out.t.length - 1] : from_ms - 1;
    const live = rings.since(i, after + 1);
    out.t.push(...live.t);
    out.v.push(...live.v);
    out.q.push(...live.q);
  }
  return out;
}

/** Time spans where a series is not good, [from, to) in ms, with the worst quality in each. */
export function badSpans(s: Series, end_ms: number): { from: number; to: number; q: QualityCode }[] {
  const out: { from: number; to: number; q: QualityCode }[] = [];
  for (let k = 0; k < s.t.length; k++) {
    const q = s.q[k];
    if (q === Q.GOOD || q === Q.MODEL || q === Q.NONE) continue;
    const to = k + 1 < s.t.length ? s.t[k + 1] : end_ms;
    const last = out[out.length - 1];
    if (last && last.to === s.t[k]) {
      last.to = to;
      if (q > last.q) last.q = q;
    } else out.push({ from: s.t[k], to, q });
  }
  return out;
}

/**
 * Several series on one time axis for uPlot (seconds): the union of their times; a series has `undefined`
 * where it has no point (the line joins over it) and `null` where its value is bad or stale or missing (the
 * line breaks: ISA-101, a bad stretch is never drawn as a value).
 */
export function alignSeries(list: Series[]): (number | null | undefined)[][] {
  const times = [...new Set(list.flatMap((s) => s.t))].sort((a, b) => a - b);
  const at = new Map(times.map((t, k) => [t, k]));
  const out: (number | null | undefined)[][] = [times.map((t) => t / 1000)];
  for (const s of list) {
    const col = new Array<number | null | undefined>(times.length).fill(undefined);
    for (let k = 0; k < s.t.length; k++) {
      const v = s.v[k];
      col[at.get(s.t[k])!] = s.q[k] === Q.BAD || s.q[k] === Q.STALE || !Number.isFinite(v) ? null : v;
    }
    out.push(col);
  }
  return out;
}
