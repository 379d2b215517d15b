import Database from 'better-sqlite3';
import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { LOCK_FILE, lockHolder } from './historian';
import { SQLITE_SCHEMA_VERSION } from './sqlite';

// Online backup of the embedded historian and restore from such a copy. A backup runs while the station
// ingests (SQLite's backup API from a second connection, WAL lets both go on); a restore needs the station
// stopped, and leaves the spool alone so values spooled after the backup are still written on the next start.

/** Copy the historian database `db` to `to` while it may be in use; returns the rows of the raw tier copied. */
export async function backupHistorian(db: string, to: string): Promise<{ rawRows: number }> {
  if (!existsSync(db)) throw new Error(`no historian database at ${db}`);
  if (existsSync(to)) throw new Error(`${to} exists already: choose a new file for the backup`);
  const src = new Database(db, { readonly: true, fileMustExist: true });
  try {
    src.pragma('busy_timeout = 5000');
    await src.backup(to);
  } finally {
    src.close();
  }
  return { rawRows: check(to).rawRows };
}

/** What a backup holds, after SQLite's integrity check; throws naming what is wrong. */
export function check(file: string): { rawRows: number; version: number } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const ok = db.pragma('integrity_check', { simple: true });
    if (ok !== 'ok') throw new Error(`${file}: integrity check failed: ${String(ok)}`);
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version < 1 || version > SQLITE_SCHEMA_VERSION)
      throw new Error(`${file}: not a historian database this program reads (schema version ${version})`);
    const rawRows = db.prepare('SELECT count(*) FROM raw').pluck().get() as number;
    return { rawRows, version };
  } finally {
    db.close();
  }
}

/** Replace the historian database `db` (in `dataDir`) by the backup `from`; the station must be stopped. */
export function restoreHistorian(from: string, db: string, dataDir: string): { rawRows: number } {
  const pid = lockHolder(join(dataDir, LOCK_FILE));
  if (pid !== null) throw new Error(`the historian is in use by process ${pid}: stop the station first`);
  const r = check(from);
  copyFileSync(from, `${db}.restore-tmp`);
  // the old write-ahead log belongs to the old file: left beside the new one it would be replayed into it
  for (const f of [`${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
  renameSync(`${db}.restore-tmp`, db);
  return { rawRows: r.rawRows };
}
