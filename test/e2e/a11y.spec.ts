import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { advance, openApp, renderedFrames, shot, stepUntil, tt, waitForApp } from './helpers';

// Accessibility: axe-core finds no serious or critical violation on the main views, and everything a
// trainee does on the desktop works from the keyboard alone (the walk-through below never clicks), with a
// visible focus ring. The Display menu's palette, text size and captions are set by keyboard and kept.

/** Gas at TK-104's hatch, stepped on to its alarm: the horn sounds (unacknowledged) and the hatch hisses. */
async function gasAlarm(page: Page): Promise<void> {
  await tt(page, `tanktwin.injectFault({ kind: 'h2sRelease', tank: 'TK-104', ppm: 40 })`);
  await stepUntil(page, `tanktwin.alarms().some((a) => a.id === 'TK-104.AAH' && a.state === 'unack')`, { max_s: 600 });
}

/** The serious and critical violations axe finds on the page as it is now, as readable lines. */
async function seriousViolations(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page }).analyze();
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

async function expectClean(page: Page, view: string): Promise<void> {
  expect(await seriousViolations(page), `axe on ${view}`).toEqual([]);
}

/** What has the focus: its test id, else its role and accessible text (for messages and the order). */
const focused = (page: Page) =>
  page.evaluate(() => {
    const a = document.activeElement as HTMLElement | null;
    if (!a || a === document.body) return 'body';
    return (
      a.dataset.testid ??
      a.getAttribute('data-hmi-tank') ??
      a.getAttribute('data-goto') ??
      `${a.tagName.toLowerCase()}:${(a.getAttribute('aria-label') ?? a.textContent ?? '').trim().slice(0, 24)}`
    );
  });

/** The focused element draws a ring (the :focus-visible outline), not just a change of colour. */
async function expectRing(page: Page): Promise<void> {
  const ring = await page.evaluate(() => {
    const a = document.activeElement as HTMLElement;
    const s = getComputedStyle(a);
    return { style: s.outlineStyle, width: parseFloat(s.outlineWidth), visible: a.matches(':focus-visible, :focus') };
  });
  expect(ring.visible).toBe(true);
  expect(ring.style).not.toBe('none');
  expect(ring.width).toBeGreaterThanOrEqual(2);
}

/** Press Tab until `want` has the focus (at most n presses); returns the focus order passed through. */
async function tabTo(page: Page, want: string, n = 60, key = 'Tab'): Promise<string[]> {
  const order: string[] = [];
  for (let i = 0; i < n; i++) {
    await page.keyboard.press(key);
    const f = await focused(page);
    order.push(f);
    if (f === want) return order;
  }
  throw new Error(`${want} never took the focus by ${key}: ${order.join(' → ')}`);
}

test('axe: no serious or critical violation on the main view, HMI, Trends, Training, Records, Help and a debrief', async ({
  page,
}) => {
  await openApp(page);
  await expectClean(page, 'the main view');
  for (const [button, panel] of [
    ['open-hmi', 'hmi'],
    ['open-training', 'training'],
    ['open-records', 'records'],
  ]) {
    await page.getByTestId(button).click();
    await expect(page.getByTestId(panel)).toBeVisible();
    await expectClean(page, panel);
  }
  await page.getByRole('button', { name: 'Trends', exact: true }).click();
  await expect(page.getByTestId('trends')).toBeVisible();
  await expectClean(page, 'trends');
  await page.getByTestId('open-help').click();
  await expect(page.getByTestId('help')).toBeVisible();
  await expectClean(page, 'help');
  await page.getByTestId('help-close').click();
  await page.getByTestId('open-display').click();
  await expect(page.getByTestId('display-menu')).toBeVisible();
  await expectClean(page, 'the Display menu');
  await page.getByTestId('open-display').click(); // it closes as it opened
  await expect(page.getByTestId('display-menu')).toHaveCount(0);

  // a debrief: the short H2S scenario begun and abandoned
  await page.getByTestId('open-training').click();
  await page.getByTestId('trainee').fill('Axe Check');
  await page.locator('[data-scenario="h2s-hatch"] button').click();
  await expectClean(page, 'the briefing');
  await page.getByTestId('begin').click();
  await expect(page.getByTestId('scenario-hud')).toBeVisible();
  await expectClean(page, 'the scenario HUD');
  await page.getByTestId('scenario-hud').getByRole('button', { name: 'Abandon' }).click();
  await expect(page.getByTestId('debrief')).toBeVisible();
  await expectClean(page, 'the debrief');
  await shot(page, 'a11y-01-debrief');
});

