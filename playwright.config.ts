import { defineConfig } from '@playwright/test';
import { CHROMIUM_BASE_ARGS, NO_MULTISAMPLING_ARG, NO_NATIVE_WEBXR_ARG } from './src/node/chromiumFlags';

// Headless Debian Chromium (never a downloaded browser), software WebGL through SwiftShader, the built
// app served once by `vite preview` on localhost (iwer injects only on that host name) for every test file.
// Chromium's own navigator.xr is switched off so that the app's emulated Quest 3 installs: every file then
// runs in the same browser, which each worker launches once.
export const CHROMIUM_ARGS = [...CHROMIUM_BASE_ARGS, NO_NATIVE_WEBXR_ARG, NO_MULTISAMPLING_ARG];
export const PORT = 4173;
const VITE = 'node node_modules/vite/bin/vite.js';

export default defineConfig({
  testDir: 'test/e2e',
  // Tests wait on states of the page, never on time; these bounds only stop a stuck page, and are wide
  // because the software renderer shares two cores with whatever else the machine is doing.
  timeout: 240_000,
  expect: { timeout: 30_000 },
  // SwiftShader takes every core it is given: two browsers on two cores are slower than one
  workers: Number(process.env.E2E_WORKERS ?? 1),
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL: `http://localhost:${PORT}`,
    // a small laptop's window: SwiftShader's cost grows with the pixels drawn, and at 1400×850 the suite took
    // twice as long on two cores (measured: the desktop handwheel test 151–175 s there, 74–77 s here)
    viewport: { width: 1024, height: 640 },
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS },
  },
  webServer: {
    // the app is built once (by .ci/run, or here when no build is there yet) and served to every file
    command: `test -f dist/index.html || ${VITE} build --logLevel warn; exec ${VITE} preview --port ${PORT} --strictPort --host localhost`,
    url: `http://localhost:${PORT}`,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
  },
});
