import { test, expect, type Page } from '@playwright/test';
import { openApp, shot, distinctColours, tt, renderedFrames, stepUntil } from './helpers';

type Pt = { x: number; y: number; visible: boolean };

async function selectViaMap(page: Page, tag: string) {
  if (!(await page.getByTestId('plant-map').isVisible())) await page.getByRole('button', { name: 'Plant map' }).click();
  await page.locator(`[data-goto="${tag}"]`).click();
  await expect(page.getByTestId('faceplate')).toHaveAttribute('data-equipment', tag);
}

// The first two look at the plant as it opens and then click into it: one page serves both.
test.describe.serial('the default plant on one page', () => {
  let page: Page;
  test.beforeAll(async ({ browser }, info) => {
    const { baseURL, viewport } = info.project.use;
    page = await browser.newPage({ baseURL, viewport });
    await openApp(page);
  });
  test.afterAll(() => page.close());

  test('the plant renders: tanks drawn in several colours, within the draw-call budget', async () => {
    await renderedFrames(page, 10); // labels and instanced meshes are in
    const png = await shot(page, '01-plant-overview');
    const canvas = (await page.getByTestId('scene').boundingBox())!;
    expect(
      distinctColours(
        png,
        Math.round(canvas.x),
        Math.round(canvas.y),
        Math.round(canvas.width),
        Math.round(canvas.height),
      ),
    ).toBeGreaterThan(60);
    for (const tag of ['TK-101', 'TK-103', 'TK-105', 'TK-107']) {
      const p = await tt<Pt>(page, `tanktwin.screenPosition('${tag}', 6)`);
      expect(p.visible).toBe(true);
      expect(distinctColours(png, Math.round(p.x) - 20, Math.round(p.y) - 20, 40, 40)).toBeGreaterThan(6);
    }
    const dc = await tt<number>(page, 'tanktwin.renderer.drawCalls');
    expect(dc).toBeGreaterThan(10);
    expect(dc).toBeLessThanOrEqual(100);
  });

  test('clicking a tank in the 3D view opens its faceplate with live values', async () => {
    const p = await tt<Pt>(page, `tanktwin.screenPosition('TK-103', 5)`);
    await page.mouse.click(p.x, p.y);
    const fp = page.getByTestId('faceplate');
    await expect(fp).toHaveAttribute('data-equipment', 'TK-103');
    await expect(fp.locator('[data-tag="TK-103.level"]')).toHaveText(/^6\.0\d$/);
    await shot(page, '02-tank-faceplate');
  });
});

test('lining up a truck and starting the loading pump makes the flow appear in the trend', async ({ page }) => {
  await openApp(page, '?speed=10&run=1');
  await selectViaMap(page, 'LA-1A');
  await page.getByTestId('truck-arrive').click();
  await page.getByTestId('arm-lower').click();
  await selectViaMap(page, 'TK-101');
  await page.getByRole('button', { name: 'Open' }).first().click();
  await stepUntil(page, `tanktwin.read('TK-101.outlet') === 100`, { by: 5 });
  expect(await tt<number>(page, `tanktwin.read('TK-101.outlet')`)).toBe(100);
  await selectViaMap(page, 'P-301');
  await page.getByRole('button', { name: 'Plant map' }).click(); // close the map
  const trend = page.getByTestId('faceplate-trend');
  await expect(trend).toHaveAttribute('data-tags', 'P-301.flow');
  // the trend has drawn its line along the zero floor
  await expect.poll(async () => (await trendExtent(page)).pixels, { timeout: 60_000 }).toBeGreaterThan(0);
  const before = await trendExtent(page);
  expect(before.height).toBeLessThan(5);
  await page.getByTestId('pump-start').click();
  await stepUntil(page, `tanktwin.read('P-301.flow') > 50`, { by: 2 });
  expect(await tt<number>(page, `tanktwin.read('P-301.flow')`)).toBeGreaterThan(50);
  // the line left the zero floor
  await expect
    .poll(async () => (await trendExtent(page)).height, { timeout: 60_000 })
    .toBeGreaterThan(before.height + 20);
  await shot(page, '03-loading-pump-trend');
});

/** Vertical extent (px) of the first series' stroke in the faceplate trend's canvas. */
async function trendExtent(page: Page): Promise<{ height: number; pixels: number }> {
  return page.evaluate(() => {
    const c = document.querySelector('[data-testid="faceplate-trend"] canvas') as HTMLCanvasElement;
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let top = Infinity;
    let bottom = -Infinity;
    let pixels = 0;
    for (let y = 0; y < c.height; y++)
      for (let x = 0; x < c.width; x++) {
        const i = (y * c.width + x) * 4;
        if (
          Math.abs(d[i] - 31) < 30 &&
          Math.abs(d[i + 1] - 119) < 30 &&
          Math.abs(d[i + 2] - 180) < 30 &&
          d[i + 3] > 100
        ) {
          pixels++;
          top = Math.min(top, y);
          bottom = Math.max(bottom, y);
        }
      }
    return { height: bottom >= top ? bottom - top : 0, pixels };
  });
}

