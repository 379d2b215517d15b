import { test, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ARTIFACTS, tt, waitForApp } from './helpers';
import { PNG } from './png';
import { Historian } from '../../src/historian/historian';
import type { TagBatch } from '../../src/protocol/live';

// Live mode end to end, two commands and no plant: the virtual plant (OPC UA + Modbus TCP servers of the model
// with hidden parameters) and a station running the bridge on it (`--live`), the page at ?live=1 on the station.
// It checks that the page shows the virtual plant's values, draws an instrument failed through the virtual
// plant's fault API as bad in the HMI, the faceplate and the data-quality panel, and trends a day of history
// the historian holds. Every wait is on a state of the page or of a server, never on a span of time.

/** The built app the station serves (LIVE_DIST to serve another build than ./dist). */
const DIST = process.env.LIVE_DIST ?? 'dist';
const WAIT = { timeout: 90_000 };
const DAY_MS = 86_400_000;
const HISTORY_TAG = 'TK-101.temp';

let dir = '';
const procs: ChildProcess[] = [];
let stationUrl = '';
let controlUrl = '';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function start(name: string, args: string[]): ChildProcess {
  const p = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const keep = (b: Buffer) => (out = (out + b.toString()).slice(-4000));
  p.stdout!.on('data', keep);
  p.stderr!.on('data', keep);
  p.once('exit', (code) => code && console.error(`${name} exited (${code}):\n${out}`));
  procs.push(p);
  return p;
}

/** Poll an HTTP endpoint until it answers 200 (the server is up), failing if its process dies first. */
async function answers(p: ChildProcess, url: string, init?: RequestInit): Promise<void> {
  await expect
    .poll(
      async () => {
        if (p.exitCode !== null) throw new Error(`${url}: its server exited (${p.exitCode})`);
        return fetch(url, init).then(
          (r) => r.status,
          () => 0,
        );
      },
      { timeout: 120_000, intervals: [200] },
    )
    .toBe(200);
}

/** A day of one tag's history at one sample a minute, ending an hour ago, written into the station's store. */
async function seedHistory(dataDir: string, plant: string, now: number): Promise<number> {
  const h = await Historian.open({ url: 'sqlite', dataDir, prune_ms: 0 });
  const samples: TagBatch['samples'] = [];
  const end = now - 3_600_000;
  for (let t = end - DAY_MS; t <= end; t += 60_000) {
    const bad = t > end - 8 * 3_600_000 && t < end - 7 * 3_600_000; // an hour the transmitter failed
    samples.push({
      tag: HISTORY_TAG,
      v: bad ? null : 150 + 8 * Math.sin((2 * Math.PI * (t % DAY_MS)) / DAY_MS),
      q: bad ? 'bad' : 'good',
      ts_ms: t,
      ...(bad && { reason: 'seeded failure' }),
    });
  }
  await h.current!.write([{ plant, batch: { sent_ms: end, seq: 0, samples } }]);
  await h.close();
  return samples.length;
}

test.beforeAll(async () => {
  test.setTimeout(300_000);
  expect(existsSync(join(DIST, 'index.html')), `no built app in ${DIST}`).toBe(true);
  dir = mkdtempSync(join(tmpdir(), 'tanktwin-live-'));
  const [opcua, modbus, control, port] = [await freePort(), await freePort(), await freePort(), await freePort()];
  // the shipped mapping, on free ports: the virtual plant serves it and the bridge reads it
  const mapping = JSON.parse(readFileSync('models/scada/virtual-plant.json', 'utf8'));
  for (const s of mapping.sources) {
    if (s.kind === 'modbus') s.port = modbus;
    if (s.kind === 'opcua') s.endpoint = `opc.tcp://127.0.0.1:${opcua}`;
  }
  const mappingFile = join(dir, 'mapping.json');
  writeFileSync(mappingFile, JSON.stringify(mapping));
  const data = join(dir, 'station');
  await seedHistory(data, mapping.plant, Date.now());
  const vp = start('virtual plant', [
    'src/virtualPlant/main.ts',
    '--mapping',
    mappingFile,
    '--opcua-port',
    String(opcua),
    '--modbus-port',
    String(modbus),
    '--control-port',
    String(control),
    '--data-dir',
    join(dir, 'vp'),
    '--seed',
    '7',
  ]);
  controlUrl = `http://127.0.0.1:${control}`;
  await answers(vp, `${controlUrl}/values`);
  const st = start('station', [
    'src/station/main.ts',
    '--port',
    String(port),
    '--host',
    '127.0.0.1',
    '--data',
    data,
    '--dist',
    DIST,
    '--threads',
    '1',
    '--live',
    mappingFile,
  ]);
  stationUrl = `http://localhost:${port}`;
  await answers(st, `${stationUrl}/api/station`);
});

