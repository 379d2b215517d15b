import http from 'node:http';
import { z } from 'zod';
import { formatPath } from '../sim/plant/load';
import type { VirtualPlant } from './plant';

// A small HTTP endpoint (--control-port, loopback only) to break the virtual plant's instruments from a
// script or a demo without touching its code:
//   POST   /faults/<tag>   {"kind":"outOfRange","value":999} | {"kind":"stuck"} | {"kind":"noisy","sigma":2}
//                          | {"kind":"bad","reason":"BadSensorFailure"} | {"kind":"drift","rate_per_h":0.5}
//   DELETE /faults/<tag>   clear one;  DELETE /faults  clear all
//   GET    /values         what the plant serves now (never the hidden parameters)

export const sensorFaultSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('outOfRange'), value: z.number().finite().optional() }),
  z.strictObject({ kind: z.literal('stuck') }),
  z.strictObject({ kind: z.literal('noisy'), sigma: z.number().positive() }),
  z.strictObject({ kind: z.literal('bad'), reason: z.string().min(1).max(64).optional() }),
  z.strictObject({ kind: z.literal('drift'), rate_per_h: z.number().finite() }),
]);

const MAX_BODY_BYTES = 4096;

export async function startControlServer(
  plant: VirtualPlant,
  port: number,
  now: () => number = Date.now,
): Promise<{ port: number; stop(): Promise<void> }> {
  const send = (res: http.ServerResponse, code: number, body: unknown) => {
    res.writeHead(code, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const m = /^\/faults(?:\/(.+))?$/.exec(url.pathname);
    if (req.method === 'GET' && url.pathname === '/values')
      return send(res, 200, Object.fromEntries(plant.tags.map((t) => [t.tag, plant.value(t.tag)])));
    if (!m) return send(res, 404, { error: 'no such endpoint' });
    const tag = m[1] ? decodeURIComponent(m[1]) : undefined;
    if (tag !== undefined && !plant.tags.some((t) => t.tag === tag))
      return send(res, 404, { error: `the mapping has no tag "${tag}"` });
    if (req.method === 'DELETE') {
      plant.clearSensorFault(tag, now());
      return send(res, 200, { ok: true });
    }
    if (req.method !== 'POST' || tag === undefined) return send(res, 405, { error: 'POST /faults/<tag> or DELETE' });
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString('utf8');
      if (body.length > MAX_BODY_BYTES) req.destroy();
    });
    req.on('end', () => {
      let raw: unknown;
      try {
        raw = JSON.parse(body);
      } catch {
        return send(res, 400, { error: 'body is not JSON' });
      }
      const r = sensorFaultSchema.safeParse(raw);
      if (!r.success)
        return send(res, 400, {
          errors: r.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })),
        });
      plant.injectSensorFault(tag, r.data, now());
      send(res, 200, { ok: true });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const addr = server.address();
  return {
    port: typeof addr === 'object' && addr ? addr.port : port,
    stop: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
