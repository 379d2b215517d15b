import { describe, expect, it } from 'vitest';
import { plantCopy } from '../helpers';
import { Simulation } from '../../../src/sim/simulation';
import { httpQualityRunner, localQualityRunner } from '../../../src/productQuality/runner';
import { handler } from '../../../src/twinService/routes/quality';
import type { TwinRouteContext } from '../../../src/twinService/routes/types';

const plant = plantCopy();
const body = { csv: 'bay,tank,time\nBAY-1,TK-101,0.5\nBAY-2,TK-108,1\n' };

/** fetch answered by the route handler in process, as the station's router would. */
const routeFetch = (async (url: string, init?: RequestInit) => {
  const u = new URL(url);
  const ctx: TwinRouteContext = {
    twin: null,
    plant,
    mapping: null,
    plantId: null,
    history: null,
    now_ms: () => Number.NaN,
  };
  const r = await handler(
    {
      method: init?.method ?? 'GET',
      path: u.pathname.replace('/api/twin/quality', ''),
      query: u.searchParams,
      body: init?.body ? JSON.parse(String(init.body)) : {},
    },
    ctx,
  );
  return new Response(JSON.stringify(r.json), { status: r.status ?? 200 });
}) as typeof fetch;

describe('quality runners', () => {
  it('the page-side runner answers as the station does, from the simulated plant snapshot', async () => {
    const sim = new Simulation(plant, { dt_s: 10 });
    const local = localQualityRunner(
      plant,
      () => Promise.resolve(sim.snapshot()),
      { loadings: [] },
      undefined,
      () => 0,
    );
    const http = httpQualityRunner('http://station/api/twin/quality', routeFetch);
    const [a, b] = await Promise.all([local.forecast(body), http.forecast(body)]);
    if (!a.ok || !b.ok) throw new Error('refused');
    expect(a.value.from).toBe('simulated');
    expect(b.value.from).toBe('plant file');
    // the same state (the plant file's initial one), the same trucks: the same numbers
    expect(a.value.loadings.map((f) => f.outlet_C)).toEqual(b.value.loadings.map((f) => f.outlet_C));
    expect(a.value.loadings.map((f) => f.status)).toEqual(['ok', 'ok']);
    const info = await http.info();
    expect(info.ok && info.value.products.length).toBe(plant.products.length);
  });
  it('errors come back by line through either runner; a runner without a state says so', async () => {
    const bad = { csv: 'bay,tank,time\nBAY-1,TK-404,1\n' };
    const http = httpQualityRunner('http://station/api/twin/quality', routeFetch);
    const r = await http.forecast(bad);
    expect(r.ok ? [] : r.errors.map((e) => e.path)).toEqual(['line 2, column tank']);
    const none = localQualityRunner(plant, () => Promise.resolve(null), {});
    const n = await none.forecast(body);
    expect(n.ok ? '' : n.errors[0].message).toMatch(/not started/);
    const lims = await none.lims('tank,time,property,value,temp_C\nTK-101,2026-11-30T08:00:00Z,viscosity,0.4,135\n');
    expect(lims.ok && lims.value.fits.map((f) => f.product)).toEqual(['AC60/70']);
    const down = httpQualityRunner('http://station/api/twin/quality', (() =>
      Promise.reject(new Error('refused'))) as typeof fetch);
    const d = await down.info();
    expect(d.ok ? '' : d.errors[0].message).toBe('refused');
  });
});