test('keyboard alone: skip link, toolbar, a panel, a tank, its faceplate, Escape, the map list, walk mode, Display settings', async ({
  page,
}) => {
  await openApp(page);
  await tt(page, 'tanktwin.pause()');

  // the first Tab reaches the skip link, shown while it has the focus
  await page.keyboard.press('Tab');
  expect(await focused(page)).toBe('skip-link');
  const skip = (await page.getByTestId('skip-link').boundingBox())!;
  expect(skip.y).toBeGreaterThanOrEqual(0);
  await expectRing(page);
  await shot(page, 'a11y-02-skip-link');

  // Tab along the toolbar to the HMI button, every stop with a ring; Enter opens the HMI and it takes the focus
  const order = await tabTo(page, 'open-hmi');
  console.log(`focus order to the HMI button: ${order.join(' → ')}`);
  await expectRing(page);
  await shot(page, 'a11y-03-toolbar-focus');
  // the arrow keys move along the toolbar too
  await page.keyboard.press('ArrowRight');
  expect(await focused(page)).not.toBe('open-hmi');
  await page.keyboard.press('ArrowLeft');
  expect(await focused(page)).toBe('open-hmi');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('hmi')).toBeVisible();
  await expect.poll(() => focused(page)).toBe('hmi');

  // into the mimic: TK-101 opens its faceplate by Enter, and the faceplate takes the focus
  await tabTo(page, 'TK-101');
  await expectRing(page);
  await shot(page, 'a11y-04-hmi-tank-focus');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('faceplate')).toHaveAttribute('data-equipment', 'TK-101');
  await expect.poll(() => focused(page)).toBe('faceplate');

  // act on the faceplate: a new set point typed and applied
  await tabTo(page, 'setpoint-input');
  await page.keyboard.type('142');
  await page.keyboard.press('Tab');
  expect(await focused(page)).toMatch(/^button:Apply/);
  await expectRing(page);
  await page.keyboard.press('Enter');
  await advance(page, 2);
  await expect.poll(() => tt<number>(page, "tanktwin.read('TK-101.setpoint')")).toBeCloseTo(142, 3);
  await shot(page, 'a11y-05-faceplate-keyboard');

  // Escape closes the faceplate (the focus back on the tank), then the HMI (back on its toolbar button)
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('faceplate')).toHaveCount(0);
  expect(await focused(page)).toBe('TK-101');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('hmi')).toHaveCount(0);
  expect(await focused(page)).toBe('open-hmi');

  // the plant map's equipment list: one Tab stop, the arrow keys along it, Enter selects without the 3D view
  await page.keyboard.press('ArrowRight');
  expect(await focused(page)).toMatch(/^button:Plant map/);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('plant-map')).toBeVisible();
  // the panel takes the focus once its lazily loaded code has drawn it (as the HMI did above)
  await expect.poll(() => focused(page)).toBe('plant-map');
  // the first Tab into the map lands on the list (its first item), the next Tab leaves it
  await page.keyboard.press('Tab');
  const goTo = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.goto ?? null);
  const first = await goTo();
  expect(first).not.toBeNull();
  await page.keyboard.press('ArrowRight');
  const second = (await goTo())!;
  expect(second).not.toBeNull();
  expect(second).not.toBe(first);
  await page.keyboard.press('Tab');
  expect(await goTo()).toBeNull();
  await page.keyboard.press('Shift+Tab'); // back to the item the list was left on
  expect(await goTo()).toBe(second);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('faceplate')).toHaveAttribute('data-equipment', second);
  await shot(page, 'a11y-06-map-list-select');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('plant-map')).toHaveCount(0);

  // walk mode by keyboard: the Walk button, then W walks
  await tabTo(page, 'walk', 40, 'Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('walk')).toHaveClass(/on/);
  await tt(page, 'tanktwin.play()');
  const p0 = await tt<{ x: number; z: number }>(page, 'tanktwin.player()');
  await page.keyboard.down('KeyW');
  await expect
    .poll(async () => {
      const p = await tt<{ x: number; z: number }>(page, 'tanktwin.player()');
      return Math.hypot(p.x - p0.x, p.z - p0.z);
    })
    .toBeGreaterThan(1);
  await page.keyboard.up('KeyW');
  await tt(page, 'tanktwin.pause()');
  await page.keyboard.press('Shift+Tab'); // back to Orbit
  await page.keyboard.press('Enter');

  // the Display menu: cividis, 150 % text and captions, all by keyboard; Escape closes it
  await tabTo(page, 'open-display', 40);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('display-menu')).toBeVisible();
  await page.keyboard.press('ArrowDown'); // the palette radios: standard → cividis
  await expect(page.getByTestId('legend')).toHaveAttribute('data-palette', 'cividis');
  await page.keyboard.press('Tab'); // the text sizes
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => page.evaluate(() => document.documentElement.dataset.textScale)).toBe('1.5');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('captions-toggle')).toBeChecked();
  await shot(page, 'a11y-07-display-menu');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('display-menu')).toHaveCount(0);
  expect(await focused(page)).toBe('open-display');
  // the VR comfort and Weather menus the same way: the first field takes the focus, Escape gives it back
  for (const [button, menu] of [
    ['open-comfort', 'comfort'],
    ['open-weather', 'weather'],
  ]) {
    await tabTo(page, button, 40, 'ArrowLeft');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId(menu)).toBeVisible();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.closest('[role=dialog]')?.getAttribute('data-testid')))
      .toBe(menu);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId(menu)).toHaveCount(0);
    expect(await focused(page)).toBe(button);
  }

  // captions: the running pumps and the heater are captioned; an alarm adds the horn
  const captions = page.getByTestId('captions');
  await expect(captions).toContainText('Pump hum');
  await gasAlarm(page);
  await expect(captions.locator('[data-cue="horn"]')).toContainText('Alarm horn');
  await expect(captions.locator('[data-cue="hiss"]')).toContainText('TK-104');
  await renderedFrames(page, 3);
  await shot(page, 'a11y-08-cividis-text150-captions');

  // the settings are kept for the next visit
  await page.reload();
  await waitForApp(page);
  await expect(page.getByTestId('legend')).toHaveAttribute('data-palette', 'cividis');
  await expect.poll(() => page.evaluate(() => document.documentElement.dataset.textScale)).toBe('1.5');
  await expect(page.getByTestId('captions')).toBeVisible();
});

test('captions on the VR panel: a line above it while the plant sounds', async ({ page }) => {
  await page.addInitScript(() =>
    localStorage.setItem('tanktwin.a11y', JSON.stringify({ palette: 'cividis', textScale: 1, captions: true })),
  );
  await openApp(page);
  await expect.poll(() => tt<boolean>(page, 'tanktwin.xr.emulator != null'), { timeout: 30_000 }).toBe(true);
  await tt(page, 'tanktwin.pause()');
  await gasAlarm(page);
  await expect(page.getByTestId('captions').locator('[data-cue="horn"]')).toBeVisible();
  await page.getByTestId('enter-vr').click();
  await expect
    .poll(() => tt<string | null>(page, 'tanktwin.xr.session && tanktwin.xr.store.getState().mode'))
    .toBe('immersive-vr');
  await renderedFrames(page, 20); // the panel's SDF text is laid out over a few frames
  // the caption line the headset shows: the same cues as the desktop strip, in brackets
  await expect
    .poll(() => tt<string>(page, 'tanktwin.xr.panel.caption'), { timeout: 10_000 })
    .toContain('[Alarm horn sounding]');
  await shot(page, 'a11y-09-vr-panel-captions');
  await tt(page, 'tanktwin.xr.session.end()');
});
