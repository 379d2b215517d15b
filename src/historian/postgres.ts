import pg from 'pg';
import { BucketFold, pointsSql } from './buckets';
import { mergeBuckets, migrate } from './postgresSchema';
import { toEvent, toPoint } from './sqlite';
import {
  eventKey,
  rowsOf,
  type Entry,
  type HistorianStore,
  type Point,
  type PointsRequest,
  type PruneResult,
  type Retention,
  type StoredEvent,
  type WriteResult,
} from './types';

// The historian in PostgreSQL (`--historian postgres://…`), for a site with many plants. The same tables as
// SQLite under one schema (default `historian`); a write is one transaction of a few array statements.
// While the server is down every call rejects, and the ingest spools; the pool reconnects by itself.

const TABLES = { raw: 'raw', '1m': 'agg_1m', '1h': 'agg_1h' } as const;
const PRUNE_CHUNK = 5000;
const INT8 = 20;

export interface PostgresOptions {
  /** Schema holding the tables (created if missing); default `historian`. */
  schema?: string;
  /** Per-query timeout, ms, so a server that stopped answering fails the write instead of hanging it. */
  timeout_ms?: number;
}

export class PostgresStore implements HistorianStore {
  readonly kind = 'postgres';
  private series = new Map<string, number>();
  private readonly s: string;

  private constructor(
    private readonly pool: pg.Pool,
    schema: string,
  ) {
    this.s = schema;
  }

