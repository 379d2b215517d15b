import type { RunRecord } from '../../../src/records/schema';
import type { ScenarioResult } from '../../../src/scenario/engine';

// Training records made by hand for the history, group and certificate tests: fixed dates, no clock.

export interface RunSpec {
  runId: string;
  trainee: string;
  scenarioId?: string;
  date: string;
  score: number;
  pass?: boolean;
  /** Step ids not done, and done late. */
  missed?: string[];
  late?: string[];
  violations?: string[];
  hints?: number;
  status?: RunRecord['status'];
}

const STEPS = ['withdraw', 'report-h2s', 'ack'];

export function run(s: RunSpec): RunRecord {
  const scenarioId = s.scenarioId ?? 'h2s-hatch';
  const result: ScenarioResult = {
    scenarioId,
    scenarioVersion: '1.2',
    score: s.score,
    pass: s.pass ?? s.score >= 70,
    passMark: 70,
    endedBy: 'procedureDone',
    duration_s: 300,
    steps: STEPS.map((id) => ({
      id,
      text: { en: `step ${id}`, th: `ขั้น ${id}` },
      right: { en: '', th: '' },
      weight: 10,
      earned: s.missed?.includes(id) ? 0 : 10,
      required: true,
      done_s: s.missed?.includes(id) ? null : 40,
      deadline_s: 60,
      late: !!s.late?.includes(id),
    })),
    objectives: [],
    violations: (s.violations ?? []).map((id) => ({
      id,
      text: { en: `limit ${id}`, th: `ขีดจำกัด ${id}` },
      penalty: 20,
      t_s: 50,
      endsExercise: false,
    })),
    hints: { used: s.hints ?? 0, cost: (s.hints ?? 0) * 5 },
    alarmResponses: [],
    requiredMissing: [],
  };
  return {
    schemaVersion: 2,
    runId: s.runId,
    trainee: s.trainee,
    scenarioId,
    scenarioVersion: '1.2',
    scenarioHash: 'abcd',
    title: scenarioId === 'h2s-hatch' ? 'H2S at the hatch' : `Scenario ${scenarioId}`,
    plantName: 'Demo terminal',
    plantHash: 'ef01',
    seed: 1,
    automation: false,
    startedAt: s.date,
    updatedAt: s.date,
    status: s.status ?? 'ended',
    events: [],
    hints: [],
    backtracks: [],
    result: (s.status ?? 'ended') === 'ended' ? result : null,
    statements: [],
    snapshot: null,
  };
}
