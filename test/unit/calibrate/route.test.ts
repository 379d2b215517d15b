import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler } from '../../../src/twinService/routes/calibrate';
import { TwinHttpError, type TwinRouteContext } from '../../../src/twinService/routes/types';
import { SqliteStore } from '../../../src/historian/sqlite';
import { tempDir } from '../station/harness';
import { HOUR_MS, T0_MS, nominalPlant } from './scenario';
import { recordedHistory } from './history';

// The route on a station's history (the historian's own query API over a SQLite store the virtual plant wrote).

const tmp = tempDir('tanktwin-calibrate-route-');
let store: SqliteStore;
let ctx: TwinRouteContext;
const NOW = T0_MS + 8 * HOUR_MS;

beforeAll(async () => {
  ({ store, ctx } = await recordedHistory(tmp.dir, 8));
}, 120_000);
afterAll(async () => {
  await store.close();
  tmp.remove();
});

const req = (method: string, path: string, body: unknown = {}, q = '') => ({
  method,
  path,
  query: new URLSearchParams(q),
  body,
});

describe('/api/twin/calibrate', () => {
  it('GET scores the station model over the last hours of history, per tank level and temperature', async () => {
    const r = await handler(req('GET', '/validation', {}, 'hours=6'), ctx);
    const scores = (r.json as { scores: { tag: string; rms: number; n: number; meets: boolean }[] }).scores;
    const t105 = scores.find((s) => s.tag === 'TK-105.temp')!;
    expect(t105.n).toBeGreaterThan(300);
    expect(t105.rms).toBeGreaterThan(0.1); // the design lagging against the hidden damage (×3)
    expect(scores.find((s) => s.tag === 'TK-105.level')!.rms).toBeLessThan(0.01);
  });

  it('POST calibrates a window and answers the estimates, the plant and the mapping', async () => {
    const r = await handler(
      req('POST', '', { from: new Date(T0_MS).toISOString(), to: new Date(NOW).toISOString(), tanks: ['TK-105'] }),
      ctx,
    );
    const j = r.json as { estimates: { name: string; value: number }[]; plant: ReturnType<typeof nominalPlant> };
    expect(j.estimates.find((e) => e.name === 'TK-105.insulation_k_W_mK')!.value).toBeGreaterThan(0.07);
    expect(j.plant.tanks[4].insulation.k_W_mK).toBeGreaterThan(0.07);
  }, 120_000);

  it.each([
    [req('POST', '', { from: 'x', to: '2026-11-01T10:00Z' }), 400, /from: an ISO 8601 time/],
    [req('POST', '', { from: '2026-11-01T00:00Z', to: '2026-11-01T02:00Z' }), 400, /to − from: 6–48 h/],
    [req('POST', '', { from: '2026-11-01T00:00Z', to: '2026-11-01T08:00Z', tanks: ['TK-999'] }), 400, /no tank/],
    [req('POST', '', { from: '2026-10-01T00:00Z', to: '2026-10-01T08:00Z' }), 404, /no samples/],
    [req('GET', '', {}, 'hours=100'), 400, /hours/],
    [req('DELETE', ''), 404, /GET/],
  ])('%j → %i', async (r, status, msg) => {
    const e = await Promise.resolve(handler(r, ctx)).then(
      () => null,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(TwinHttpError);
    expect((e as TwinHttpError).status).toBe(status);
    expect((e as TwinHttpError).message).toMatch(msg);
  });
});
