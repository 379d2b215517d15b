import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { get, request } from 'node:https';
import { join } from 'node:path';
import mqtt from 'mqtt';
import type { Station } from '../../../src/station/station';
import { selfSignedCertificate } from '../../../src/station/selfSigned';
import { joinSession } from '../../../src/station/participant';
import { CONTENT_SECURITY_POLICY } from '../../../src/serve/headers';
import { startStation, tempDir } from './harness';

// HTTPS with the certificate the station makes, the built app with its security headers, and MQTT over
// secure WebSocket on the same port.

const tmp = tempDir('tanktwin-serve-');
let st: Station;
const dist = join(tmp.dir, 'dist');

function fetchInsecure(url: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, { rejectUnauthorized: false }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    }).on('error', reject);
  });
}

beforeAll(async () => {
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>TankTwin</title>');
  writeFileSync(join(dist, 'assets', 'app-1234.js'), 'console.log(1)');
  writeFileSync(join(tmp.dir, 'secret.txt'), 'not for the web');
  st = await startStation(join(tmp.dir, 'data'), {
    distDir: dist,
    tls: await selfSignedCertificate(join(tmp.dir, 'data')),
  });
});
afterAll(async () => {
  await st?.close();
  tmp.remove();
});

describe('the station over HTTPS', () => {
  it('serves the app with the security headers, its routes to index.html, and nothing outside dist', async () => {
    expect(st.url).toMatch(/^https:/);
    const page = await fetchInsecure(`${st.url}/?page=instructor&join=ABCDEF`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('TankTwin');
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    const js = await fetchInsecure(`${st.url}/assets/app-1234.js`);
    expect(js.headers['content-type']).toMatch(/javascript/);
    expect(js.headers['cache-control']).toMatch(/immutable/);
    const escape = await fetchInsecure(`${st.url}/..%2fsecret.txt`);
    expect(escape.body).not.toContain('not for the web');
  });

  it('keeps the certificate it made for the next start', async () => {
    const again = await selfSignedCertificate(join(tmp.dir, 'data'));
    expect(again.cert).toBe(st.opts.tls!.cert);
  });

  it('carries MQTT over secure WebSocket at /mqtt, authenticated by the join token', async () => {
    const created = await new Promise<{ codes: { trainee: string } }>((resolve, reject) => {
      const req = request(
        `${st.url}/api/sessions`,
        { method: 'POST', rejectUnauthorized: false, headers: { 'Content-Type': 'application/json' } },
        (res) => {
          let b = '';
          res.on('data', (d: Buffer) => (b += d.toString()));
          res.on('end', () => resolve(JSON.parse(b) as { codes: { trainee: string } }));
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify({ name: 'tls' }));
    });
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'; // the test's own fetch trusts the self-signed certificate
    try {
      const j = await joinSession({ station: st.url, code: created.codes.trainee, name: 'T' });
      expect(j.mqtt.url).toMatch(/^wss:\/\/.+\/mqtt$/);
      const c = mqtt.connect(j.mqtt.url, { ...j.mqtt, rejectUnauthorized: false, reconnectPeriod: 0 });
      await new Promise<void>((resolve, reject) => {
        c.once('connect', () => resolve());
        c.once('error', reject);
      });
      await c.endAsync();
      const bad = mqtt.connect(j.mqtt.url, {
        ...j.mqtt,
        password: 'forged',
        rejectUnauthorized: false,
        reconnectPeriod: 0,
      });
      const err = await new Promise<Error>((resolve) => bad.once('error', resolve));
      expect(err.message).toMatch(/[Bb]ad username or password|Not authorized/);
      await bad.endAsync(true);
    } finally {
      delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    }
  });
});
