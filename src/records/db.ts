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

/** How long a write waits for the database to open before it fails (and is tried again at the next save). */
const OPEN_WAIT_MS = 3000;

// The one open request in flight or done. A second request issued while one is pending would queue behind it
// for ever when another tab blocks the upgrade, so every caller shares this one; it is dropped when it
// fails, when the connection closes, or when another tab upgrades the database.
let dbp: Promise<IDBPDatabase<TrainingDb>> | null = null;
let blockedByOldTab = false;

function request(): Promise<IDBPDatabase<TrainingDb>> {
  const p = openDB<TrainingDb>(DB_NAME, DB_VERSION, {
    async upgrade(d, oldVersion, _new, tx) {
      if (oldVersion < 1) d.createObjectStore('runs', { keyPath: 'runId' }).createIndex('byStart', 'startedAt');
      if (oldVersion >= 1 && oldVersion < 2) {
        const store = tx.objectStore('runs');
        for (let c = await store.openCursor(); c; c = await c.continue()) await c.update(migrateRecord(c.value));
      }
    },
    // another tab holds an older version open and does not let go (an older app)
    blocked() {
      blockedByOldTab = true;
    },
    // another tab upgrades the database: let it, and open the new version on the next use
    blocking() {
      void p.then((x) => x.close());
      if (dbp === p) dbp = null;
    },
    terminated() {
      if (dbp === p) dbp = null;
    },
  });
  p.then(
    (d) => {
      blockedByOldTab = false;
      d.addEventListener('close', () => dbp === p && (dbp = null));
    },
    () => dbp === p && (dbp = null),
  );
  return p;
}

/**
 * The database. An open that fails is tried again (here three times, then at the next use); one that
 * waits (another tab blocks it) fails this call after OPEN_WAIT_MS with the reason, and the request goes
 * on, so a later call finds the database open once that tab lets go.
 */
export async function db(): Promise<IDBPDatabase<TrainingDb>> {
  let last: unknown;
  for (let i = 0; i < OPEN_TRIES; i++) {
    const p = (dbp ??= request());
    let timer: ReturnType<typeof setTimeout> | undefined;
    const waited = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const e = blockedByOldTab
          ? new Error('another TankTwin tab with an older version is open; close it to save records')
          : new Error('the records database did not open');
        reject(Object.assign(e, { name: 'BlockedError' }));
      }, OPEN_WAIT_MS);
    });
    try {
      return await Promise.race([p, waited]);
    } catch (e) {
      last = e;
      if ((e as { name?: string }).name === 'BlockedError') throw e;
      await new Promise((r) => setTimeout(r, 100 * 2 ** i));
    } finally {
      clearTimeout(timer);
    }
  }
  throw last;
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
