import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BridgeHealth } from '../protocol/live';
import type { BridgeMetrics } from './metrics';
import { prometheusText } from './metrics';

// The bridge's own HTTP endpoints, for a service manager and a Prometheus scraper:
//   GET /healthz   200 + JSON health while running; 503 when every source is down
//   GET /metrics   Prometheus text format 0.0.4

export interface HealthSource {
  health(): BridgeHealth;
  readonly metrics: BridgeMetrics;
}

export interface HttpOptions {
  port: number;
  host?: string;
  /** Seconds the historian is behind, when one runs beside the bridge. */
  historianLag?: () => number | null;
}

export interface BridgeHttp {
  server: Server;
  port: number;
  close(): Promise<void>;
}

export async function startBridgeHttp(src: HealthSource, o: HttpOptions): Promise<BridgeHttp> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    try {
      if (req.method !== 'GET') {
        res.writeHead(405, { Allow: 'GET' }).end();
      } else if (path === '/healthz') {
        const h = src.health();
        const allDown = h.sources.length > 0 && h.sources.every((s) => s.state === 'down');
        res.writeHead(allDown ? 503 : 200, { 'Content-Type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ status: allDown ? 'every source is down' : 'ok', ...h }));
      } else if (path === '/metrics') {
        let lag: number | null = null;
        try {
          lag = o.historianLag?.() ?? null;
        } catch {
          lag = null; // a failing historian probe must not take the metrics down with it
        }
        res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' });
        res.end(prometheusText(src.health(), src.metrics, lag));
      } else res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n');
    } catch (e) {
      res.writeHead(500, { 'Content-Type': 'text/plain' }).end(`${(e as Error).message}\n`);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host ?? '127.0.0.1', () => resolve());
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
