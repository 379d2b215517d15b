import { expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { PNG } from './png';

export const ARTIFACTS = 'artifacts/screenshots';
mkdirSync(ARTIFACTS, { recursive: true });

// Every wait in these tests is on a state of the page (a counter, a value, an element), never on a span of
// wall time: the software renderer and the plant worker run slower or faster with the machine's load, and
// the timeouts below are only upper bounds for a stuck page.
export const LOAD_TIMEOUT_MS = 90_000;

/** Wait until the page's app has drawn its first frames; fails on any uncaught page error meanwhile. */
export async function waitForApp(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as any).tanktwin?.renderer.frames > 3, null, {
    timeout: LOAD_TIMEOUT_MS,
    polling: 100,
  });
}

export async function openApp(page: Page, query = ''): Promise<void> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`/${query}`);
  await waitForApp(page);
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

/** Wait until the page has rendered n more frames (desktop or XR), so that a change has been drawn. */
export async function renderedFrames(page: Page, n: number): Promise<void> {
  const f0 = await tt<number>(page, 'tanktwin.renderer.frames');
  await page.waitForFunction((f) => (window as any).tanktwin.renderer.frames >= f, f0 + n, {
    timeout: LOAD_TIMEOUT_MS,
    polling: 50,
  });
}

/** Wait until the page has received n more frames from the simulation worker (it sends one per tick). */
export async function workerFrames(page: Page, n: number): Promise<void> {
  const f0 = await tt<number>(page, 'tanktwin.frames()');
  await page.waitForFunction((f) => (window as any).tanktwin.frames() >= f, f0 + n, {
    timeout: LOAD_TIMEOUT_MS,
    polling: 20,
  });
}

/**
 * Advance the plant by whole steps until `done` (an expression over `tanktwin`) is true, reading the state
 * back from the worker's frames after each advance; plant time then does not depend on how fast the
 * machine is. Returns the plant time reached.
 */
export async function stepUntil(page: Page, done: string, opts: { by?: number; max_s?: number } = {}) {
  const by = opts.by ?? 1;
  const max_s = opts.max_s ?? 3600;
  return page.evaluate(
    `(async () => {
      const tanktwin = window.tanktwin;
      const t0 = tanktwin.time();
      const frame = () => new Promise((r) => setTimeout(r, 5));
      for (let i = 0; ; i++) {
        if (${done}) return tanktwin.time();
        if (tanktwin.time() - t0 > ${max_s} || i * ${by} > ${max_s})
          throw new Error('not reached within ${max_s} s of plant time: ${done.replace(/'/g, '"')}');
        const t = await tanktwin.step(${by});
        // the step's result reaches the page in the worker's next frame
        while (tanktwin.time() < t) await frame();
      }
    })()`,
  ) as Promise<number>;
}

/** Advance the plant by s seconds of plant time (whole steps), whether or not its clock runs. */
export async function advance(page: Page, s: number): Promise<void> {
  const t0 = await tt<number>(page, 'tanktwin.time()');
  await stepUntil(page, `tanktwin.time() >= ${t0 + s}`, { by: 1, max_s: s + 1 });
}

/** Wait until a value read from the page stops changing over a few drawn frames (a camera flight ends). */
export async function settled(page: Page, expr: string, tolerance = 0.5): Promise<void> {
  let last = JSON.stringify(await tt<unknown>(page, expr));
  await expect
    .poll(
      async () => {
        await renderedFrames(page, 2);
        const now = await tt<unknown>(page, expr);
        const prev = JSON.parse(last) as Record<string, number>;
        last = JSON.stringify(now);
        return Object.keys(prev).every((k) => Math.abs((now as Record<string, number>)[k] - prev[k]) <= tolerance);
      },
      { timeout: LOAD_TIMEOUT_MS, intervals: [0] },
    )
    .toBe(true);
}

/**
 * The right answers to the H2S-at-the-hatch scenario once it is running: hold the clock, step the plant to the
 * high-high gas alarm (the gas comes 30 s in), withdraw, report the gas, acknowledge, wait until the three
 * answers are in the log, and let the plant run on to the debrief. `beforeAck` runs between report and ack.
 */
export async function answerH2sHatch(page: Page, beforeAck: () => Promise<void> = async () => {}): Promise<void> {
  const alarm = page.locator('.alarm-dock [data-alarm="TK-104.AAHH"]');
  await tt(page, 'tanktwin.pause()');
  await stepUntil(page, 'tanktwin.time() >= 25', { by: 25 }); // just short of the gas
  await stepUntil(page, `tanktwin.alarms().some((a) => a.id === 'TK-104.AAHH' && a.state === 'unack')`, {
    max_s: 300,
  });
  await expect(alarm).toHaveAttribute('data-state', 'unack');
  await page.getByTestId('report').selectOption('withdrawn');
  await page.getByTestId('report').selectOption('h2s');
  await beforeAck();
  await alarm.getByRole('button', { name: 'Ack' }).click();
  await expect(alarm).not.toHaveAttribute('data-state', 'unack');
  // the three answers are in the log; the scenario scores them at its next step
  await expect
    .poll(
      async () =>
        (await tt<{ type: string; by?: string }[]>(page, 'tanktwin.events()')).filter(
          (e) => e.type === 'action' && e.by === 'trainee',
        ).length,
    )
    .toBeGreaterThanOrEqual(3);
  await tt(page, 'tanktwin.play()');
}

/**
 * Enter VR from the toolbar with the emulated headset and wait for the immersive session; with `controllers`,
 * also until both controllers' models (their pointers come with them) are loaded and drawn.
 */
export async function enterVr(page: Page, opts: { controllers?: boolean } = {}): Promise<void> {
  const wait = { timeout: 60_000 };
  await expect.poll(() => tt<boolean>(page, 'tanktwin.xr.emulator != null'), wait).toBe(true);
  await page.getByTestId('enter-vr').click();
  await expect
    .poll(() => tt<string | null>(page, 'tanktwin.xr.session && tanktwin.xr.store.getState().mode'), wait)
    .toBe('immersive-vr');
  if (!opts.controllers) return;
  const drawn = `tanktwin.xr.store.getState().inputSourceStates.filter((s) => s.type === 'controller' && s.object).length`;
  await expect.poll(() => tt<number>(page, drawn), wait).toBe(2);
  await renderedFrames(page, 3);
}