test('an alarm is raised, flashes in the list and is acknowledged', async ({ page }) => {
  await openApp(page, '?run=1&speed=10');
  await tt(page, `tanktwin.injectFault({ kind: 'h2sRelease', tank: 'TK-104', ppm: 40 })`);
  await stepUntil(page, `tanktwin.alarms().some((a) => a.id === 'TK-104.AAH')`, { max_s: 600 });
  const row = page.locator('.alarm-dock [data-alarm="TK-104.AAH"]');
  await expect(row).toHaveAttribute('data-state', 'unack');
  await shot(page, '04-alarm-raised');
  await row.getByRole('button', { name: 'Ack' }).click();
  await expect(row).toHaveAttribute('data-state', 'ack');
  const events = await tt<{ type: string; id?: string; state?: string }[]>(page, 'tanktwin.events()');
  expect(events.some((e) => e.type === 'alarm' && e.id === 'TK-104.AAH' && e.state === 'ack')).toBe(true);
  await page.getByTestId('open-hmi').click();
  await expect(page.locator('[data-hmi-tank="TK-104"] .hmi-tank.abnormal')).toBeVisible();
  await shot(page, '05-hmi-overview');
});

test('a worker crash shows a message and the plant restarts from the last snapshot', async ({ page }) => {
  await openApp(page, '?run=1&speed=10');
  await stepUntil(page, 'tanktwin.time() > 60', { by: 10 });
  const t0 = await tt<number>(page, 'tanktwin.time()');
  await tt(page, `tanktwin.crashWorkerAt(${t0 + 20})`);
  await tt(page, 'tanktwin.step(25)'); // the worker's next tick finds itself past that time and throws
  await expect(page.getByTestId('banner')).toContainText(/restarted from the snapshot at/i, { timeout: 60_000 });
  // the restarted worker runs on from its snapshot
  await stepUntil(page, `tanktwin.time() > ${t0 + 25}`, { by: 10 });
  expect(await tt<number>(page, 'tanktwin.time()')).toBeGreaterThan(t0 + 25);
  await shot(page, '06-worker-restarted');
});

test('bad URL parameters are named and skipped; a bad plant file lists its bad fields', async ({ page }) => {
  await openApp(page, '?speed=fast&colour=red');
  await expect(page.getByTestId('banner')).toContainText('speed="fast": must be a number from 0.1 to 1000');
  await expect(page.getByTestId('banner')).toContainText('colour: unknown parameter');
  await page.route(
    (url) => url.pathname === '/fixtures/bad-plant.json',
    async (route) => {
      await route.fulfill({
        contentType: 'application/json',
        body: JSON.stringify({ schemaVersion: 1, name: 'x', tanks: [{ tag: 'tk 1' }] }),
      });
    },
  );
  await page.goto('/?plant=/fixtures/bad-plant.json');
  const fatal = page.getByTestId('fatal');
  await expect(fatal).toContainText('The plant file is not valid');
  await expect(fatal).toContainText('tanks[0].tag: must be an upper-case tag such as TK-101');
  await expect(fatal).toContainText('hotOil:');
  await shot(page, '07-bad-plant-file');
});

test('walking: W moves the walker through the worker physics and a tank stops it', async ({ page }) => {
  await openApp(page, '?view=walk');
  const p0 = await tt<{ x: number; y: number; z: number }>(page, 'tanktwin.player()');
  await page.getByTestId('scene').click(); // focus the view (pointer lock is refused headless, keys still work)
  await page.keyboard.down('KeyW');
  const walked = async () => {
    const p1 = await tt<{ x: number; y: number; z: number }>(page, 'tanktwin.player()');
    return Math.hypot(p1.x - p0.x, p1.z - p0.z);
  };
  await expect.poll(walked, { timeout: 60_000 }).toBeGreaterThan(2);
  await page.keyboard.up('KeyW');
  await shot(page, '13-walk-view');
});

test('moving a tank in the plant data moves it in the scene', async ({ page }) => {
  const plant = JSON.parse((await import('node:fs')).readFileSync('models/default-plant.json', 'utf8'));
  await openApp(page);
  const before = await tt<{ x: number; y: number }>(page, `tanktwin.screenPosition('TK-105', 6)`);
  plant.tanks[4].position.x -= 40;
  plant.tanks[4].diameter_m = 10;
  await page.route(
    (url) => url.pathname === '/fixtures/moved-plant.json',
    (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify(plant) }),
  );
  await openApp(page, '?plant=/fixtures/moved-plant.json');
  const after = await tt<{ x: number; y: number }>(page, `tanktwin.screenPosition('TK-105', 6)`);
  expect(Math.abs(after.x - before.x)).toBeGreaterThan(30);
  expect(await tt<number>(page, `tanktwin.read('TK-105.level')`)).toBeCloseTo(7, 1);
});
