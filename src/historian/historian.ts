import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { HistorianIngest, type IngestOptions, type LiveSubscriber } from './ingest';
import { PostgresStore } from './postgres';
import { query, writeCsv, type HistoryQuery, type HistoryResult } from './query';
import { Spool } from './spool';
import { SqliteStore } from './sqlite';
import { DEFAULT_RETENTION, type HistorianStore, type PruneResult, type Retention } from './types';

// The station's historian: the store named by `--historian` (SQLite in the data folder by default, or
// PostgreSQL), the ingest with its spool in the data folder, the query API and an hourly prune. A store
// that cannot be opened at start (PostgreSQL not up yet) does not stop the station: values are spooled and
// the store is opened again with back-off.

export const SQLITE_FILE = 'historian.sqlite';
export const SPOOL_FILE = 'historian-spool.jsonl';
export const LOCK_FILE = 'historian.lock';
/** Optional settings in the data folder: `{"retention": {"raw": "7d", "1m": "90d", "1h": "10y", "events": "10y"}}`. */
export const CONFIG_FILE = 'historian.json';

const UNIT_MS: Record<string, number> = {
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
  y: 365.25 * 86_400_000,
};
const RETENTION_KEYS = { raw: 'raw_ms', '1m': 'm1_ms', '1h': 'h1_ms', events: 'events_ms' } as const;

/** Retention from the data folder's historian.json (durations like 7d, 36h, 10y); errors name the field. */
export function readRetention(dataDir: string): Partial<Retention> {
  const file = join(dataDir, CONFIG_FILE);
  if (!existsSync(file)) return {};
  let json: { retention?: Record<string, unknown> };
  try {
    json = JSON.parse(readFileSync(file, 'utf8')) as typeof json;
  } catch (e) {
    throw new Error(`${file}: ${(e as Error).message}`, { cause: e });
  }
  const out: Partial<Retention> = {};
  for (const [k, v] of Object.entries(json.retention ?? {})) {
    const key = RETENTION_KEYS[k as keyof typeof RETENTION_KEYS];
    if (!key) throw new Error(`${file}: retention.${k}: not a tier (raw, 1m, 1h, events)`);
    const m = typeof v === 'string' ? /^(\d+(?:\.\d+)?)([mhdwy])$/.exec(v) : null;
    if (!m || Number(m[1]) <= 0)
      throw new Error(`${file}: retention.${k}: "${String(v)}" is not a duration like 7d, 36h, 10y`);
    out[key] = Number(m[1]) * UNIT_MS[m[2]];
  }
  return out;
}

export interface HistorianOptions {
  /** `sqlite` (the data folder's file), `sqlite:PATH`, or a postgres:// / postgresql:// URL. */
  url: string;
  dataDir: string;
  now?: () => number;
  /** Over the data folder's historian.json, over the defaults. */
  retention?: Partial<Retention>;
  /** Prune every this many ms (default one hour; 0: never on its own). */
  prune_ms?: number;
  /** PostgreSQL schema (default `historian`). */
  schema?: string;
  ingest?: IngestOptions;
  log?: (line: string) => void;
}

/** Which back-end a `--historian` value names, or an error naming what is wrong with it. */
export function parseHistorianUrl(
  url: string,
): { kind: 'sqlite'; file: string | null } | { kind: 'postgres' } | string {
  if (url === 'sqlite') return { kind: 'sqlite', file: null };
  if (url.startsWith('sqlite:') && url.length > 7) return { kind: 'sqlite', file: resolve(url.slice(7)) };
  if (/^postgres(ql)?:\/\/[^/]/.test(url)) return { kind: 'postgres' };
  return `--historian must be "sqlite", "sqlite:FILE" or a postgres:// URL, not "${url}"`;
}

export class Historian {
  readonly ingest: HistorianIngest;
  readonly retention: Retention;
  private store: HistorianStore | null = null;
  private reopenTimer: ReturnType<typeof setTimeout> | null = null;
  private pruneTimer: ReturnType<typeof setInterval> | null = null;
  private reopen_ms = 500;
  private closed = false;
  private readonly now: () => number;
  private readonly lockFile: string | null;

