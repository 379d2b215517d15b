import { describe, expect, it } from 'vitest';
import { plantCopy } from '../helpers';
import { handler } from '../../../src/twinService/routes/quality';
import type { TwinRouteContext, TwinReply } from '../../../src/twinService/routes/types';
import type { TwinView } from '../../../src/twinService/view';
import type { TagSample } from '../../../src/protocol/live';

const plant = plantCopy();
const ctx = (twin: TwinView | null = null, now_ms = Number.NaN): TwinRouteContext => ({
  twin,
  plant,
  mapping: null,
  plantId: null,
  history: null,
  now_ms: () => now_ms,
});
const call = async (method: string, path: string, body: unknown = {}, c = ctx()) =>
  (await handler({ method, path, query: new URLSearchParams(), body }, c)) as TwinReply & { json: any }; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A live twin stub: TK-103 measured at 155 °C but estimated at 141 °C near the bottom. */
function stubTwin(): TwinView {
  const ts_ms = Date.parse('2026-12-01T06:00:00Z');
  const s = (tag: string, v: number): TagSample => ({ tag, v, q: 'good', ts_ms });
  const latest = new Map(
    [s('TK-103.level', 6), s('TK-103.temp', 155), s('TK-103.temp_bottom', 155)].map((x) => [x.tag, x]),
  );
  return {
    tanks: ['TK-103'],
    filter: () => undefined,
    latest: (tag) => latest.get(tag),
    published: () => [s('TK-103.est.temp_bottom', 141), s('TK-103.est.temp_mean', 150)],
    updated_ms: ts_ms,
    stats: { updates: 1, rejected: 0, failures: 0 },
  };
}

describe('/api/twin/quality', () => {
  it('lists the products with their specs and an example schedule', async () => {
    const r = await call('GET', '');
    expect(r.json.products.find((p: { id: string }) => p.id === 'AC60/70').spec.loadingTemp_C).toEqual({
      min: 150,
      max: 180,
    });
    expect(r.json.example.loadings.length).toBeGreaterThan(0);
  });
  it('checks a CSV schedule and answers 400 with the bad lines', async () => {
    const bad = await call('POST', '/schedule', 'bay,tank,time\nBAY-1,TK-101,1\nBAY-1,TK-999,2\n');
    expect(bad.status).toBe(400);
    expect(bad.json.errors.map((e: { path: string }) => e.path)).toEqual(['line 3, column tank']);
    const good = await call('POST', '/schedule', { csv: 'bay,tank,time\nBAY-1,TK-101,1\n' });
    expect(good.json.schedule.loadings).toEqual([{ bay: 'BAY-1', tank: 'TK-101', at: 1 }]);
  });
  it('forecasts from the plant file without a live plant, and from the estimated state with one', async () => {
    const schedule = { schemaVersion: 1, name: 'x', loadings: [{ bay: 'BAY-1', tank: 'TK-103', at: 0.5 }] };
    const file = await call('POST', '/forecast', { schedule });
    expect(file.json).toMatchObject({ ok: true, from: 'plant file' });
    expect(file.json.loadings[0].status).toBe('ok');
    expect(file.json.runtime_ms).toBeGreaterThan(0);
    const live = await call('POST', '/forecast', { schedule }, ctx(stubTwin(), Date.parse('2026-12-01T06:00:00Z')));
    expect(live.json.from).toBe('live');
    // the estimate (141 °C at the bottom), not the measurement (155 °C), is where the forecast starts
    expect(live.json.loadings[0].startOutlet_C).toBeLessThan(146);
    expect(live.json.loadings[0].status).toBe('low');
    expect(live.json.advice[0].tank).toBe('TK-103');
    // a corrected viscosity is used: a much thinner 60/70 turns the viscosity reported at the outlet down
    const thin = await call('POST', '/forecast', { schedule, viscosity: { 'AC60/70': { A: 9.5, B: -3.5 } } });
    expect(thin.json.loadings[0].viscosity_Pa_s).toBeLessThan(file.json.loadings[0].viscosity_Pa_s);
    const wrong = await call('POST', '/forecast', { schedule, viscosity: { AC99: { A: 1, B: -1 } } });
    expect(wrong.status).toBe(400);
    expect(wrong.json.errors).toEqual([{ path: 'viscosity.AC99', message: 'unknown product "AC99"' }]);
  });
  it('imports LIMS samples: the fit, the corrected plant, and the bad rows by line', async () => {
    const rows = [60, 100, 135, 150].map(
      (t, k) => `TK-101,2026-11-30T0${k}:00:00Z,viscosity,${[200, 3.5, 0.38, 0.19][k]},${t},Pa.s`,
    );
    const r = await call(
      'POST',
      '/lims',
      ['tank,time,property,value,temp_C,unit', ...rows, 'TK-101,x,viscosity,1,135,Pa.s'].join('\n'),
    );
    expect(r.json.errors.map((e: { path: string }) => e.path)).toEqual(['line 6, column time']);
    expect(r.json.fits).toHaveLength(1);
    expect(r.json.fits[0].A).toBeCloseTo(9.6722, 1);
    expect(r.json.plant.products[0].viscosity).toEqual({ A: r.json.fits[0].A, B: r.json.fits[0].B });
    expect((await call('POST', '/lims', {})).status).toBe(400);
  });
});
