import { test, expect, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { stepUntil, tt, waitForApp } from './helpers';

// window.tanktwin on a trainee's page reads only; in automation mode (localhost, or ?automation=1 which the
// record notes) it commands, and its commands are logged as automation. A recorded run's score is
// confirmed by replay, in the Records panel and by `npm run sim -- --verify`. A backtrack is recorded.
// The page is opened as 127.0.0.1: not "localhost", so not automation mode unless asked for.

const BASE = (process.env.RECORDS_BASE_URL ?? 'http://localhost:4173').replace('localhost', '127.0.0.1');

async function open(page: Page, query = ''): Promise<void> {
  await page.goto(`${BASE}/${query}`);
  await waitForApp(page);
}

async function startRun(page: Page): Promise<void> {
  await page.getByTestId('open-training').click();
  await page.getByTestId('trainee').fill('Automation');
  await page.locator('[data-scenario="h2s-hatch"] button').click();
  await page.getByTestId('begin').click();
}

test("a trainee's page exposes reading members only", async ({ page }) => {
  await open(page);
  const api = await page.evaluate(() => {
    const t = (window as unknown as { tanktwin: Record<string, unknown> }).tanktwin;
    return { keys: Object.keys(t), automation: t.automation, xr: Object.keys(t.xr as object) };
  });
  expect(api.automation).toBe(false);
  for (const k of [
    'command',
    'setValve',
    'startPump',
    'injectFault',
    'play',
    'step',
    'setSpeed',
    'backtrack',
    'teleport',
  ])
    expect(api.keys).not.toContain(k);
  for (const k of ['read', 'tags', 'alarms', 'events', 'time', 'records', 'training', 'renderer'])
    expect(api.keys).toContain(k);
  expect(api.xr).not.toContain('enterVR');
  // and it cannot be replaced by a script
  const replaced = await page.evaluate(() => {
    try {
      (window as unknown as { tanktwin: unknown }).tanktwin = { command: () => 1 };
    } catch {
      /* strict mode */
    }
    return 'command' in (window as unknown as { tanktwin: object }).tanktwin;
  });
  expect(replaced).toBe(false);
});

test('?automation=1: commands logged as automation, the record notes it, and its score is verified', async ({
  page,
}) => {
  await open(page, '?automation=1');
  expect(await tt(page, 'tanktwin.automation')).toBe(true);
  await startRun(page);
  await tt(page, 'tanktwin.pause()');
  await stepUntil(page, 'tanktwin.time() >= 25', { by: 25 });
  await stepUntil(page, `tanktwin.alarms().some((a) => a.id === 'TK-104.AAHH' && a.state === 'unack')`, { max_s: 300 });
  for (const c of [
    { type: 'report', subject: 'withdrawn' },
    { type: 'report', subject: 'h2s' },
    { type: 'ackAlarm', id: 'TK-104.AAHH' },
  ])
    expect(await tt<{ ok: boolean }>(page, `tanktwin.command(${JSON.stringify(c)})`)).toMatchObject({ ok: true });
  await tt(page, 'tanktwin.play()');
  await expect(page.getByTestId('debrief')).toBeVisible();
  type Rec = {
    automation: boolean;
    status: string;
    events: { type: string; by?: string }[];
    result: { score: number };
  };
  await expect.poll(async () => (await tt<Rec[]>(page, 'tanktwin.records()'))[0]?.status).toBe('ended');
  const rec = (await tt<Rec[]>(page, 'tanktwin.records()'))[0];
  expect(rec.automation).toBe(true);
  const actions = rec.events.filter((e) => e.type === 'action' && e.by !== 'scenario');
  expect(actions.map((e) => e.by)).toEqual(['automation', 'automation', 'automation']);
  // the Records panel replays it on this page
  await page.getByTestId('close-debrief').click();
  await page.getByTestId('open-records').click();
  await page.getByTestId('records-verify').click();
  await expect(page.getByTestId('record-verdict').first()).toHaveAttribute('data-verdict', 'confirmed');
  // and the command line replays the exported record to the same score
  mkdirSync('artifacts/records', { recursive: true });
  writeFileSync('artifacts/records/automation-run.json', JSON.stringify(rec, null, 1));
  const cli = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'src/cli/sim.ts', '--verify', 'artifacts/records/automation-run.json'],
    { encoding: 'utf8' },
  );
  expect(cli.stdout).toMatch(/confirmed/);
  expect(cli.status).toBe(0);
});

test('a backtrack during a scored run is written into the record', async ({ page }) => {
  await open(page, '?automation=1');
  await startRun(page);
  await tt(page, 'tanktwin.pause()');
  await stepUntil(page, 'tanktwin.time() >= 130', { by: 65 });
  expect(await tt<number | null>(page, 'tanktwin.backtrack(60)')).toBe(60);
  await expect
    .poll(async () => (await tt<{ backtracks: { to_s: number }[] }[]>(page, 'tanktwin.records()'))[0]?.backtracks)
    .toMatchObject([{ to_s: 60 }]);
});
