import { afterAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { SqliteStore, SQLITE_SCHEMA_VERSION } from '../../../src/historian/sqlite';
import { tempDir } from '../station/harness';
import { storeContract } from './contract';

// The embedded back-end on a real SQLite file in a temporary folder.

const tmp = tempDir('tanktwin-hist-sqlite-');
afterAll(() => tmp.remove());
let n = 0;

describe('SQLite historian store', () => {
  storeContract(async () => SqliteStore.open(join(tmp.dir, `h${n++}.sqlite`)));

  it('creates its schema in WAL mode, keeps it on reopen and refuses a newer one', async () => {
    const file = join(tmp.dir, 'schema.sqlite');
    const st = SqliteStore.open(file);
    expect(st.db.pragma('journal_mode', { simple: true })).toBe('wal');
    await st.write([{ plant: 'p', batch: { sent_ms: 0, seq: 0, samples: [{ tag: 'a', v: 1, q: 'good', ts_ms: 5 }] } }]);
    await st.close();
    const again = SqliteStore.open(file);
    expect(again.db.pragma('user_version', { simple: true })).toBe(SQLITE_SCHEMA_VERSION);
    expect(await again.tags('p')).toEqual(['a']);
    await again.close();
    const db = new Database(file);
    db.pragma(`user_version = ${SQLITE_SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => SqliteStore.open(file)).toThrow(/newer than this program/);
  });

  it('rejects a write once closed (the ingest then spools)', async () => {
    const st = SqliteStore.open(join(tmp.dir, 'closed.sqlite'));
    await st.close();
    await expect(st.write([{ plant: 'p', event: { ts_ms: 1, kind: 'bridgeStart', text: 'x' } }])).rejects.toThrow();
  });
});
