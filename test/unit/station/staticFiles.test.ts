import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { serveStatic } from '../../../src/station/staticFiles';

// The station's static files: the app's routes answer with its page, but a missing hashed asset answers 404,
// so a page from an older build sees a failed chunk (and says so) rather than HTML run as a script.

describe('the static files', () => {
  const dist = mkdtempSync(join(tmpdir(), 'tanktwin-static-'));
  let server: Server;
  let base = '';
  beforeAll(async () => {
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>TankTwin</title>');
    writeFileSync(join(dist, 'assets', 'Hmi-abc123.js'), 'export const Hmi = 1;');
    server = createServer((req, res) => serveStatic(dist, req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dist, { recursive: true, force: true });
  });

  it('serves an asset that is there', async () => {
    const r = await fetch(`${base}/assets/Hmi-abc123.js`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/javascript/);
  });

  it('answers 404 for a missing asset, not the page', async () => {
    const r = await fetch(`${base}/assets/Hmi-old999.js`);
    expect(r.status).toBe(404);
    expect(await r.text()).not.toMatch(/<title>/);
  });

  it("answers the app's own routes with its page", async () => {
    const r = await fetch(`${base}/instructor`);
    expect(r.status).toBe(200);
    expect(await r.text()).toMatch(/<title>TankTwin/);
  });
});
