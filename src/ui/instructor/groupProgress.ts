import { mistakesAcross, scenarioHistories, traineeKey, type Mistake, type RunSummary } from '../debrief/history';

// A whole group's progress from the records the instructor's page can read: who has passed which
// scenario, with what scores, and the mistakes the group makes again and again (the topics to brief).

export interface GroupCell {
  attempts: number;
  best: number;
  last: number;
  passed: boolean;
}

export interface GroupRow {
  trainee: string;
  cells: Record<string, GroupCell>;
  passedCount: number;
}

export interface GroupProgress {
  scenarios: { id: string; title: string; passMark: number }[];
  rows: GroupRow[];
  /** Mistakes made by two trainees or more, or twice or more by one: most widespread first. */
  mistakes: Mistake[];
}

export function groupProgress(runs: readonly RunSummary[]): GroupProgress {
  const people = new Map<string, RunSummary[]>();
  for (const r of runs) {
    const k = traineeKey(r.trainee);
    people.set(k, [...(people.get(k) ?? []), r]);
  }
  const scenarios = new Map<string, GroupProgress['scenarios'][number]>();
  const rows: GroupRow[] = [];
  for (const own of people.values()) {
    const cells: Record<string, GroupCell> = {};
    for (const h of scenarioHistories(own)) {
      cells[h.scenarioId] = { attempts: h.points.length, best: h.best, last: h.last, passed: !!h.firstPass };
      scenarios.set(h.scenarioId, { id: h.scenarioId, title: h.title, passMark: h.passMark });
    }
    const passedCount = Object.values(cells).filter((c) => c.passed).length;
    rows.push({ trainee: own[0].trainee.trim(), cells, passedCount });
  }
  rows.sort((a, b) => a.trainee.localeCompare(b.trainee));
  const mistakes = mistakesAcross(runs)
    .filter((m) => m.trainees.length >= 2 || m.runs >= 2)
    .sort((a, b) => b.trainees.length - a.trainees.length || b.runs - a.runs);
  return { scenarios: [...scenarios.values()].sort((a, b) => a.id.localeCompare(b.id)), rows, mistakes };
}
