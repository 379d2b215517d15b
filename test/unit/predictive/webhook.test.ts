import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHmac } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkOrderWebhook } from '../../../src/predictive/webhook';
import { backoffDelay_ms, parseWebhookConfig, type WebhookConfig } from '../../../src/predictive/webhookConfig';
import { workOrderFor, type WorkOrder } from '../../../src/predictive/workOrders';
import type { Finding } from '../../../src/predictive/findings';

const T0 = Date.UTC(2026, 10, 2, 6, 0, 0);
const SECRET = 'a-shared-secret-of-enough-length';

function findingOf(asset: string, kind: Finding['kind'] = 'pumpDegradation'): Finding {
  return {
    kind,
    asset,
    finding: `${asset} degraded`,
    evidence: 'deficit 7.1 %',
    priority: 'medium',
    detected_ms: T0,
    due_ms: T0 + 7 * 86_400_000,
    action: 'inspect',
    figures: { headDeficit_frac: 0.071 },
  };
}
const order = (asset: string, kind: Finding['kind'] = 'pumpDegradation'): WorkOrder =>
  workOrderFor(findingOf(asset, kind));

interface Got {
  key: string;
  sig: string;
  body: string;
}

/** A CMMS stand-in on loopback: answers each POST with the next status of `script` (then 200). */
function receiver(script: number[], got: Got[], port = 0): Promise<Server> {
  const server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const status = script.shift() ?? 200;
      if (status === 200)
        got.push({
          key: String(req.headers['idempotency-key']),
          sig: String(req.headers['x-tanktwin-signature']),
          body,
        });
      res.writeHead(status, { 'content-type': 'application/json' }).end('{}');
    });
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}
const close = (s: Server) => new Promise<void>((r) => s.close(() => r()));

let dir: string;
const delays: number[] = [];
let now = T0;
const deps = { sleep: async (ms: number) => void delays.push(ms), now_ms: () => now };