  private constructor(
    private readonly opts: HistorianOptions,
    private readonly target: { kind: 'sqlite'; file: string } | { kind: 'postgres' },
    retention: Retention,
  ) {
    this.now = opts.now ?? Date.now;
    this.retention = retention;
    const log = opts.log ?? ((l: string) => console.warn(l));
    this.ingest = new HistorianIngest(null, new Spool(join(opts.dataDir, SPOOL_FILE)), {
      now: this.now,
      ...opts.ingest,
      onState: (ok, e) => {
        log(ok ? 'historian: store written again' : `historian: cannot write the store (${e?.message}); spooling`);
        opts.ingest?.onState?.(ok, e);
      },
    });
    this.lockFile = target.kind === 'sqlite' ? join(opts.dataDir, LOCK_FILE) : null;
  }

  static async open(opts: HistorianOptions): Promise<Historian> {
    const t = parseHistorianUrl(opts.url);
    if (typeof t === 'string') throw new Error(t);
    mkdirSync(opts.dataDir, { recursive: true });
    const target = t.kind === 'sqlite' ? { kind: t.kind, file: t.file ?? join(opts.dataDir, SQLITE_FILE) } : t;
    const retention = { ...DEFAULT_RETENTION, ...readRetention(opts.dataDir), ...opts.retention };
    if (target.kind === 'sqlite') claimLock(join(opts.dataDir, LOCK_FILE));
    const h = new Historian(opts, target, retention);
    await h.tryOpen();
    const every = opts.prune_ms ?? 3_600_000;
    if (every > 0) {
      h.pruneTimer = setInterval(() => void h.prune().catch(() => {}), every);
      h.pruneTimer.unref();
    }
    return h;
  }

  /** The open store, or null while it cannot be reached. */
  get current(): HistorianStore | null {
    return this.store;
  }

  get kind(): 'sqlite' | 'postgres' {
    return this.target.kind;
  }

  private async tryOpen(): Promise<void> {
    try {
      this.store =
        this.target.kind === 'sqlite'
          ? SqliteStore.open(this.target.file)
          : await PostgresStore.open(this.opts.url, { schema: this.opts.schema });
      this.ingest.setStore(this.store);
    } catch (e) {
      (this.opts.log ?? console.warn)(`historian: cannot open the store (${(e as Error).message}); spooling`);
      if (this.closed) return;
      this.reopenTimer = setTimeout(() => void this.tryOpen(), this.reopen_ms);
      this.reopen_ms = Math.min(this.reopen_ms * 2, 10_000);
    }
  }

  /** Feed the ingest from a bus (the station's embedded broker or an external one). */
  attach(bus: LiveSubscriber, site: string): Promise<void> {
    return this.ingest.attach(bus, site);
  }

  /** Seconds the oldest unwritten sample has waited (the bridge's `tanktwin_historian_lag_seconds`). */
  lag_s(): number {
    return this.ingest.lag_s();
  }

  private need(): HistorianStore {
    if (!this.store) throw new HistorianUnavailable();
    return this.store;
  }

  query(q: HistoryQuery): Promise<HistoryResult> {
    return query(this.need(), q, this.now(), this.retention);
  }

  csv(q: HistoryQuery, out: Writable): Promise<number> {
    return writeCsv(this.need(), q, this.now(), this.retention, out);
  }

  prune(): Promise<PruneResult> {
    return this.need().prune(this.now(), this.retention);
  }

  /** Write what waits, then close: anything the store would not take stays in the spool for the next start. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.reopenTimer) clearTimeout(this.reopenTimer);
    if (this.pruneTimer) clearInterval(this.pruneTimer);
    await this.ingest.close();
    await this.store?.close();
    if (this.lockFile) rmSync(this.lockFile, { force: true });
  }
}

export class HistorianUnavailable extends Error {
  constructor() {
    super('the historian store cannot be reached now (new values are kept and written when it returns)');
  }
}

/** Whether another live process holds the data folder's historian (the pid in its lock file runs). */
export function lockHolder(lockFile: string): number | null {
  if (!existsSync(lockFile)) return null;
  const pid = Number(readFileSync(lockFile, 'utf8'));
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM' ? pid : null;
  }
}

function claimLock(lockFile: string): void {
  const pid = lockHolder(lockFile);
  if (pid !== null && pid !== process.pid)
    throw new Error(`the historian in ${lockFile} is in use by process ${pid} (another station on this data folder?)`);
  writeFileSync(lockFile, String(process.pid));
}
