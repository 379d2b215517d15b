import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serveTwin } from '../../../src/twinService/router';
import { twinRoutes } from '../../../src/twinService/routes';
import type { TwinRouteContext } from '../../../src/twinService/routes/types';
import { jobsComputing, twinJobs } from '../../../src/twinService/jobs';
import { calibrate } from '../../../src/calibrate/calibrate';
import { calibratedMapping } from '../../../src/calibrate/params';
import { recordingFromHistory } from '../../../src/calibrate/recording';
import { rankRootCauses } from '../../../src/diagnose/rootCause';
import { recordingFromSeries } from '../../../src/diagnose/rootCauseRecording';
import { SqliteStore } from '../../../src/historian/sqlite';
import { query } from '../../../src/historian/query';
import { DEFAULT_RETENTION } from '../../../src/historian/types';
import { tempDir } from '../station/harness';
import { waitFor } from '../waitFor';
import { HOUR_MS, T0_MS, testMapping } from '../calibrate/scenario';
import { recordedHistory } from '../calibrate/history';

// The heavy twin routes (calibration, root cause) compute in a job thread: while one runs, the event loop that
// serves them answers other requests; the answer is the direct call's; one job of a kind at a time.

const tmp = tempDir('tanktwin-twin-jobs-');
const mapping = testMapping();
const NOW = T0_MS + 6 * HOUR_MS;
let store: SqliteStore;
let ctx: TwinRouteContext;
let server: Server;
let url = '';

beforeAll(async () => {
  ({ store, ctx } = await recordedHistory(tmp.dir, 6));
  // the station's HTTP shape: a health probe on the same event loop as the twin's routes
  server = createServer((req, res) => {
    if (req.url === '/healthz') return void res.end('ok');
    void serveTwin(req, res, twinRoutes, () => ctx);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 120_000);
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await store.close();
  tmp.remove();
});

/** A request in flight, with whether it has answered yet. */
function start(path: string, init?: RequestInit) {
  const r = { done: false, status: 0, body: null as unknown };
  const p = fetch(`${url}${path}`, init).then(async (res) => {
    r.status = res.status;
    r.body = await res.json();
    r.done = true;
  });
  return Object.assign(r, { p });
}

const post = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
});

/** While a job thread computes, the event loop answers a probe; the job has not answered by then. */
async function probeWhileRunning(job: { done: boolean }, kind: string): Promise<void> {
  await waitFor(() => jobsComputing() > 0, `the ${kind} job computing in its thread`);
  const health = await fetch(`${url}/healthz`);
  expect(await health.text()).toBe('ok');
  expect(job.done).toBe(false);
  expect(twinJobs.current(kind)).not.toBeNull();
}

/** What JSON makes of a value (NaN → null), to compare a direct result with an HTTP answer. */
const asJson = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

describe('twin jobs off the event loop', () => {
  it('ranks root causes in a thread: the loop answers meanwhile, a second query is refused, the same one joins', async () => {
    const q = '/api/twin/rootcause?hours=2&onset_h=0.5';
    const job = start(q);
    await probeWhileRunning(job, 'rootcause');
    const same = start(q);
    const other = start('/api/twin/rootcause?hours=3&onset_h=0.5');
    await Promise.all([job.p, same.p, other.p]);
    expect(other.status).toBe(409);
    expect((other.body as { error: string }).error).toMatch(/already running/);
    expect(job.status).toBe(200);
    expect(same.body).toEqual(job.body);
    expect(twinJobs.current('rootcause')).toBeNull();

    const from_ms = NOW - 2 * HOUR_MS;
    const h = await query(
      store,
      { plant: mapping.plant, tags: mapping.tags.map((t) => t.tag), from_ms, to_ms: NOW + 1, tier: '1m' },
      NOW,
      DEFAULT_RETENTION,
    );
    const direct = rankRootCauses(ctx.plant, recordingFromSeries(h.series, from_ms, NOW, 60), {
      onset_s: 1800,
      tankParams: [],
    });
    const got = job.body as { ranked: unknown[]; simulations: number; overlay: unknown };
    expect(got.ranked.length).toBeGreaterThan(3);
    expect(got.ranked).toEqual(asJson(direct.ranked.slice(0, 10)));
    expect(got.simulations).toBe(direct.simulations);
    expect(got.overlay).toEqual(asJson(direct.overlay));
  }, 300_000);

  it('calibrates in a thread: the loop answers meanwhile, the answer is the direct call’s', async () => {
    const body = { from: new Date(T0_MS).toISOString(), to: new Date(NOW).toISOString(), tanks: ['TK-105'] };
    const job = start('/api/twin/calibrate', post(body));
    await probeWhileRunning(job, 'calibrate');
    await job.p;
    expect(job.status).toBe(200);

    const rec = recordingFromHistory(
      await query(
        store,
        {
          plant: mapping.plant,
          tags: mapping.tags.map((t) => t.tag),
          from_ms: T0_MS,
          to_ms: NOW,
          tier: '1m',
          maxPoints: (NOW - T0_MS) / 60_000 + 1,
        },
        NOW,
        DEFAULT_RETENTION,
      ),
    );
    const res = calibrate(rec, { plant: ctx.plant, mapping, tanks: ['TK-105'] });
    const got = job.body as Record<string, unknown>;
    expect(got.estimates).toEqual(asJson(res.estimates));
    expect(got.iterations).toBe(res.iterations);
    expect(got.plant).toEqual(asJson(res.plant));
    expect(got.mapping).toEqual(asJson(calibratedMapping(mapping, res.offsets)));
  }, 300_000);

  it('answers what a job threw with its message, and keeps serving', async () => {
    const body = {
      from: new Date(T0_MS).toISOString(),
      to: new Date(NOW).toISOString(),
      exclude: mapping.tags.map((t) => t.tag),
    };
    const job = start('/api/twin/calibrate', post(body));
    await job.p;
    expect(job.status).toBe(422);
    expect((job.body as { error: string }).error).toMatch(/no level or temperature samples/);
    expect(jobsComputing()).toBe(0);
    expect(twinJobs.current('calibrate')).toBeNull();
    expect(await (await fetch(`${url}/healthz`)).text()).toBe('ok');
  }, 120_000);
});
