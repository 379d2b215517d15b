import { TwinHttpError, type TwinRouteContext, type TwinRouteHandler, type TwinReply } from './types';
import type { FieldError } from '../../sim/plant/load';
import exampleSchedule from '../../../models/schedules/default-day.json';
import {
  scheduleFromBody,
  forecastRequest,
  limsRequest,
  qualityInfo,
  type Answer,
} from '../../productQuality/requests';
import { preferEstimates, startSnapshot, type TagValue } from '../../productQuality/startState';

// /api/twin/quality: product specs, loading-schedule forecasts and LIMS viscosity corrections.
//   GET  /api/twin/quality            the products with their specs and viscosity parameters, an example schedule
//   POST /api/twin/quality/schedule   check a schedule (JSON, or CSV text; ?start=ISO) → its trucks, or errors by path/line
//   POST /api/twin/quality/forecast   {schedule | csv, start?, viscosity?: {product: {A, B}}} → the forecast from the
//                                     live state now (estimates before measurements), with advice and the run time
//   POST /api/twin/quality/lims       LIMS CSV text (or {csv}) → samples, bad rows by line/column, the Walther fits
//                                     with their uncertainty, and the corrected plant (products' viscosity replaced)
// A request the plant or the format refuses answers 400 with {ok: false, errors: [{path, message}]}.

const invalid = (errors: FieldError[]): TwinReply => ({ status: 400, json: { ok: false, errors } });
const reply = <T>(a: Answer<T>): TwinReply => (a.ok ? { json: a.value } : invalid(a.errors));

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

export const handler: TwinRouteHandler = (req, ctx) => {
  const path = req.path.replace(/\/$/, '');
  if (req.method === 'GET' && path === '') return { json: qualityInfo(ctx.plant, exampleSchedule) };
  if (req.method !== 'POST') throw new TwinHttpError(405, `no ${req.method} on quality${path}`);
  if (path === '/schedule') {
    const r = scheduleFromBody(req.body, ctx.plant, req.query.get('start'));
    return r.ok ? { json: { ok: true, schedule: r.value } } : invalid(r.errors);
  }
  if (path === '/forecast') {
    const values = liveValues(ctx);
    const start = {
      snapshotFor: (p: Parameters<typeof startSnapshot>[0]) => startSnapshot(p, values),
      now_ms: ctx.now_ms(),
      from: values ? 'live' : 'plant file',
    };
    return reply(forecastRequest(ctx.plant, req.body, start, () => performance.now(), req.query.get('start')));
  }
  if (path === '/lims') return reply(limsRequest(ctx.plant, req.body));
  throw new TwinHttpError(404, `no quality route ${path}`);
};
