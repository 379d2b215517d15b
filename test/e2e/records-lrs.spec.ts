import { test, expect } from '@playwright/test';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openApp, stepUntil, tt } from './helpers';

// With a learning record store configured, a finished run's statements are sent without asking; a store
// that fails is tried again with back-off until it takes them, and the record is marked sent. The password
// is kept in memory only: never in localStorage.

if (process.env.RECORDS_BASE_URL) test.use({ baseURL: process.env.RECORDS_BASE_URL });

test('statements go to the store at the end of a run, retried after a failure; the password stays off disk', async ({
  page,
}) => {
  const posts: { status: number; verbs: string[] }[] = [];
  const lrs = createServer((req: IncomingMessage, res) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Headers', 'Content-Type, Authorization, X-Experience-API-Version');
    res.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
    if (req.method === 'OPTIONS') return res.writeHead(204).end();
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const list = JSON.parse(body) as { id: string; verb: { display: { 'en-US': string } } }[];
      // the first non-empty delivery fails, as a store that is down would
      const fail = list.length > 0 && !posts.some((p) => p.verbs.length > 0);
      posts.push({ status: fail ? 503 : 200, verbs: list.map((s) => s.verb.display['en-US']) });
      if (fail) return res.writeHead(503).end();
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(list.map((s) => s.id)));
    });
  });
  await new Promise<void>((r) => lrs.listen(0, '127.0.0.1', r));
  try {
    await openApp(page);
    await page.getByTestId('open-records').click();
    await page.getByTestId('lrs-endpoint').fill(`http://127.0.0.1:${(lrs.address() as AddressInfo).port}/xapi/`);
    await page.getByTestId('lrs-user').fill('tanktwin');
    await page.getByTestId('lrs-password').fill('secret');
    await page.getByTestId('lrs-send').click();
    await expect(page.getByTestId('records-message')).toContainText('Statements sent: 0');
    expect(await page.evaluate(() => localStorage.getItem('tanktwin.lrs'))).not.toContain('secret');
    // a run to its end, with nothing more asked of the trainee about the store
    await page.getByTestId('open-training').click();
    await page.getByTestId('trainee').fill('Auto Send');
    await page.locator('[data-scenario="h2s-hatch"] button').click();
    await page.getByTestId('begin').click();
    await tt(page, 'tanktwin.pause()');
    await stepUntil(page, `tanktwin.alarms().some((a) => a.id === 'TK-104.AAHH' && a.state === 'unack')`, {
      max_s: 300,
      by: 10,
    });
    for (const c of [
      { type: 'report', subject: 'withdrawn' },
      { type: 'report', subject: 'h2s' },
      { type: 'ackAlarm', id: 'TK-104.AAHH' },
    ])
      await tt(page, `tanktwin.command(${JSON.stringify(c)})`);
    await tt(page, 'tanktwin.play()');
    await expect(page.getByTestId('debrief')).toBeVisible();
    // refused once (503), then taken on the retry
    await expect
      .poll(() => posts.filter((p) => p.status === 200 && p.verbs.length).length, { timeout: 60_000 })
      .toBe(1);
    expect(posts.filter((p) => p.verbs.length).map((p) => p.status)).toEqual([503, 200]);
    expect(posts.at(-1)!.verbs).toEqual(['launched', 'initialized', 'completed', 'passed', 'terminated']);
    await expect
      .poll(async () => (await tt<{ sentAt: string | null }[]>(page, 'tanktwin.records()'))[0].sentAt)
      .toBeTruthy();
  } finally {
    lrs.close();
  }
});
