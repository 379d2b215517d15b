import { expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import type { Quality, TagBatch, TagSample } from '../../../src/protocol/live';
import { query, writeCsv } from '../../../src/historian/query';
import { DEFAULT_RETENTION, QUALITY_RANK, type Entry, type HistorianStore } from '../../../src/historian/types';

// What every historian back-end must do, run against SQLite and PostgreSQL alike (real databases).

export const T0 = Date.UTC(2026, 0, 1); // on an hour boundary
export const MIN = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

export function batch(seq: number, samples: TagSample[]): TagBatch {
  return { sent_ms: samples[0]?.ts_ms ?? T0, seq, samples };
}

export const s = (tag: string, ts_ms: number, v: number | null, q: Quality = 'good', reason?: string): TagSample =>
  reason ? { tag, ts_ms, v, q, reason } : { tag, ts_ms, v, q };

/** Samples of `tags`, one every `every_ms` from `from_ms`, `n` each, value = index (+ 1000 × tag index). */
export function series(plant: string, tags: string[], from_ms: number, every_ms: number, n: number, per = 50): Entry[] {
  const out: Entry[] = [];
  let cur: TagSample[] = [];
  for (let i = 0; i < n; i++)
    for (let k = 0; k < tags.length; k++) {
      cur.push(s(tags[k], from_ms + i * every_ms, i + 1000 * k));
      if (cur.length === per) {
        out.push({ plant, batch: batch(out.length, cur) });
        cur = [];
      }
    }
  if (cur.length) out.push({ plant, batch: batch(out.length, cur) });
  return out;
}

async function csvOf(store: HistorianStore, q: Parameters<typeof writeCsv>[1], page?: number): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await writeCsv(store, q, T0 + DAY, DEFAULT_RETENTION, out, page);
  out.end();
  return Buffer.concat(chunks).toString('utf8');
}