test.afterAll(async () => {
  for (const p of procs.reverse()) {
    if (p.exitCode !== null || p.signalCode !== null) continue;
    const gone = new Promise((r) => p.once('exit', r));
    p.kill('SIGTERM');
    await gone;
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const virtualValue = async (tag: string): Promise<number> =>
  ((await (await fetch(`${controlUrl}/values`)).json()) as Record<string, { v: number }>)[tag].v;

/** The number an HMI value shows (its value part when a quality marker follows it). */
const shown = (page: Page, scope: string, tag: string) =>
  page.locator(`${scope} [data-tag="${tag}"]`).evaluate((el) => {
    const v = el.querySelector('.q-value') ?? el;
    return Number(v.textContent);
  });

test('live mode shows the virtual plant, draws a failed instrument as bad, and trends a day of history', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // the station's own page, the training model; its Live switch reloads it as the live plant
  await page.goto(`${stationUrl}/?lang=en`);
  await waitForApp(page);
  await expect(page.getByTestId('live-link')).toHaveCount(0);
  await page.getByTestId('live-switch').check();
  await page.waitForURL(/[?&]live=1/);
  await waitForApp(page);
  await expect(page.getByTestId('live-link')).toHaveAttribute('data-link', 'online', WAIT);
  await expect(page.getByTestId('live-switch')).toBeChecked();

  // the HMI shows the virtual plant's tank level, measured and good, equal to what the plant serves within the
  // register's resolution (uint16 over 0–15 m) and the HMI's two decimals
  await page.getByTestId('open-hmi').click();
  const level = page.locator('[data-testid=hmi] [data-tag="TK-101.level"]');
  await expect(level).toHaveAttribute('data-quality', 'good', WAIT);
  await expect
    .poll(
      async () =>
        Math.abs((await shown(page, '[data-testid=hmi]', 'TK-101.level')) - (await virtualValue('TK-101.level'))),
      WAIT,
    )
    .toBeLessThanOrEqual(0.01);
  // a tag the mapping does not cover is the model's, and says so
  await expect(page.locator('[data-testid=hmi] [data-tag="LA-1A.metered"]')).toHaveAttribute('data-quality', 'model');
  await page.screenshot({ path: `${ARTIFACTS}/live-hmi.png` });

  // a transmitter failed in the virtual plant: bad in the HMI (struck, marked, named for a screen reader) …
  const fail = await fetch(`${controlUrl}/faults/TK-102.level`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ kind: 'bad', reason: 'BadSensorFailure' }),
  });
  expect(fail.status).toBe(200);
  const bad = page.locator('[data-testid=hmi] [data-tag="TK-102.level"]');
  await expect(bad).toHaveAttribute('data-quality', 'bad', WAIT);
  await expect(bad.locator('.q-marker')).toHaveText('BAD');
  await expect(bad.locator('.q-value')).toHaveClass(/q-struck/);
  await expect(bad).toHaveAttribute('aria-label', /bad/);
  // the tank's level bar is not drawn as a plain level either
  await expect(page.locator('[data-hmi-tank="TK-102"] rect.hmi-level')).toHaveClass(/q-bad/);
  await page.screenshot({ path: `${ARTIFACTS}/live-hmi-bad.png` });

  // … on its tag plate in the 3D plant (a magenta frame), seen with the HMI closed …
  await page.getByTestId('open-hmi').click();
  await expect(page.getByTestId('hmi')).toHaveCount(0);
  const at = await tt<{ x: number; y: number; visible: boolean }>(page, "tanktwin.screenPosition('TK-102')");
  expect(at.visible).toBe(true);
  await expect
    .poll(async () => magentaNear(await page.screenshot({ path: `${ARTIFACTS}/live-3d-bad.png` }), at.x, at.y), WAIT)
    .toBeGreaterThan(20);
  await page.getByTestId('open-hmi').click();

  // … on the tank's faceplate …
  await page.locator('[data-hmi-tank="TK-102"]').click();
  const fp = page.locator('[data-testid=faceplate] span[data-tag="TK-102.level"]');
  await expect(fp).toHaveAttribute('data-quality', 'bad', WAIT);
  await expect(fp.locator('.q-marker')).toHaveText('BAD');
  // … in the alarm list, which annunciates the plant's measured values (not the model's alarms): a failed
  // transmitter is a bad-measurement alarm of its own
  const alarms = page.locator('[data-testid=alarm-list][data-source=plant]').first();
  await expect(alarms.locator('tr[data-alarm="TK-102.level.XA_BADPV"]')).toHaveCount(1, WAIT);
  await expect(page.locator('[data-testid=alarms-model]')).toHaveCount(0);
  // the real plant is operated from its own control system: no set point or valve controls here
  await expect(page.getByTestId('faceplate-read-only')).toBeVisible();
  await expect(page.getByTestId('setpoint-input')).toHaveCount(0);

  // … and listed on the data-quality panel with its reason, beside the sources' health
  await page.getByTestId('open-quality').click();
  const row = page.locator('[data-testid=quality-panel] tr[data-dq-tag="TK-102.level"]');
  await expect(row).toHaveAttribute('data-quality', 'bad', WAIT);
  await expect(page.locator('[data-testid=dq-sources] tr[data-source]')).toHaveCount(mappingSources(), WAIT);
  await expect(page.locator('[data-testid=dq-sources] tr[data-state=up]')).toHaveCount(mappingSources(), WAIT);
  await page.screenshot({ path: `${ARTIFACTS}/live-quality.png` });

  // the trends panel reads the day of history the historian holds
  await page.getByTestId('open-quality').click();
  await page.locator('[data-testid=faceplate] header button[aria-label=Close]').click();
  await page.getByRole('button', { name: 'Trends', exact: true }).click();
  // the panel's code loads when first opened: its chips are counted once it has drawn its trend
  await expect(page.getByTestId('trend-main')).toBeVisible(WAIT);
  const chips = page.locator('[data-testid=trends] .chip');
  for (let n = await chips.count(); n > 0; n--) {
    await chips.first().click();
    await expect(chips).toHaveCount(n - 1);
  }
  await page.locator('[data-testid=trends] input[list=tag-names]').fill(HISTORY_TAG);
  await page.getByRole('button', { name: 'Add tag to trend' }).click();
  await page.locator('[data-testid=trends] [data-range="1d"]').click();
  const trend = page.getByTestId('trend-main');
  await expect(trend).toHaveAttribute('data-tags', HISTORY_TAG);
  await expect(trend).toHaveAttribute('data-history', 'ok', WAIT);
  // a day at one a minute from the historian's 1-minute tier (24 hourly points would be the wrong tier)
  await expect.poll(async () => Number(await trend.getAttribute('data-points')), WAIT).toBeGreaterThan(1000);
  await page.screenshot({ path: `${ARTIFACTS}/live-trend-day.png` });
  expect(errors).toEqual([]);
});

