import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { plantCopy } from '../helpers';
import { configureMaintenanceWebhook, handler } from '../../../src/twinService/routes/maintenance';
import type { TwinRequest, TwinRouteContext } from '../../../src/twinService/routes/types';
import type { HistoryQuery, HistoryResult } from '../../../src/historian/query';
import type { Point } from '../../../src/historian/types';
import { parseCsv } from '../../../src/predictive/csv';

// The maintenance route on a historian that holds 30 days of a pump losing head, at the 1-minute tier.

const T_END = Date.UTC(2026, 10, 1);
const DAYS = 30;
const plant = plantCopy();

function history(q: HistoryQuery): Promise<HistoryResult> {
  const pump = plant.hotOil.pumps[0];
  const series: Record<string, Point[]> = {};
  const pt = (ts_ms: number, v: number): Point => ({ ts_ms, v, min: v, max: v, q: 'good', n: 1 });
  const add = (tag: string, p: Point) => q.tags.includes(tag) && (series[tag] ??= []).push(p);
  for (let t = q.from_ms; t < q.to_ms; t += 60_000) {
    const d = (t - q.from_ms) / 86_400_000;
    const flow = 170 + 30 * Math.sin(t / 4e6);
    const curve = pump.shutoff_bar * (1 - 0.004 * d) * (1 - (flow / pump.maxFlow_m3h) ** 2);
    add('HO.header_dp', pt(t, curve - plant.hotOil.heaterResistance_bar_per_m3h2 * flow * flow));
    add('H-201.return_temp', pt(t, 225));
    add('P-201A.flow', pt(t, flow));
    add('P-201B.flow', pt(t, 0));
  }
  return Promise.resolve({ plant: q.plant, from_ms: q.from_ms, to_ms: q.to_ms, tier: '1m', step_ms: null, series });
}

const ctx: TwinRouteContext = {
  twin: null,
  plant,
  mapping: null,
  plantId: 'virtual-plant',
  history,
  now_ms: () => T_END,
};
const get = (path: string, query = '') =>
  handler({ method: 'GET', path, query: new URLSearchParams(query), body: {} } satisfies TwinRequest, ctx);

let spool = '';
afterEach(async () => {
  configureMaintenanceWebhook(null);
  if (spool) await rm(spool, { recursive: true, force: true });
});

describe('maintenance route', () => {
  it('reports the worn pump as a finding and a work order, as JSON and CSV', async () => {
    const r = (await get('', `days=${DAYS}`)).json as {
      findings: { asset: string; kind: string }[];
      workOrders: { id: string }[];
      fouling: { crossing: unknown }[];
      window: { from_ms: number; to_ms: number };
    };
    expect(r.window).toEqual({ from_ms: T_END - DAYS * 86_400_000, to_ms: T_END });
    expect(r.findings.map((f) => `${f.asset} ${f.kind}`)).toEqual(['P-201A pumpDegradation']);
    expect(r.workOrders[0].id).toBe('WO-P-201A-PUMP-20261031');
    expect(JSON.stringify(r)).not.toMatch(/Infinity/);
    const csv = await get('/workorders.csv', `days=${DAYS}`);
    expect(csv.contentType).toMatch(/^text\/csv/);
    const rows = parseCsv(csv.text!);
    expect(rows).toHaveLength(2);
    expect(rows[1].slice(0, 3)).toEqual(['WO-P-201A-PUMP-20261031', 'P-201A', 'pumpDegradation']);
  });

  it('answers errors with their status', async () => {
    await expect(get('', 'days=0')).rejects.toMatchObject({ status: 400 });
    await expect(get('/nothing')).rejects.toMatchObject({ status: 404 });
    await expect(
      handler({ method: 'POST', path: '/webhook', query: new URLSearchParams(), body: {} }, ctx),
    ).rejects.toMatchObject({ status: 409 });
    expect([...new Set(configureMaintenanceWebhook({ url: 'nope' }).map((e) => e.path))].sort()).toEqual([
      'spoolDir',
      'url',
    ]);
    await expect(
      handler({ method: 'POST', path: '/webhook', query: new URLSearchParams(), body: {} }, ctx),
    ).rejects.toMatchObject({ status: 500 });
  });

  it('posts the work orders to the configured webhook', async () => {
    const got: string[] = [];
    const srv = createServer((req, res) => {
      got.push(String(req.headers['idempotency-key']));
      req.resume();
      req.on('end', () => res.writeHead(201).end());
    });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
    spool = await mkdtemp(join(tmpdir(), 'tanktwin-route-spool-'));
    const url = `http://127.0.0.1:${(srv.address() as AddressInfo).port}/hook`;
    expect(configureMaintenanceWebhook({ url, spoolDir: spool, retries: 0 })).toEqual([]);
    const r = await handler(
      { method: 'POST', path: '/webhook', query: new URLSearchParams(`days=${DAYS}`), body: {} },
      ctx,
    );
    await new Promise<void>((res) => srv.close(() => res()));
    expect(r.json).toMatchObject({ sent: 1, delivered: ['WO-P-201A-PUMP-20261031'], pending: [] });
    expect(got).toEqual(['WO-P-201A-PUMP-20261031']);
  });
});