export function storeContract(open: () => Promise<HistorianStore>): void {
  it('stores raw samples and rolls them into 1-minute and 1-hour buckets (min, max, avg, last, count, worst quality)', async () => {
    const st = await open();
    try {
      // two writes into the same minute, the second out of order: the buckets merge both
      await st.write([{ plant: 'p', batch: batch(0, [s('tk.level', T0 + 10_000, 4), s('tk.level', T0 + 30_000, 8)]) }]);
      await st.write([
        {
          plant: 'p',
          batch: batch(1, [
            s('tk.level', T0 + 20_000, 2, 'uncertain', 'spike'),
            s('tk.level', T0 + 50_000, null, 'bad', 'no reading'),
            s('tk.level', T0 + MIN + 1, 6),
          ]),
        },
      ]);
      const raw = await st.points({
        plant: 'p',
        tag: 'tk.level',
        tier: 'raw',
        from_ms: T0,
        to_ms: T0 + HOUR,
        step_ms: null,
        after_ms: null,
        limit: 100,
      });
      expect(raw.map((p) => [p.ts_ms - T0, p.v, p.q])).toEqual([
        [10_000, 4, 'good'],
        [20_000, 2, 'uncertain'],
        [30_000, 8, 'good'],
        [50_000, null, 'bad'],
        [MIN + 1, 6, 'good'],
      ]);
      expect(raw[1].reason).toBe('spike');
      const m1 = await st.points({
        plant: 'p',
        tag: 'tk.level',
        tier: '1m',
        from_ms: T0,
        to_ms: T0 + HOUR,
        step_ms: null,
        after_ms: null,
        limit: 100,
      });
      expect(m1).toEqual([
        { ts_ms: T0, v: 14 / 3, min: 2, max: 8, q: 'bad', n: 4 },
        { ts_ms: T0 + MIN, v: 6, min: 6, max: 6, q: 'good', n: 1 },
      ]);
      const h1 = await st.points({
        plant: 'p',
        tag: 'tk.level',
        tier: '1h',
        from_ms: T0,
        to_ms: T0 + DAY,
        step_ms: null,
        after_ms: null,
        limit: 100,
      });
      expect(h1).toEqual([{ ts_ms: T0, v: 20 / 4, min: 2, max: 8, q: 'bad', n: 5 }]);
      expect(await st.tags('p')).toEqual(['tk.level']);
      expect(await st.tags('other')).toEqual([]);
    } finally {
      await st.close();
    }
  });

  it('skips a sample it already has, and counts it once in the tiers; an event is stored once', async () => {
    const st = await open();
    try {
      const ev = { plant: 'p', event: { ts_ms: T0 + 5, kind: 'sourceDown' as const, source: 'plc1', text: 'timeout' } };
      const data: Entry[] = [{ plant: 'p', batch: batch(0, [s('a.x', T0, 1), s('a.x', T0 + 1000, 3)]) }, ev];
      expect(await st.write(data)).toEqual({ inserted: 2, duplicates: 0, events: 1 });
      // a replay of the same entries plus one new sample; a sample twice in one batch counts once too
      const again: Entry[] = [
        ...data,
        { plant: 'p', batch: batch(1, [s('a.x', T0 + 2000, 5), s('a.x', T0 + 2000, 9)]) },
      ];
      expect(await st.write(again)).toEqual({ inserted: 1, duplicates: 3, events: 0 });
      const m1 = await st.points({
        plant: 'p',
        tag: 'a.x',
        tier: '1m',
        from_ms: T0,
        to_ms: T0 + MIN,
        step_ms: null,
        after_ms: null,
        limit: 10,
      });
      expect(m1).toEqual([{ ts_ms: T0, v: 3, min: 1, max: 5, q: 'good', n: 3 }]);
      const evs = await st.events('p', T0, T0 + MIN, 10);
      expect(evs).toEqual([{ plant: 'p', ts_ms: T0 + 5, kind: 'sourceDown', source: 'plc1', text: 'timeout' }]);
    } finally {
      await st.close();
    }
  });

  it('answers a query from the tier the range calls for, thinned to maxPoints, and exports CSV', async () => {
    const st = await open();
    try {
      // 3 days of one sample a minute for two tags
      for (const e of chunked(series('p', ['t.a', 't.b'], T0, MIN, 3 * 1440, 500), 20)) await st.write(e);
      const now = T0 + 3 * DAY;
      const hour = await query(
        st,
        { plant: 'p', tags: ['t.a'], from_ms: T0, to_ms: T0 + HOUR, tier: 'auto' },
        now,
        DEFAULT_RETENTION,
      );
      expect(hour.tier).toBe('raw');
      expect(hour.series['t.a']).toHaveLength(60);
      const day = await query(
        st,
        { plant: 'p', tags: ['t.a', 't.b'], from_ms: T0, to_ms: T0 + DAY, tier: 'auto' },
        now,
        DEFAULT_RETENTION,
      );
      expect(day.tier).toBe('1m');
      expect(day.series['t.b']).toHaveLength(1440);
      expect(day.series['t.b'][0]).toMatchObject({ ts_ms: T0, v: 1000, n: 1 });
      const all = await query(
        st,
        { plant: 'p', tags: ['t.a'], from_ms: T0, to_ms: T0 + 3 * DAY, tier: 'auto' },
        now,
        DEFAULT_RETENTION,
      );
      expect(all.tier).toBe('1h');
      expect(all.series['t.a']).toHaveLength(72);
      expect(all.series['t.a'][1]).toMatchObject({ ts_ms: T0 + HOUR, v: 60 + 29.5, min: 60, max: 119, n: 60 });
      // the 1-minute tier thinned to 100 points: buckets of 44 min (a whole number of minutes)
      const thin = await query(
        st,
        { plant: 'p', tags: ['t.a'], from_ms: T0, to_ms: T0 + 3 * DAY, tier: '1m', maxPoints: 100 },
        now,
        DEFAULT_RETENTION,
      );
      expect(thin.step_ms).toBe(44 * MIN);
      expect(thin.series['t.a']).toHaveLength(99);
      expect(thin.series['t.a'][1]).toMatchObject({ ts_ms: T0 + 44 * MIN, min: 44, max: 87, n: 44, v: 65.5 });
      // raw thinned when it has more points than asked for
      const rawThin = await query(
        st,
        { plant: 'p', tags: ['t.a', 't.b'], from_ms: T0, to_ms: T0 + HOUR, tier: 'raw', maxPoints: 10 },
        now,
        DEFAULT_RETENTION,
      );
      expect(rawThin.step_ms).toBe(6 * MIN);
      expect(rawThin.series['t.a'].map((p) => p.n)).toEqual(Array(10).fill(6));
      expect(rawThin.series['t.b'][0]).toMatchObject({ min: 1000, max: 1005, v: 1002.5 });
      const csv = await csvOf(st, { plant: 'p', tags: ['t.a', 't.b'], from_ms: T0, to_ms: T0 + 3 * MIN, tier: 'raw' });
      expect(csv.split('\n')).toEqual([
        'tag,ts_iso,value,min,max,quality',
        't.a,2026-01-01T00:00:00.000Z,0,0,0,good',
        't.a,2026-01-01T00:01:00.000Z,1,1,1,good',
        't.a,2026-01-01T00:02:00.000Z,2,2,2,good',
        't.b,2026-01-01T00:00:00.000Z,1000,1000,1000,good',
        't.b,2026-01-01T00:01:00.000Z,1001,1001,1001,good',
        't.b,2026-01-01T00:02:00.000Z,1002,1002,1002,good',
        '',
      ]);
      // past the page size: every row comes, once
      const big = await csvOf(
        st,
        { plant: 'p', tags: ['t.a', 't.b'], from_ms: T0, to_ms: T0 + 3 * DAY, tier: 'raw' },
        1000,
      );
      expect(big.trim().split('\n')).toHaveLength(1 + 2 * 3 * 1440);
    } finally {
      await st.close();
    }
  });

  it('thins the 1-minute tier to the min, max, average, count and worst quality of the samples in each bucket', async () => {
    const st = await open();
    try {
      // 2 hours, a sample every 20 s (3 to a minute) with uneven values, some null, some not good
      const quals: Quality[] = ['good', 'good', 'uncertain', 'good', 'stale', 'good', 'bad'];
      const samples: TagSample[] = [];
      for (let i = 0; i < 360; i++) {
        const v = i % 11 === 5 ? null : ((i * 37) % 101) * 0.25 - 7;
        samples.push(s('f.x', T0 + i * 20_000, v, i % 13 === 0 ? quals[(i / 13) % quals.length] : 'good'));
      }
      for (const part of chunked(samples, 50)) await st.write([{ plant: 'p', batch: batch(0, part) }]);
      const from = T0 + 5 * MIN; // not on a bucket boundary of the data's own hour
      const to = T0 + 2 * HOUR;
      const r = await query(
        st,
        { plant: 'p', tags: ['f.x'], from_ms: from, to_ms: to, tier: '1m', maxPoints: 9 },
        to,
        DEFAULT_RETENTION,
      );
      expect(r.step_ms).toBe(13 * MIN);
      const byHand = new Map<number, { n: number; vs: number[]; q: number }>();
      for (const x of samples) {
        if (x.ts_ms < from || x.ts_ms >= to) continue;
        const b = from + Math.floor((x.ts_ms - from) / (13 * MIN)) * 13 * MIN;
        const e = byHand.get(b) ?? { n: 0, vs: [], q: 0 };
        e.n++;
        if (x.v !== null) e.vs.push(x.v);
        e.q = Math.max(e.q, QUALITY_RANK.indexOf(x.q));
        byHand.set(b, e);
      }
      const pts = r.series['f.x'];
      expect(pts.map((p) => p.ts_ms)).toEqual([...byHand.keys()]);
      for (const p of pts) {
        const e = byHand.get(p.ts_ms)!;
        expect(p.n).toBe(e.n);
        expect(p.min).toBe(Math.min(...e.vs));
        expect(p.max).toBe(Math.max(...e.vs));
        expect(p.v).toBeCloseTo(e.vs.reduce((a, b) => a + b, 0) / e.vs.length, 9);
        expect(p.q).toBe(QUALITY_RANK[e.q]);
      }
      expect(pts.some((p) => p.q !== 'good')).toBe(true);
    } finally {
      await st.close();
    }
  });

  it('prunes each tier after its own retention', async () => {
    const st = await open();
    try {
      for (const e of chunked(series('p', ['r.x'], T0, HOUR, 10 * 24, 500), 10)) await st.write(e);
      const keep = { raw_ms: 2 * DAY, m1_ms: 5 * DAY, h1_ms: 8 * DAY, events_ms: DAY };
      await st.write([{ plant: 'p', event: { ts_ms: T0, kind: 'bridgeStart', text: 'up' } }]);
      const now = T0 + 10 * DAY;
      const r = await st.prune(now, keep);
      expect(r).toEqual({ raw: 8 * 24, m1: 5 * 24, h1: 2 * 24, events: 1 });
      const first = async (tier: 'raw' | '1m' | '1h') =>
        (
          await st.points({
            plant: 'p',
            tag: 'r.x',
            tier,
            from_ms: 0,
            to_ms: now,
            step_ms: null,
            after_ms: null,
            limit: 1,
          })
        )[0].ts_ms;
      expect(await first('raw')).toBe(now - 2 * DAY);
      expect(await first('1m')).toBe(now - 5 * DAY);
      expect(await first('1h')).toBe(now - 8 * DAY);
      expect(await st.prune(now, keep)).toEqual({ raw: 0, m1: 0, h1: 0, events: 0 });
    } finally {
      await st.close();
    }
  });
}

export function chunked<T>(xs: T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}
