import { TwinHttpError, type TwinRouteHandler } from './types';
import { describeEstimate } from '../catalog';

// GET /api/twin/estimates          every tank's estimates now: value, sd, unit, description
// GET /api/twin/estimates/<tank>   one tank's, with the innovations of its last filter step

export const handler: TwinRouteHandler = (req, ctx) => {
  if (req.method !== 'GET') throw new TwinHttpError(405, `no ${req.method} on estimates`);
  const twin = ctx.twin;
  if (!twin) throw new TwinHttpError(404, 'this station runs no live twin (start it with --live MAPPING_FILE)');
  const tankOf = (tank: string) => {
    const f = twin.filter(tank);
    if (!f) throw new TwinHttpError(404, `no estimates for "${tank}"`);
    return f.estimates().map((e) => ({ ...describeEstimate(tank, e), value: e.value, sd: e.sd }));
  };
  const updated_ms = Number.isFinite(twin.updated_ms) ? twin.updated_ms : null;
  const tank = decodeURIComponent(req.path.replace(/^\//, ''));
  if (tank) {
    const innovations = twin.filter(tank)?.innovations() ?? [];
    return { json: { tank, updated_ms, estimates: tankOf(tank), innovations } };
  }
  return {
    json: {
      updated_ms,
      stats: twin.stats,
      tanks: Object.fromEntries(twin.tanks.map((t) => [t, tankOf(t)])),
    },
  };
};
