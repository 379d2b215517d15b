import { TwinHttpError, type TwinRouteHandler } from './types';
import { runInThread, twinJobs } from '../jobs';
import { recordingFromSeries, tankParamsFromEstimates } from '../../diagnose/rootCauseRecording';

// GET /api/twin/rootcause?hours=4&onset_h=1   rank the fault library against the last `hours` of the
// live plant (every mapped tag from the historian, on a one-minute grid), the faults taken to begin
// `onset_h` after the window's start (an advisory's onset; default a quarter of the window), the model
// run with the state estimator's fouling and wall-loss estimates. Answers the ranked list (top 10) and the
// top three's trends for the overlay. The ranking runs in a job thread while the request waits; one at a
// time (the same query again joins it, another answers 409).

const STEP_S = 60;
const MAX_HOURS = 12;

export const handler: TwinRouteHandler = async (req, ctx) => {
  if (req.method !== 'GET') throw new TwinHttpError(405, `no ${req.method} on rootcause`);
  if (!ctx.mapping || !ctx.plantId || !ctx.history)
    throw new TwinHttpError(404, 'root cause needs a live plant and its historian (start the station with --live)');
  const hours = Number(req.query.get('hours') ?? 4);
  if (!(hours > 0.5 && hours <= MAX_HOURS)) throw new TwinHttpError(400, `hours must be in (0.5, ${MAX_HOURS}]`);
  const onset_h = Number(req.query.get('onset_h') ?? hours / 4);
  if (!(onset_h >= 0 && onset_h < hours)) throw new TwinHttpError(400, 'onset_h must be in [0, hours)');
  const to_ms = ctx.now_ms();
  if (!Number.isFinite(to_ms)) throw new TwinHttpError(409, 'no live samples yet');
  const tags = ctx.mapping.tags.map((t) => t.tag);
  const history = ctx.history;
  const plantId = ctx.plantId;
  const key = `hours=${hours}&onset_h=${onset_h}`;
  return twinJobs.run('rootcause', key, 'a root-cause ranking', async () => {
    const from_ms = to_ms - hours * 3.6e6;
    const h = await history({ plant: plantId, tags, from_ms, to_ms: to_ms + 1, tier: '1m' });
    const rec = recordingFromSeries(h.series, from_ms, to_ms, STEP_S);
    const tankParams = (ctx.twin?.tanks ?? []).flatMap((t) => {
      const f = ctx.twin?.filter(t);
      return f ? [tankParamsFromEstimates(t, f.estimates())] : [];
    });
    const r = await runInThread('rootcause', { plant: ctx.plant, rec, opts: { onset_s: onset_h * 3600, tankParams } });
    return {
      json: {
        from_ms,
        to_ms,
        onset_ms: from_ms + onset_h * 3.6e6,
        simulations: r.simulations,
        ranked: r.ranked.slice(0, 10),
        overlay: r.overlay,
      },
    };
  });
};
