import { commandSchema } from '../sim/commandSchema';
import { applyCommand } from '../sim/apply';
import { createState } from '../sim/initial';
import type { Command } from '../sim/commands';
import type { FieldError } from '../sim/plant/load';
import type { Model } from '../sim/plantIndex';
import type { Scenario } from './schema';

// Checks of a scenario beyond its schema: nesting depth (before the schema, whose recursive condition
// parser would overflow the stack), duplicate ids (the engine keys breaches and steps by id, so a second
// safety limit with the same id never fires), and the commands it issues or expects against the plant.

/** Deeper than this is refused with a message; the shipped scenarios nest conditions 4 levels at most. */
export const MAX_NESTING = 48;

/** The first place the raw document nests deeper than MAX_NESTING, found without recursion. */
export function tooDeep(raw: unknown): FieldError | null {
  const stack: { v: unknown; path: string; depth: number }[] = [{ v: raw, path: '', depth: 0 }];
  while (stack.length) {
    const { v, path, depth } = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth > MAX_NESTING)
      return {
        path: path || '(root)',
        message: `nested more than ${MAX_NESTING} levels deep; split the condition or simplify it`,
      };
    if (Array.isArray(v)) v.forEach((x, i) => stack.push({ v: x, path: `${path}[${i}]`, depth: depth + 1 }));
    else
      for (const [k, x] of Object.entries(v)) stack.push({ v: x, path: path ? `${path}.${k}` : k, depth: depth + 1 });
  }
  return null;
}

/** Each list's ids must be unique within it. */
export function duplicateIds(s: Scenario): FieldError[] {
  const errors: FieldError[] = [];
  const lists: [string, { id: string }[]][] = [
    ['timeline', s.timeline],
    ['objectives', s.objectives],
    ['safety', s.safety],
    ['hazards', s.hazards],
  ];
  for (const [name, list] of lists) {
    const seen = new Set<string>();
    list.forEach((x, i) => {
      if (seen.has(x.id)) errors.push({ path: `${name}[${i}].id`, message: `duplicate id "${x.id}" in ${name}` });
      seen.add(x.id);
    });
  }
  return errors;
}

// Fields of a command that name something in the plant.
const REFERENCES = ['tag', 'tank', 'arm', 'bay', 'from', 'to', 'id'] as const;

type Shape = Record<string, { safeParse(v: unknown): { success: boolean; error?: { issues: { message: string }[] } } }>;
const shapes = new Map<string, Shape>(
  commandSchema.options.map((o) => [o.shape.type.value as string, o.shape as unknown as Shape]),
);

/** Everything a command may name in this plant: equipment (tags' prefixes and every tag-like name in the
 * plant file, which covers controllers and valves), alarms and instruments. */
function plantNames(m: Model, tagNames: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (const t of tagNames) out.add(t.slice(0, t.indexOf('.')));
  for (const k of m.alarmIndex.keys()) out.add(k);
  const stack: unknown[] = [m.plant];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'string') out.add(v);
    else if (v && typeof v === 'object') stack.push(...Object.values(v));
  }
  return out;
}

/**
 * Timeline commands are tried on a scratch state of the plant: one that names nothing there is refused.
 * A step's expected command gives some fields only; each must exist for its type, have a valid value,
 * and, where it names equipment, name equipment of this plant, or the step could never complete.
 */
export function checkCommands(s: Scenario, m: Model, tagNames: ReadonlySet<string>): FieldError[] {
  const errors: FieldError[] = [];
  const scratch = createState(m, {}, 1);
  s.timeline.forEach((ev, i) =>
    ev.do.forEach((a, k) => {
      if (!('command' in a) || a.command.type === 'injectFault') return; // faults: validateFault
      const r = applyCommand(m, scratch, a.command as Command, 'scenario');
      if (!r.ok && /^unknown /.test(r.reason))
        errors.push({ path: `timeline[${i}].do[${k}].command`, message: `${r.reason} in this plant` });
    }),
  );
  const names = plantNames(m, tagNames);
  s.procedure.forEach((p, i) => {
    if (!('command' in p.expect)) return;
    const path = `procedure[${i}].expect.command`;
    const want = p.expect.command as Record<string, unknown>;
    const shape = shapes.get(String(want.type));
    if (!shape) {
      errors.push({ path: `${path}.type`, message: `no command "${String(want.type)}"` });
      return;
    }
    for (const [f, v] of Object.entries(want)) {
      if (f === 'type') continue;
      const field = shape[f];
      if (!field) {
        errors.push({ path: `${path}.${f}`, message: `${String(want.type)} has no field "${f}"` });
        continue;
      }
      const ok = field.safeParse(v);
      if (!ok.success) errors.push({ path: `${path}.${f}`, message: ok.error?.issues[0]?.message ?? 'invalid value' });
      else if ((REFERENCES as readonly string[]).includes(f) && typeof v === 'string' && !names.has(v))
        errors.push({ path: `${path}.${f}`, message: `no "${v}" in this plant` });
    }
  });
  return errors;
}
