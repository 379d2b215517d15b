import { readFileSync } from 'node:fs';
import { TwinHttpError, type TwinRequest, type TwinRouteContext, type TwinRouteHandler } from './types';
import { assessPlant, type MaintenanceReport } from '../../predictive/analyze';
import { maintenanceTags, reportJson } from '../../predictive/report';
import { workOrdersCsv } from '../../predictive/workOrders';
import { parseWebhookConfig } from '../../predictive/webhookConfig';
import { WorkOrderWebhook } from '../../predictive/webhook';
import type { Sample } from '../../predictive/series';
import type { FieldError } from '../../sim/plant/load';

// /api/twin/maintenance: predictive maintenance over a window of the historian (default the last 30 days).
//   GET  /api/twin/maintenance                  the report: findings, work orders, each coil's fouling trend with its
//                                               limit and projected crossing, the pumps' and the heater's trends
//   GET  /api/twin/maintenance/workorders.json  the work orders (CMMS import)
//   GET  /api/twin/maintenance/workorders.csv   the same as CSV
//   POST /api/twin/maintenance/webhook          post the work orders to the configured CMMS webhook (spooled until
//                                               the receiver has them), or flush the spool (?flush=1)
// ?days=N sets the window (1–365); ?law=growth projects fouling on the model's coking law instead of a line in time. The webhook's settings: configureMaintenanceWebhook(...) from the station, or a
// JSON file named by TANKTWIN_CMMS_WEBHOOK (checked with errors by path).

const DAY_MS = 86_400_000;

let hook: WorkOrderWebhook | null = null;
let hookErrors: FieldError[] | null = null;

/** Set (or with null, clear) the webhook's settings; returns the errors by path when they do not check out. */
export function configureMaintenanceWebhook(raw: unknown): FieldError[] {
  if (raw === null) {
    hook = null;
    hookErrors = null;
    return [];
  }
  const r = parseWebhookConfig(raw);
  hook = r.ok ? new WorkOrderWebhook(r.value) : null;
  hookErrors = r.ok ? null : r.errors;
  return hookErrors ?? [];
}

function webhook(): WorkOrderWebhook {
  const file = process.env.TANKTWIN_CMMS_WEBHOOK;
  if (!hook && !hookErrors && file) {
    try {
      configureMaintenanceWebhook(JSON.parse(readFileSync(file, 'utf8')));
    } catch (e) {
      hookErrors = [{ path: '(file)', message: `${file}: ${e instanceof Error ? e.message : String(e)}` }];
    }
  }
  if (hookErrors)
    throw new TwinHttpError(500, `webhook settings: ${hookErrors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  if (!hook) throw new TwinHttpError(409, 'no CMMS webhook is configured (TANKTWIN_CMMS_WEBHOOK=settings.json)');
  return hook;
}

async function report(
  req: TwinRequest,
  ctx: TwinRouteContext,
): Promise<{ r: MaintenanceReport; from_ms: number; to_ms: number }> {
  if (!ctx.history || !ctx.plantId)
    throw new TwinHttpError(503, 'predictive maintenance needs the historian and a live plant');
  const days = Number(req.query.get('days') ?? 30);
  if (!(days >= 1 && days <= 365)) throw new TwinHttpError(400, 'days must be between 1 and 365');
  const to_ms = ctx.now_ms();
  if (!Number.isFinite(to_ms)) throw new TwinHttpError(503, 'no live data yet');
  const from_ms = to_ms - days * DAY_MS;
  // the 1-minute tier where it fits: the checks average per hour themselves and need several samples an hour
  const h = await ctx.history({
    plant: ctx.plantId,
    tags: maintenanceTags(ctx.plant),
    from_ms,
    to_ms,
    tier: 'auto',
    maxPoints: 60 * 24 * Math.min(days, 31), // beyond a month the hourly tier: ~50 tags × 43 200 points at most
  });
  const series = new Map<string, Sample[]>();
  for (const [tag, pts] of Object.entries(h.series))
    series.set(
      tag,
      pts.filter((p) => p.v !== null && p.q === 'good').map((p) => ({ t_ms: p.ts_ms, v: p.v as number })),
    );
  const step_ms = h.step_ms ?? (h.tier === '1h' ? 3_600_000 : 60_000);
  const bin_s = Math.max(3600, (4 * step_ms) / 1000); // at least a few samples in every bin
  const law = req.query.get('law') ?? 'linear';
  if (law !== 'linear' && law !== 'growth') throw new TwinHttpError(400, 'law must be linear or growth');
  const r = assessPlant(ctx.plant, (tag) => series.get(tag) ?? [], {
    pumps: { bin_s },
    heater: { bin_s },
    foulingLaw: law,
  });
  return { r, from_ms, to_ms };
}

export const handler: TwinRouteHandler = async (req, ctx) => {
  const path = req.path.replace(/\/$/, '');
  if (req.method === 'GET' && path === '') {
    const { r, from_ms, to_ms } = await report(req, ctx);
    return { json: reportJson(r, { from_ms, to_ms }) };
  }
  if (req.method === 'GET' && path === '/workorders.json')
    return { json: { workOrders: (await report(req, ctx)).r.workOrders } };
  if (req.method === 'GET' && path === '/workorders.csv')
    return { text: workOrdersCsv((await report(req, ctx)).r.workOrders), contentType: 'text/csv; charset=utf-8' };
  if (req.method === 'POST' && path === '/webhook') {
    const h = webhook();
    if (req.query.get('flush')) return { json: await h.flush() };
    const orders = (await report(req, ctx)).r.workOrders;
    return { json: { sent: orders.length, ...(await h.send(orders)) } };
  }
  throw new TwinHttpError(
    path === '' || path.startsWith('/workorders') || path === '/webhook' ? 405 : 404,
    `no ${req.method} ${path || '/'} on maintenance`,
  );
};
