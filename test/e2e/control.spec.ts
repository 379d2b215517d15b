import { test, expect, type Page } from '@playwright/test';
import { openApp, shot, tt, distinctColours, stepUntil } from './helpers';

// Advanced control as a trainee reaches it: a tank's TIC put on MPC from its faceplate, the heater's loop
// auto-tuned from its faceplate, and the Energy panel's heating plan computed from the plant as it is and
// sent to it. The plant is advanced a step at a time from the test (its clock is not running), so what is
// seen does not depend on the machine's speed.

async function openFaceplate(page: Page, tag: string) {
  if (!(await page.getByTestId('plant-map').isVisible())) await page.getByRole('button', { name: 'Plant map' }).click();
  await page.locator(`[data-goto="${tag}"]`).click();
  await expect(page.getByTestId('faceplate')).toHaveAttribute('data-equipment', tag);
  await page.getByRole('button', { name: 'Plant map' }).click(); // close the map: the faceplate stays
}

/**
 * Step the plant until `done` (an expression over `tanktwin`) holds or the faceplate shows a refusal:
 * which of the two happened. A command is applied at the next step; a refusal comes back at once.
 */
async function acceptedOrRefused(
  page: Page,
  act: () => Promise<void>,
  done: string,
  max_steps = 120,
): Promise<'done' | 'refused'> {
  const result = page.getByTestId('command-result');
  // an earlier command's refusal stays on the faceplate until a command is taken: only a new one counts
  const before = (await result.isVisible()) ? await result.textContent() : null;
  await act();
  for (let i = 0; i < max_steps; i++) {
    if ((await result.isVisible()) && (await result.textContent()) !== before) return 'refused';
    if (await tt<boolean>(page, done)) return 'done';
    const t = await tt<number>(page, 'tanktwin.step(1)');
    await page.waitForFunction(`window.tanktwin.time() >= ${t}`);
  }
  throw new Error(`neither ${done} nor a refusal within ${max_steps} steps`);
}