  static async open(url: string, opts: PostgresOptions = {}): Promise<PostgresStore> {
    const schema = opts.schema ?? 'historian';
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`historian schema "${schema}": use a-z, 0-9, _`);
    const timeout = opts.timeout_ms ?? 15_000;
    const pool = new pg.Pool({
      connectionString: url,
      max: 4,
      connectionTimeoutMillis: timeout,
      query_timeout: timeout,
      // a thinned read groups ~1M rows: with the default 4 MB it sorts them on disk (external merge), with 32 MB
      // and the table's statistics it hashes the buckets in memory (≈1.7× faster); JIT costs ~100 ms, gains nothing
      options: '-c work_mem=32MB -c jit=off',
      // bigint columns (ts_ms, counts) are well inside 2^53: read them as numbers, not strings
      types: {
        getTypeParser: ((oid: number, fmt?: 'text') =>
          oid === INT8 ? Number : pg.types.getTypeParser(oid, fmt)) as typeof pg.types.getTypeParser,
      },
    });
    // a server restart ends idle connections: the pool drops them and the next call reconnects
    pool.on('error', () => {});
    const st = new PostgresStore(pool, schema);
    try {
      await st.migrate();
    } catch (e) {
      await pool.end();
      throw e;
    }
    return st;
  }

  private async migrate(): Promise<void> {
    await this.tx((c) => migrate(c, this.s));
  }

  private async tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const c = await this.pool.connect();
    // the server going away mid-transaction: the query in flight rejects, this only keeps the event handled
    const onError = () => {};
    c.on('error', onError);
    try {
      await c.query('BEGIN');
      const out = await fn(c);
      await c.query('COMMIT');
      return out;
    } catch (e) {
      await c.query('ROLLBACK').catch(() => {});
      throw e;
    } finally {
      c.off('error', onError);
      c.release();
    }
  }

  private async seriesIds(c: pg.PoolClient, keys: Map<string, [string, string]>): Promise<void> {
    const missing = [...keys].filter(([k]) => !this.series.has(k)).map(([, v]) => v);
    if (!missing.length) return;
    const plants = missing.map((m) => m[0]);
    const tags = missing.map((m) => m[1]);
    await c.query(
      `INSERT INTO ${this.s}.series (plant, tag) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING`,
      [plants, tags],
    );
    const r = await c.query<{ id: number; plant: string; tag: string }>(
      `SELECT s.id, s.plant, s.tag FROM ${this.s}.series s
       JOIN unnest($1::text[], $2::text[]) AS k (plant, tag) ON s.plant = k.plant AND s.tag = k.tag`,
      [plants, tags],
    );
    for (const row of r.rows) this.series.set(`${row.plant}\u0000${row.tag}`, row.id);
  }

  async write(entries: readonly Entry[]): Promise<WriteResult> {
    const { rows, events } = rowsOf(entries);
    const keys = new Map<string, [string, string]>();
    for (const r of rows) keys.set(`${r.plant}\u0000${r.tag}`, [r.plant, r.tag]);
    try {
      return await this.tx(async (c) => {
        await this.seriesIds(c, keys);
        const ids = rows.map((r) => this.series.get(`${r.plant}\u0000${r.tag}`)!);
        const ins = rows.length
          ? await c.query<{ i: number }>(
              `INSERT INTO ${this.s}.raw (series, ts_ms, v, q, reason)
               SELECT * FROM unnest($1::int[], $2::int8[], $3::float8[], $4::int2[], $5::text[])
               ON CONFLICT DO NOTHING RETURNING series, ts_ms`,
              [ids, rows.map((r) => r.ts_ms), rows.map((r) => r.v), rows.map((r) => r.q), rows.map((r) => r.reason)],
            )
          : { rows: [] as { series: number; ts_ms: number }[] };
        // fold only the rows that went in: a duplicate must not count twice in the tiers
        const fresh = new Set(
          (ins.rows as unknown as { series: number; ts_ms: number }[]).map((x) => `${x.series}:${x.ts_ms}`),
        );
        const m1 = new BucketFold(60_000);
        const h1 = new BucketFold(3_600_000);
        let inserted = 0;
        rows.forEach((r, i) => {
          const k = `${ids[i]}:${r.ts_ms}`;
          if (!fresh.delete(k)) return; // a duplicate, or a second copy inside this batch
          inserted++;
          m1.add(ids[i], r);
          h1.add(ids[i], r);
        });
        for (const [table, fold] of [
          ['agg_1m', m1],
          ['agg_1h', h1],
        ] as const)
          await mergeBuckets(c, this.s, table, fold);
        let nev = 0;
        if (events.length) {
          const col = <K extends keyof StoredEvent>(k: K) => events.map((e) => e[k] ?? null);
          const r = await c.query(
            `INSERT INTO ${this.s}.events (plant, key, ts_ms, kind, source, tag, by_whom, text)
             SELECT * FROM unnest($1::text[], $2::text[], $3::int8[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
             ON CONFLICT DO NOTHING`,
            [
              col('plant'),
              events.map(eventKey),
              col('ts_ms'),
              col('kind'),
              col('source'),
              col('tag'),
              col('by'),
              col('text'),
            ],
          );
          nev = r.rowCount ?? 0;
        }
        return { inserted, duplicates: rows.length - inserted, events: nev };
      });
    } catch (e) {
      this.series.clear(); // ids made inside the rolled-back transaction are gone
      throw e;
    }
  }

  async points(r: PointsRequest): Promise<Point[]> {
    let id = this.series.get(`${r.plant}\u0000${r.tag}`);
    if (id === undefined) {
      const idr = await this.pool.query<{ id: number }>(
        `SELECT id FROM ${this.s}.series WHERE plant = $1 AND tag = $2`,
        [r.plant, r.tag],
      );
      if (!idr.rows.length) return [];
      id = idr.rows[0].id;
      this.series.set(`${r.plant}\u0000${r.tag}`, id); // ids never change once made
    }
    const grouped = r.step_ms !== null;
    const names = grouped ? ['series', 'lo', 'hi', 'limit', 'from', 'step'] : ['series', 'lo', 'hi', 'limit'];
    const sql = pointsSql(
      `${this.s}.${TABLES[r.tier]}`,
      r.tier === 'raw' ? 'raw' : 'agg',
      grouped,
      (n) => `$${names.indexOf(n) + 1}::int8`,
      (a, b) => `((${a}) / ${b})`,
    );
    const lo = r.after_ms === null ? r.from_ms : r.after_ms + (r.step_ms ?? 1);
    const params = [id, lo, r.to_ms, r.limit];
    if (grouped) params.push(r.from_ms, r.step_ms!);
    const res = await this.pool.query(sql, params);
    return res.rows.map((p) => toPoint({ ...p, q: Number(p.q), n: Number(p.n) }));
  }

  async pointsMany(r: Omit<PointsRequest, 'tag' | 'limit' | 'after_ms'> & { tags: string[] }): Promise<Point[][]> {
    const missing = r.tags.filter((t) => !this.series.has(`${r.plant}\u0000${t}`));
    if (missing.length) {
      const found = await this.pool.query<{ id: number; tag: string }>(
        `SELECT id, tag FROM ${this.s}.series WHERE plant = $1 AND tag = ANY($2::text[])`,
        [r.plant, missing],
      );
      for (const row of found.rows) this.series.set(`${r.plant}\u0000${row.tag}`, row.id);
    }
    const ids = r.tags.map((t) => this.series.get(`${r.plant}\u0000${t}`) ?? -1);
    const grouped = r.step_ms !== null;
    const names = grouped ? ['ids', 'lo', 'hi', 'from', 'step'] : ['ids', 'lo', 'hi'];
    const sql = pointsSql(
      `${this.s}.${TABLES[r.tier]}`,
      r.tier === 'raw' ? 'raw' : 'agg',
      grouped,
      (n) => `$${names.indexOf(n) + 1}::int8`,
      (a, b) => `((${a}) / ${b})`,
      'series = ANY($1::int[])',
    );
    const params: unknown[] = [ids, r.from_ms, r.to_ms];
    if (grouped) params.push(r.from_ms, r.step_ms);
    const res = await this.pool.query(sql, params);
    const by = new Map<number, Point[]>(ids.map((id) => [id, []]));
    for (const p of res.rows) by.get(p.series)?.push(toPoint({ ...p, q: Number(p.q), n: Number(p.n) }));
    return ids.map((id) => by.get(id)!);
  }

  async events(plant: string, from_ms: number, to_ms: number, limit: number): Promise<StoredEvent[]> {
    const r = await this.pool.query(
      `SELECT plant, ts_ms, kind, source, tag, by_whom AS "by", text FROM ${this.s}.events
       WHERE plant = $1 AND ts_ms >= $2 AND ts_ms < $3 ORDER BY ts_ms LIMIT $4`,
      [plant, from_ms, to_ms, limit],
    );
    return r.rows.map(toEvent);
  }

  async tags(plant: string): Promise<string[]> {
    const r = await this.pool.query<{ tag: string }>(`SELECT tag FROM ${this.s}.series WHERE plant = $1 ORDER BY tag`, [
      plant,
    ]);
    return r.rows.map((x) => x.tag);
  }

  async prune(now_ms: number, keep: Retention): Promise<PruneResult> {
    const out: PruneResult = { raw: 0, m1: 0, h1: 0, events: 0 };
    const ids = (await this.pool.query<{ id: number }>(`SELECT id FROM ${this.s}.series`)).rows.map((r) => r.id);
    const tiers: [keyof PruneResult, string, number][] = [
      ['raw', 'raw', keep.raw_ms],
      ['m1', 'agg_1m', keep.m1_ms],
      ['h1', 'agg_1h', keep.h1_ms],
    ];
    for (const [k, table, ms] of tiers)
      for (const id of ids)
        for (;;) {
          const r = await this.pool.query(
            `DELETE FROM ${this.s}.${table} WHERE series = $1 AND ts_ms IN
               (SELECT ts_ms FROM ${this.s}.${table} WHERE series = $1 AND ts_ms < $2 ORDER BY ts_ms LIMIT ${PRUNE_CHUNK})`,
            [id, now_ms - ms],
          );
          out[k] += r.rowCount ?? 0;
          if ((r.rowCount ?? 0) < PRUNE_CHUNK) break;
        }
    const ev = await this.pool.query(`DELETE FROM ${this.s}.events WHERE ts_ms < $1`, [now_ms - keep.events_ms]);
    out.events = ev.rowCount ?? 0;
    return out;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
