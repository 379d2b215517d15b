import { test, expect, type Page } from '@playwright/test';
import { shot, waitForApp } from './helpers';

// The first-visit tour and the help panel. The page is opened as 127.0.0.1: not "localhost", so not
// automation mode (src/app/automationMode.ts). A browser driven by Playwright says so in
// navigator.webdriver, and the tour then stays shut (that is what keeps it out of every other spec's way);
// to be the person on a first visit, the page is told it is not driven, before any of its scripts run.

const BASE = (process.env.RECORDS_BASE_URL ?? 'http://localhost:4173').replace('localhost', '127.0.0.1');
const SEEN_KEY = 'tanktwin.tour.seen.v1';

async function open(page: Page, query = ''): Promise<string[]> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${BASE}/${query}`);
  await waitForApp(page);
  return errors;
}

async function asPerson(page: Page): Promise<void> {
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'webdriver', { get: () => false }));
}

/** One of the highlight's boxes holds the element's box (the boxes are padded round it). */
async function expectSpotAround(page: Page, testId: string): Promise<void> {
  const el = (await page.getByTestId(testId).boundingBox())!;
  const spots = await page.getByTestId('tour-spot').evaluateAll((s) => s.map((e) => e.getBoundingClientRect()));
  const holds = spots.some(
    (b) => b.x <= el.x && b.y <= el.y && b.x + b.width >= el.x + el.width && b.y + b.height >= el.y + el.height,
  );
  expect(holds, `${testId} highlighted`).toBe(true);
}

const step = (page: Page) => page.locator('.tour-card');

test('a driven browser is not shown the tour, even on a first visit outside automation mode', async ({ page }) => {
  expect(await open(page)).toEqual([]);
  expect(await page.evaluate(() => navigator.webdriver)).toBe(true);
  await expect(page.getByTestId('toolbar')).toBeVisible();
  await expect(page.getByTestId('tour')).toHaveCount(0);
});

test('first visit: the tour walks through the page, Skip ends it for good, the toolbar brings back it and help', async ({
  page,
}) => {
  await asPerson(page);
  expect(await open(page)).toEqual([]);
  const tour = page.getByTestId('tour');
  await expect(tour).toBeVisible();
  await expect(step(page)).toHaveAttribute('data-step', 'welcome');
  await expect(step(page)).toContainText('Welcome to TankTwin');
  await expect(page.getByTestId('tour-next')).toBeFocused();
  await shot(page, 'tour-01-welcome');

  // Enter on the focused Next walks on; the plant step highlights the 3D view
  await page.keyboard.press('Enter');
  await expect(step(page)).toHaveAttribute('data-step', 'plant');
  await expectSpotAround(page, 'scene');
  await page.getByTestId('tour-next').click();
  await expect(step(page)).toHaveAttribute('data-step', 'panels');
  await expectSpotAround(page, 'open-hmi');
  await expectSpotAround(page, 'open-energy');
  await shot(page, 'tour-02-panels');

  // Back returns; Tab stays within the card
  await page.getByTestId('tour-back').click();
  await expect(step(page)).toHaveAttribute('data-step', 'plant');
  for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
  expect(await page.evaluate(() => !!document.activeElement?.closest('.tour-card'))).toBe(true);
  await page.getByTestId('tour-next').click();
  await page.getByTestId('tour-next').click();
  await expect(step(page)).toHaveAttribute('data-step', 'walk');
  await expectSpotAround(page, 'walk');
  await page.getByTestId('tour-next').click();
  await expect(step(page)).toHaveAttribute('data-step', 'scenario');
  await expectSpotAround(page, 'open-training');
  await shot(page, 'tour-03-scenario');
  await page.getByTestId('tour-next').click();
  await expect(step(page)).toHaveAttribute('data-step', 'vr');
  await expectSpotAround(page, 'enter-vr');
  await shot(page, 'tour-04-vr');

  // the dimmed page takes no clicks while the tour is up: what lies under the Run button's middle is the tour
  const run = (await page.getByTestId('run').boundingBox())!;
  const under = await page.evaluate(
    ([x, y]) => !!document.elementFromPoint(x, y)?.closest('[data-testid="tour"]'),
    [run.x + run.width / 2, run.y + run.height / 2],
  );
  expect(under).toBe(true);
  await page.getByTestId('tour-skip').click();
  await expect(tour).toHaveCount(0);
  expect(await page.evaluate((k) => localStorage.getItem(k), SEEN_KEY)).toBeTruthy();

  // seen: a reload does not bring it back
  await page.reload();
  await waitForApp(page);
  await expect(page.getByTestId('toolbar')).toBeVisible();
  await expect(tour).toHaveCount(0);

  // the toolbar reopens it from the start; Escape closes it
  await page.getByTestId('open-tour').click();
  await expect(step(page)).toHaveAttribute('data-step', 'welcome');
  await page.keyboard.press('Escape');
  await expect(tour).toHaveCount(0);

  // the help panel: the keyboard map and the VR controller map, closed by Escape
  await page.getByTestId('open-help').click();
  const help = page.getByTestId('help');
  await expect(help).toBeVisible();
  await expect(help.getByTestId('help-keyboard')).toContainText('Shift');
  await expect(help.locator('[data-binding="forward"] kbd')).toHaveText(['W', '↑']);
  await expect(help.getByTestId('help-controllers')).toContainText('Left thumbstick');
  await expect(help.getByTestId('help-controllers')).toContainText('Teleport');
  await shot(page, 'tour-05-help');
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);

  // in Thai, both
  await page.getByRole('button', { name: 'ภาษาไทย' }).click();
  await page.getByTestId('open-help').click();
  await expect(help).toContainText('ก้านบังคับซ้าย');
  await shot(page, 'tour-06-help-th');
  await page.getByTestId('help-tour').click();
  await expect(help).toHaveCount(0);
  await expect(step(page)).toContainText('ยินดีต้อนรับสู่ TankTwin');
  await page.getByTestId('tour-next').click();
  await page.getByTestId('tour-next').click();
  await expect(step(page)).toHaveAttribute('data-step', 'panels');
  await shot(page, 'tour-07-panels-th');
  await page.getByTestId('tour-skip').click();
  await expect(tour).toHaveCount(0);
});
