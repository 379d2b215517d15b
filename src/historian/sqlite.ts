import Database from 'better-sqlite3';
import { BucketFold, MERGE_SET, pointsSql } from './buckets';
import {
  eventKey,
  QUALITY_RANK,
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

// The embedded historian: one SQLite file in the station's data folder (WAL, so a query or an online
// backup reads while ingest writes). Series (plant, tag) are numbered once; raw, 1-minute and 1-hour rows
// are keyed by (series, ts_ms), so a replayed sample is recognised and skipped.

const AGG_COLUMNS = `series INTEGER NOT NULL, ts_ms INTEGER NOT NULL, n INTEGER NOT NULL, nv INTEGER NOT NULL,
  vsum REAL NOT NULL, vmin REAL, vmax REAL, last_ts INTEGER NOT NULL, last_v REAL, q INTEGER NOT NULL,
  PRIMARY KEY (series, ts_ms)`;

/** Schema versions in order; a database is brought forward from its `user_version` on open. */
const MIGRATIONS = [
  `CREATE TABLE series (id INTEGER PRIMARY KEY, plant TEXT NOT NULL, tag TEXT NOT NULL, UNIQUE (plant, tag));
   CREATE TABLE raw (series INTEGER NOT NULL, ts_ms INTEGER NOT NULL, v REAL, q INTEGER NOT NULL, reason TEXT,
     PRIMARY KEY (series, ts_ms)) WITHOUT ROWID;
   CREATE TABLE agg_1m (${AGG_COLUMNS}) WITHOUT ROWID;
   CREATE TABLE agg_1h (${AGG_COLUMNS}) WITHOUT ROWID;
   CREATE TABLE events (plant TEXT NOT NULL, key TEXT NOT NULL, ts_ms INTEGER NOT NULL, kind TEXT NOT NULL,
     source TEXT, tag TEXT, by_whom TEXT, text TEXT NOT NULL, PRIMARY KEY (plant, key));
   CREATE INDEX events_by_time ON events (plant, ts_ms);`,
];
export const SQLITE_SCHEMA_VERSION = MIGRATIONS.length;

const TABLES = { raw: 'raw', '1m': 'agg_1m', '1h': 'agg_1h' } as const;
const PRUNE_CHUNK = 5000;

function migrate(db: Database.Database): void {
  const at = db.pragma('user_version', { simple: true }) as number;
  if (at > MIGRATIONS.length)
    throw new Error(`historian database is schema version ${at}, newer than this program's ${MIGRATIONS.length}`);
  db.transaction(() => {
    for (let v = at; v < MIGRATIONS.length; v++) db.exec(MIGRATIONS[v]);
    db.pragma(`user_version = ${MIGRATIONS.length}`);
  })();
}

type PointRow = { ts_ms: number; v: number | null; vmin: number | null; vmax: number | null; q: number; n: number };

export class SqliteStore implements HistorianStore {
  readonly kind = 'sqlite';
  private series = new Map<string, number>();
  private readonly stmt;
  private readonly pointStmts = new Map<string, Database.Statement>();

  private constructor(
    readonly db: Database.Database,
    readonly file: string,
  ) {
    const agg = (t: string) =>
      db.prepare(
        `INSERT INTO ${t} AS t (series, ts_ms, n, nv, vsum, vmin, vmax, last_ts, last_v, q)
         VALUES (@series, @ts_ms, @n, @nv, @sum, @min, @max, @last_ts, @last_v, @q)
         ON CONFLICT (series, ts_ms) DO UPDATE SET ${MERGE_SET}`,
      );
    this.stmt = {
      findSeries: db.prepare('SELECT id FROM series WHERE plant = ? AND tag = ?').pluck(),
      addSeries: db.prepare('INSERT INTO series (plant, tag) VALUES (?, ?)'),
      raw: db.prepare('INSERT INTO raw (series, ts_ms, v, q, reason) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING'),
      m1: agg('agg_1m'),
      h1: agg('agg_1h'),
      event: db.prepare(
        `INSERT INTO events (plant, key, ts_ms, kind, source, tag, by_whom, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT DO NOTHING`,
      ),
      events: db.prepare(
        `SELECT plant, ts_ms, kind, source, tag, by_whom AS "by", text FROM events
         WHERE plant = ? AND ts_ms >= ? AND ts_ms < ? ORDER BY ts_ms LIMIT ?`,
      ),
      tags: db.prepare('SELECT tag FROM series WHERE plant = ? ORDER BY tag').pluck(),
      allSeries: db.prepare('SELECT id FROM series').pluck(),
    };
  }

  /** Open (creating or migrating) the database file. */
  static open(file: string): SqliteStore {
    const db = new Database(file);
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL'); // WAL + NORMAL: a power cut loses at most the last commits, never the file
      db.pragma('busy_timeout = 5000');
      migrate(db);
      return new SqliteStore(db, file);
    } catch (e) {
      db.close();
      throw e;
    }
  }

  private seriesId(plant: string, tag: string): number {
    const key = `${plant}\u0000${tag}`;
    let id = this.series.get(key);
    if (id === undefined) {
      id = (this.stmt.findSeries.get(plant, tag) as number | undefined) ?? undefined;
      if (id === undefined) id = Number(this.stmt.addSeries.run(plant, tag).lastInsertRowid);
      this.series.set(key, id);
    }
    return id;
  }

  async write(entries: readonly Entry[]): Promise<WriteResult> {
    const { rows, events } = rowsOf(entries);
    const res: WriteResult = { inserted: 0, duplicates: 0, events: 0 };
    const m1 = new BucketFold(60_000);
    const h1 = new BucketFold(3_600_000);
    const tx = this.db.transaction(() => {
      for (const r of rows) {
        const id = this.seriesId(r.plant, r.tag);
        if (this.stmt.raw.run(id, r.ts_ms, r.v, r.q, r.reason).changes === 0) {
          res.duplicates++;
          continue;
        }
        res.inserted++;
        m1.add(id, r);
        h1.add(id, r);
      }
      for (const p of m1.partials()) this.stmt.m1.run(p);
      for (const p of h1.partials()) this.stmt.h1.run(p);
      for (const e of events)
        res.events += this.stmt.event.run(
          e.plant,
          eventKey(e),
          e.ts_ms,
          e.kind,
          e.source ?? null,
          e.tag ?? null,
          e.by ?? null,
          e.text,
        ).changes;
    });
    try {
      tx();
    } catch (e) {
      this.series.clear(); // ids made inside the rolled-back transaction are gone
      throw e;
    }
    return res;
  }

  async points(r: PointsRequest): Promise<Point[]> {
    const id = this.stmt.findSeries.get(r.plant, r.tag) as number | undefined;
    if (id === undefined) return [];
    const grouped = r.step_ms !== null;
    const key = `${r.tier}:${grouped}`;
    let st = this.pointStmts.get(key);
    if (!st) {
      const sql = pointsSql(
        TABLES[r.tier],
        r.tier === 'raw' ? 'raw' : 'agg',
        grouped,
        (n) => `@${n}`,
        (a, b) => `CAST((${a}) / ${b} AS INTEGER)`,
      );
      st = this.db.prepare(sql);
      this.pointStmts.set(key, st);
    }
    const lo = r.after_ms === null ? r.from_ms : r.after_ms + (r.step_ms ?? 1);
    const params: Record<string, number> = { series: id, lo, hi: r.to_ms, limit: r.limit };
    if (grouped) Object.assign(params, { from: r.from_ms, step: r.step_ms });
    return (st.all(params) as (PointRow & { reason: string | null })[]).map((p) => toPoint(p));
  }

  async events(plant: string, from_ms: number, to_ms: number, limit: number): Promise<StoredEvent[]> {
    return (this.stmt.events.all(plant, from_ms, to_ms, limit) as Record<string, unknown>[]).map(toEvent);
  }

  async tags(plant: string): Promise<string[]> {
    return this.stmt.tags.all(plant) as string[];
  }

  async prune(now_ms: number, keep: Retention): Promise<PruneResult> {
    const out: PruneResult = { raw: 0, m1: 0, h1: 0, events: 0 };
    const ids = this.stmt.allSeries.all() as number[];
    const tiers: [keyof PruneResult, string, number][] = [
      ['raw', 'raw', keep.raw_ms],
      ['m1', 'agg_1m', keep.m1_ms],
      ['h1', 'agg_1h', keep.h1_ms],
    ];
    for (const [k, table, ms] of tiers) {
      const del = this.db.prepare(
        `DELETE FROM ${table} WHERE series = ? AND ts_ms IN
           (SELECT ts_ms FROM ${table} WHERE series = ? AND ts_ms < ? ORDER BY ts_ms LIMIT ${PRUNE_CHUNK})`,
      );
      for (const id of ids)
        for (;;) {
          const n = del.run(id, id, now_ms - ms).changes;
          out[k] += n;
          if (n < PRUNE_CHUNK) break;
          await new Promise((r) => setImmediate(r)); // let ingest in between chunks
        }
    }
    out.events = this.db.prepare('DELETE FROM events WHERE ts_ms < ?').run(now_ms - keep.events_ms).changes;
    return out;
  }

  /**
   * Online backup to `file` while ingest goes on: SQLite copies pages in steps between the event loop's
   * turns and restarts a step that a write changed, so the copy is one consistent moment.
   */
  async backup(file: string): Promise<void> {
    await this.db.backup(file);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

export function toPoint(p: PointRow & { reason?: string | null }): Point {
  const pt: Point = { ts_ms: p.ts_ms, v: p.v, min: p.vmin, max: p.vmax, q: QUALITY_RANK[p.q] ?? 'bad', n: p.n };
  if (p.reason) pt.reason = p.reason;
  return pt;
}

export function toEvent(r: Record<string, unknown>): StoredEvent {
  const e: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(r)) if (v !== null) e[k] = v;
  return e as unknown as StoredEvent;
}
