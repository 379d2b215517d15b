import { formatPath, type FieldError, type LoadResult } from '../sim/plant/load';
import type { Model } from '../sim/plantIndex';
import { parseJsonText } from '../sim/plant/parseJson';
import { parseInitialConditions } from '../sim/initial';
import { validateFault } from '../sim/faultEffects';
import { migrateScenario } from './migrate';
import { scenarioSchema, type Condition, type Scenario } from './schema';
import { checkCommands, duplicateIds, tooDeep } from './checks';

/** Parse and validate a scenario (any schema version). Never throws: each problem has its field path. */
export function parseScenario(raw: unknown, model?: Model, tagNames?: ReadonlySet<string>): LoadResult<Scenario> {
  const deep = tooDeep(raw);
  if (deep) return { ok: false, errors: [deep] };
  let mig: ReturnType<typeof migrateScenario>;
  try {
    mig = migrateScenario(raw);
  } catch (e) {
    return { ok: false, errors: [{ path: '(root)', message: `could not migrate: ${(e as Error).message}` }] };
  }
  if (!mig.ok) return { ok: false, errors: [{ path: 'schemaVersion', message: mig.message }] };
  const r = scenarioSchema.safeParse(mig.value);
  if (!r.success)
    return { ok: false, errors: r.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })) };
  const errors = checkScenario(r.data, model, tagNames);
  return errors.length ? { ok: false, errors } : { ok: true, value: r.data };
}

export function parseScenarioText(text: string, model?: Model, tagNames?: ReadonlySet<string>): LoadResult<Scenario> {
  return parseJsonText(text, (raw) => parseScenario(raw, model, tagNames));
}

function checkScenario(s: Scenario, model?: Model, tagNames?: ReadonlySet<string>): FieldError[] {
  const errors: FieldError[] = duplicateIds(s);
  const stepIds = new Set<string>();
  s.procedure.forEach((p, i) => {
    if (stepIds.has(p.id)) errors.push({ path: `procedure[${i}].id`, message: `duplicate step id "${p.id}"` });
    stepIds.add(p.id);
  });
  s.procedure.forEach((p, i) => {
    if (p.after && 'step' in p.after && !stepIds.has(p.after.step))
      errors.push({ path: `procedure[${i}].after.step`, message: `no step "${p.after.step}"` });
  });
  if (!model || !tagNames) return errors;
  errors.push(...checkCommands(s, model, tagNames));
  const cond = (c: Condition, path: string) => {
    if ('tag' in c) {
      if (!tagNames.has(c.tag)) errors.push({ path: `${path}.tag`, message: `no tag "${c.tag}" in this plant` });
    } else if ('alarm' in c) {
      if (!model.alarmIndex.has(c.alarm))
        errors.push({ path: `${path}.alarm`, message: `no alarm "${c.alarm}" in this plant` });
    } else if ('all' in c) c.all.forEach((x, k) => cond(x, `${path}.all[${k}]`));
    else if ('any' in c) c.any.forEach((x, k) => cond(x, `${path}.any[${k}]`));
    else cond(c.not, `${path}.not`);
  };
  const ic = parseInitialConditions(s.initial.conditions, model);
  if (!ic.ok) for (const e of ic.errors) errors.push({ path: `initial.conditions.${e.path}`, message: e.message });
  s.timeline.forEach((ev, i) => {
    if (ev.when) cond(ev.when, `timeline[${i}].when`);
    ev.do.forEach((a, k) => {
      if ('command' in a && a.command.type === 'injectFault') {
        const why = validateFault(model, a.command.fault);
        if (why) errors.push({ path: `timeline[${i}].do[${k}].command.fault`, message: why });
      }
    });
  });
  s.procedure.forEach((p, i) => {
    if ('condition' in p.expect) cond(p.expect.condition, `procedure[${i}].expect.condition`);
    if (p.after && 'alarm' in p.after && !model.alarmIndex.has(p.after.alarm))
      errors.push({ path: `procedure[${i}].after.alarm`, message: `no alarm "${p.after.alarm}" in this plant` });
  });
  s.objectives.forEach((o, i) => cond(o.condition, `objectives[${i}].condition`));
  s.safety.forEach((o, i) => cond(o.condition, `safety[${i}].condition`));
  if (s.endWhen && s.endWhen !== 'procedureDone') cond(s.endWhen, 'endWhen');
  s.keyTags.forEach((k, i) => {
    if (!tagNames.has(k)) errors.push({ path: `keyTags[${i}]`, message: `no tag "${k}" in this plant` });
  });
  return errors;
}

export { formatPath };
