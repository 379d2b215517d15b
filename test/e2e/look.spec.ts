import { test, expect, type Page } from '@playwright/test';
import { openApp, shot, distinctColours, tt, renderedFrames, advance } from './helpers';
import { PNG } from './png';

// The plant's light follows its clock: the same view at noon and at 22:00 must both be drawn (not a blank
// canvas), and the night one must be much darker, yet show the lamps (pools of light, glowing heads).

/** Mean relative luminance (0–1, sRGB-encoded values) of a rectangle of a PNG screenshot. */
function meanLuminance(png: Buffer, x0: number, y0: number, w: number, h: number): number {
  const img = PNG.decode(png);
  let sum = 0;
  let n = 0;
  for (let y = y0; y < y0 + h; y += 2)
    for (let x = x0; x < x0 + w; x += 2) {
      const i = (y * img.width + x) * 4;
      sum += (0.2126 * img.data[i] + 0.7152 * img.data[i + 1] + 0.0722 * img.data[i + 2]) / 255;
      n++;
    }
  return sum / n;
}

async function at(page: Page, hour: number, name: string) {
  await tt(page, `tanktwin.command({ type: 'setTimeOfDay', hour: ${hour} })`);
  await advance(page, 1); // the new hour reaches the page with the step's frame
  await renderedFrames(page, 25); // the shadow map and the lamps follow within a few frames
  const png = await shot(page, name);
  const c = (await page.getByTestId('scene').boundingBox())!;
  // the canvas under the toolbar, above the legend and the alarm dock
  const r = [Math.round(c.x), Math.round(c.y), Math.round(c.width), Math.round(c.height * 0.7)] as const;
  return { luminance: meanLuminance(png, ...r), colours: distinctColours(png, ...r) };
}

test('the plant by day and by night: both drawn, the night far darker with its lamps lit', async ({ page }) => {
  await openApp(page);
  await tt(page, 'tanktwin.pause()');
  await tt(page, 'tanktwin.lookAt([67, 0, 30], [-43, 95, 180])');
  const day = await at(page, 12, 'look-day-overview');
  const night = await at(page, 22, 'look-night-overview');
  expect(day.colours).toBeGreaterThan(60);
  expect(day.luminance).toBeGreaterThan(0.3);
  expect(night.colours).toBeGreaterThan(30); // lamps, pools, glowing heat map: not a black frame
  expect(night.luminance).toBeLessThan(day.luminance * 0.4);
  // the view from the walkway at night: lamps along it are lit
  await tt(page, 'tanktwin.lookAt([67, 4, 0], [20, 1.7, -5])');
  await renderedFrames(page, 10);
  const walk = await at(page, 22, 'look-night-walk');
  expect(walk.colours).toBeGreaterThan(20);
  expect(walk.luminance).toBeGreaterThan(0.01);
});
