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

const hintItem = z.strictObject({ t_s: z.number().nonnegative(), hint: z.literal(true) });
const commandItem = z.strictObject({ t_s: z.number().nonnegative(), command: commandSchema });

/** Validate an action list item by item, so each error names its item and field. */
export function parseActions(raw: unknown): LoadResult<ActionList> {
  if (!Array.isArray(raw))
    return {
      ok: false,
      errors: [{ path: '(root)', message: 'must be an array of {t_s, command} or {t_s, hint: true}' }],
    };
  const errors: { path: string; message: string }[] = [];
  const out: ActionList = [];
  raw.forEach((item, i) => {
    const schema = typeof item === 'object' && item !== null && 'hint' in item ? hintItem : commandItem;
    const r = schema.safeParse(item);
    if (r.success) out.push(r.data);
    else for (const e of r.error.issues) errors.push({ path: formatPath([i, ...e.path]), message: e.message });
  });
  return errors.length ? { ok: false, errors } : { ok: true, value: out };
}

/** Play a scenario headless with a list of trainee actions, to its end. Deterministic for a seed. */
export function replayScenario(
  plant: PlantData,
  scenario: Scenario,
  actions: ActionList,
  seed = 1,
): { result: ScenarioResult; sim: Simulation; run: ScenarioRun } {
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
