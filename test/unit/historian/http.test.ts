import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Historian } from '../../../src/historian/historian';
import { handleHistoryRequest } from '../../../src/historian/http';
import { tempDir } from '../station/harness';
import { batch, HOUR, MIN, s, T0 } from './contract';

// The history HTTP API on a real loopback server: JSON columns, the CSV export, and a 400 that names the
// parameter at fault.

const tmp = tempDir('tanktwin-hist-http-');
const NOW = T0 + 2 * HOUR;
let h: Historian;
let server: Server;
let base = '';
let available = true;

beforeAll(async () => {
  h = await Historian.open({ url: 'sqlite', dataDir: tmp.dir, now: () => NOW, prune_ms: 0 });
  const samples = Array.from({ length: 90 }, (_, i) => s('tk1.level', T0 + i * MIN, i));
  await h.current!.write([
    { plant: 'north', batch: batch(0, samples) },
    { plant: 'north', batch: batch(1, [s('tk1.temp', T0, 150, 'uncertain', 'flatline, 2 "h"')]) },
    { plant: 'north', event: { ts_ms: T0 + MIN, kind: 'writeRefused', tag: 'v1.pos', by: 'ann', text: 'not allowed' } },
  ]);
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    void handleHistoryRequest(req, res, url, available ? h : null, () => NOW).then((done) => {
      if (!done) res.writeHead(404).end('elsewhere');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  await h.close();
  tmp.remove();
});

const get = async (path: string) => {
  const r = await fetch(base + path);
  return { status: r.status, type: r.headers.get('content-type'), text: await r.text() };
};

describe('history HTTP API', () => {
  it('answers JSON columns from the tier the range calls for', async () => {
    const r = await get(`/api/history?plant=north&tags=tk1.level,tk1.temp&from=${T0}&to=${T0 + 3 * MIN}`);
    expect(r.status).toBe(200);
    const body = JSON.parse(r.text);
    expect(body).toMatchObject({ plant: 'north', tier: 'raw', step_ms: null, from_ms: T0, to_ms: T0 + 3 * MIN });
    expect(body.series['tk1.level']).toEqual({
      ts_ms: [T0, T0 + MIN, T0 + 2 * MIN],
      v: [0, 1, 2],
      min: [0, 1, 2],
      max: [0, 1, 2],
      q: ['good', 'good', 'good'],
      n: [1, 1, 1],
    });
    expect(body.series['tk1.temp'].q).toEqual(['uncertain']);
    // ISO times, the 1-hour tier, and a day before `to` when from is left out
    const hours = JSON.parse(
      (await get(`/api/history?plant=north&tags=tk1.level&tier=1h&to=${new Date(NOW).toISOString()}`)).text,
    );
    expect(hours.from_ms).toBe(NOW - 86_400_000);
    expect(hours.series['tk1.level']).toMatchObject({ ts_ms: [T0, T0 + HOUR], v: [29.5, 74.5], n: [60, 30] });
    const thin = JSON.parse(
      (await get(`/api/history?plant=north&tags=tk1.level&tier=1m&from=${T0}&to=${T0 + 90 * MIN}&maxPoints=3`)).text,
    );
    expect(thin.step_ms).toBe(30 * MIN);
    expect(thin.series['tk1.level'].v).toEqual([14.5, 44.5, 74.5]);
  });

  it('exports CSV in time order, tag by tag', async () => {
    const r = await get(`/api/history.csv?plant=north&tags=tk1.temp,tk1.level&from=${T0}&to=${T0 + 2 * MIN}&tier=raw`);
    expect(r.status).toBe(200);
    expect(r.type).toMatch(/^text\/csv/);
    expect(r.text.split('\n')).toEqual([
      'tag,ts_iso,value,min,max,quality',
      'tk1.temp,2026-01-01T00:00:00.000Z,150,150,150,uncertain',
      'tk1.level,2026-01-01T00:00:00.000Z,0,0,0,good',
      'tk1.level,2026-01-01T00:01:00.000Z,1,1,1,good',
      '',
    ]);
  });

  it('lists a plant’s tags and its events', async () => {
    expect(JSON.parse((await get('/api/history/tags?plant=north')).text)).toEqual({
      plant: 'north',
      tags: ['tk1.level', 'tk1.temp'],
    });
    const ev = JSON.parse((await get(`/api/history/events?plant=north&from=${T0}&to=${NOW}`)).text);
    expect(ev.events).toEqual([
      { plant: 'north', ts_ms: T0 + MIN, kind: 'writeRefused', tag: 'v1.pos', by: 'ann', text: 'not allowed' },
    ]);
  });

  it.each([
    ['/api/history?tags=a', 'plant: required'],
    ['/api/history?plant=no/such', 'plant: not a plant id'],
    ['/api/history?plant=north&from=yesterday', 'from: not a time'],
    ['/api/history?plant=north&to=1e', 'to: not a time'],
    [`/api/history?plant=north&from=${T0}&to=${T0}`, 'from: must be before to'],
    ['/api/history?plant=north&tier=5m', 'tier: one of auto, raw, 1m, 1h, not "5m"'],
    ['/api/history.csv?plant=north&maxPoints=0', 'maxPoints: a whole number'],
    [`/api/history?plant=north&tags=${Array.from({ length: 201 }, (_, i) => `t${i}`).join(',')}`, 'tags: at most 200'],
  ])('%s is a 400 naming the parameter', async (path, error) => {
    const r = await get(path);
    expect(r.status).toBe(400);
    expect(JSON.parse(r.text).error).toContain(error);
  });

  it('leaves other paths to the caller, refuses other methods, and says 503 while the store is away', async () => {
    expect((await get('/api/historyx')).text).toBe('elsewhere');
    expect((await fetch(`${base}/api/history?plant=north`, { method: 'POST' })).status).toBe(405);
    available = false;
    try {
      const r = await get('/api/history?plant=north');
      expect(r.status).toBe(503);
      expect(JSON.parse(r.text).error).toMatch(/cannot be reached/);
    } finally {
      available = true;
    }
  });
});
