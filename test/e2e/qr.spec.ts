import { test, expect } from '@playwright/test';
import jsQR from 'jsqr';
import { PNG } from './png';
import { openApp, shot } from './helpers';

test('the QR tag sheet decodes to links that open the right equipment with its maintenance steps', async ({ page }) => {
  await page.goto('/?page=qr');
  await expect(page.locator('[data-qr]')).not.toHaveCount(0, { timeout: 60_000 });
  const count = await page.locator('[data-qr]').count();
  expect(count).toBeGreaterThanOrEqual(10 + 2 + 4 + 30 + 1); // tanks, hot-oil pumps, loading pumps, valves, heater
  await shot(page, '14-qr-sheet');
  for (const tag of ['TK-104', 'P-201A', 'P-303', 'TCV-107', 'HV-102', 'H-201']) {
    const card = page.locator(`[data-qr="${tag}"] .qr`);
    await card.scrollIntoViewIfNeeded();
    const img = PNG.decode(await card.screenshot());
    const code = jsQR(
      new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.length),
      img.width,
      img.height,
    );
    expect(code, `QR of ${tag} decodes`).not.toBeNull();
    const url = new URL(code!.data);
    expect(url.searchParams.get('select')).toBe(tag);
    expect(url.host).toBe('localhost:4173');
  }
  const url = new URL(`http://localhost:4173/?select=TK-104`);
  await openApp(page, url.search);
  const fp = page.getByTestId('faceplate');
  await expect(fp).toHaveAttribute('data-equipment', 'TK-104');
  await fp.getByTestId('maintenance').locator('summary').click();
  await expect(fp.getByTestId('maintenance')).toContainText('hand dip');
  await shot(page, '15-faceplate-from-qr');
});
