import type { IncomingMessage, ServerResponse } from 'node:http';
import { TIERS, type Point } from './types';
import { HistorianUnavailable, type Historian } from './historian';
import type { HistoryQuery } from './query';

// The history API on the station's port (JSON, except the CSV export):
//
//   GET /api/history?plant=P&tags=a,b&from=&to=&tier=auto|raw|1m|1h&maxPoints=N
//       → {plant, tier, step_ms, from_ms, to_ms, series: {tag: {ts_ms[], v[], min[], max[], q[], n[]}}}
//         (columns, as a trend plots them; v is the bucket's average on the 1m and 1h tiers)
//   GET /api/history.csv?…same…   → text/csv `tag,ts_iso,value,min,max,quality`, streamed
//   GET /api/history/tags?plant=P → {plant, tags: []}
//   GET /api/history/events?plant=P&from=&to= → {plant, events: LiveEvent[]}
//
// from / to: ms since epoch or an ISO 8601 time; to defaults to now, from to a day before `to`.
// A bad parameter is a 400 naming it; a store that cannot be reached or fails right now is a 503.

const MAX_TAGS = 200;
const MAX_EVENTS = 10_000;
const ID = /^[A-Za-z0-9_.-]{1,64}$/;

class BadParam extends Error {}

function time(url: URL, name: string, fallback: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return fallback;
  const n = /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : Date.parse(raw);
  if (!Number.isFinite(n)) throw new BadParam(`${name}: not a time (ms since epoch or ISO 8601): "${raw}"`);
  return n;
}

function plantOf(url: URL): string {
  const plant = url.searchParams.get('plant');
  if (!plant) throw new BadParam('plant: required');
  if (!ID.test(plant)) throw new BadParam(`plant: not a plant id: "${plant}"`);
  return plant;
}

function range(url: URL, now_ms: number): { from_ms: number; to_ms: number } {
  const to_ms = time(url, 'to', now_ms);
  const from_ms = time(url, 'from', to_ms - 86_400_000);
  if (from_ms >= to_ms) throw new BadParam(`from: must be before to (${from_ms} ≥ ${to_ms})`);
  return { from_ms, to_ms };
}

async function historyQuery(url: URL, h: Historian, now_ms: number): Promise<HistoryQuery> {
  const plant = plantOf(url);
  const tagsRaw = url.searchParams.get('tags');
  const tags = tagsRaw ? tagsRaw.split(',').filter(Boolean) : await h.current!.tags(plant);
  if (tags.length > MAX_TAGS) throw new BadParam(`tags: at most ${MAX_TAGS}, not ${tags.length}`);
  const bad = tags.find((t) => t.length > 128);
  if (bad) throw new BadParam(`tags: a tag name is too long: "${bad.slice(0, 40)}…"`);
  const tier = url.searchParams.get('tier') ?? 'auto';
  if (tier !== 'auto' && !(TIERS as readonly string[]).includes(tier))
    throw new BadParam(`tier: one of auto, ${TIERS.join(', ')}, not "${tier}"`);
  const mp = url.searchParams.get('maxPoints');
  let maxPoints: number | undefined;
  if (mp !== null) {
    maxPoints = Number(mp);
    if (!Number.isInteger(maxPoints) || maxPoints < 1 || maxPoints > 100_000)
      throw new BadParam(`maxPoints: a whole number from 1 to 100000, not "${mp}"`);
  }
  return { plant, tags, ...range(url, now_ms), tier: tier as HistoryQuery['tier'], maxPoints };
}

function columns(points: Point[]) {
  return {
    ts_ms: points.map((p) => p.ts_ms),
    v: points.map((p) => p.v),
    min: points.map((p) => p.min),
    max: points.map((p) => p.max),
    q: points.map((p) => p.q),
    n: points.map((p) => p.n),
  };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

/**
 * Answer a history request; false when the path is not one of this API's (the caller goes on). Never
 * throws: errors are answered (400 naming the parameter, 503 while the store is away or failing).
 */
export async function handleHistoryRequest(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  historian: Historian | null,
  now: () => number = Date.now,
): Promise<boolean> {
  const p = url.pathname;
  const known = ['/api/history', '/api/history.csv', '/api/history/tags', '/api/history/events'];
  if (!known.includes(p)) return false;
  try {
    if (req.method !== 'GET') {
      json(res, 405, { error: `${p} answers GET only` });
      return true;
    }
    if (!historian?.current) throw new HistorianUnavailable();
    const now_ms = now();
    if (p === '/api/history/tags') {
      const plant = plantOf(url);
      json(res, 200, { plant, tags: await historian.current.tags(plant) });
    } else if (p === '/api/history/events') {
      const plant = plantOf(url);
      const r = range(url, now_ms);
      json(res, 200, { plant, events: await historian.current.events(plant, r.from_ms, r.to_ms, MAX_EVENTS) });
    } else if (p === '/api/history') {
      const r = await historian.query(await historyQuery(url, historian, now_ms));
      const series = Object.fromEntries(Object.entries(r.series).map(([t, pts]) => [t, columns(pts)]));
      json(res, 200, { ...r, series });
    } else {
      const q = await historyQuery(url, historian, now_ms);
      res.writeHead(200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="history-${q.plant}.csv"`,
        'Cache-Control': 'no-store',
      });
      await historian.csv(q, res);
      res.end();
    }
  } catch (e) {
    if (res.headersSent)
      res.destroy(e as Error); // mid-CSV: the reader sees a cut, not a short file
    else if (e instanceof BadParam) json(res, 400, { error: e.message });
    else if (e instanceof HistorianUnavailable) json(res, 503, { error: e.message });
    else {
      console.error(`historian: ${p}: ${(e as Error).stack ?? e}`);
      json(res, 503, { error: `historian: ${(e as Error).message}` });
    }
  }
  return true;
}
