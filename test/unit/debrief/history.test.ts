import { describe, expect, it } from 'vitest';
import {
  fromRunRecord,
  fromStationRecord,
  mistakesAcross,
  repeatedMistakes,
  runsOf,
  scenarioHistories,
  uniqueRuns,
} from '../../../src/ui/debrief/history';
import { groupProgress } from '../../../src/ui/instructor/groupProgress';
import { runsFromFile } from '../../../src/ui/instructor/stationRecords';
import type { StationRecord } from '../../../src/protocol/session';
import { run } from './fixtures';

const RECORDS = [
  run({ runId: 'r3', trainee: 'Somchai K.', date: '2026-03-03T09:00:00Z', score: 85, hints: 1 }),
  run({ runId: 'r1', trainee: 'Somchai K.', date: '2026-03-01T09:00:00Z', score: 40, missed: ['ack'], hints: 2 }),
  run({
    runId: 'r2',
    trainee: ' somchai  k.',
    date: '2026-03-02T09:00:00Z',
    score: 60,
    missed: ['ack'],
    late: ['withdraw'],
  }),
  run({
    runId: 'r4',
    trainee: 'Anong P.',
    date: '2026-03-02T10:00:00Z',
    score: 50,
    missed: ['ack'],
    violations: ['h2s-exposure'],
  }),
  run({ runId: 'r5', trainee: 'Anong P.', scenarioId: 'fire-bay', date: '2026-03-04T10:00:00Z', score: 90 }),
  run({ runId: 'r6', trainee: 'Anong P.', date: '2026-03-05T10:00:00Z', score: 0, status: 'running' }),
];
const RUNS = uniqueRuns(RECORDS.map(fromRunRecord));

describe("a trainee's history", () => {
  it('keeps finished runs only, once each, oldest first', () => {
    expect(RUNS.map((r) => r.runId)).toEqual(['r1', 'r2', 'r4', 'r3', 'r5']);
    expect(uniqueRuns([...RUNS, ...RUNS, null]).length).toBe(5);
  });

  it('gives the score trend per scenario, whatever spelling of the name', () => {
    const mine = runsOf(RUNS, 'SOMCHAI K.');
    expect(mine.map((r) => r.runId)).toEqual(['r1', 'r2', 'r3']);
    const [h] = scenarioHistories(mine);
    expect(h.points.map((p) => p.score)).toEqual([40, 60, 85]);
    expect(h).toMatchObject({ scenarioId: 'h2s-hatch', best: 85, last: 85, passMark: 70, title: 'H2S at the hatch' });
    expect(h.firstPass?.runId).toBe('r3');
  });

  it('counts each mistake once per run, and keeps those that came back', () => {
    const mine = runsOf(RUNS, 'Somchai K.');
    const all = mistakesAcross(mine);
    expect(all.map((m) => [m.kind, m.id, m.runs])).toEqual([
      ['hint', '', 2],
      ['missed', 'ack', 2],
      ['late', 'withdraw', 1],
    ]);
    expect(repeatedMistakes(mine).map((m) => m.kind)).toEqual(['hint', 'missed']);
    expect(all[1].text?.en).toBe('step ack');
    expect(all[1].trainees).toEqual(['Somchai K.']);
  });
});

describe("the group's progress", () => {
  it('says who passed what, with scores, and the mistakes the group shares', () => {
    const g = groupProgress(RUNS);
    expect(g.scenarios.map((s) => s.id)).toEqual(['fire-bay', 'h2s-hatch']);
    expect(g.rows.map((r) => [r.trainee, r.passedCount])).toEqual([
      ['Anong P.', 1],
      ['Somchai K.', 1],
    ]);
    expect(g.rows[0].cells['h2s-hatch']).toEqual({ attempts: 1, best: 50, last: 50, passed: false });
    expect(g.rows[0].cells['fire-bay'].passed).toBe(true);
    expect(g.rows[1].cells['h2s-hatch']).toEqual({ attempts: 3, best: 85, last: 85, passed: true });
    // the missed acknowledgement: both trainees, three runs; a one-off violation by one trainee is left out
    expect(g.mistakes[0]).toMatchObject({ kind: 'missed', id: 'ack', runs: 3, trainees: ['Somchai K.', 'Anong P.'] });
    expect(g.mistakes.some((m) => m.kind === 'violation')).toBe(false);
  });

  it('reads station records with the same summary', () => {
    const rec = RECORDS[0];
    const station = {
      format: 'tanktwin.station-record/1',
      station: 'st',
      sessionId: 's1',
      sessionName: 'Morning shift',
      participant: { pid: 'p1', name: 'Mali T.', role: 'trainee', device: 'vr' },
      scenarioId: 'h2s-hatch',
      runId: 'st-1',
      startedAt: '2026-03-06T08:00:00Z',
      endedAt: '2026-03-06T08:10:00Z',
      result: rec.result,
      actions: [],
      events: [],
    } as unknown as StationRecord;
    expect(fromStationRecord(station)).toMatchObject({
      trainee: 'Mali T.',
      scenarioId: 'h2s-hatch',
      date: station.startedAt,
    });
    expect(fromStationRecord({ ...station, result: null })).toBeNull();
    const g = groupProgress(uniqueRuns([...RUNS, fromStationRecord(station)]));
    expect(g.rows.map((r) => r.trainee)).toEqual(['Anong P.', 'Mali T.', 'Somchai K.']);
  });
});

describe('records added from files', () => {
  it('reads a Records panel export and station records, and refuses anything else', () => {
    const exported = JSON.stringify(RECORDS.slice(0, 2).map(({ snapshot: _s, ...r }) => r));
    expect(runsFromFile(exported).map((r) => r.runId)).toEqual(['r3', 'r1']);
    const station = { format: 'tanktwin.station-record/1', participant: { name: 'Mali T.' }, scenarioId: 'h2s-hatch' };
    expect(
      runsFromFile(JSON.stringify({ ...station, runId: 's', startedAt: 'x', result: RECORDS[0].result }))[0].trainee,
    ).toBe('Mali T.');
    expect(() => runsFromFile('[1]')).toThrow();
    expect(() => runsFromFile('not json')).toThrow();
  });
});
