import type { SimEvent } from '../sim/events';
import type { ScenarioResult } from '../scenario/engine';
import type { Snapshot } from '../sim/snapshot';
import type { XapiStatement } from './xapi';

// The training record and its versions. A record is evidence of competence: it names the plant and the
// scenario by content hash and holds the seed and every action with who issued it, so the run can be
// replayed and its score confirmed (npm run sim -- --verify). Older records are migrated on read.

/** 1: no version field, no plant or scenario identity. 2: identity, seed, origin of the run, backtracks. */
export const RECORD_VERSION = 2;

export type RunStatus = 'briefing' | 'running' | 'ended';

/** A jump back in plant time during the run: what the trainee did after to_s was undone. */
export interface Backtrack {
  from_s: number;
  to_s: number;
  /** Wall-clock time (ISO). */
  at: string;
}

export interface RunRecord {
  schemaVersion: number;
  runId: string;
  trainee: string;
  scenarioId: string;
  scenarioVersion: string;
  /** contentHash of the scenario as the worker validated it ('' when unknown: a migrated record). */
  scenarioHash: string;
  title: string;
  plantName: string;
  /** contentHash of the plant data ('' when unknown). */
  plantHash: string;
  /** The model's random seed for the run. */
  seed: number;
  /** The page was in automation mode (window.tanktwin could command the plant). */
  automation: boolean;
  startedAt: string; // ISO wall-clock time
  updatedAt: string;
  status: RunStatus;
  events: SimEvent[];
  /** Plant times at which a hint was asked for. */
  hints: number[];
  backtracks: Backtrack[];
  result: ScenarioResult | null;
  statements: XapiStatement[];
  /** The latest snapshot, so an interrupted run can be resumed. */
  snapshot: Snapshot | null;
  /** When statements were last sent to the learning record store (ISO), or null. */
  sentAt?: string | null;
}

type Raw = Record<string, unknown>;

const MIGRATIONS: Record<number, (r: Raw) => Raw> = {
  1: (r) => ({
    ...r,
    schemaVersion: 2,
    scenarioHash: '',
    plantName: (r.snapshot as { plantName?: string } | null)?.plantName ?? '',
    plantHash: '',
    seed: 1,
    automation: false,
    hints: [],
    backtracks: [],
  }),
};

/** Bring a stored record up to RECORD_VERSION; throws on a record newer than this app. */
export function migrateRecord(raw: unknown): RunRecord {
  if (typeof raw !== 'object' || raw === null) throw new Error('not a training record');
  let r = raw as Raw;
  let v = typeof r.schemaVersion === 'number' ? r.schemaVersion : 1;
  if (v > RECORD_VERSION) throw new Error(`record ${String(r.runId)} is version ${v}, newer than this app`);
  while (v < RECORD_VERSION) r = MIGRATIONS[v++](r);
  return r as unknown as RunRecord;
}
