import { TwinHttpError, type TwinRequest, type TwinRouteContext, type TwinRouteHandler } from './types';
import type { PlantData } from '../../sim/plant/schema';
import type { FieldError, LoadResult } from '../../sim/plant/load';
import exampleSchedule from '../../../models/schedules/default-day.json';
import { parseSchedule, type Schedule } from '../../productQuality/schedule';
import { parseScheduleCsv } from '../../productQuality/scheduleCsv';
import { forecastWithAdvice } from '../../productQuality/advice';
import { parseLimsCsv } from '../../productQuality/limsCsv';
import { correctedPlant, fitProducts } from '../../productQuality/waltherFit';
import { preferEstimates, startSnapshot, type TagValue } from '../../productQuality/startState';

// /api/twin/quality: product specs, loading-schedule forecasts and LIMS viscosity corrections.
//   GET  /api/twin/quality            the products with their specs and viscosity parameters, an example schedule
//   POST /api/twin/quality/schedule   check a schedule (JSON, or CSV text; ?start=ISO) → its trucks, or errors by path/line
//   POST /api/twin/quality/forecast   {schedule | csv, start?, viscosity?: {product: {A, B}}} → the forecast from the
//                                     live state now (estimates before measurements), with advice and the run time
//   POST /api/twin/quality/lims       LIMS CSV text (or {csv}) → samples, bad rows by line/column, the Walther fits
//                                     with their uncertainty, and the corrected plant (products' viscosity replaced)

const invalid = (errors: FieldError[]) => ({ status: 400, json: { ok: false, errors } });

/** A schedule from the body: a JSON schedule, {schedule}, {csv, start?} or CSV text. */
function scheduleOf(req: TwinRequest, plant: PlantData): LoadResult<Schedule> {
  const b = req.body as { schedule?: unknown; csv?: unknown; start?: unknown } | string;
  const start = req.query.get('start') ?? (typeof b === 'object' && typeof b.start === 'string' ? b.start : undefined);
  if (typeof b === 'string') return parseScheduleCsv(b, plant, { start });
  if (typeof b.csv === 'string') return parseScheduleCsv(b.csv, plant, { start });
  return parseSchedule(b.schedule ?? b, plant);
}

/** The plant with the products' viscosity parameters the caller corrected (a LIMS fit it holds). */
function withViscosity(plant: PlantData, v: unknown): PlantData {
  if (!v || typeof v !== 'object') return plant;
  const copy = structuredClone(plant);
  for (const [id, ab] of Object.entries(v as Record<string, { A?: unknown; B?: unknown }>)) {
    const p = copy.products.find((x) => x.id === id);
    if (!p) throw new TwinHttpError(400, `viscosity: unknown product "${id}"`);
    if (typeof ab?.A !== 'number' || typeof ab.B !== 'number' || !(ab.B < 0))
      throw new TwinHttpError(400, `viscosity.${id}: needs numbers A and B (B negative)`);
    p.viscosity = { A: ab.A, B: ab.B };
  }
  return copy;
}

/** The live values the forecast starts from; null without a live twin. */
function liveValues(ctx: TwinRouteContext): TagValue | null {
  const twin = ctx.twin;
  if (!twin) return null;
  const get = (tag: string) => {
    const s = twin.latest(tag);
    return s && s.q === 'good' && s.v !== null ? s.v : Number.NaN;
  };
  const est = new Map<string, number>();
  for (const s of twin.published()) if (s.q === 'good' && s.v !== null) est.set(s.tag, s.v);
  return preferEstimates(get, (tag) => est.get(tag) ?? Number.NaN);
}

function forecast(req: TwinRequest, ctx: TwinRouteContext) {
  const body = (typeof req.body === 'object' && req.body ? req.body : {}) as { viscosity?: unknown };
  const plant = withViscosity(ctx.plant, body.viscosity);
  const sched = scheduleOf(req, plant);
  if (!sched.ok) return invalid(sched.errors);
  const t0 = performance.now();
  const now_ms = ctx.now_ms();
  const values = liveValues(ctx);
  const fc = forecastWithAdvice({ plant, schedule: sched.value, snapshot: startSnapshot(plant, values), now_ms });
  const runtime_ms = performance.now() - t0;
  // the what-if's trucks are in the advice; its traces are not needed by a page
  const { whatIf, ...rest } = fc;
  return {
    json: {
      ok: true,
      from: values ? 'live' : 'plant file',
      runtime_ms,
      ...rest,
      whatIf: whatIf && { loadings: whatIf.loadings },
    },
  };
}

function lims(req: TwinRequest, ctx: TwinRouteContext) {
  const b = req.body as { csv?: unknown } | string;
  const text = typeof b === 'string' ? b : typeof b?.csv === 'string' ? b.csv : null;
  if (text === null) throw new TwinHttpError(400, 'send the LIMS CSV as the body, or as {csv}');
  const imp = parseLimsCsv(text, ctx.plant);
  const fits = fitProducts(ctx.plant, imp.samples);
  const corrected = correctedPlant(ctx.plant, fits);
  return {
    json: {
      samples: imp.samples,
      other: imp.other,
      errors: imp.errors,
      fits,
      plant: corrected.ok ? corrected.value : null,
      plantErrors: corrected.ok ? [] : corrected.errors,
    },
  };
}

export const handler: TwinRouteHandler = (req, ctx) => {
  const path = req.path.replace(/\/$/, '');
  if (req.method === 'GET' && path === '')
    return {
      json: {
        products: ctx.plant.products.map((p) => ({
          id: p.id,
          name: p.name,
          spec: p.spec ?? null,
          viscosity: p.viscosity,
        })),
        example: exampleSchedule,
      },
    };
  if (req.method !== 'POST') throw new TwinHttpError(405, `no ${req.method} on quality${path}`);
  if (path === '/schedule') {
    const r = scheduleOf(req, ctx.plant);
    return r.ok ? { json: { ok: true, schedule: r.value } } : invalid(r.errors);
  }
  if (path === '/forecast') return forecast(req, ctx);
  if (path === '/lims') return lims(req, ctx);
  throw new TwinHttpError(404, `no quality route ${path}`);
};
