import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync, appendFileSync } from 'node:fs';
import { writeFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { Device } from '../protocol/session';
import type { Role, ScenarioRole } from '../protocol/actions';

// The station's data folder: one folder per session (what it is, its latest snapshot, its action log),
// the trainees' signed records, the library of named initial conditions, and the keys (keys.ts).
//
//   <data>/sessions/<id>/session.json    SessionMeta
//   <data>/sessions/<id>/snapshot.json   { snapshot, extras } written each plant minute
//   <data>/sessions/<id>/log.jsonl       one LogEntry a line
//   <data>/records/<file>.json           StationRecord, signed
//   <data>/ics/<name>.json               a plant snapshot

export interface ParticipantMeta {
  name: string;
  role: Role;
  device: Device;
  scenarioRole?: ScenarioRole;
}

export interface SessionMeta {
  id: string;
  name: string;
  createdAt: string;
  codes: Record<Role, string>;
  scenarioId: string | null;
  /** The scenario file as started, so a restart need not find it again. */
  scenario: unknown;
  runId: string | null;
  runStartedAt: string | null;
  ic: string | null;
  speed: number;
  status: 'running' | 'ended';
  participants: Record<string, ParticipantMeta>;
}

/** Write a file whole or not at all: a crash mid-write leaves the previous version. */
function writeAtomic(path: string, text: string): void {
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
}

export class Storage {
  private writing = new Map<string, { busy: boolean; next: string | null }>();

  constructor(readonly dir: string) {
    for (const d of ['sessions', 'records', 'ics']) mkdirSync(join(dir, d), { recursive: true });
  }

  sessionDir(id: string): string {
    return join(this.dir, 'sessions', id);
  }

  saveMeta(m: SessionMeta): void {
    mkdirSync(this.sessionDir(m.id), { recursive: true });
    writeAtomic(join(this.sessionDir(m.id), 'session.json'), JSON.stringify(m, null, 1));
  }

  /** Every stored session with its last snapshot (null when none was written yet). */
  loadSessions(): { meta: SessionMeta; saved: { snapshot: unknown; extras: unknown } | null }[] {
    const root = join(this.dir, 'sessions');
    return readdirSync(root)
      .filter((id) => existsSync(join(root, id, 'session.json')))
      .map((id) => {
        const meta = JSON.parse(readFileSync(join(root, id, 'session.json'), 'utf8')) as SessionMeta;
        const sp = join(root, id, 'snapshot.json');
        const saved = existsSync(sp)
          ? (JSON.parse(readFileSync(sp, 'utf8')) as { snapshot: unknown; extras: unknown })
          : null;
        return { meta, saved };
      });
  }

  /**
   * Write a session's snapshot without blocking the station; when writes come faster than the disk
   * (a plant at 1000×), only the newest waiting one is written.
   */
  saveSnapshot(id: string, snapshot: unknown, extras: unknown): Promise<void> {
    const text = JSON.stringify({ snapshot, extras });
    const w = this.writing.get(id) ?? { busy: false, next: null };
    this.writing.set(id, w);
    w.next = text;
    if (w.busy) return Promise.resolve();
    const path = join(this.sessionDir(id), 'snapshot.json');
    const loop = async (): Promise<void> => {
      w.busy = true;
      while (w.next !== null) {
        const t = w.next;
        w.next = null;
        await writeFile(`${path}.tmp`, t);
        await rename(`${path}.tmp`, path);
      }
      w.busy = false;
    };
    return loop();
  }

  /** Snapshot writes still in flight have finished. */
  async flushed(): Promise<void> {
    while ([...this.writing.values()].some((w) => w.busy)) await new Promise((r) => setTimeout(r, 5));
  }

  appendLog(id: string, entry: unknown): void {
    appendFileSync(join(this.sessionDir(id), 'log.jsonl'), JSON.stringify(entry) + '\n');
  }

  readLog(id: string): unknown[] {
    const p = join(this.sessionDir(id), 'log.jsonl');
    if (!existsSync(p)) return [];
    return readFileSync(p, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as unknown);
  }

  saveRecord(file: string, rec: unknown): void {
    writeAtomic(join(this.dir, 'records', file), JSON.stringify(rec, null, 1));
  }

  listRecords(): string[] {
    return readdirSync(join(this.dir, 'records')).filter((f) => f.endsWith('.json'));
  }

  readRecord(file: string): unknown | null {
    if (!/^[\w.-]+\.json$/.test(file)) return null;
    const p = join(this.dir, 'records', file);
    return existsSync(p) ? (JSON.parse(readFileSync(p, 'utf8')) as unknown) : null;
  }

  saveIc(name: string, snapshot: unknown): void {
    writeAtomic(join(this.dir, 'ics', `${name}.json`), JSON.stringify(snapshot));
  }

  loadIc(name: string): unknown | null {
    const p = join(this.dir, 'ics', `${name}.json`);
    return /^[\w.-]{1,64}$/.test(name) && existsSync(p) ? (JSON.parse(readFileSync(p, 'utf8')) as unknown) : null;
  }

  listIcs(): string[] {
    return readdirSync(join(this.dir, 'ics'))
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.slice(0, -5));
  }
}
