import { test, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ARTIFACTS, renderedFrames, tt } from './helpers';

// A shared session end to end: a station on its own port (plain HTTP on localhost, where the emulated
// Quest installs), an instructor at a desktop, a trainee in the emulated Quest and a trainee at a desktop.
// Every wait is on a state of a page or of the station, never on a span of time.

const PORT = Number(process.env.SESSION_PORT ?? 4291);
const BASE = `http://localhost:${PORT}`;
/** The built app the station serves (SESSION_DIST to serve another build than ./dist). */
const DIST = process.env.SESSION_DIST ?? 'dist';
// polled on a timer: a page in an immersive session draws through the XR frame loop, not the window's
const WAIT = { timeout: 90_000, polling: 100 };

let station: ChildProcess | null = null;
let dataDir = '';

async function startStation(): Promise<void> {
  const p = spawn(
    process.execPath,
    ['node_modules/tsx/dist/cli.mjs', 'src/station/main.ts', '--port', String(PORT), '--host', '127.0.0.1'].concat([
      '--data',
      dataDir,
      '--dist',
      DIST,
      '--threads',
      '1',
    ]),
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  station = p;
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const seen = (b: Buffer) => {
      out += b.toString();
      if (out.includes('instructor console:')) resolve();
    };
    p.stdout!.on('data', seen);
    p.stderr!.on('data', (b: Buffer) => (out += b.toString()));
    p.once('exit', (code) => reject(new Error(`station exited (${code}): ${out}`)));
  });
}

async function stopStation(): Promise<void> {
  const p = station;
  station = null;
  if (!p || p.exitCode !== null) return;
  const gone = new Promise((r) => p.once('exit', r));
  p.kill('SIGTERM'); // the station saves every session's state before it stops
  await gone;
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  expect(existsSync(join(DIST, 'index.html')), `no built app in ${DIST}`).toBe(true);
  dataDir = mkdtempSync(join(tmpdir(), 'tanktwin-session-'));
  await startStation();
});

