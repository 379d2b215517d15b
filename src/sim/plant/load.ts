import { plantSchema, type PlantData } from './schema';
import { parseJsonText } from './parseJson';
import { checkHotOil } from './hotOilChecks';
import { checkEdges } from './edgeChecks';

export interface FieldError {
  path: string;
  message: string;
}

export type LoadResult<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/** Path in the dotted/bracketed form people read: tanks[3].coil.turnHeights_m[0] */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out || '(root)';
}

export function formatErrors(errors: readonly FieldError[]): string {
  return errors.map((e) => `  ${e.path}: ${e.message}`).join('\n');
}

/** Cross-field checks that a schema of single fields cannot express. */
function checkConsistency(p: PlantData): FieldError[] {
  const errors: FieldError[] = [];
  const products = new Set(p.products.map((x) => x.id));
  const seen = new Map<string, string>();
  const unique = (t: string, path: string) => {
    const prev = seen.get(t);
    if (prev) errors.push({ path, message: `tag "${t}" is already used at ${prev}; every tag must be unique` });
    else seen.set(t, path);
  };
  const productAt = new Map<string, number>();
  p.products.forEach((x, i) => {
    const prev = productAt.get(x.id);
    if (prev !== undefined)
      errors.push({ path: `products[${i}].id`, message: `product "${x.id}" is already defined at products[${prev}]` });
    else productAt.set(x.id, i);
  });
  p.portables.forEach((x, i) => unique(x.tag, `portables[${i}].tag`));
  p.tanks.forEach((t, i) => {
    const at = `tanks[${i}]`;
    unique(t.tag, `${at}.tag`);
    unique(t.coil.valveTag, `${at}.coil.valveTag`);
    unique(t.coil.blockValveTag, `${at}.coil.blockValveTag`);
    unique(t.outletValve, `${at}.outletValve`);
    unique(t.receiptValve, `${at}.receiptValve`);
    // an instrument or controller shared by two tanks would make one tank control on the other's sensor
    const ins = t.instruments;
    unique(ins.level, `${at}.instruments.level`);
    unique(ins.levelSwitchHH, `${at}.instruments.levelSwitchHH`);
    unique(ins.temperature, `${at}.instruments.temperature`);
    unique(ins.h2s, `${at}.instruments.h2s`);
    ins.tempPoints.forEach((x, k) => unique(x, `${at}.instruments.tempPoints[${k}]`));
    unique(t.control.tag, `${at}.control.tag`);
    if (!products.has(t.product))
      errors.push({
        path: `${at}.product`,
        message: `unknown product "${t.product}"; known: ${[...products].join(', ')}`,
      });
    if (t.coil.turnHeights_m.length !== t.coil.turns)
      errors.push({
        path: `${at}.coil.turnHeights_m`,
        message: `has ${t.coil.turnHeights_m.length} heights but coil.turns is ${t.coil.turns}`,
      });
    if (t.coil.id_m >= t.coil.od_m)
      errors.push({ path: `${at}.coil.id_m`, message: 'inner diameter must be smaller than od_m' });
    const top = Math.max(...t.coil.turnHeights_m);
    if (top >= t.shellHeight_m)
      errors.push({
        path: `${at}.coil.turnHeights_m`,
        message: `top turn ${top} m is above the shell (${t.shellHeight_m} m)`,
      });
    if (t.alarms.levelLowCutout_m <= top)
      errors.push({
        path: `${at}.alarms.levelLowCutout_m`,
        message: `must be above the top coil turn (${top} m) so the coil stays submerged while heating`,
      });
    if (t.alarms.levelHighHigh_frac <= t.alarms.levelHigh_frac)
      errors.push({ path: `${at}.alarms.levelHighHigh_frac`, message: 'must be greater than levelHigh_frac' });
    if (t.alarms.tempHighHigh_C <= t.alarms.tempHigh_C)
      errors.push({ path: `${at}.alarms.tempHighHigh_C`, message: 'must be greater than tempHigh_C' });
    if (t.initial.level_m > t.shellHeight_m)
      errors.push({
        path: `${at}.initial.level_m`,
        message: `${t.initial.level_m} m is above the shell height ${t.shellHeight_m} m`,
      });
  });
  p.hotOil.pumps.forEach((x, i) => unique(x.tag, `hotOil.pumps[${i}].tag`));
  unique(p.hotOil.heater.tag, 'hotOil.heater.tag');
  unique(p.hotOil.expansionTank.tag, 'hotOil.expansionTank.tag');
  const pumpTags = new Set(p.loading.pumps.map((x) => x.tag));
  p.loading.pumps.forEach((x, i) => unique(x.tag, `loading.pumps[${i}].tag`));
  p.loading.stations.forEach((s, si) =>
    s.bays.forEach((b, bi) => {
      unique(b.tag, `loading.stations[${si}].bays[${bi}].tag`);
      b.arms.forEach((a, ai) => {
        const at = `loading.stations[${si}].bays[${bi}].arms[${ai}]`;
        unique(a.tag, `${at}.tag`);
        if (!pumpTags.has(a.pump))
          errors.push({ path: `${at}.pump`, message: `unknown pump "${a.pump}"; declare it in loading.pumps` });
      });
    }),
  );
  const tankTags = new Set(p.tanks.map((t) => t.tag));
  p.valves.forEach((v, i) => {
    if (!tankTags.has(v.tank)) errors.push({ path: `valves[${i}].tank`, message: `unknown tank "${v.tank}"` });
  });
  errors.push(...checkHotOil(p));
  errors.push(...checkEdges(p));
  return errors;
}

/** Flow tags name tags of the model; checked once the model's tag list exists. */
export function checkFlowTags(p: PlantData, tagNames: ReadonlySet<string>): FieldError[] {
  const out: FieldError[] = [];
  p.pipes.forEach((pipe, i) => {
    if (pipe.flowTag && !tagNames.has(pipe.flowTag))
      out.push({
        path: `pipes[${i}].flowTag`,
        message: `no tag "${pipe.flowTag}" in this plant; see npm run sim -- --list-tags`,
      });
  });
  return out;
}

/** Validate raw JSON as a plant. Never throws: every problem comes back with its field path. */
export function parsePlant(raw: unknown): LoadResult<PlantData> {
  const r = plantSchema.safeParse(raw);
  if (!r.success) {
    return { ok: false, errors: r.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })) };
  }
  const errors = checkConsistency(r.data);
  return errors.length ? { ok: false, errors } : { ok: true, value: r.data };
}

/** Parse plant JSON text; a syntax error is reported as an error at the root. */
export function parsePlantText(text: string): LoadResult<PlantData> {
  return parseJsonText(text, parsePlant);
}

export class PlantError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(`The plant file is not valid:\n${formatErrors(errors)}`);
    this.name = 'PlantError';
  }
}

export function loadPlantOrThrow(raw: unknown): PlantData {
  const r = parsePlant(raw);
  if (!r.ok) throw new PlantError(r.errors);
  return r.value;
}