test.describe.serial('advanced control: MPC, auto-tune, heating plan', () => {
  let page: Page;
  test.beforeAll(async ({ browser }, info) => {
    const { baseURL, viewport } = info.project.use;
    // no service worker: it would answer the plan worker's script from its precache, past the test's route
    page = await browser.newPage({ baseURL, viewport, serviceWorkers: 'block' });
    await openApp(page);
  });
  test.afterAll(() => page.close());

  test('a tank TIC switched to MPC from its faceplate: its mode tag reads 3', async () => {
    await openFaceplate(page, 'TK-101');
    const fp = page.getByTestId('faceplate');
    await expect(fp.getByTestId('loop-panel')).toHaveAttribute('data-loop', 'TIC-101');
    const outcome = await acceptedOrRefused(
      page,
      () => fp.getByRole('button', { name: 'MPC', exact: true }).click(),
      `tanktwin.read('TK-101.mode') === 3`,
    );
    expect(outcome).toBe('done');
    expect(await tt<number>(page, `tanktwin.read('TK-101.mode')`)).toBe(3);
    await expect(fp.getByTestId('mpc-status')).toBeVisible();
    // the mode in force is the pressed one
    await expect(fp.getByRole('button', { name: 'MPC', exact: true })).toHaveAttribute('aria-pressed', 'true');
    await expect(fp.getByRole('button', { name: 'Auto', exact: true })).toHaveAttribute('aria-pressed', 'false');
    await shot(page, 'control-01-tic-mpc');
  });

  test('the HMI switches the whole farm to MPC and back to PI', async () => {
    await page.getByTestId('faceplate').getByLabel('Close', { exact: true }).click();
    await page.getByTestId('open-hmi').click();
    const farm = page.getByTestId('farm-switch');
    await farm.getByTestId('farm-mpc').click();
    // every tank on MPC (the switch counts them from the mode tags), or the switch's own refusal
    const tanks = await tt<number>(page, `tanktwin.tags().filter((t) => /^TK-\\d+\\.mode$/.test(t)).length`);
    const refused = farm.getByTestId('farm-result');
    await stepUntil(
      page,
      `document.querySelector('[data-testid="farm-result"]') !== null || tanktwin.tags().filter((t) => /^TK-\\d+\\.mode$/.test(t)).every((t) => tanktwin.read(t) === 3)`,
      { by: 1, max_s: 120 },
    );
    await expect(refused).toHaveCount(0);
    await expect(farm).toHaveAttribute('data-on-mpc', String(tanks));
    await shot(page, 'control-02-hmi-farm-mpc');
    await farm.getByTestId('farm-pi').click();
    await stepUntil(
      page,
      `tanktwin.tags().filter((t) => /^TK-\\d+\\.mode$/.test(t)).every((t) => tanktwin.read(t) !== 3)`,
      { by: 1, max_s: 120 },
    );
    await expect(farm).toHaveAttribute('data-on-mpc', '0');
    await page.getByTestId('open-hmi').click(); // closes it
  });

  test('an auto-tune of the heater loop started from its faceplate shows its progress, then its report', async () => {
    await openFaceplate(page, 'H-201');
    const fp = page.getByTestId('faceplate');
    await expect(fp.getByTestId('supply-in-use')).toContainText(/\d/);
    const outcome = await acceptedOrRefused(
      page,
      () => fp.getByTestId('autotune-start').click(),
      `tanktwin.read('H-201.tune') === 1`,
    );
    expect(outcome).toBe('done');
    await expect(fp.getByTestId('autotune-progress')).toBeVisible();
    await expect(fp.getByTestId('autotune-stop')).toBeVisible();
    await shot(page, 'control-03-heater-autotune');
    // the heater loop cycles in minutes: its relay test ends within a few hours of plant time
    await stepUntil(page, `tanktwin.read('H-201.tune') >= 2`, { by: 60, max_s: 4 * 3600 });
    const report = fp.getByTestId('tuning-report');
    await expect(report).toBeVisible();
    await report.scrollIntoViewIfNeeded();
    await shot(page, 'control-03b-heater-tuning-report');
    await expect(report).not.toHaveAttribute('data-outcome', 'aborted');
    await expect(report).toContainText(/Ku/);
    // the report's other rule applied with its own button: the gains in use follow
    const kp = await tt<number>(page, `tanktwin.read('H-201.kp')`);
    const alt = report.locator('tr[data-rule]').nth(1);
    await alt.getByTestId('tuning-apply').click();
    await stepUntil(page, `tanktwin.read('H-201.kp') !== ${kp}`, { by: 1, max_s: 60 });
    await expect(alt).toContainText('in use');
  });

  test('the Energy panel computes a heating plan from the plant now: a chart per tank and the expected fuel', async () => {
    await page.getByTestId('faceplate').getByLabel('Close', { exact: true }).click();
    await page.getByTestId('open-energy').click();
    const panel = page.getByTestId('energy');
    await expect(panel).toBeVisible();
    // the running plant's figures count from the first state the panel saw
    await expect(panel.getByTestId('kpi-fuel')).toContainText(/GJ/);
    // the plan is computed off the page's thread: a planner that cannot start is named, and the next plan
    // starts a fresh one
    const planWorker = /\/assets\/plan\.worker-[\w-]+\.js$/;
    await page.route(planWorker, (route) => route.fulfill({ status: 500, body: '' }));
    await panel.getByTestId('plan-compute').click();
    await expect(panel.getByTestId('plan-errors')).toContainText('the planner stopped');
    await expect(panel.getByTestId('plan-compute')).toBeEnabled();
    await page.unroute(planWorker);
    await panel.getByTestId('plan-compute').click();
    await expect(panel.getByTestId('plan-fuel')).toContainText(/\d+\.\d GJ/, { timeout: 60_000 });
    await expect(panel.getByTestId('plan-fuel')).toContainText(/THB/);
    const charts = panel.locator('[data-testid^="plan-chart-TK-"]');
    await expect(charts).toHaveCount(10);
    // each chart drew its canvas (uPlot): lines of several colours, not a blank box
    await expect(charts.first().locator('canvas')).toBeVisible();
    await expect(panel.getByTestId('plan-sent')).toBeVisible();
    await shot(page, 'control-04-energy-fuel');
    // three hours of plant time: the measured line runs over the plan and the plant's figures count up
    const t0 = await tt<number>(page, 'tanktwin.time()');
    await stepUntil(page, `tanktwin.time() >= ${t0 + 3 * 3600}`, { by: 600, max_s: 3 * 3600 + 600 });
    await expect(panel.getByTestId('kpi-fuel')).not.toHaveText('0.00 GJ');
    await expect(panel.getByTestId('kpi-fuel')).toHaveText(/^\d+\.\d\d GJ$/);
    await charts.first().scrollIntoViewIfNeeded();
    const png = await shot(page, 'control-05-energy-plan');
    const box = (await charts.first().locator('canvas').boundingBox())!;
    expect(
      distinctColours(png, Math.round(box.x), Math.round(box.y), Math.round(box.width), Math.round(box.height)),
    ).toBeGreaterThan(4);
    await panel.getByTestId('energy-kpi').scrollIntoViewIfNeeded();
    await shot(page, 'control-06-energy-figures');
    // the same panel in Thai
    await page.getByRole('button', { name: 'ภาษาไทย' }).click();
    await expect(panel).toContainText('ผลของโรงงานที่เดินอยู่');
    await panel.getByTestId('plan-compute').scrollIntoViewIfNeeded();
    await expect(panel.getByTestId('plan-compute')).toHaveText('คำนวณแผนและส่ง');
    await shot(page, 'control-07-energy-thai');
    await page.getByRole('button', { name: 'English' }).click();
  });
});
