import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Station, type StationOptions } from '../../../src/station/station';
import type { CreatedSession, CreateSession } from '../../../src/protocol/session';

export const ROOT = join(import.meta.dirname, '..', '..', '..');

export function tempDir(prefix: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A station on a loopback port of its own, plain HTTP, one plant thread. */
export function startStation(dataDir: string, extra: Partial<StationOptions> = {}): Promise<Station> {
  return Station.start({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    distDir: join(dataDir, 'no-dist'),
    scenariosDir: join(ROOT, 'scenarios'),
    threads: 1,
    ...extra,
  });
}

export async function createSession(st: Station, body: CreateSession): Promise<CreatedSession> {
  const r = await fetch(`${st.url}/api/sessions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!r.ok) throw new Error(`create failed: ${r.status} ${await r.text()}`);
  return (await r.json()) as CreatedSession;
}

export const frameTime = (f: Float64Array | null) => (f ? f[0] : -1);
