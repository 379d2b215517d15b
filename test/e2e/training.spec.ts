import { test, expect } from '@playwright/test';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerH2sHatch, openApp, shot, tt, waitForApp, stepUntil } from './helpers';

test('a scenario from briefing to debrief; the record survives a reload and goes to a learning record store', async ({
  page,
}) => {
  await openApp(page);
  await page.getByTestId('open-training').click();
  await page.getByTestId('trainee').fill('Somchai K.');
  await page.locator('[data-scenario="h2s-hatch"] button').click();
  await expect(page.getByTestId('briefing')).toContainText('hand-gauge');
  await shot(page, '09-briefing');
  await page.getByTestId('begin').click();
  await expect(page.getByTestId('scenario-hud')).toBeVisible();
  // plant time is stepped to the gas, so the answers land at that plant time however slowly the pages turn
  await answerH2sHatch(page, () => shot(page, '10-scenario-running').then(() => undefined));
  const debrief = page.getByTestId('debrief');
  await expect(debrief).toBeVisible();
  await expect(page.getByTestId('verdict')).toContainText('PASSED');
  await expect(page.getByTestId('score')).toHaveText('100');
  await expect(page.getByTestId('debrief-timeline')).toContainText('Reported: withdrawn from the hatch');
  await shot(page, '11-debrief');

  // the record is in IndexedDB: a reload finds it
  await page.reload();
  await waitForApp(page);
  await page.getByTestId('open-records').click();
  const row = page.locator('[data-scenario="h2s-hatch"][data-status="ended"]');
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('record-score')).toContainText('100');
  const rec = await tt<
    {
      trainee: string;
      events: { type: string; by?: string }[];
      statements: { verb: { display: { 'en-US': string } } }[];
    }[]
  >(page, 'tanktwin.records()');
  expect(rec[0].trainee).toBe('Somchai K.');
  expect(rec[0].events.filter((e) => e.type === 'action' && e.by === 'trainee').length).toBeGreaterThanOrEqual(3);
  expect(rec[0].statements.map((s) => s.verb.display['en-US'])).toEqual([
    'launched',
    'initialized',
    'completed',
    'passed',
    'terminated',
  ]);
  await shot(page, '12-records');

  // a learning record store on loopback receives the statements
  const received: { auth?: string; version?: string; body: any[] }[] = [];
  const lrs = createServer((req: IncomingMessage, res) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Headers', 'Content-Type, Authorization, X-Experience-API-Version');
    res.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
    if (req.method === 'OPTIONS') return res.writeHead(204).end();
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const list = JSON.parse(body);
      received.push({
        auth: req.headers.authorization,
        version: req.headers['x-experience-api-version'] as string,
        body: list,
      });
      res
        .writeHead(200, { 'Content-Type': 'application/json' })
        .end(JSON.stringify(list.map((s: { id: string }) => s.id)));
    });
  });
  await new Promise<void>((r) => lrs.listen(0, '127.0.0.1', r));
  try {
    const port = (lrs.address() as AddressInfo).port;
    await page.getByTestId('lrs-endpoint').fill(`http://127.0.0.1:${port}/xapi/`);
    await page.getByTestId('lrs-user').fill('tanktwin');
    await page.getByTestId('lrs-password').fill('secret');
    await page.getByTestId('lrs-send').click();
    await expect(page.getByTestId('records-message')).toContainText('Statements sent: 5');
    expect(received).toHaveLength(1);
    expect(received[0].auth).toBe(`Basic ${Buffer.from('tanktwin:secret').toString('base64')}`);
    expect(received[0].version).toBe('1.0.3');
    expect(received[0].body.find((s) => s.verb.display['en-US'] === 'passed').result.score.raw).toBe(100);
  } finally {
    lrs.close();
  }
});

test('an interrupted run is kept and can be resumed after a reload', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('open-training').click();
  await page.getByTestId('trainee').fill('Anong P.');
  await page.locator('[data-scenario="receipt-overfill"] button').click();
  await page.getByTestId('begin').click();
  await expect(page.getByTestId('scenario-hud')).toBeVisible();
  await stepUntil(page, 'tanktwin.time() > 200', { by: 50 });
  // a periodic save has stored a snapshot from past that time
  await expect
    .poll(
      async () =>
        (
          await tt<{ scenarioId: string; status: string; snapshot: { state: { t_s: number } } | null }[]>(
            page,
            'tanktwin.records()',
          )
        )
          .filter((r) => r.scenarioId === 'receipt-overfill' && r.status === 'running')
          .map((r) => r.snapshot?.state.t_s ?? 0)[0] ?? 0,
    )
    .toBeGreaterThan(200);
  await page.reload();
  await waitForApp(page);
  await page.getByTestId('open-records').click();
  const row = page.locator('[data-scenario="receipt-overfill"][data-status="running"]');
  await expect(row).toHaveCount(1);
  await row.getByRole('button').click();
  await expect(page.getByTestId('scenario-hud')).toBeVisible();
  await expect.poll(() => tt<number>(page, 'tanktwin.time()')).toBeGreaterThan(200);
});
