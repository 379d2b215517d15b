import type { Row } from './types';

// Roll-up maths shared by the back-ends: newly stored raw samples folded into 1-minute and 1-hour partial
// buckets, which the store merges into what it already has (min of mins, sums, the later "last", the worst
// quality). Only samples actually inserted are folded in, so a replayed sample is never counted twice.

export interface Partial {
  series: number;
  ts_ms: number;
  n: number;
  nv: number;
  sum: number;
  min: number | null;
  max: number | null;
  last_ts: number;
  last_v: number | null;
  q: number;
}

export const bucketStart = (ts_ms: number, step_ms: number): number => Math.floor(ts_ms / step_ms) * step_ms;

export class BucketFold {
  private readonly map = new Map<string, Partial>();

  constructor(readonly step_ms: number) {}

  add(series: number, r: Row): void {
    const b = bucketStart(r.ts_ms, this.step_ms);
    const key = `${series}:${b}`;
    let p = this.map.get(key);
    if (!p) {
      p = { series, ts_ms: b, n: 0, nv: 0, sum: 0, min: null, max: null, last_ts: r.ts_ms, last_v: r.v, q: 0 };
      this.map.set(key, p);
    }
    p.n++;
    if (r.v !== null) {
      p.nv++;
      p.sum += r.v;
      p.min = p.min === null || r.v < p.min ? r.v : p.min;
      p.max = p.max === null || r.v > p.max ? r.v : p.max;
    }
    if (r.ts_ms >= p.last_ts) {
      p.last_ts = r.ts_ms;
      p.last_v = r.v;
    }
    if (r.q > p.q) p.q = r.q;
  }

  partials(): IterableIterator<Partial> {
    return this.map.values();
  }
}

/** The merge of a partial into a stored bucket, the same SQL for SQLite and PostgreSQL. */
export const MERGE_SET = `n = t.n + excluded.n, nv = t.nv + excluded.nv, vsum = t.vsum + excluded.vsum,
  vmin = CASE WHEN t.vmin IS NULL OR excluded.vmin < t.vmin THEN excluded.vmin ELSE t.vmin END,
  vmax = CASE WHEN t.vmax IS NULL OR excluded.vmax > t.vmax THEN excluded.vmax ELSE t.vmax END,
  last_v = CASE WHEN excluded.last_ts >= t.last_ts THEN excluded.last_v ELSE t.last_v END,
  last_ts = CASE WHEN excluded.last_ts >= t.last_ts THEN excluded.last_ts ELSE t.last_ts END,
  q = CASE WHEN excluded.q > t.q THEN excluded.q ELSE t.q END`;

/**
 * A points query (`lo`, `hi`, `limit`, `from`, `step`, `series` are bound by the back-end). With `many`
 * the predicate on series is `many` itself (several series at once), each row starts with its series,
 * and there is no limit: for reads whose count the caller knows (aggregate tiers, grouped buckets).
 */
export function pointsSql(
  table: string,
  tier: 'raw' | 'agg',
  grouped: boolean,
  p: (name: string) => string,
  intDiv: (a: string, b: string) => string,
  many?: string,
): string {
  const where = `WHERE ${many ?? `series = ${p('series')}`} AND ts_ms >= ${p('lo')} AND ts_ms < ${p('hi')}`;
  const lead = many ? 'series, ' : '';
  const limit = many ? '' : ` LIMIT ${p('limit')}`;
  if (!grouped) {
    const cols =
      tier === 'raw'
        ? 'ts_ms, v, v AS vmin, v AS vmax, q, 1 AS n, reason'
        : 'ts_ms, CASE WHEN nv > 0 THEN vsum / nv END AS v, vmin, vmax, q, n, NULL AS reason';
    return `SELECT ${lead}${cols} FROM ${table} ${where} ORDER BY ${lead}ts_ms${limit}`;
  }
  const b = `${p('from')} + ${intDiv(`ts_ms - ${p('from')}`, p('step'))} * ${p('step')}`;
  const cols =
    tier === 'raw'
      ? 'avg(v) AS v, min(v) AS vmin, max(v) AS vmax, max(q) AS q, count(*) AS n'
      : 'CASE WHEN sum(nv) > 0 THEN sum(vsum) / sum(nv) END AS v, min(vmin) AS vmin, max(vmax) AS vmax, max(q) AS q, sum(n) AS n';
  const by = many ? '1, 2' : '1';
  return `SELECT ${lead}${b} AS ts_ms, ${cols}, NULL AS reason FROM ${table} ${where} GROUP BY ${by} ORDER BY ${by}${limit}`;
}
