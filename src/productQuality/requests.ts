import type { PlantData } from '../sim/plant/schema';
import type { FieldError, LoadResult } from '../sim/plant/load';
import type { Snapshot } from '../sim/snapshot';
import { parseSchedule, type Schedule } from './schedule';
import { parseScheduleCsv } from './scheduleCsv';
import { forecastWithAdvice, type ForecastWithAdvice } from './advice';
import { parseLimsCsv, type LimsImport } from './limsCsv';
import { correctedPlant, fitProducts, type WaltherFit } from './waltherFit';

// The quality requests as plain functions of plain data, so the station's route (/api/twin/quality) and a page
// that runs the model itself (the trainer's simulated plant) answer them the same way.

/** A forecast request: a schedule as JSON ({schedule} or the schedule itself) or CSV ({csv, start?} or text). */
export type ForecastBody = string | { schedule?: unknown; csv?: string; start?: string; viscosity?: unknown };

export type ForecastReply = Omit<ForecastWithAdvice, 'whatIf'> & {
  ok: true;
  from: string;
  /** Wall time the forecast took where it ran, ms. */
  runtime_ms: number;
  whatIf: { loadings: ForecastWithAdvice['loadings'] } | null;
};

export interface LimsReply {
  samples: LimsImport['samples'];
  other: LimsImport['other'];
  errors: FieldError[];
  fits: WaltherFit[];
  /** The plant with the fitted products' viscosity, or null when it would not be valid (plantErrors say why). */
  plant: PlantData | null;
  plantErrors: FieldError[];
}

export type Answer<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/** The schedule a body carries, checked against the plant. */
export function scheduleFromBody(body: unknown, plant: PlantData, startQuery?: string | null): LoadResult<Schedule> {
  const b = (body ?? {}) as ForecastBody;
  const start = startQuery ?? (typeof b === 'object' && typeof b.start === 'string' ? b.start : undefined);
  if (typeof b === 'string') return parseScheduleCsv(b, plant, { start });
  if (typeof b.csv === 'string') return parseScheduleCsv(b.csv, plant, { start });
  return parseSchedule(b.schedule ?? b, plant);
}

/** The plant with the products' viscosity parameters a caller holds from a LIMS fit ({product: {A, B}}). */
export function withViscosity(plant: PlantData, v: unknown): Answer<PlantData> {
  if (v === undefined || v === null) return { ok: true, value: plant };
  if (typeof v !== 'object')
    return { ok: false, errors: [{ path: 'viscosity', message: 'must be {product: {A, B}}' }] };
  const copy = structuredClone(plant);
  const errors: FieldError[] = [];
  for (const [id, ab] of Object.entries(v as Record<string, { A?: unknown; B?: unknown } | null>)) {
    const p = copy.products.find((x) => x.id === id);
    if (!p) errors.push({ path: `viscosity.${id}`, message: `unknown product "${id}"` });
    else if (typeof ab?.A !== 'number' || typeof ab.B !== 'number' || !(ab.B < 0))
      errors.push({ path: `viscosity.${id}`, message: 'needs numbers A and B (B negative)' });
    else p.viscosity = { A: ab.A, B: ab.B };
  }
  return errors.length ? { ok: false, errors } : { ok: true, value: copy };
}

/**
 * Answer a forecast request from a starting state. `snapshotFor` makes the state on the (possibly corrected)
 * plant; `clock` measures the run time where the caller allows a clock (never in the core).
 */
export function forecastRequest(
  plant: PlantData,
  body: unknown,
  start: { snapshotFor: (p: PlantData) => Snapshot; now_ms: number; from: string },
  clock: () => number = () => Number.NaN,
  startQuery?: string | null,
): Answer<ForecastReply> {
  const b = (typeof body === 'object' && body ? body : {}) as { viscosity?: unknown };
  const p = withViscosity(plant, b.viscosity);
  if (!p.ok) return p;
  const sched = scheduleFromBody(body, p.value, startQuery);
  if (!sched.ok) return sched;
  const t0 = clock();
  const fc = forecastWithAdvice({
    plant: p.value,
    schedule: sched.value,
    snapshot: start.snapshotFor(p.value),
    now_ms: start.now_ms,
  });
  const { whatIf, ...rest } = fc;
  return {
    ok: true,
    value: {
      ...rest,
      ok: true,
      from: start.from,
      runtime_ms: clock() - t0,
      // the what-if's trucks back the advice; its traces are not needed by a page
      whatIf: whatIf && { loadings: whatIf.loadings },
    },
  };
}

/** Answer a LIMS upload: CSV text, or {csv}. */
export function limsRequest(plant: PlantData, body: unknown): Answer<LimsReply> {
  const b = body as { csv?: unknown } | string | null;
  const text = typeof b === 'string' ? b : typeof b?.csv === 'string' ? b.csv : null;
  if (text === null)
    return { ok: false, errors: [{ path: '(body)', message: 'send the LIMS CSV as the body, or as {csv}' }] };
  const imp = parseLimsCsv(text, plant);
  const fits = fitProducts(plant, imp.samples);
  const corrected = correctedPlant(plant, fits);
  return {
    ok: true,
    value: {
      samples: imp.samples,
      other: imp.other,
      errors: imp.errors,
      fits,
      plant: corrected.ok ? corrected.value : null,
      plantErrors: corrected.ok ? [] : corrected.errors,
    },
  };
}

/** What GET answers: the products with their specs and viscosity, and an example schedule. */
export function qualityInfo(plant: PlantData, example: unknown) {
  return {
    products: plant.products.map((p) => ({ id: p.id, name: p.name, spec: p.spec ?? null, viscosity: p.viscosity })),
    example,
  };
}
