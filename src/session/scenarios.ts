import { scenarioSchema, type Scenario, type ScenarioInput } from '../scenario/schema';

// The scenarios the app carries, to show a session's briefing, steps and hints: the station runs the
// scenario; the page only needs its text. Loaded on first use (kept out of the first download).

const files = import.meta.glob<ScenarioInput>(['../../scenarios/*.json', '!../../scenarios/scenario.schema.json'], {
  import: 'default',
});

let all: Promise<ScenarioInput[]> | null = null;

export function scenarioFiles(): Promise<ScenarioInput[]> {
  all ??= Promise.all(Object.values(files).map((f) => f())).then((l) =>
    l.sort((a, b) => a.title.en.localeCompare(b.title.en)),
  );
  return all;
}

/** The scenario with this id as the schema reads it, or null when the app does not carry it. */
export async function scenarioById(id: string): Promise<Scenario | null> {
  const raw = (await scenarioFiles()).find((s) => s.id === id);
  if (!raw) return null;
  const r = scenarioSchema.safeParse(raw);
  return r.success ? r.data : null;
}
