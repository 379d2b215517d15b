import type { PlantData } from '../sim/plant/schema';
import { Simulation } from '../sim/simulation';
import { contentHash } from '../sim/contentHash';
import type { Command, CommandOrigin } from '../sim/commands';
import { parseScenario } from '../scenario/load';
import type { Scenario } from '../scenario/schema';
import { ScenarioRun, type ScenarioResult } from '../scenario/engine';
import { formatErrors } from '../sim/plant/load';
import type { RunRecord } from './schema';

// Confirming a record's score by replaying its run: the model is deterministic, so the plant, scenario
// and seed the record names, with its actions at their plant times (and its hints), must end the same
// way with the same score. Used by `npm run sim -- --verify RECORD.json` and the Records panel.

export type Verdict = 'confirmed' | 'refuted' | 'unverifiable';

export interface Verification {
  verdict: Verdict;
  message: string;
  /** The result of the replay, when there was one. */
  replayed?: ScenarioResult;
}

// Actions the scenario issues itself are issued again by the replay; every other origin is replayed.
const REPLAYED: ReadonlySet<CommandOrigin> = new Set(['trainee', 'automation', 'instructor']);
const MAX_REPLAY_STEPS = 5_000_000;

export function verifyRecord(record: RunRecord, plant: PlantData, scenarioRaw: unknown): Verification {
  const no = (verdict: Verdict, message: string): Verification => ({ verdict, message });
  if (record.status !== 'ended' || !record.result) return no('unverifiable', 'the run has not ended');
  if (!record.plantHash || !record.scenarioHash)
    return no('unverifiable', 'the record does not name its plant and scenario by content (an older record)');
  if (record.plantHash !== contentHash(plant))
    return no('unverifiable', `the record was made on another plant (${record.plantName}, ${record.plantHash})`);
  if (record.backtracks.length)
    return no('unverifiable', `the run was backtracked ${record.backtracks.length} time(s): it cannot be replayed`);
  const ref = new Simulation(plant);
  const sc = parseScenario(scenarioRaw, ref.model, new Set(ref.tagIndex.keys()));
  if (!sc.ok) return no('unverifiable', `the scenario is not valid:\n${formatErrors(sc.errors)}`);
  if (contentHash(sc.value) !== record.scenarioHash)
    return no('unverifiable', `the scenario ${record.scenarioId} is not the one the run used (its content differs)`);
  const replayed = replay(plant, sc.value, record);
  const want = record.result;
  const same =
    replayed.score === want.score &&
    replayed.pass === want.pass &&
    replayed.endedBy === want.endedBy &&
    replayed.duration_s === want.duration_s;
  return same
    ? { verdict: 'confirmed', message: `score ${want.score} (${want.pass ? 'pass' : 'fail'}) confirmed`, replayed }
    : {
        verdict: 'refuted',
        message: `the record says ${want.score} (${want.pass ? 'pass' : 'fail'}, ${want.endedBy} at ${want.duration_s} s); the replay gives ${replayed.score} (${replayed.pass ? 'pass' : 'fail'}, ${replayed.endedBy} at ${replayed.duration_s} s)`,
        replayed,
      };
}

function replay(plant: PlantData, scenario: Scenario, record: RunRecord): ScenarioResult {
  const sim = new Simulation(plant, { initial: scenario.initial.conditions, seed: record.seed });
  const run = new ScenarioRun(sim, scenario);
  type Item = { t_s: number; command?: Command; by?: CommandOrigin };
  const list: Item[] = [
    ...record.events.flatMap((e) =>
      e.type === 'action' && REPLAYED.has(e.by) ? [{ t_s: e.t_s, command: e.command as Command, by: e.by }] : [],
    ),
    ...record.hints.map((t_s) => ({ t_s })),
  ].sort((a, b) => a.t_s - b.t_s);
  const abandonAt = record.result?.endedBy === 'abandoned' ? record.result.duration_s : Infinity;
  let next = 0;
  for (let n = 0; !run.ended && n < MAX_REPLAY_STEPS; n++) {
    while (next < list.length && list[next].t_s <= sim.state.t_s + 1e-9) {
      const a = list[next++];
      if (a.command) sim.command(a.command, a.by);
      else run.useHint();
    }
    if (run.elapsed() >= abandonAt - 1e-9) run.abandon();
    if (run.ended) break;
    sim.step(1);
    run.afterStep();
  }
  return run.result();
}
