import type { IncomingMessage, ServerResponse } from 'node:http';
import { TwinHttpError, type TwinReply, type TwinRouteContext, type TwinRouteHandler } from './routes/types';

// `/api/twin/<feature>/…` on the station: one route module per feature (routes/index.ts lists them), each a
// plain function of the request and the twin's context. The router reads the body, calls the handler and
// writes its answer; a handler that throws TwinHttpError answers with that status, anything else with 500.

const PREFIX = '/api/twin';
const MAX_BODY = 1 << 20;

async function readBody(req: IncomingMessage): Promise<unknown> {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'DELETE') return {};
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const c of req) {
    n += (c as Buffer).length;
    if (n > MAX_BODY) throw new TwinHttpError(413, 'request body too large');
    chunks.push(c as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text.trim()) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // a CSV upload (LIMS samples, a schedule) reaches its handler as text
    if (/json/.test(req.headers['content-type'] ?? '')) throw new TwinHttpError(400, 'the body is not JSON');
    return text;
  }
}

function send(res: ServerResponse, r: TwinReply): void {
  const status = r.status ?? 200;
  if (r.text !== undefined) {
    res.writeHead(status, {
      'Content-Type': r.contentType ?? 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store',
    });
    res.end(r.text);
  } else {
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify(r.json ?? null));
  }
}

/** The feature and the rest of a `/api/twin/…` path, or null when the path is not the twin's. */
export function splitTwinPath(pathname: string): { feature: string; rest: string } | null {
  if (pathname !== PREFIX && !pathname.startsWith(`${PREFIX}/`)) return null;
  const tail = pathname.slice(PREFIX.length + 1);
  const i = tail.indexOf('/');
  return i < 0 ? { feature: tail, rest: '' } : { feature: tail.slice(0, i), rest: tail.slice(i) };
}

/**
 * Serve a `/api/twin/…` request with the route of its feature; false when the path is not under /api/twin.
 * `GET /api/twin` lists the features.
 */
export async function serveTwin(
  req: IncomingMessage,
  res: ServerResponse,
  routes: Readonly<Record<string, TwinRouteHandler>>,
  ctx: () => TwinRouteContext,
): Promise<boolean> {
  const url = new URL(req.url ?? '/', 'http://x');
  const at = splitTwinPath(url.pathname);
  if (!at) return false;
  const method = req.method ?? 'GET';
  try {
    if (at.feature === '') {
      if (method !== 'GET') throw new TwinHttpError(405, `no ${method} ${url.pathname}`);
      send(res, { json: { features: Object.keys(routes).sort() } });
      return true;
    }
    const handler = Object.hasOwn(routes, at.feature) ? routes[at.feature] : undefined;
    if (!handler) throw new TwinHttpError(404, `no twin feature "${at.feature}"`);
    const body = await readBody(req);
    send(res, await handler({ method, path: at.rest, query: url.searchParams, body }, ctx()));
  } catch (e) {
    const status = e instanceof TwinHttpError ? e.status : 500;
    if (status === 500) console.error(`station: ${method} ${url.pathname}: ${(e as Error).stack ?? e}`);
    send(res, { status, json: { error: (e as Error).message } });
  }
  return true;
}
