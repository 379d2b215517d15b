import type { TrendPoint } from './trend';

// Tag histories as the predictive checks read them: one sample list per tag, times in ms since the epoch
// (the historian's and the live stream's time base), values in the tag's engineering unit.

export interface Sample {
  t_ms: number;
  v: number;
}

/** Where a check reads a tag's history from (the historian, a live ring, a test's recording). */
export type SeriesSource = (tag: string) => readonly Sample[];

/**
 * The values of several tags at the times of the first one: each other tag's latest sample at or before that
 * time, if no older than maxAge_ms (else the row is dropped: a tag that stopped reporting is not held for ever).
 */
export function align(series: readonly (readonly Sample[])[], maxAge_ms: number): { t_ms: number; v: number[] }[] {
  const [base, ...rest] = series;
  if (!base) return [];
  const idx = rest.map(() => 0);
  const out: { t_ms: number; v: number[] }[] = [];
  for (const s of base) {
    const row = [s.v];
    let ok = Number.isFinite(s.v);
    for (let k = 0; k < rest.length && ok; k++) {
      const r = rest[k];
      while (idx[k] + 1 < r.length && r[idx[k] + 1].t_ms <= s.t_ms) idx[k]++;
      const q = r[idx[k]];
      if (!q || q.t_ms > s.t_ms || s.t_ms - q.t_ms > maxAge_ms || !Number.isFinite(q.v)) ok = false;
      else row.push(q.v);
    }
    if (ok) out.push({ t_ms: s.t_ms, v: row });
  }
  return out;
}

/** Floor on a bin mean's sd, as a fraction of |mean| or an absolute minimum: a quiet bin is not infinitely sure. */
export interface BinOptions {
  bin_s: number;
  /** Fewest samples a bin needs. */
  minCount?: number;
  /** Lower bound on the bin mean's sd (engineering units). */
  minSd?: number;
}

/** Means per time bin with their standard error: the points a trend is fitted to. Times in s. */
export function binMeans(samples: readonly Sample[], o: BinOptions): TrendPoint[] {
  const bins = new Map<number, { n: number; s: number; s2: number; t: number }>();
  for (const x of samples) {
    if (!Number.isFinite(x.v)) continue;
    const k = Math.floor(x.t_ms / 1000 / o.bin_s);
    const b = bins.get(k) ?? { n: 0, s: 0, s2: 0, t: 0 };
    b.n++;
    b.s += x.v;
    b.s2 += x.v * x.v;
    b.t += x.t_ms / 1000;
    bins.set(k, b);
  }
  const out: TrendPoint[] = [];
  for (const b of bins.values()) {
    if (b.n < (o.minCount ?? 3)) continue;
    const mean = b.s / b.n;
    const varS = Math.max((b.s2 - b.n * mean * mean) / (b.n - 1), 0);
    out.push({ t_s: b.t / b.n, value: mean, sd: Math.max(Math.sqrt(varS / b.n), o.minSd ?? 1e-9) });
  }
  return out.sort((p, q) => p.t_s - q.t_s);
}
