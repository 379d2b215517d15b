import { createHmac } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { WorkOrder } from './workOrders';
import { backoffDelay_ms, type WebhookConfig } from './webhookConfig';

// Work orders to a CMMS webhook (Node). Every order is written to the spool BEFORE the first attempt and
// removed only once the receiver has answered 2xx, so an order survives a receiver that is down and a process
// that stops mid-retry. A flush sends the spool oldest first, each with retries and exponential backoff, and
// stops at the first order that still fails (the receiver is down: the rest would fail the same way, and the
// order is kept). A 4xx other than 408/429 is the receiver refusing that order: retrying cannot help, so it
// moves to spool/rejected for a person to look at, and the flush goes on. The order id is sent as the
// Idempotency-Key: a receiver that got an order but whose answer was lost sees the resend as the same order.

export interface WebhookDeps {
  fetch?: typeof fetch;
  /** Wait between attempts (tests pass a fake to run without waiting). */
  sleep?: (ms: number) => Promise<void>;
  /** Time stamp for the spool records, ms. */
  now_ms?: () => number;
}

interface Spooled {
  order: WorkOrder;
  spooled_ms: number;
  /** Sequence within the spool: the order they are sent in. */
  seq: number;
  attempts: number;
  lastError?: string;
}

export interface FlushReport {
  delivered: string[];
  rejected: { id: string; status: number }[];
  /** Ids still in the spool (receiver down). */
  pending: string[];
  lastError?: string;
}

type Attempt = { ok: true } | { ok: false; retry: boolean; status?: number; error: string; retryAfter_ms?: number };

/** What the receiver has had, by asset and kind: sent.json in the spool folder. */
type Ledger = Record<string, { id: string; priority: WorkOrder['priority']; sent_ms: number }>;
const LEDGER = 'sent.json';
const ledgerKey = (o: WorkOrder) => `${o.assetTag}/${o.kind}`;
const PRIORITY_RANK: Record<WorkOrder['priority'], number> = { low: 0, medium: 1, high: 2 };