test('a tank faceplate shows the twin service’s estimates with their confidence', async ({ page }) => {
  test.setTimeout(300_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${stationUrl}/?lang=en&live=1`);
  await waitForApp(page);
  await expect(page.getByTestId('live-link')).toHaveAttribute('data-link', 'online', WAIT);
  await page.getByTestId('open-hmi').click();
  await page.locator('[data-hmi-tank="TK-101"]').click();
  // the station's twin service steps its filters every whole minute of the plant's time: the first estimates
  // come within two minutes of the station's start, as value ± 2 sd
  const row = page.locator('[data-testid=faceplate-estimates] tr[data-tag="TK-101.est.temp_mean"]');
  await expect(row.locator('.est-pm')).toHaveText(/^± \d+(\.\d+)?$/, { timeout: 180_000 });
  await expect(row).toHaveAttribute('data-quality', 'good');
  // the estimated mean temperature sits with the measured one
  const est = Number(await row.locator('.est-value').textContent());
  expect(Math.abs(est - (await virtualValue('TK-101.temp')))).toBeLessThan(5);
  // every estimate of the tank is listed, the fouling with its unit
  const fouling = page.locator('[data-testid=faceplate-estimates] tr[data-tag="TK-101.est.fouling"]');
  await expect(fouling.locator('td.unit')).toHaveText('m²K/W');
  await expect(fouling).toHaveAttribute('data-wide', /true|false/);
  await page.getByTestId('open-hmi').click();
  await page.locator('[data-testid=faceplate-estimates]').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${ARTIFACTS}/live-estimates.png` });
  // the twin panel lists them too, one tab per twin feature
  await page.getByTestId('open-twin').click();
  await expect(page.locator('[data-testid=twin-estimates] tr[data-tag="TK-101.est.fouling"]')).toHaveCount(1);
  await page.screenshot({ path: `${ARTIFACTS}/live-twin-panel.png` });
  // product quality: the example loading schedule forecast from the live state, truck by truck
  await page.getByTestId('twin-tab-quality').click();
  await page.getByTestId('twin-quality').getByRole('button', { name: 'example' }).click();
  await expect(page.getByRole('textbox', { name: 'loading schedule' })).not.toHaveValue('', WAIT);
  await page.getByTestId('quality-forecast').click();
  await expect(page.getByTestId('quality-summary')).toContainText(/\d+ trucks from the/, { timeout: 120_000 });
  await page.screenshot({ path: `${ARTIFACTS}/live-twin-quality.png` });
  // maintenance: the report over the history there is (minutes here) with its work-order exports
  await page.getByTestId('twin-tab-maintenance').click();
  await expect(page.getByTestId('twin-maintenance')).toBeVisible();
  await expect(page.getByTestId('maintenance-csv')).toHaveAttribute('href', /workorders\.csv/);
  await page.screenshot({ path: `${ARTIFACTS}/live-twin-maintenance.png` });
  expect(errors).toEqual([]);
});

/** Pixels of the data-quality magenta (#b0009e) within a tag plate's size (±40 × ±14 CSS px) of a screen point. */
function magentaNear(png: Buffer, x: number, y: number): number {
  const img = PNG.decode(png);
  let n = 0;
  for (let py = Math.max(0, Math.round(y - 14)); py < Math.min(img.height, y + 14); py++)
    for (let px = Math.max(0, Math.round(x - 40)); px < Math.min(img.width, x + 40); px++) {
      const i = (py * img.width + px) * 4;
      if (img.data[i] > 140 && img.data[i + 1] < 60 && img.data[i + 2] > 120) n++;
    }
  return n;
}

function mappingSources(): number {
  return JSON.parse(readFileSync('models/scada/virtual-plant.json', 'utf8')).sources.length;
}
