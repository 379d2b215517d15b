import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_BASE_ARGS, NO_NATIVE_WEBXR_ARG } from '../node/chromiumFlags';

// App figures: the built bundle's initial JavaScript, and in headless Chromium (SwiftShader) the time to
// the first plant frame, draw calls, triangles and main-thread CPU per frame in the desktop view. The first
// plant frame is the first whose render drew the plant's meshes (src/scene/FrameStats.tsx), from the
// navigation's start; beside it, when the frame after it began (the first has then been drawn by the GPU)
// and when the worker had the plant running (the engine's readiness).
type Figure = [string, number, string];
const ARGS = [...CHROMIUM_BASE_ARGS];
const PORT = 4179;

export async function appFigures(root: string): Promise<Figure[]> {
  execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'error'], {
    cwd: root,
    stdio: 'inherit',
  });
  const html = readFileSync(join(root, 'dist/index.html'), 'utf8');
  const entries = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  const initial = entries.reduce((n, f) => n + gzipSync(readFileSync(join(root, 'dist', f))).length, 0);
  const workerKb =
    readdirSync(join(root, 'dist/assets'))
      .filter((f) => f.startsWith('sim.worker'))
      .reduce((n, f) => n + gzipSync(readFileSync(join(root, 'dist/assets', f))).length, 0) / 1024;
  const server = spawn(
    process.execPath,
    [
      join(root, 'node_modules/vite/bin/vite.js'),
      'preview',
      '--port',
      String(PORT),
      '--strictPort',
      '--host',
      'localhost',
    ],
    { cwd: root, stdio: 'ignore' },
  );
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ARGS,
  });
  try {
    await waitForServer(`http://localhost:${PORT}/`);
    const page = await browser.newPage({ viewport: { width: 1400, height: 850 } });
    await page.goto(`http://localhost:${PORT}/`);
    await page.waitForFunction(() => (window as any).tanktwin?.renderer.firstFrameAt > 0, null, { timeout: 120_000 });
    const firstFrame = await page.evaluate(() => (window as any).tanktwin.renderer.firstFrameAt as number);
    await page.waitForFunction(() => (window as any).tanktwin.ready(), null, { timeout: 120_000 });
    const mark = (name: string) => performance.getEntriesByName(name)[0]?.startTime ?? Number.NaN;
    const [shown, engineReady] = await Promise.all([
      page.evaluate(mark, 'tanktwin:first-plant-frame-shown'),
      page.evaluate(mark, 'tanktwin:engine-ready'),
    ]);
    await page
      .waitForFunction(() => (window as any).tanktwin.renderer.frames > 300, null, { timeout: 180_000 })
      .catch(() => undefined);
    const r = await page.evaluate(() => {
      const t = (window as any).tanktwin.renderer;
      return { dc: t.drawCalls as number, tri: t.triangles as number, cpu: t.medianFrameCpuMs() as number };
    });
    // the same plant in an emulated VR session (iwer needs the browser's own WebXR off, and localhost)
    const vrBrowser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [...ARGS, NO_NATIVE_WEBXR_ARG],
    });
    let xr = { dc: Number.NaN, tri: Number.NaN, cpu: Number.NaN };
    try {
      const vp = await vrBrowser.newPage({ viewport: { width: 1400, height: 850 } });
      await vp.goto(`http://localhost:${PORT}/`);
      await vp.waitForFunction(
        () => (window as any).tanktwin?.renderer.frames > 3 && (window as any).tanktwin.xr.emulator,
        null,
        { timeout: 120_000 },
      );
      await vp.click('[data-testid="enter-vr"]');
      await vp.waitForFunction(() => (window as any).tanktwin.xr.session, null, { timeout: 60_000 });
      const f0 = await vp.evaluate(() => (window as any).tanktwin.renderer.frames as number);
      await vp
        .waitForFunction((f) => (window as any).tanktwin.renderer.frames > f + 120, f0, { timeout: 180_000 })
        .catch(() => undefined);
      xr = await vp.evaluate(() => {
        const t = (window as any).tanktwin.renderer;
        return { dc: t.drawCalls as number, tri: t.triangles as number, cpu: t.medianFrameCpuMs() as number };
      });
    } finally {
      await vrBrowser.close();
    }
    return [
      ['app.main_js_gzip_kb', initial / 1024, 'kB'],
      ['app.worker_js_gzip_kb', workerKb, 'kB'],
      ['app.first_frame_ms', firstFrame, 'ms'],
      ['app.first_frame_shown_ms', shown, 'ms'],
      ['app.engine_ready_ms', engineReady, 'ms'],
      ['scene.draw_calls', r.dc, ''],
      ['scene.triangles', r.tri, ''],
      ['scene.frame_cpu_ms', r.cpu, 'ms'],
      // both eyes are drawn in one frame: per eye is half
      ['xr.draw_calls', xr.dc / 2, 'per eye'],
      ['xr.triangles', xr.tri / 2, 'per eye'],
      ['xr.frame_cpu_ms', xr.cpu, 'ms'],
    ];
  } finally {
    await browser.close();
    server.kill();
  }
}

async function waitForServer(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`preview server did not start at ${url}`);
}
