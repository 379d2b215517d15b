import type { Scenario } from '../scenario/schema';
import { RECORD_VERSION, type RunRecord } from '../records/db';
import { statement } from '../records/xapi';

/** The page runs every scenario with the model's default seed (the worker's startScenario uses it). */
export const RUN_SEED = 1;

export interface NewRun {
  runId: string;
  trainee: string;
  scenario: Scenario;
  scenarioHash: string;
  plantName: string;
  plantHash: string;
  seed: number;
  automation: boolean;
  at: Date;
  home: string;
}

/** A new run's record: who, which scenario and plant (by content hash), the seed, the launch statement. */
export function newRecord(n: NewRun): RunRecord {
  const s = n.scenario;
  const base = {
    runId: n.runId,
    trainee: n.trainee,
    scenarioId: s.id,
    scenarioVersion: s.version,
    title: s.title.en,
    plantName: n.plantName,
    plantHash: n.plantHash,
  };
  return {
    schemaVersion: RECORD_VERSION,
    ...base,
    scenarioHash: n.scenarioHash,
    seed: n.seed,
    automation: n.automation,
    startedAt: n.at.toISOString(),
    updatedAt: n.at.toISOString(),
    status: 'briefing',
    events: [],
    hints: [],
    backtracks: [],
    result: null,
    statements: [statement('launched', base, n.home, n.at)],
    snapshot: null,
    sentAt: null,
  };
}
