import { test, expect } from '@playwright/test';
import { openApp, enterVr, shot, distinctColours, tt } from './helpers';

// Chromium's own navigator.xr makes iwer stand down; the suite's Chromium runs without it (see
// playwright.config.ts), so the app injects an emulated Meta Quest 3 (on localhost only), and the app's own
// Enter VR button starts the session.

test('an emulated Quest session starts from Enter VR, shows the plant and ends cleanly', async ({ page }) => {
  await openApp(page);
  await enterVr(page);
  const f0 = await tt<number>(page, 'tanktwin.renderer.frames');
  await expect.poll(() => tt<number>(page, 'tanktwin.renderer.frames'), { timeout: 30_000 }).toBeGreaterThan(f0 + 10);
  const png = await shot(page, '08-xr-session');
  const box = (await page.getByTestId('scene').boundingBox())!;
  expect(
    distinctColours(png, Math.round(box.x), Math.round(box.y), Math.round(box.width), Math.round(box.height)),
  ).toBeGreaterThan(20);
  const dc = await tt<number>(page, 'tanktwin.renderer.drawCalls');
  expect(dc).toBeGreaterThan(10);
  await tt(page, 'tanktwin.xr.session.end()');
  await expect.poll(() => tt<boolean>(page, 'tanktwin.xr.session == null'), { timeout: 20_000 }).toBe(true);
});

test('an AR session starts for the table-top model and offers its placement controls', async ({ page }) => {
  await openApp(page, '?select=TK-104'); // as a scanned QR tag opens it
  await expect.poll(() => tt<boolean>(page, 'tanktwin.xr.emulator != null'), { timeout: 30_000 }).toBe(true);
  await page.getByRole('button', { name: 'Enter AR' }).click();
  await expect
    .poll(() => tt<string | null>(page, 'tanktwin.xr.session && tanktwin.xr.store.getState().mode'), {
      timeout: 30_000,
    })
    .toBe('immersive-ar');
  await expect(page.getByTestId('ar-controls')).toBeAttached();
  // the equipment's live faceplate with its maintenance steps rides in the AR overlay
  await expect(page.locator('.ar-faceplate [data-testid="faceplate"]')).toHaveAttribute('data-equipment', 'TK-104');
  await expect(page.locator('.ar-faceplate [data-testid="maintenance"]')).toBeAttached();
  await shot(page, '22-ar-session');
  await tt(page, 'tanktwin.xr.session.end()');
  await expect.poll(() => tt<boolean>(page, 'tanktwin.xr.session == null'), { timeout: 20_000 }).toBe(true);
});
