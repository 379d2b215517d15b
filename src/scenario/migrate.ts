import { SCENARIO_SCHEMA_VERSION } from './schema';

// Scenario files written for an older schema are brought up to date before validation.
// v1 → v2: `timeLimit_min` became `timeLimit_s`; `steps` became `procedure`; plain-string texts became
// { en } objects; `passMark` moved under `scoring`.

type Raw = Record<string, unknown>;
const isObj = (x: unknown): x is Raw => typeof x === 'object' && x !== null && !Array.isArray(x);

function text(x: unknown): unknown {
  return typeof x === 'string' ? { en: x } : x;
}

const MIGRATIONS: Record<number, (raw: Raw) => Raw> = {
  1: (r) => {
    const { timeLimit_min, steps, passMark, ...rest } = r;
    const out: Raw = { ...rest, schemaVersion: 2 };
    if (timeLimit_min !== undefined)
      out.timeLimit_s = typeof timeLimit_min === 'number' ? timeLimit_min * 60 : timeLimit_min;
    if (steps !== undefined)
      out.procedure = Array.isArray(steps)
        ? steps.map((s) => (isObj(s) ? { ...s, text: text(s.text), right: text(s.right) } : s))
        : steps;
    for (const k of ['title', 'summary', 'briefing']) if (k in out) out[k] = text(out[k]);
    if (passMark !== undefined) out.scoring = { ...(isObj(out.scoring) ? out.scoring : {}), passMark };
    return out;
  },
};

/** Returns the migrated object, or an error naming schemaVersion when it cannot be migrated. */
export function migrateScenario(
  raw: unknown,
): { ok: true; value: unknown; from: number } | { ok: false; message: string } {
  if (!isObj(raw)) return { ok: false, message: 'a scenario must be a JSON object' };
  const v = raw.schemaVersion;
  if (typeof v !== 'number' || !Number.isInteger(v))
    return { ok: false, message: `schemaVersion must be an integer 1–${SCENARIO_SCHEMA_VERSION}` };
  if (v > SCENARIO_SCHEMA_VERSION)
    return {
      ok: false,
      message: `schemaVersion ${v} is newer than this TankTwin understands (${SCENARIO_SCHEMA_VERSION})`,
    };
  if (v < 1) return { ok: false, message: `schemaVersion ${v} does not exist` };
  let cur: Raw = raw;
  for (let k = v; k < SCENARIO_SCHEMA_VERSION; k++) cur = MIGRATIONS[k](cur);
  return { ok: true, value: cur, from: v };
}
