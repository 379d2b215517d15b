import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { SimEvent } from '../sim/events';
import type { ScenarioResult } from '../scenario/engine';
import type { Snapshot } from '../sim/snapshot';
import type { XapiStatement } from './xapi';

// Training records in IndexedDB, written as the run goes (so a reload or a worker crash loses nothing
// that happened): who, which scenario and version, when, every action and plant event, the result.

export type RunStatus = 'briefing' | 'running' | 'ended';

export interface RunRecord {
  runId: string;
  trainee: string;
  scenarioId: string;
  scenarioVersion: string;
  title: string;
  startedAt: string; // ISO wall-clock time
  updatedAt: string;
  status: RunStatus;
  events: SimEvent[];
  result: ScenarioResult | null;
  statements: XapiStatement[];
  /** The latest snapshot, so an interrupted run can be resumed. */
  snapshot: Snapshot | null;
}

interface TrainingDb extends DBSchema {
  runs: { key: string; value: RunRecord; indexes: { byStart: string } };
}

export const DB_NAME = 'tanktwin';
let dbp: Promise<IDBPDatabase<TrainingDb>> | null = null;

export function db(): Promise<IDBPDatabase<TrainingDb>> {
  return (dbp ??= openDB<TrainingDb>(DB_NAME, 1, {
    upgrade(d) {
      const s = d.createObjectStore('runs', { keyPath: 'runId' });
      s.createIndex('byStart', 'startedAt');
    },
  }));
}

export async function putRun(r: RunRecord): Promise<void> {
  await (await db()).put('runs', r);
}

export async function getRun(id: string): Promise<RunRecord | undefined> {
  return (await db()).get('runs', id);
}

export async function listRuns(): Promise<RunRecord[]> {
  return (await (await db()).getAllFromIndex('runs', 'byStart')).reverse();
}
