import { expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { PNG } from './png';

export const ARTIFACTS = 'artifacts/screenshots';
mkdirSync(ARTIFACTS, { recursive: true });

export async function openApp(page: Page, query = ''): Promise<void> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`/${query}`);
  await page.waitForFunction(() => (window as any).tanktwin?.renderer.frames > 3, null, { timeout: 90_000 });
  expect(errors).toEqual([]);
}

export async function shot(page: Page, name: string): Promise<Buffer> {
  return page.screenshot({ path: `${ARTIFACTS}/${name}.png` });
}

/** Distinct colours (quantised to 4 bits a channel) in a rectangle of a PNG screenshot. */
export function distinctColours(png: Buffer, x0: number, y0: number, w: number, h: number): number {
  const img = PNG.decode(png);
  const seen = new Set<number>();
  for (let y = y0; y < y0 + h; y += 2)
    for (let x = x0; x < x0 + w; x += 2) {
      const i = (y * img.width + x) * 4;
      seen.add(((img.data[i] >> 4) << 8) | ((img.data[i + 1] >> 4) << 4) | (img.data[i + 2] >> 4));
    }
  return seen.size;
}

export async function tt<T>(page: Page, fn: string): Promise<T> {
  return page.evaluate(`(async () => { const tanktwin = window.tanktwin; return ${fn}; })()`) as Promise<T>;
}
