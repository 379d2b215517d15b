import type { RunRecord } from '../../records/schema';
import type { StationRecord } from '../../protocol/session';
import type { ScenarioResult } from '../../scenario/engine';
import type { LocalText } from '../../scenario/schema';

// Progress across runs, from the stored training records: each trainee's score trend per scenario and the
// mistakes that come back run after run, and the same over a whole group. Records from this browser
// (IndexedDB) and from the station (signed, per session) are brought to one summary first; only finished
// runs with a result count. Dates are the records' own, so the same records always give the same answer.

export interface RunSummary {
  runId: string;
  trainee: string;
  scenarioId: string;
  scenarioVersion: string;
  title: string;
  /** When the run started (ISO, from the record). */
  date: string;
  result: ScenarioResult;
}

export function fromRunRecord(r: RunRecord): RunSummary | null {
  if (r.status !== 'ended' || !r.result) return null;
  const { runId, trainee, scenarioId, scenarioVersion, title, startedAt: date, result } = r;
  return { runId, trainee, scenarioId, scenarioVersion, title, date, result };
}

/** A station record has no title: the scenario id stands in until the page maps it to a title. */
export function fromStationRecord(s: StationRecord): RunSummary | null {
  if (!s.result || !s.scenarioId) return null;
  return {
    runId: s.runId,
    trainee: s.participant.name,
    scenarioId: s.scenarioId,
    scenarioVersion: s.result.scenarioVersion,
    title: s.scenarioId,
    date: s.startedAt,
    result: s.result,
  };
}

/** The same person however the name was typed ("Somchai K." and " somchai  k."). */
export const traineeKey = (name: string): string => name.trim().replace(/\s+/g, ' ').toLowerCase();

const byDate = (a: RunSummary, b: RunSummary) => a.date.localeCompare(b.date) || a.runId.localeCompare(b.runId);

/** One summary per run (the same run read from two places counts once), oldest first. */
export function uniqueRuns(runs: readonly (RunSummary | null)[]): RunSummary[] {
  const seen = new Map<string, RunSummary>();
  for (const r of runs) if (r && !seen.has(r.runId)) seen.set(r.runId, r);
  return [...seen.values()].sort(byDate);
}

export interface ScorePoint {
  runId: string;
  date: string;
  score: number;
  pass: boolean;
}

export interface ScenarioHistory {
  scenarioId: string;
  title: string;
  /** The pass mark of the latest run (a newer scenario version may have moved it). */
  passMark: number;
  points: ScorePoint[];
  best: number;
  last: number;
  /** The first run that passed, or null. */
  firstPass: ScorePoint | null;
}

/** Score trend per scenario, scenarios in the order first tried. */
export function scenarioHistories(runs: readonly RunSummary[]): ScenarioHistory[] {
  const out = new Map<string, ScenarioHistory>();
  for (const r of [...runs].sort(byDate)) {
    const p: ScorePoint = { runId: r.runId, date: r.date, score: r.result.score, pass: r.result.pass };
    const h = out.get(r.scenarioId);
    if (!h) {
      out.set(r.scenarioId, {
        scenarioId: r.scenarioId,
        title: r.title,
        passMark: r.result.passMark,
        points: [p],
        best: p.score,
        last: p.score,
        firstPass: p.pass ? p : null,
      });
      continue;
    }
    h.points.push(p);
    h.best = Math.max(h.best, p.score);
    h.last = p.score;
    h.passMark = r.result.passMark;
    h.title = r.title;
    h.firstPass ??= p.pass ? p : null;
  }
  return [...out.values()];
}

export type MistakeKind = 'missed' | 'late' | 'violation' | 'hint';

export interface Mistake {
  kind: MistakeKind;
  scenarioId: string;
  /** The step or safety limit's id ('' for hints). */
  id: string;
  /** Its text from the scenario, or null for hints. */
  text: LocalText | null;
  /** Runs it happened in. */
  runs: number;
  /** Who made it (trainee keys' display names, first spelling seen). */
  trainees: string[];
}

/** Each run's mistakes, once per run: a step missed or late, a safety limit broken, hints asked for. */
function mistakesIn(r: RunSummary): Omit<Mistake, 'runs' | 'trainees'>[] {
  const sc = r.scenarioId;
  const out: Omit<Mistake, 'runs' | 'trainees'>[] = [];
  for (const s of r.result.steps) {
    if (s.done_s === null) out.push({ kind: 'missed', scenarioId: sc, id: s.id, text: s.text });
    else if (s.late) out.push({ kind: 'late', scenarioId: sc, id: s.id, text: s.text });
  }
  const broken = new Set<string>();
  for (const v of r.result.violations)
    if (!broken.has(v.id)) {
      broken.add(v.id);
      out.push({ kind: 'violation', scenarioId: sc, id: v.id, text: v.text });
    }
  if (r.result.hints.used > 0) out.push({ kind: 'hint', scenarioId: sc, id: '', text: null });
  return out;
}

/** Every mistake counted across runs, most frequent first (then by who made it, then by scenario). */
export function mistakesAcross(runs: readonly RunSummary[]): Mistake[] {
  const out = new Map<string, Mistake & { who: Map<string, string> }>();
  for (const r of runs)
    for (const m of mistakesIn(r)) {
      const key = `${m.scenarioId}\u0000${m.kind}\u0000${m.id}`;
      const x = out.get(key) ?? { ...m, runs: 0, trainees: [], who: new Map<string, string>() };
      x.runs++;
      if (!x.who.has(traineeKey(r.trainee))) x.who.set(traineeKey(r.trainee), r.trainee.trim());
      out.set(key, x);
    }
  return [...out.values()]
    .map(({ who, ...m }) => ({ ...m, trainees: [...who.values()] }))
    .sort(
      (a, b) =>
        b.runs - a.runs ||
        b.trainees.length - a.trainees.length ||
        a.scenarioId.localeCompare(b.scenarioId) ||
        a.id.localeCompare(b.id),
    );
}

/** The mistakes that came back: made in two runs or more. */
export const repeatedMistakes = (runs: readonly RunSummary[]): Mistake[] =>
  mistakesAcross(runs).filter((m) => m.runs >= 2);

/** One trainee's runs (by trainee key), oldest first. */
export function runsOf(runs: readonly RunSummary[], trainee: string): RunSummary[] {
  const k = traineeKey(trainee);
  return runs.filter((r) => traineeKey(r.trainee) === k).sort(byDate);
}
