import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TagSample } from '../protocol/live';
import { localPostgres, postgresMissing, takePostgresTurn } from '../historian/localPostgres';
import { PostgresStore } from '../historian/postgres';
import { query } from '../historian/query';
import { SqliteStore } from '../historian/sqlite';
import { DEFAULT_RETENTION, type Entry, type HistorianStore } from '../historian/types';

// The historian on each back-end with synthetic data in a temporary database: 30 days of one sample a
// minute for 20 tags (864,000 samples) written as the ingest writes them (batches of 200 samples, 5,000
// a transaction, rolled up as they go), then a trend's 30-day query of all 20 tags. Measures; asserts nothing.
//   historian.insert_rows_per_s.<back-end>   samples stored a second, roll-ups included
//   historian.query_30d_ms.<back-end>        30 days × 20 tags, tier auto (the 1-hour tier), median of 5
//   historian.query_30d_1m_ms.<back-end>     the same from the 1-minute tier thinned to 2,000 points a tag

type Figure = [string, number, string];
const TAGS = Array.from({ length: 20 }, (_, i) => `tank${Math.floor(i / 4) + 1}.t${i % 4}`);
const DAYS = 30;
const T0 = Date.UTC(2026, 0, 1);
const MIN = 60_000;
const PER_BATCH = 200;
const PER_TX = 25; // batches: 5,000 samples, the ingest's default

function* transactions(): Generator<Entry[]> {
  let tx: Entry[] = [];
  let cur: TagSample[] = [];
  let seq = 0;
  for (let m = 0; m < DAYS * 1440; m++)
    for (let k = 0; k < TAGS.length; k++) {
      const v = 50 + 20 * Math.sin((m / 1440) * 2 * Math.PI + k) + (m % 7) * 0.1;
      cur.push({ tag: TAGS[k], v, q: m % 997 === k ? 'uncertain' : 'good', ts_ms: T0 + m * MIN });
      if (cur.length === PER_BATCH) {
        tx.push({ plant: 'bench', batch: { sent_ms: T0 + m * MIN, seq: seq++, samples: cur } });
        cur = [];
        if (tx.length === PER_TX) {
          yield tx;
          tx = [];
        }
      }
    }
  if (cur.length) tx.push({ plant: 'bench', batch: { sent_ms: T0, seq, samples: cur } });
  if (tx.length) yield tx;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function measure(name: string, store: HistorianStore): Promise<Figure[]> {
  let rows = 0;
  const t0 = performance.now();
  for (const tx of transactions()) rows += (await store.write(tx)).inserted;
  const insert_s = (performance.now() - t0) / 1000;
  const q = { plant: 'bench', tags: TAGS, from_ms: T0, to_ms: T0 + DAYS * 1440 * MIN };
  const now = q.to_ms;
  const time = async (tier: 'auto' | '1m') => {
    const ms: number[] = [];
    for (let i = 0; i < 5; i++) {
      const s = performance.now();
      const r = await query(store, { ...q, tier }, now, DEFAULT_RETENTION);
      ms.push(performance.now() - s);
      if (Object.keys(r.series).length !== TAGS.length) throw new Error(`${name}: the query lost tags`);
    }
    return median(ms);
  };
  return [
    [`historian.insert_rows_per_s.${name}`, rows / insert_s, 'rows/s'],
    [`historian.query_30d_ms.${name}`, await time('auto'), 'ms'],
    [`historian.query_30d_1m_ms.${name}`, await time('1m'), 'ms'],
  ];
}

async function sqliteFigures(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'tanktwin-bench-hist-'));
  const store = SqliteStore.open(join(dir, 'bench.sqlite'));
  try {
    return await measure('sqlite', store);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function postgresFigures(): Promise<Figure[]> {
  const missing = postgresMissing();
  if (missing) {
    console.error(`bench: historian on PostgreSQL skipped: ${missing}`);
    return [];
  }
  const release = await takePostgresTurn(); // the historian tests stop and start the server
  try {
    const server = await localPostgres();
    await server.database('tanktwin_bench');
    const url = server.url('tanktwin_bench');
    const schema = `bench_${process.pid}`;
    const store = await PostgresStore.open(url, { schema, timeout_ms: 120_000 });
    try {
      return await measure('postgres', store);
    } finally {
      await store.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
    }
  } finally {
    release();
  }
}

export async function historianFigures(): Promise<Figure[]> {
  return [...(await sqliteFigures()), ...(await postgresFigures())];
}
