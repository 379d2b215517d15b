import { test, expect, type Page } from '@playwright/test';
import { openApp, tt, waitForApp } from './helpers';

// Fault injection on the records layer, in the browser's own IndexedDB: quota errors, a database closed
// under the app, two tabs on one run, reloads while the run is being written, and another tab upgrading
// the database. No record may be lost; the trainee is told while saving fails.
// RECORDS_BASE_URL serves another build of the app (the default is the configuration's).

if (process.env.RECORDS_BASE_URL) test.use({ baseURL: process.env.RECORDS_BASE_URL });

type Rec = { runId: string; status: string; updatedAt: string; events: unknown[]; schemaVersion: number };
const records = (page: Page) => tt<Rec[]>(page, 'tanktwin.records()');

/** put() throws QuotaExceededError while window.__failPut is set; every connection opened is kept in __dbs. */
const FAULTS = () => {
  const w = window as unknown as { __failPut: boolean; __dbs: IDBDatabase[] };
  w.__failPut = false;
  w.__dbs = [];
  const put = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...a: Parameters<IDBObjectStore['put']>) {
    if (w.__failPut) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    return put.apply(this, a);
  };
  const open = IDBFactory.prototype.open;
  IDBFactory.prototype.open = function (this: IDBFactory, ...a: Parameters<IDBFactory['open']>) {
    const req = open.apply(this, a);
    req.addEventListener('success', () => w.__dbs.push(req.result));
    return req;
  };
};

async function startRun(page: Page): Promise<string> {
  await page.getByTestId('open-training').click();
  await page.getByTestId('trainee').fill('Fault Injection');
  await page.locator('[data-scenario="h2s-hatch"] button').click();
  await page.getByTestId('begin').click();
  await tt(page, 'tanktwin.pause()');
  return tt<string>(page, 'tanktwin.training().runId');
}

/** The run's record as stored, once it was written after `since` (ISO). */
async function writtenAfter(page: Page, runId: string, since: string): Promise<Rec> {
  await expect
    .poll(async () => Date.parse((await records(page)).find((r) => r.runId === runId)?.updatedAt ?? '') || 0, {
      timeout: 60_000,
    })
    .toBeGreaterThan(Date.parse(since) || 0);
  return (await records(page)).find((r) => r.runId === runId)!;
}

test('quota errors: the trainee is told, the run is kept, and it is written once storage returns', async ({ page }) => {
  await page.addInitScript(FAULTS);
  await openApp(page);
  const runId = await startRun(page);
  const before = await writtenAfter(page, runId, '');
  await page.evaluate(() => ((window as unknown as { __failPut: boolean }).__failPut = true));
  await tt(page, 'tanktwin.step(20)');
  await expect(page.getByTestId('save-failing')).toContainText('no storage space left');
  // nothing could be written meanwhile: the stored snapshot is still from before the 20 s were stepped
  // (a write that landed between the first one and the fault is fine; its time is then the latest)
  const stored = async () =>
    (
      await tt<{ runId: string; updatedAt: string; snapshot: { state: { t_s: number } } | null }[]>(
        page,
        'tanktwin.records()',
      )
    ).find((r) => r.runId === runId);
  const during = (await stored())!;
  expect(during.snapshot?.state.t_s ?? 0).toBeLessThan(20);
  await page.evaluate(() => ((window as unknown as { __failPut: boolean }).__failPut = false));
  await expect(page.getByTestId('save-failing')).toHaveCount(0);
  const after = await writtenAfter(
    page,
    runId,
    during.updatedAt > before.updatedAt ? during.updatedAt : before.updatedAt,
  );
  expect(after.status).toBe('running');
  // the 20 s stepped while storage failed are in the record now: its snapshot is from after them
  await expect
    .poll(
      async () =>
        (await tt<{ runId: string; snapshot: { state: { t_s: number } } | null }[]>(page, 'tanktwin.records()')).find(
          (r) => r.runId === runId,
        )?.snapshot?.state.t_s ?? 0,
    )
    .toBeGreaterThanOrEqual(20);
});

test('a database closed under the app is opened again and the run goes on being written', async ({ page }) => {
  await page.addInitScript(FAULTS);
  await openApp(page);
  const runId = await startRun(page);
  const first = await writtenAfter(page, runId, '');
  await page.evaluate(() => (window as unknown as { __dbs: IDBDatabase[] }).__dbs.forEach((d) => d.close()));
  await tt(page, 'tanktwin.step(10)');
  const next = await writtenAfter(page, runId, first.updatedAt);
  expect(next.runId).toBe(runId);
  await expect(page.getByTestId('save-failing')).toHaveCount(0);
});

