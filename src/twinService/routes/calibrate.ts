import { recordingFromHistory, type Recording } from '../../calibrate/recording';
import { meetsGoal, validate } from '../../calibrate/validate';
import { OFFSET_QUANTITIES } from '../../calibrate/params';
import type { Mapping } from '../../scada/mapping';
import { JobError, runInThread, twinJobs } from '../jobs';
import { TwinHttpError, type TwinRouteContext, type TwinRouteHandler } from './types';

// /api/twin/calibrate
//   GET  [/validation]?hours=24   the station's model scored over the last hours of history (RMS, correlation
//                                 per tank level and temperature, against the goal): a few seconds a day
//   POST {from, to, tanks?, exclude?}   a calibration over that window of history (ISO times, 6–48 h); answers
//                                 the estimates with 95 % intervals, the calibrated plant and mapping (nothing is
//                                 written: the caller saves them). It computes in a job thread (≈ 20 s of
//                                 one core per day of history) while the request waits; one calibration at a
//                                 time (the same request again joins it, another answers 409).
// History is read as 1-minute averages (the historian's 1m tier), the same for both.

const HOUR_MS = 3_600_000;
const MIN_H = 6;
const MAX_H = 48;

async function window(ctx: TwinRouteContext, mapping: Mapping, from_ms: number, to_ms: number): Promise<Recording> {
  if (!ctx.history || !ctx.plantId) throw new TwinHttpError(503, 'the station has no historian or no live plant');
  const r = await ctx.history({
    plant: ctx.plantId,
    tags: mapping.tags.map((t) => t.tag),
    from_ms,
    to_ms,
    tier: '1m',
    maxPoints: Math.ceil((to_ms - from_ms) / 60_000) + 1,
  });
  const rec = recordingFromHistory(r);
  if (rec.tag.length === 0) throw new TwinHttpError(404, 'the history holds no samples in that window');
  return rec;
}

function judgedTags(ctx: TwinRouteContext): string[] {
  return ctx.plant.tanks.flatMap((t) => OFFSET_QUANTITIES.map((q) => `${t.tag}.${q}`));
}

function isoTime(field: string, v: unknown): number {
  const t = typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v) ? Date.parse(v) : Number.NaN;
  if (!Number.isFinite(t)) throw new TwinHttpError(400, `${field}: an ISO 8601 time such as 2026-11-01T00:00Z`);
  return t;
}

function tagList(field: string, v: unknown): string[] | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string'))
    throw new TwinHttpError(400, `${field}: a list of tags`);
  return v as string[];
}

export const handler: TwinRouteHandler = async (req, ctx) => {
  const mapping = ctx.mapping;
  if (!mapping) throw new TwinHttpError(503, 'the station has no live plant');
  if (req.method === 'GET' && (req.path === '' || req.path === '/validation')) {
    const hours = Number(req.query.get('hours') ?? 24);
    if (!(hours >= 1 && hours <= MAX_H)) throw new TwinHttpError(400, `hours: 1–${MAX_H}`);
    const to = ctx.now_ms();
    if (!Number.isFinite(to)) throw new TwinHttpError(503, 'no live sample yet');
    const rec = await window(ctx, mapping, to - hours * HOUR_MS, to);
    const scores = validate(rec, { plant: ctx.plant, tags: judgedTags(ctx) }).filter((s) => s.n > 0);
    return {
      json: { from_ms: rec.from_ms, to_ms: rec.to_ms, scores: scores.map((s) => ({ ...s, meets: meetsGoal(s) })) },
    };
  }
  if (req.method === 'POST' && req.path === '') {
    const b = (req.body ?? {}) as Record<string, unknown>;
    const from = isoTime('from', b.from);
    const to = isoTime('to', b.to);
    const h = (to - from) / HOUR_MS;
    if (!(h >= MIN_H && h <= MAX_H))
      throw new TwinHttpError(400, `to − from: ${MIN_H}–${MAX_H} h, not ${h.toFixed(1)} h`);
    const tanks = tagList('tanks', b.tanks);
    for (const t of tanks ?? [])
      if (!ctx.plant.tanks.some((x) => x.tag === t)) throw new TwinHttpError(400, `tanks: no tank "${t}"`);
    const exclude = tagList('exclude', b.exclude);
    const key = JSON.stringify({ from: b.from, to: b.to, tanks, exclude });
    const json = await twinJobs.run('calibrate', key, 'a calibration', async () => {
      const rec = await window(ctx, mapping, from, to);
      try {
        return await runInThread('calibrate', { rec, plant: ctx.plant, mapping, tanks, exclude });
      } catch (e) {
        throw e instanceof JobError ? new TwinHttpError(422, e.message) : e;
      }
    });
    return { json };
  }
  throw new TwinHttpError(404, 'GET [/validation]?hours=N or POST {from, to, tanks?, exclude?}');
};
