import type { IncomingMessage, ServerResponse } from 'node:http';
import { createSessionSchema, joinSchema } from '../protocol/session';
import type { Station } from './station';
import { listRecords, readRecord, sessionLog } from './access';
import { serveLiveStatus, twinRouteContext } from './live';
import { serveTwin } from '../twinService/router';
import { twinRoutes } from '../twinService/routes';
import { loadPlantOrThrow } from '../sim/plant/load';

// The station's HTTP API under /api (JSON in, JSON out). Pages use it to create and join sessions; the
// live session itself runs over MQTT (src/protocol/session.ts).
//
//   GET  /api/station                 name, site, records public key, broker, scenarios, initial conditions
//   POST /api/sessions                CreateSession → CreatedSession (join codes and links)
//   GET  /api/sessions                [{id, name, status}]
//   POST /api/join                    JoinRequest → Joined (token, MQTT URL and credentials)
//   POST /api/refresh                 {token} → {token, expiresAt}
//   GET  /api/sessions/<id>/log       the action log (Bearer: that session's instructor token)
//   GET  /api/records                 record files (Bearer: an instructor's token → that session's;
//                                     a trainee's → their own)
//   GET  /api/records/<file>          one signed record (same rule)
//   POST /api/live/join               {code?} → {site, plant, mqtt, historyUrl}: read access to the live
//                                     plant (with --live); with the live engineer code, write requests too
//   GET  /api/live/healthz|metrics    the live bridge's health (503: every source down), Prometheus metrics
//   *    /api/twin/<feature>/…        the live twin's features (src/twinService/routes)

const MAX_BODY = 1 << 20;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function body(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const c of req) {
    n += (c as Buffer).length;
    if (n > MAX_BODY) throw new HttpError(413, 'request body too large');
    chunks.push(c as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  } catch {
    throw new HttpError(400, 'the body is not JSON');
  }
}

function parse<T>(
  schema: {
    safeParse(
      v: unknown,
    ): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
  },
  v: unknown,
): T {
  const r = schema.safeParse(v);
  if (r.success) return r.data;
  throw new HttpError(400, r.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; '));
}

function bearer(req: IncomingMessage): string {
  const h = req.headers.authorization ?? '';
  if (!h.startsWith('Bearer ')) throw new HttpError(401, 'send your token as "Authorization: Bearer <token>"');
  return h.slice(7);
}

function origin(req: IncomingMessage, tls: boolean): string {
  return `${tls ? 'https' : 'http'}://${req.headers.host ?? 'localhost'}`;
}

export async function handleApi(st: Station, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://x');
  const p = url.pathname;
  const m = req.method ?? 'GET';
  let out: unknown;
  if (m === 'GET' && serveLiveStatus(st.live, p, res, () => st.historian?.lag_s() ?? null)) return;
  const twin = () => twinRouteContext(st.live, st.historian, () => loadPlantOrThrow(st.ctx.plantRaw));
  if (await serveTwin(req, res, twinRoutes, twin)) return;
  try {
    if (p === '/api/station' && m === 'GET') out = st.describe();
    else if (p === '/api/sessions' && m === 'POST')
      out = await st.createSession(parse(createSessionSchema, await body(req)), origin(req, st.tls));
    else if (p === '/api/sessions' && m === 'GET') out = st.listSessions();
    else if (p === '/api/join' && m === 'POST') out = st.join(parse(joinSchema, await body(req)), origin(req, st.tls));
    else if (p === '/api/refresh' && m === 'POST') {
      const b = (await body(req)) as { token?: unknown };
      out = st.refresh(typeof b.token === 'string' ? b.token : '');
    } else if (/^\/api\/sessions\/[\w-]+\/log$/.test(p) && m === 'GET')
      out = sessionLog(st.ctx, p.split('/')[3], bearer(req));
    else if (p === '/api/records' && m === 'GET') out = listRecords(st.ctx, bearer(req));
    else if (p.startsWith('/api/records/') && m === 'GET')
      out = readRecord(st.ctx, p.slice('/api/records/'.length), bearer(req));
    else if (p === '/api/live/join' && m === 'POST') {
      if (!st.live) throw new HttpError(404, 'this station shows no live plant (start it with --live MAPPING_FILE)');
      const r = st.live.join(await body(req), origin(req, st.tls), st.opts.broker);
      if ('error' in r) throw new HttpError(r.status, r.error);
      out = r;
    } else throw new HttpError(404, `no ${m} ${p}`);
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify(out));
  } catch (e) {
    const status = e instanceof HttpError ? e.status : 500;
    if (status === 500) console.error(`station: ${m} ${p}: ${(e as Error).stack ?? e}`);
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify({ error: (e as Error).message }));
  }
}
