import { describe, expect, it } from 'vitest';
import { minimatch } from 'minimatch';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { NAVIGATE_ALLOWLIST, pwaOptions, UNUSED_CHUNKS } from '../../../src/pwa/config';
import { CONTENT_SECURITY_POLICY } from '../../../src/serve/headers';

const wb = pwaOptions.workbox!;
const precached = (file: string) =>
  wb.globPatterns!.some((p) => minimatch(file, p)) && !wb.globIgnores!.some((p) => minimatch(file, p));
const navigatesToApp = (pathAndSearch: string) => NAVIGATE_ALLOWLIST.some((r) => r.test(pathAndSearch));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

describe('the offline app', () => {
  it('is offered as an update, never applied by itself', () => {
    expect(pwaOptions.registerType).toBe('prompt');
    expect(wb.skipWaiting).toBe(false);
    expect(pwaOptions.injectRegister).toBe(false);
  });

  it('precaches the page, every chunk, the worker, the fonts and the input profiles', () => {
    for (const f of [
      'index.html',
      'assets/index-Cqo9ZVxq.js',
      'assets/index-DJZ2dWvx.css',
      'assets/sim.worker-DFwCXRoN.js',
      'assets/default-plant-CkMUAFTT.js',
      'assets/h2s-hatch-U1hFPO_k.js',
      'assets/emulate-H434Mc6m.js',
      'assets/rapier_wasm3d_bg-0123abcd.wasm',
    ])
      expect(precached(f), f).toBe(true);
  });

  it('every file the app serves from public/ is precached, except the README screenshots', () => {
    const pub = join(import.meta.dirname, '..', '..', '..', 'public');
    const served = files(pub)
      .map((f) => relative(pub, f).split('\\').join('/'))
      .filter((f) => !/(^|\/)(README\.md|\.[^/]*)$/.test(f) && !f.startsWith('icons/')); // icons: from the manifest
    expect(served).toContain('fonts/Garuda.ttf');
    for (const f of served) expect(precached(f), f).toBe(!f.startsWith('docs/'));
  });

  it("leaves out iwer's unused rooms", () => {
    for (const room of UNUSED_CHUNKS) expect(precached(`assets/${room}-BnsZND9o.js`)).toBe(false);
    expect(precached('assets/lib-Rcq0OJef.js')).toBe(true);
  });

  it('answers navigations to the app with its page, whatever the query, and nothing else', () => {
    for (const u of ['/', '/?lang=th', '/?plant=/plants/other.json&run=1', '/index.html', '/index.html?join=ABCD'])
      expect(navigatesToApp(u), u).toBe(true);
    for (const u of [
      '/api/live/state',
      '/api/records/x',
      '/webxr-profiles/profilesList.json',
      '/fixtures/bad-plant.json',
      '/sw.js',
      '/docs/hmi.png',
    ])
      expect(navigatesToApp(u), u).toBe(false);
  });

  it('sets no runtime routes, so nothing but the precache is answered by the worker', () => {
    expect(wb.runtimeCaching).toEqual([]);
  });

  it("the CSP lets the page register its own service worker and read its manifest, and nothing else's", () => {
    const csp = Object.fromEntries(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d]));
    expect(csp['worker-src']).toMatch(/'self'/);
    expect(csp['manifest-src']).toBe("manifest-src 'self'");
    expect(csp['worker-src']).not.toMatch(/https:|\*/);
  });

  it('its manifest makes the app installable: a name, a start URL, standalone, 192 and 512 px icons', () => {
    const m = pwaOptions.manifest as { name: string; start_url: string; display: string; icons: { sizes: string }[] };
    expect(m.name).toMatch(/TankTwin/);
    expect(m.start_url).toBe('/');
    expect(m.display).toBe('standalone');
    expect(m.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
  });

  it("its install prompt's description is in English and Thai, in a manifest with a single language", () => {
    const m = pwaOptions.manifest as { description: string; lang: string; dir: string };
    expect(m.description).toMatch(/Operator-training simulator/);
    expect(m.description).toMatch(/[\u0E00-\u0E7F]{10}/); // Thai script
    expect(m.lang).toBe('en');
    expect(m.dir).toBe('ltr');
  });
});
