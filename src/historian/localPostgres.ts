import { execFile } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

// Debian's PostgreSQL on this machine, for the historian's tests and benchmark: finds the installed
// version, creates and starts its `main` cluster when needed, and makes the role `tanktwin` and a database
// for it, all on loopback. Needs root (or the postgres account); says why when it cannot.

const run = promisify(execFile);
const BIN = '/usr/lib/postgresql';
const ROLE = 'tanktwin';

export interface LocalPostgres {
  version: string;
  port: number;
  /** postgres:// URL of `database` as the `tanktwin` role. */
  url(database: string): string;
  /** Create `database` owned by `tanktwin` unless it exists. */
  database(name: string): Promise<void>;
  stop(): Promise<void>;
  start(): Promise<void>;
}

/** Why the local server cannot be used at all (not installed), or null when it can. */
export function postgresMissing(): string | null {
  if (!existsSync(BIN) || !readdirSync(BIN).some((v) => /^\d+$/.test(v)))
    return `PostgreSQL is not installed (no ${BIN}/<version>): apt-get install postgresql`;
  return null;
}

const asPostgres = (cmd: string, args: string[]) =>
  process.getuid?.() === 0 ? run('runuser', ['-u', 'postgres', '--', cmd, ...args]) : run(cmd, args);

async function cluster(version: string): Promise<{ port: number; online: boolean } | null> {
  const { stdout } = await run('pg_lsclusters', ['--no-header']);
  for (const line of stdout.split('\n')) {
    const [ver, name, port, status] = line.trim().split(/\s+/);
    if (ver === version && name === 'main') return { port: Number(port), online: status.startsWith('online') };
  }
  return null;
}

/** The local cluster, running, with the `tanktwin` role; throws with the command's output if it cannot. */
export async function localPostgres(): Promise<LocalPostgres> {
  const missing = postgresMissing();
  if (missing) throw new Error(missing);
  const version = readdirSync(BIN)
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a))[0];
  let c = await cluster(version);
  if (!c) {
    await run('pg_createcluster', [version, 'main']);
    c = (await cluster(version))!;
  }
  const start = async () => {
    const now = await cluster(version);
    if (!now?.online) await run('pg_ctlcluster', [version, 'main', 'start']);
  };
  await start();
  const psql = (sql: string) =>
    asPostgres('psql', ['-p', String(c.port), '-h', '/var/run/postgresql', '-v', 'ON_ERROR_STOP=1', '-tAc', sql]);
  await psql(
    `DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${ROLE}') THEN ` +
      `CREATE ROLE ${ROLE} LOGIN PASSWORD '${ROLE}'; END IF; END $$`,
  );
  const port = c.port;
  return {
    version,
    port,
    url: (db) => `postgres://${ROLE}:${ROLE}@127.0.0.1:${port}/${db}`,
    async database(name) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name "${name}"`);
      const has = await psql(`SELECT 1 FROM pg_database WHERE datname = '${name}'`);
      if (has.stdout.trim() === '1') return;
      await psql(`CREATE DATABASE ${name} OWNER ${ROLE}`).catch((e: Error) => {
        if (!/already exists/.test(e.message)) throw e; // made by a parallel run meanwhile
      });
    },
    stop: async () => void (await run('pg_ctlcluster', [version, 'main', 'stop', '-m', 'fast'])),
    start,
  };
}

const LOCK = join(tmpdir(), 'tanktwin-local-postgres.lock');

function holderAlive(): boolean {
  try {
    const pid = Number(readFileSync(LOCK, 'utf8'));
    if (!Number.isInteger(pid) || pid <= 0) return false;
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Take the machine-wide turn on the local server: the tests stop and start it, so two runs at once (or a
 * run and the benchmark) take turns. A lock left by a process that died is taken over. Returns the release.
 */
export async function takePostgresTurn(timeout_ms = 600_000): Promise<() => void> {
  const t0 = Date.now();
  for (;;) {
    try {
      const fd = openSync(LOCK, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(LOCK, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      if (!holderAlive()) rmSync(LOCK, { force: true });
      else if (Date.now() - t0 > timeout_ms)
        throw new Error(`the local PostgreSQL stayed in use (${LOCK})`, { cause: e });
      else await new Promise((r) => setTimeout(r, 200));
    }
  }
}
