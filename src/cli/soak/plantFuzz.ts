import type { z } from 'zod';
import { plantSchema, type PlantData } from '../../sim/plant/schema';
import { defaultPlantRaw } from '../../sim/plant/default';
import { parsePlant, PlantError } from '../../sim/plant/load';
import { Simulation } from '../../sim/simulation';

// Plant files at their extremes: the default plant with numeric fields replaced by the tiniest, largest
// and boundary values their schema still allows. Each must be refused with a field path (by the loader
// or the Simulation constructor) or run without a NaN or an Infinity in any tag.

type Path = (string | number)[];

export interface NumericField {
  path: Path;
  /** The values of the schema's extremes that its own schema accepts. */
  extremes: number[];
}

/** The leaf schema of a path through the plant schema (objects, arrays, tuples, optional/nullable/default). */
function leafSchema(path: Path): z.ZodType | undefined {
  let s = plantSchema as unknown as { def: Record<string, unknown> & { type: string } };
  for (const key of path) {
    while (['optional', 'nullable', 'default'].includes(s.def.type)) s = s.def.innerType as typeof s;
    if (s.def.type === 'object') s = (s.def.shape as Record<string, typeof s>)[key];
    else if (s.def.type === 'array') s = s.def.element as typeof s;
    else if (s.def.type === 'tuple') s = (s.def.items as (typeof s)[])[key as number];
    else return undefined;
    if (!s) return undefined;
  }
  while (['optional', 'nullable', 'default'].includes(s.def.type)) s = s.def.innerType as typeof s;
  return s as unknown as z.ZodType;
}

const MAGNITUDES = [5e-324, 1e-300, 1e-12, 1e-6, 1e-3, 1, 1e3, 1e6, 1e12, 1e300, Number.MAX_VALUE];

function extremesOf(schema: z.ZodType): number[] {
  const n = schema as unknown as { minValue?: number | null; maxValue?: number | null };
  const lo = typeof n.minValue === 'number' ? n.minValue : -Number.MAX_VALUE;
  const hi = typeof n.maxValue === 'number' ? n.maxValue : Number.MAX_VALUE;
  const candidates = [lo, hi, lo + Math.abs(lo) * 1e-12 + 5e-324, 0, ...MAGNITUDES, ...MAGNITUDES.map((x) => -x)];
  if (Number.isFinite(lo) && Number.isFinite(hi)) candidates.push(lo + (hi - lo) * 1e-9, hi - (hi - lo) * 1e-9);
  const ok = candidates.filter((v) => v >= lo && v <= hi && schema.safeParse(v).success);
  return [...new Set(ok)];
}

/** Every numeric field of the default plant file with its extreme values. */
export function numericFields(raw: unknown = defaultPlantRaw): NumericField[] {
  const out: NumericField[] = [];
  const walk = (v: unknown, path: Path) => {
    if (typeof v === 'number') {
      const s = leafSchema(path);
      if (s) out.push({ path, extremes: extremesOf(s) });
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(raw, []);
  return out.filter((f) => f.extremes.length);
}

export function setAt(raw: unknown, path: Path, value: number): unknown {
  const copy = structuredClone(raw) as Record<string | number, unknown>;
  let o = copy;
  for (const k of path.slice(0, -1)) o = o[k] as typeof o;
  o[path[path.length - 1]] = value;
  return copy;
}

export type Outcome = { kind: 'refused'; paths: string[] } | { kind: 'ran' } | { kind: 'failure'; why: string };

/** Load the plant, build the model, run `steps` steps (at most `horizon_s` of plant time); judge the outcome. */
export function tryPlant(raw: unknown, horizon_s: number, maxSteps: number, dt_s?: number): Outcome {
  const r = parsePlant(raw);
  if (!r.ok) {
    const paths = r.errors.map((e) => e.path);
    return paths.every((p) => p.length) ? { kind: 'refused', paths } : { kind: 'failure', why: 'refused at the root' };
  }
  let s: Simulation;
  try {
    s = new Simulation(r.value as PlantData, { dt_s });
  } catch (e) {
    if (e instanceof PlantError && e.errors.every((x) => x.path.length))
      return { kind: 'refused', paths: e.errors.map((x) => x.path) };
    return { kind: 'failure', why: `constructor threw ${(e as Error).message.split('\n')[0]}` };
  }
  const steps = Math.min(maxSteps, Math.ceil(horizon_s / s.dt_s));
  const chunk = Math.max(1, Math.ceil(steps / 4));
  for (let n = 0; n < steps; n += chunk) {
    try {
      s.step(Math.min(chunk, steps - n));
    } catch (e) {
      return { kind: 'failure', why: `step threw at ${s.state.t_s} s: ${(e as Error).message}` };
    }
    s.state.events.length = 0;
    for (const t of s.tags) {
      const v = t.read(s.state);
      if (!Number.isFinite(v)) return { kind: 'failure', why: `${t.name} = ${v} at ${s.state.t_s.toFixed(0)} s` };
    }
  }
  return { kind: 'ran' };
}

export interface FuzzReport {
  cases: number;
  seed: number;
  refused: number;
  ran: number;
  failures: { edits: string; why: string }[];
}

/** A small deterministic generator (mulberry32), so a failing case is found again from its seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One to three fields at a time, each at one of its extremes; every case runs 2 h at the plant's dt. */
export function fuzzPlants(n: number, seed: number, horizon_s = 7200, maxSteps = 7200, dt_s?: number): FuzzReport {
  const fields = numericFields();
  const rand = rng(seed);
  const report: FuzzReport = { cases: n, seed, refused: 0, ran: 0, failures: [] };
  for (let c = 0; c < n; c++) {
    let raw = defaultPlantRaw;
    const edits: string[] = [];
    const k = 1 + Math.floor(rand() * 3);
    for (let j = 0; j < k; j++) {
      const f = fields[Math.floor(rand() * fields.length)];
      const v = f.extremes[Math.floor(rand() * f.extremes.length)];
      raw = setAt(raw, f.path, v);
      edits.push(`${f.path.join('.')}=${v}`);
    }
    const o = tryPlant(raw, horizon_s, maxSteps, dt_s);
    if (o.kind === 'refused') report.refused++;
    else if (o.kind === 'ran') report.ran++;
    else report.failures.push({ edits: edits.join(' '), why: o.why });
  }
  return report;
}
