import { test, expect } from '@playwright/test';
import { openApp } from './helpers';

// The built app is served with security headers, and the app works under its own CSP: the worker, the
// rapier WASM and the 3D view start with no policy violation.
test('the app is served with security headers and runs under its CSP', async ({ page, request }) => {
  const res = await request.get('/');
  const h = res.headers();
  expect(h['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(h['content-security-policy']).toContain("'wasm-unsafe-eval'");
  expect(h['x-content-type-options']).toBe('nosniff');
  expect(h['referrer-policy']).toBe('no-referrer');

  await page.addInitScript(() => {
    const w = window as unknown as { cspViolations: string[] };
    w.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  await openApp(page);
  // the worker has stepped the plant: a step command moves plant time
  await page.evaluate(() => (window as unknown as { tanktwin: { step: (n: number) => void } }).tanktwin.step(5));
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { tanktwin: { time: () => number } }).tanktwin.time()))
    .toBeGreaterThan(0);
  expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
});