test('two tabs: the second cannot resume a live run, and the first is told', async ({ context }) => {
  const a = await context.newPage();
  await openApp(a);
  const runId = await startRun(a);
  await tt(a, 'tanktwin.step(30)');
  // a resumable record: running, with a snapshot
  await expect
    .poll(
      async () =>
        (await tt<{ runId: string; snapshot: unknown }[]>(a, 'tanktwin.records()')).find((r) => r.runId === runId)
          ?.snapshot ?? null,
    )
    .not.toBeNull();
  const b = await context.newPage();
  await openApp(b);
  await b.getByTestId('open-records').click();
  await b.locator(`[data-run="${runId}"] button`).click();
  await expect(b.getByTestId('records-message')).toContainText('open in another tab');
  expect(await tt(b, 'tanktwin.training()')).toBeNull();
  await expect(a.getByTestId('other-tab')).toBeVisible();
});

test('reloads while the run is being written lose no record, and the run resumes', async ({ page }) => {
  await openApp(page);
  const runId = await startRun(page);
  await tt(page, 'tanktwin.play()');
  await writtenAfter(page, runId, '');
  const count = (await records(page)).length;
  for (let i = 0; i < 3; i++) {
    await tt(page, 'tanktwin.setSpeed(50)');
    await tt(page, 'tanktwin.play()');
    await page.reload(); // a write may be under way: the interval writes every 2 s and at every change
    await waitForApp(page);
    const now = await records(page);
    expect(now.length).toBe(count);
    expect(now.find((r) => r.runId === runId)?.status).toBe('running');
    await page.getByTestId('open-records').click();
    await page.locator(`[data-run="${runId}"] button`).click();
    await expect.poll(() => tt<{ runId: string } | null>(page, 'tanktwin.training()')).toMatchObject({ runId });
  }
});

test('older records are migrated when the database is upgraded, and another tab can upgrade it', async ({
  context,
}) => {
  const page = await context.newPage();
  await openApp(page);
  // a version-1 database as the previous app left it (the app has not opened it yet in this tab)
  await page.evaluate(
    () =>
      new Promise<void>((done, fail) => {
        indexedDB.deleteDatabase('tanktwin').onsuccess = () => {
          const req = indexedDB.open('tanktwin', 1);
          req.onupgradeneeded = () =>
            req.result.createObjectStore('runs', { keyPath: 'runId' }).createIndex('byStart', 'startedAt');
          req.onsuccess = () => {
            const tx = req.result.transaction('runs', 'readwrite');
            tx.objectStore('runs').put({
              runId: 'old-run',
              trainee: 'Before',
              scenarioId: 'h2s-hatch',
              scenarioVersion: '1.0',
              title: 'H2S',
              startedAt: '2026-01-01T00:00:00.000Z',
              updatedAt: '2026-01-01T00:00:00.000Z',
              status: 'ended',
              events: [],
              result: null,
              statements: [],
              snapshot: null,
            });
            tx.oncomplete = () => (req.result.close(), done());
            tx.onerror = () => fail(tx.error);
          };
        };
      }),
  );
  // the upgrade may take longer than one read waits on a loaded machine: a later read finds it done
  const read = () =>
    tt<(Rec & { trainee: string; backtracks: unknown[] })[]>(page, 'tanktwin.records().catch(() => null)');
  await expect.poll(read, { timeout: 60_000 }).not.toBeNull();
  const recs = (await read())!;
  expect(recs).toHaveLength(1);
  expect(recs[0]).toMatchObject({ runId: 'old-run', trainee: 'Before', schemaVersion: 2, backtracks: [] });
  // another tab opens a newer version: this tab lets go of its connection instead of blocking it
  const other = await context.newPage();
  await other.goto('/webxr-profiles/profilesList.json');
  const upgraded = await other.evaluate(
    () =>
      new Promise<number>((done, fail) => {
        const req = indexedDB.open('tanktwin', 3);
        req.onsuccess = () => (done(req.result.version), req.result.close());
        req.onerror = () => fail(req.error);
      }),
  );
  expect(upgraded).toBe(3);
});

test('a tab holding the database at an older version: the trainee is told, and the run is written once it lets go', async ({
  context,
}) => {
  // an older app's tab: version 1 open, and it does not close when asked to
  const old = await context.newPage();
  await old.goto('/webxr-profiles/profilesList.json');
  await old.evaluate(
    () =>
      new Promise<void>((done) => {
        const req = indexedDB.open('tanktwin', 1);
        req.onupgradeneeded = () =>
          req.result.createObjectStore('runs', { keyPath: 'runId' }).createIndex('byStart', 'startedAt');
        req.onsuccess = () => {
          (window as unknown as { __old: IDBDatabase }).__old = req.result;
          done();
        };
      }),
  );
  const page = await context.newPage();
  await openApp(page);
  await startRun(page);
  await expect(page.getByTestId('save-failing')).toContainText('older version is open');
  const runId = await tt<string>(page, 'tanktwin.training().runId');
  await old.evaluate(() => (window as unknown as { __old: IDBDatabase }).__old.close());
  await expect(page.getByTestId('save-failing')).toHaveCount(0);
  await writtenAfter(page, runId, '');
});