function config(port: number, extra: Partial<WebhookConfig> = {}): WebhookConfig {
  const r = parseWebhookConfig({
    url: `http://127.0.0.1:${port}/cmms/work-orders`,
    secret: SECRET,
    retries: 3,
    timeout_ms: 2000,
    backoff: { initial_ms: 100, factor: 2, max_ms: 300 },
    spoolDir: dir,
    ...extra,
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tanktwin-spool-'));
  delays.length = 0;
  now = T0;
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('work-order webhook', () => {
  it('posts each order once with its id as idempotency key and a body signature, and empties the spool', async () => {
    const got: Got[] = [];
    const srv = await receiver([], got);
    const hook = new WorkOrderWebhook(config((srv.address() as AddressInfo).port), deps);
    const r = await hook.send([order('P-201A'), order('H-201', 'heaterEfficiency')]);
    await close(srv);
    expect(r.delivered).toEqual(['WO-P-201A-PUMP-20261102', 'WO-H-201-HEFF-20261102']);
    expect(r.pending).toEqual([]);
    expect(got.map((g) => g.key)).toEqual(r.delivered);
    for (const g of got) {
      expect(g.sig).toBe(`sha256=${createHmac('sha256', SECRET).update(g.body).digest('hex')}`);
      expect(JSON.parse(g.body).workOrder.id).toBe(g.key);
    }
    expect(await readdir(dir)).toEqual(['sent.json']); // the ledger of what the receiver has
    expect(delays).toEqual([]);
  });

  it('retries a 503 with exponential backoff (capped) and delivers on the third attempt', async () => {
    const got: Got[] = [];
    const srv = await receiver([503, 503], got);
    const hook = new WorkOrderWebhook(config((srv.address() as AddressInfo).port), deps);
    const r = await hook.send([order('P-201B')]);
    await close(srv);
    expect(r.delivered).toEqual(['WO-P-201B-PUMP-20261102']);
    expect(got).toHaveLength(1);
    expect(delays).toEqual([100, 200]);
    expect(backoffDelay_ms(hook.cfg, 5)).toBe(300);
  });

  it('keeps every order in the spool while the receiver is down and delivers them in order once it is back', async () => {
    // find a free port, then leave nothing listening on it: connection refused
    const probe = await receiver([], []);
    const port = (probe.address() as AddressInfo).port;
    await close(probe);
    const hook = new WorkOrderWebhook(config(port), deps);
    const down = await hook.send([order('P-201A'), order('TK-101', 'coilFouling')]);
    expect(down.delivered).toEqual([]);
    expect(down.pending).toEqual(['WO-P-201A-PUMP-20261102', 'WO-TK-101-FOUL-20261102']);
    expect(down.lastError).toBeTruthy();
    expect(delays).toEqual([100, 200, 300]); // the first order's retries; the flush stops there
    // the same order raised again is not queued twice; a new one joins the end
    const again = await hook.send([order('P-201A'), order('H-201', 'heaterEfficiency')]);
    expect(again.pending).toEqual(['WO-P-201A-PUMP-20261102', 'WO-TK-101-FOUL-20261102', 'WO-H-201-HEFF-20261102']);
    // a new process finds the spool as it was left
    const restarted = new WorkOrderWebhook(config(port), deps);
    expect(await restarted.pending()).toEqual(again.pending);
    const got: Got[] = [];
    const srv = await receiver([], got, port);
    const up = await restarted.flush();
    await close(srv);
    expect(up.delivered).toEqual(again.pending);
    expect(got.map((g) => g.key)).toEqual(again.pending);
    expect(await restarted.pending()).toEqual([]);
  });

  it('moves an order the receiver refuses (400) to spool/rejected and goes on with the rest', async () => {
    const got: Got[] = [];
    const srv = await receiver([400], got);
    const hook = new WorkOrderWebhook(config((srv.address() as AddressInfo).port), deps);
    const r = await hook.send([order('P-201A'), order('P-201B')]);
    await close(srv);
    expect(r.rejected).toEqual([{ id: 'WO-P-201A-PUMP-20261102', status: 400 }]);
    expect(r.delivered).toEqual(['WO-P-201B-PUMP-20261102']);
    expect(await readdir(join(dir, 'rejected'))).toEqual(['WO-P-201A-PUMP-20261102.json']);
    expect(await hook.pending()).toEqual([]);
  });

  it('sends a persisting finding once: again only when its priority rises or after resendAfter', async () => {
    const got: Got[] = [];
    const srv = await receiver([], got);
    const hook = new WorkOrderWebhook(
      config((srv.address() as AddressInfo).port, { resendAfter_ms: 30 * 86_400_000 }),
      deps,
    );
    await hook.send([order('P-201A')]);
    now = T0 + 86_400_000; // the next day the checks raise it again, under the next day's id
    const next = workOrderFor({ ...findingOf('P-201A'), detected_ms: now });
    const again = await hook.send([next]);
    expect(again.suppressed).toEqual(['WO-P-201A-PUMP-20261103']);
    expect(again.delivered).toEqual([]);
    const worse = await hook.send([{ ...next, priority: 'high' }]);
    expect(worse.delivered).toEqual(['WO-P-201A-PUMP-20261103']);
    now = T0 + 32 * 86_400_000;
    const later = await hook.send([{ ...next, priority: 'high' }]);
    await close(srv);
    expect(later.delivered).toEqual(['WO-P-201A-PUMP-20261103']);
    expect(got).toHaveLength(3);
  });

  it('rejects a bad configuration with errors by path', () => {
    const r = parseWebhookConfig({ url: 'ftp://x', retries: -1, backoff: { factor: 0.5 }, secret: 'short', extra: 1 });
    expect(r.ok).toBe(false);
    const paths = r.ok ? [] : r.errors.map((e) => e.path).sort();
    expect(paths).toEqual(['(root)', 'backoff.factor', 'retries', 'secret', 'spoolDir', 'url']);
  });
});
