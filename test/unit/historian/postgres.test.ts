import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { join } from 'node:path';
import { Historian } from '../../../src/historian/historian';
import { PostgresStore } from '../../../src/historian/postgres';
import { waitFor } from '../waitFor';
import { takePostgresTurn, type LocalPostgres } from '../../../src/historian/localPostgres';
import { tempDir } from '../station/harness';
import { storeContract } from './contract';
import { Feed } from './feed';
import { freshSchema, PG_DATABASE, pgMissing, testPostgres } from './pg';

// The PostgreSQL back-end on the machine's real server (Debian's postgresql, started here on loopback),
// each test in a schema of its own, and a restart of the server in the middle of a stream.

const tmp = tempDir('tanktwin-hist-pg-');
let server: LocalPostgres;
let release = () => {};
let url = '';
const schemas: string[] = [];

beforeAll(async () => {
  if (pgMissing) return;
  release = await takePostgresTurn(); // another run's restart test must not stop the server under this one
  server = await testPostgres();
  url = server.url(PG_DATABASE);
}, 120_000);

afterAll(async () => {
  tmp.remove();
  try {
    if (pgMissing || !url) return;
    await server.start(); // whatever a failed test left, the server ends up running
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    for (const s of schemas) await c.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
    await c.end();
  } finally {
    release();
  }
}, 120_000);

const schema = (label: string) => {
  const s = freshSchema(label);
  schemas.push(s);
  return s;
};

describe.skipIf(!!pgMissing)('PostgreSQL historian store', () => {
  storeContract(() => PostgresStore.open(url, { schema: schema('c') }));

  it('keeps its schema version and refuses a newer one', async () => {
    const sc = schema('v');
    await (await PostgresStore.open(url, { schema: sc })).close();
    await (await PostgresStore.open(url, { schema: sc })).close(); // second open: nothing to do
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    expect((await c.query(`SELECT value FROM ${sc}.meta WHERE key = 'schema_version'`)).rows).toEqual([{ value: '1' }]);
    await c.query(`UPDATE ${sc}.meta SET value = '99' WHERE key = 'schema_version'`);
    await c.end();
    await expect(PostgresStore.open(url, { schema: sc })).rejects.toThrow(/newer than this program/);
  });

  it('loses nothing and stores nothing twice when the server stops and starts in the middle of a stream', async () => {
    let h: Historian | null = null;
    const feed = new Feed(() => h!.ingest, 'north', ['tk1.level', 'tk1.temp', 'pump1.flow']);
    h = await Historian.open({
      url,
      dataDir: join(tmp.dir, 'restart'),
      schema: schema('restart'),
      now: feed.now,
      prune_ms: 0,
      log: () => {},
      ingest: { flush_ms: 20, retry_ms: [50, 400] },
    });
    try {
      feed.send(30);
      await waitFor(() => h!.ingest.drained, 'the first batches written');
      expect(h.lag_s()).toBe(0);

      const stopping = server.stop();
      feed.send(10); // some of these may be in flight as the server goes
      await stopping;
      feed.send(20);
      await waitFor(() => h!.ingest.error !== null && !h!.ingest.drained, 'the ingest to find the server gone');
      await waitFor(() => h!.ingest.stats.spooled > 0, 'batches spooled');
      expect(h.lag_s()).toBeGreaterThan(0); // 20 s of the feed's clock at least since the oldest unwritten batch

      await server.start();
      feed.send(10);
      await waitFor(() => h!.ingest.drained && h!.ingest.error === null, 'the spool replayed');
      expect(h.lag_s()).toBe(0);
      expect(h.ingest.stats.replayed).toBeGreaterThan(0);
      await feed.expectAllStored(h.current!);
      // a write the server committed as it went down but never confirmed is replayed and found already there
      const { inserted, duplicates } = h.ingest.stats;
      expect(inserted).toBeLessThanOrEqual(feed.sent * 3);
      expect(inserted + duplicates).toBeGreaterThanOrEqual(feed.sent * 3);
    } finally {
      await server.start();
      await h.close();
    }
  }, 120_000);

  it('starts with the server down, spools, and writes everything once the server is up', async () => {
    let h: Historian | null = null;
    const feed = new Feed(() => h!.ingest, 'south', ['tk9.level']);
    const logs: string[] = [];
    await server.stop();
    try {
      h = await Historian.open({
        url,
        dataDir: join(tmp.dir, 'down'),
        schema: schema('down'),
        now: feed.now,
        prune_ms: 0,
        log: (l) => logs.push(l),
        ingest: { flush_ms: 20 },
      });
      expect(h.current).toBeNull();
      expect(logs[0]).toMatch(/cannot open the store/);
      feed.send(15);
      await waitFor(() => h!.ingest.stats.spooled === 15, 'the batches spooled');
      expect(h.lag_s()).toBe(15);
      await server.start();
      await waitFor(() => h!.current !== null && h!.ingest.drained, 'the store opened and the spool replayed');
      await feed.expectAllStored(h.current!);
    } finally {
      await server.start();
      await h?.close();
    }
  }, 120_000);
});