test.afterAll(async () => {
  await stopStation();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function page(browser: Browser): Promise<{ ctx: BrowserContext; page: Page; errors: string[] }> {
  const ctx = await browser.newContext({ baseURL: BASE, viewport: { width: 1000, height: 640 } });
  const p = await ctx.newPage();
  const errors: string[] = [];
  p.on('pageerror', (e) => errors.push(e.message));
  return { ctx, page: p, errors };
}

const inSession = (p: Page) =>
  p.waitForFunction(
    () => (window as any).tanktwin?.session?.link() === 'online' && (window as any).tanktwin.ready(),
    null,
    WAIT,
  );

test('instructor, a VR trainee and a desktop trainee share one plant', async ({ browser }) => {
  test.setTimeout(480_000);
  // 1. the instructor creates the session (load a tanker: its first step opens XV-101)
  const ins = await page(browser);
  await ins.page.goto('/?page=instructor');
  await ins.page.getByTestId('create-name').fill('Night shift drill');
  await ins.page.getByTestId('create-who').fill('Khun Anan');
  await expect(ins.page.locator('[data-testid=create-scenario] option[value=load-tanker]')).toHaveCount(1, WAIT);
  await ins.page.getByTestId('create-scenario').selectOption('load-tanker');
  await ins.page.getByTestId('create-submit').click();
  await inSession(ins.page);
  const code = (await ins.page.getByTestId('trainee-code').textContent())!.trim();
  expect(code).toMatch(/^[A-Z2-9]{6}$/);
  await expect(ins.page.getByTestId('trainee-qr')).toBeVisible();

  // 2. the trainees join by code: one through the form in an emulated Quest, one by link on a desktop
  const vr = await page(browser);
  await vr.page.goto(`/?join=${code}`);
  await vr.page.getByTestId('join-name').fill('Somchai');
  await vr.page.getByTestId('join-device').selectOption('vr');
  await vr.page.getByTestId('join-submit').click();
  await inSession(vr.page);
  const desk = await page(browser);
  await desk.page.goto(`/?join=${code}&name=Malee&device=desktop`);
  await inSession(desk.page);
  await desk.page.getByTestId('begin').click(); // the desktop trainee has read the briefing too
  const vrPid = await tt<string>(vr.page, 'tanktwin.session.me().participantId');
  await expect(ins.page.getByTestId('roster-Somchai')).toBeVisible(WAIT);
  await expect(ins.page.getByTestId('roster-Malee')).toBeVisible(WAIT);

  // the VR trainee reads the briefing and enters VR (the emulated Quest); the instructor runs the clock
  await vr.page.getByTestId('begin').click();
  await vr.page.waitForFunction(() => (window as any).tanktwin.xr.emulator != null, null, WAIT);
  await vr.page.getByTestId('enter-vr').click();
  await vr.page.waitForFunction(() => (window as any).tanktwin.xr.store.getState().mode === 'immersive-vr', null, WAIT);

  await ins.page.getByTestId('console-tab-control').click();
  await ins.page.getByTestId('console-run').click();
  await vr.page.waitForFunction(() => (window as any).tanktwin.training()?.phase === 'running', null, WAIT);

  // 3. the instructor injects a fault: the VR trainee's page reports it
  await ins.page.getByTestId('fault-kind').selectOption('pumpTrip');
  await ins.page.getByTestId('fault-inject').click();
  await vr.page.waitForFunction(
    () => (window as any).tanktwin.session.faults().some((f: any) => f.fault.kind === 'pumpTrip'),
    null,
    WAIT,
  );

  // 4. a message to the VR trainee: on the desktop HUD and drawn on the VR panel
  await ins.page.getByTestId('message-to').selectOption(vrPid);
  await ins.page.getByTestId('message-text').fill('Line up XV-101 for bay 1');
  await ins.page.getByTestId('message-send').click();
  await expect
    .poll(
      async () => ({
        messages: (await tt<unknown[]>(vr.page, 'tanktwin.session.messages()')).length,
        reconnects: await tt<number>(vr.page, 'tanktwin.session.reconnects()'),
        sent: (await tt<{ action: { kind: string } }[]>(ins.page, 'tanktwin.session.log()')).filter(
          (e) => e.action.kind === 'message',
        ).length,
      }),
      WAIT,
    )
    .toEqual({ messages: 1, reconnects: 0, sent: 1 });
  await expect
    .poll(
      () =>
        tt<unknown>(
          vr.page,
          `({ panel: tanktwin.session.panelText(), mode: tanktwin.xr.store.getState().mode, scene: !!tanktwin.session.avatars })`,
        ),
      WAIT,
    )
    .toMatchObject({ panel: expect.stringContaining('Line up XV-101') });
  await expect(vr.page.getByTestId('instructor-message')).toContainText('Line up XV-101');
  await expect(desk.page.getByTestId('instructor-message')).toHaveCount(0); // it was for Somchai only

  // 5. the VR trainee opens XV-101: the instructor sees the valve move and the step scored
  expect(await tt<{ ok: boolean }>(vr.page, `tanktwin.setValve('XV-101', 1)`)).toEqual({ ok: true });
  await ins.page.waitForFunction(() => (window as any).tanktwin.read('TK-101.outlet') > 0, null, WAIT);
  await ins.page.getByTestId('console-tab-people').click();
  await expect(ins.page.getByTestId('console-step-0')).toHaveAttribute('data-done', 'true', WAIT);
  await ins.page.getByTestId('console-tab-log').click();
  await expect(ins.page.getByTestId('log-entry').filter({ hasText: 'Somchai' }).first()).toContainText('XV-101');

  // 6. the desktop trainee sees the VR trainee's avatar, and it moves when the headset moves
  const avatar = () =>
    tt<{ x: number; y: number; z: number } | undefined>(
      desk.page,
      `tanktwin.session.avatars().find((a) => a.pid === '${vrPid}')`,
    );
  await desk.page.waitForFunction(
    (pid) => (window as any).tanktwin.session.avatars().some((a: any) => a.pid === pid),
    vrPid,
    WAIT,
  );
  const before = (await avatar())!;
  await tt(
    vr.page,
    `tanktwin.xr.emulator.remote.dispatch('set_transform', { device: 'headset', position: { x: 2, y: 1.6, z: -3 } })`,
  );
  await expect
    .poll(async () => {
      await renderedFrames(desk.page, 1);
      const a = (await avatar())!;
      return Math.hypot(a.x - before.x, a.z - before.z);
    }, WAIT)
    .toBeGreaterThan(1);
  const seen = (await avatar())!;
  await tt(
    desk.page,
    `tanktwin.lookAt([${seen.x}, ${seen.y - 0.5}, ${seen.z}], [${seen.x + 2.5}, ${seen.y + 0.3}, ${seen.z + 3.5}])`,
  );
  await renderedFrames(desk.page, 5);
  // an item one trainee holds is seen held by the other: the gas detector comes to the VR trainee's hand
  expect(
    await tt<{ ok: boolean }>(vr.page, `tanktwin.session.act({ kind: 'item', op: 'pickUp', tag: 'GD-1' })`),
  ).toMatchObject({ ok: true });
  await expect
    .poll(async () => {
      await renderedFrames(desk.page, 1);
      const a = (await avatar())!;
      const gd = (
        await tt<{ tag: string; x: number; y: number; z: number; held: boolean }[]>(desk.page, 'tanktwin.items()')
      ).find((i) => i.tag === 'GD-1')!;
      return gd.held && Math.hypot(gd.x - a.x, gd.z - a.z) < 1;
    }, WAIT)
    .toBe(true);
  await desk.page.screenshot({ path: `${ARTIFACTS}/session-avatar.png` });
  await ins.page.getByTestId('console-tab-people').click();
  await expect(ins.page.getByTestId('roster-Somchai').getByTestId('roster-pos')).not.toHaveText('—', WAIT);
  await ins.page.screenshot({ path: `${ARTIFACTS}/session-instructor.png` });
  await ins.page.getByTestId('console-tab-log').click();

  // 7. a trainee may not inject a fault or backtrack: the station refuses and logs who tried
  const inj = await tt<{ ok: boolean; reason?: string }>(desk.page, `tanktwin.injectFault({ kind: 'powerFailure' })`);
  expect(inj.ok).toBe(false);
  const back = await tt<{ ok: boolean; reason?: string }>(
    desk.page,
    `tanktwin.session.act({ kind: 'backtrack', t_s: 0 })`,
  );
  expect(back.ok).toBe(false);
  expect(back.reason).toMatch(/trainee/);
  await expect(ins.page.locator('[data-testid=log-entry][data-ok=false]').filter({ hasText: 'Malee' })).toHaveCount(
    2,
    WAIT,
  );

  // 8. the VR trainee's link drops and comes back: same participant, the session carries on
  const reconnects = await tt<number>(vr.page, 'tanktwin.session.reconnects()');
  await vr.ctx.setOffline(true);
  await vr.page.waitForFunction(() => (window as any).tanktwin.session.link() !== 'online', null, WAIT);
  await vr.ctx.setOffline(false);
  await vr.page.waitForFunction(
    (n) => (window as any).tanktwin.session.reconnects() > n && (window as any).tanktwin.session.link() === 'online',
    reconnects,
    WAIT,
  );
  expect(await tt<string>(vr.page, 'tanktwin.session.me().participantId')).toBe(vrPid);
  expect(
    await tt<{ ok: boolean }>(vr.page, `tanktwin.command({ type: 'setArm', arm: 'LA-1A', position: 'lowered' })`),
  ).toEqual({ ok: true });

  // 9. the station restarts: every page reconnects and the session resumes where it was saved
  const t0 = await tt<number>(ins.page, 'tanktwin.time()');
  const n0 = await Promise.all([ins, vr, desk].map((x) => tt<number>(x.page, 'tanktwin.session.reconnects()')));
  await stopStation();
  await startStation();
  for (const [i, x] of [ins, vr, desk].entries())
    await x.page.waitForFunction(
      (n) => (window as any).tanktwin.session.reconnects() > n && (window as any).tanktwin.session.link() === 'online',
      n0[i],
      WAIT,
    );
  await ins.page.waitForFunction((t) => (window as any).tanktwin.time() >= t, t0, WAIT);
  expect(await tt<boolean>(vr.page, `tanktwin.session.faults().some((f) => f.fault.kind === 'pumpTrip')`)).toBe(true);
  expect(await tt<number>(ins.page, `tanktwin.read('TK-101.outlet')`)).toBeGreaterThan(0);

  // 10. the instructor ends the exercise: one record for the VR trainee, with what it did before and after the drop
  await ins.page.getByTestId('console-tab-control').click();
  await ins.page.getByTestId('end-exercise').click();
  await vr.page.waitForFunction(() => (window as any).tanktwin.session.ended() !== null, null, WAIT);
  const token = await tt<string>(ins.page, 'tanktwin.session.me().token');
  const files = (await (
    await fetch(`${BASE}/api/records`, { headers: { Authorization: `Bearer ${token}` } })
  ).json()) as string[];
  const mine = files.filter((f) => f.includes(vrPid));
  expect(mine).toHaveLength(1);
  const rec = (await (
    await fetch(`${BASE}/api/records/${mine[0]}`, { headers: { Authorization: `Bearer ${token}` } })
  ).json()) as {
    actions: { action: { kind: string; command?: { type: string } } }[];
  };
  const types = rec.actions.map((a) => a.action.command?.type);
  expect(types).toContain('setValve');
  expect(types).toContain('setArm');

  for (const x of [ins, vr, desk]) {
    expect(x.errors).toEqual([]);
    await x.ctx.close();
  }
});
