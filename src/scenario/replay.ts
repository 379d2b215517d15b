import { z } from 'zod';
import { commandSchema } from '../sim/commandSchema';
import type { PlantData } from '../sim/plant/schema';
import { Simulation } from '../sim/simulation';
import type { Command } from '../sim/commands';
import { formatPath, type LoadResult } from '../sim/plant/load';
import type { Scenario } from './schema';
import { ScenarioRun, type ScenarioResult } from './engine';

/** A recorded list of timed trainee actions: a command, or asking for a hint. */
export const actionListSchema = z.array(
  z.union([
    z.strictObject({ t_s: z.number().nonnegative(), command: commandSchema }),
    z.strictObject({ t_s: z.number().nonnegative(), hint: z.literal(true) }),
  ]),
);
export type ActionList = z.infer<typeof actionListSchema>;

export function parseActions(raw: unknown): LoadResult<ActionList> {
  const r = actionListSchema.safeParse(raw);
  return r.success ? { ok: true, value: r.data } : { ok: false, errors: r.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })) };
}

/** Play a scenario headless with a list of trainee actions, to its end. Deterministic for a seed. */
export function replayScenario(plant: PlantData, scenario: Scenario, actions: ActionList, seed = 1): { result: ScenarioResult; sim: Simulation; run: ScenarioRun } {
  const sim = new Simulation(plant, { initial: scenario.initial.conditions, seed });
  const run = new ScenarioRun(sim, scenario);
  const list = [...actions].sort((a, b) => a.t_s - b.t_s);
  let next = 0;
  while (!run.ended) {
    while (next < list.length && list[next].t_s <= sim.state.t_s + 1e-9) {
      const a = list[next++];
      if ('hint' in a) run.useHint();
      else sim.command(a.command as Command, 'trainee');
    }
    sim.step(1);
    run.afterStep();
  }
  return { result: run.result(), sim, run };
}