const sleepReal = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class WorkOrderWebhook {
  private readonly fetchFn: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    readonly cfg: WebhookConfig,
    deps: WebhookDeps = {},
  ) {
    this.fetchFn = deps.fetch ?? fetch;
    this.sleep = deps.sleep ?? sleepReal;
    this.now = deps.now_ms ?? Date.now;
  }

  /**
   * Spool the orders, then flush. An order already spooled (same id) is replaced, not sent twice; an order for an
   * asset and kind the receiver already has (the ledger, sent.json) is held back for `resendAfter_ms` unless its
   * priority rose: the checks raise the same finding every day it persists, the CMMS wants it once.
   */
  send(orders: readonly WorkOrder[]): Promise<FlushReport & { suppressed: string[] }> {
    return this.serial(async () => {
      await mkdir(this.cfg.spoolDir, { recursive: true });
      const have = await this.readSpool();
      const ledger = await this.readLedger();
      const now = this.now();
      const suppressed: string[] = [];
      let seq = have.reduce((m, s) => Math.max(m, s.seq), 0);
      for (const order of orders) {
        const prev = ledger[ledgerKey(order)];
        const rose = prev && PRIORITY_RANK[order.priority] > PRIORITY_RANK[prev.priority];
        if (prev && !rose && now - prev.sent_ms < this.cfg.resendAfter_ms) {
          suppressed.push(order.id);
          continue;
        }
        const old = have.find((s) => s.order.id === order.id);
        await this.write({ order, spooled_ms: now, seq: old?.seq ?? ++seq, attempts: old?.attempts ?? 0 });
      }
      return { ...(await this.flushNow()), suppressed };
    });
  }

  /** Send whatever waits in the spool (call it on start and on a timer). */
  flush(): Promise<FlushReport> {
    return this.serial(() => this.flushNow());
  }

  /** Ids waiting in the spool, in sending order. */
  async pending(): Promise<string[]> {
    return (await this.readSpool()).map((s) => s.order.id);
  }

  /** One flush or send at a time: two at once would send the same spooled order twice. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(fn, fn);
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async flushNow(): Promise<FlushReport> {
    const report: FlushReport = { delivered: [], rejected: [], pending: [] };
    const spool = await this.readSpool();
    for (let i = 0; i < spool.length; i++) {
      const s = spool[i];
      const r = await this.deliver(s);
      if (r.ok) {
        await this.remember(s.order);
        await rm(this.file(s.order.id), { force: true });
        report.delivered.push(s.order.id);
        continue;
      }
      s.lastError = r.error;
      if (!r.retry) {
        await mkdir(join(this.cfg.spoolDir, 'rejected'), { recursive: true });
        await this.write(s);
        await rename(this.file(s.order.id), join(this.cfg.spoolDir, 'rejected', `${s.order.id}.json`));
        report.rejected.push({ id: s.order.id, status: r.status ?? 0 });
        continue;
      }
      await this.write(s);
      report.lastError = r.error;
      report.pending = spool.slice(i).map((x) => x.order.id);
      break;
    }
    return report;
  }

  /** The first attempt and up to `retries` more, with backoff between them. */
  private async deliver(s: Spooled): Promise<Attempt> {
    let last: Attempt = { ok: false, retry: true, error: 'not attempted' };
    for (let k = 0; k <= this.cfg.retries; k++) {
      if (k > 0) await this.sleep(Math.max(backoffDelay_ms(this.cfg, k - 1), last.ok ? 0 : (last.retryAfter_ms ?? 0)));
      s.attempts++;
      last = await this.attempt(s.order);
      if (last.ok || !last.retry) return last;
    }
    return last;
  }

  private async attempt(order: WorkOrder): Promise<Attempt> {
    const body = JSON.stringify({ workOrder: order });
    const headers: Record<string, string> = {
      ...this.cfg.headers,
      'content-type': 'application/json',
      'idempotency-key': order.id,
    };
    if (this.cfg.secret)
      headers['x-tanktwin-signature'] = `sha256=${createHmac('sha256', this.cfg.secret).update(body).digest('hex')}`;
    try {
      const res = await this.fetchFn(this.cfg.url, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(this.cfg.timeout_ms),
      });
      await res.arrayBuffer().catch(() => undefined); // drain, so the connection can be reused
      if (res.ok) return { ok: true };
      const retry = res.status >= 500 || res.status === 408 || res.status === 429;
      const ra = Number(res.headers.get('retry-after'));
      return {
        ok: false,
        retry,
        status: res.status,
        error: `HTTP ${res.status}`,
        retryAfter_ms: Number.isFinite(ra) && ra > 0 ? Math.min(ra * 1000, this.cfg.backoff.max_ms) : undefined,
      };
    } catch (e) {
      return { ok: false, retry: true, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
    }
  }

  private ledgerFile(): string {
    return join(this.cfg.spoolDir, LEDGER);
  }

  private async readLedger(): Promise<Ledger> {
    try {
      return JSON.parse(await readFile(this.ledgerFile(), 'utf8')) as Ledger;
    } catch {
      return {};
    }
  }

  /** Note what the receiver has, before the order leaves the spool: a crash between the two resends, never loses. */
  private async remember(order: WorkOrder): Promise<void> {
    const ledger = await this.readLedger();
    ledger[ledgerKey(order)] = { id: order.id, priority: order.priority, sent_ms: this.now() };
    await writeFile(`${this.ledgerFile()}.tmp`, JSON.stringify(ledger));
    await rename(`${this.ledgerFile()}.tmp`, this.ledgerFile());
  }

  private file(id: string): string {
    return join(this.cfg.spoolDir, `${id.replace(/[^A-Za-z0-9._-]/g, '_')}.json`);
  }

  /** Written to a temporary name and renamed: a crash leaves the old record or the new one, never half of one. */
  private async write(s: Spooled): Promise<void> {
    const f = this.file(s.order.id);
    await writeFile(`${f}.tmp`, JSON.stringify(s));
    await rename(`${f}.tmp`, f);
  }

  private async readSpool(): Promise<Spooled[]> {
    let names: string[];
    try {
      names = await readdir(this.cfg.spoolDir);
    } catch {
      return [];
    }
    const out: Spooled[] = [];
    for (const n of names) {
      if (!n.endsWith('.json') || n === LEDGER) continue;
      try {
        out.push(JSON.parse(await readFile(join(this.cfg.spoolDir, n), 'utf8')) as Spooled);
      } catch {
        // a record that cannot be read is left where it is for a person to see, not dropped
      }
    }
    return out.sort((a, b) => a.seq - b.seq);
  }
}
