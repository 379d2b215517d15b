import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { migrateRecord, RECORD_VERSION, type RunRecord } from './schema';

// Training records in IndexedDB, written as the run goes (so a reload or a worker crash loses nothing
// that happened). The database is opened again after a failure or when another tab upgrades it.

export { RECORD_VERSION, migrateRecord, type RunRecord, type RunStatus, type Backtrack } from './schema';

interface TrainingDb extends DBSchema {
  runs: { key: string; value: RunRecord; indexes: { byStart: string } };
}

export const DB_NAME = 'tanktwin';
/** 1: runs. 2: runs migrated to RECORD_VERSION 2. */
export const DB_VERSION = 2;
const OPEN_TRIES = 3;

let dbp: Promise<IDBPDatabase<TrainingDb>> | null = null;

async function open(): Promise<IDBPDatabase<TrainingDb>> {
  let blocked!: (e: Error) => void;
  const whenBlocked = new Promise<never>((_, reject) => (blocked = reject));
  let lost = false;
  const opening = openDB<TrainingDb>(DB_NAME, DB_VERSION, {
    async upgrade(d, oldVersion, _new, tx) {
      if (oldVersion < 1) d.createObjectStore('runs', { keyPath: 'runId' }).createIndex('byStart', 'startedAt');
      if (oldVersion >= 1 && oldVersion < 2) {
        const store = tx.objectStore('runs');
        for (let c = await store.openCursor(); c; c = await c.continue()) await c.update(migrateRecord(c.value));
      }
    },
    // another tab holds an older version open and does not let go (an older app): this write fails with a
    // message, the record stays in memory, and the next write tries again
    blocked() {
      blocked(
        Object.assign(new Error('another TankTwin tab with an older version is open; close it to save records'), {
          name: 'BlockedError',
        }),
      );
    },
    // another tab upgrades the database: let it, and open the new version on the next use
    blocking() {
      void dbp?.then((x) => x.close());
      dbp = null;
    },
    terminated() {
      dbp = null;
    },
  });
  // an open that resolves after it was given up for blocked is closed again
  void opening.then((d) => lost && d.close()).catch(() => {});
  const d = await Promise.race([opening, whenBlocked]).catch((e: unknown) => {
    lost = true;
    throw e;
  });
  d.addEventListener('close', () => (dbp = null));
  return d;
}

/** The database, opened once; a failed open is retried (three tries, then the next call tries again). */
export function db(): Promise<IDBPDatabase<TrainingDb>> {
  dbp ??= (async () => {
    let last: unknown;
    for (let i = 0; i < OPEN_TRIES; i++) {
      try {
        return await open();
      } catch (e) {
        last = e;
        await new Promise((r) => setTimeout(r, 100 * 2 ** i));
      }
    }
    throw last;
  })().catch((e: unknown) => {
    dbp = null;
    throw e;
  });
  return dbp;
}

/** Forget the open connection (it was closed under us); the next call opens it again. */
export function dropConnection(): void {
  dbp = null;
}

async function withDb<T>(f: (d: IDBPDatabase<TrainingDb>) => Promise<T>): Promise<T> {
  try {
    return await f(await db());
  } catch (e) {
    // a connection closed by the browser or another tab fails with InvalidStateError: reopen once
    if ((e as { name?: string }).name !== 'InvalidStateError') throw e;
    dbp = null;
    return f(await db());
  }
}

export async function putRun(r: RunRecord): Promise<void> {
  await withDb((d) => d.put('runs', { ...r, schemaVersion: RECORD_VERSION }));
}

export async function getRun(id: string): Promise<RunRecord | undefined> {
  const r = await withDb((d) => d.get('runs', id));
  return r && migrateRecord(r);
}

export async function listRuns(): Promise<RunRecord[]> {
  return (await withDb((d) => d.getAllFromIndex('runs', 'byStart'))).reverse().map(migrateRecord);
}

let persistAsked = false;
/** Ask the browser to keep the records when storage runs low (it may say no; records are kept either way). */
export async function requestPersistence(): Promise<boolean> {
  if (persistAsked || typeof navigator === 'undefined' || !navigator.storage?.persist) return false;
  persistAsked = true;
  try {
    return await navigator.storage.persist();
  } catch {
    return false;
  }
}
