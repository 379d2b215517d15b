import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { networkInterfaces, hostname } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';

/** This machine's addresses, so a headset on the LAN reaches the station by IP. */
function addresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((a) => a && !a.internal && a.family === 'IPv4')
    .map((a) => a!.address);
}

/**
 * A self-signed certificate for localhost, this host name and its LAN addresses, kept in the data folder
 * and reused while it is valid and names every current address (a headset accepts it once).
 */
export async function selfSignedCertificate(dataDir: string): Promise<{ cert: string; key: string }> {
  const dir = join(dataDir, 'keys');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const certPath = join(dir, 'self-signed-cert.pem');
  const keyPath = join(dir, 'self-signed-key.pem');
  const ips = ['127.0.0.1', ...addresses()];
  if (existsSync(certPath) && existsSync(keyPath)) {
    const cert = readFileSync(certPath, 'utf8');
    const x = new X509Certificate(cert);
    const names = x.subjectAltName ?? '';
    if (new Date(x.validTo) > new Date(Date.now() + 86400_000) && ips.every((ip) => names.includes(`IP Address:${ip}`)))
      return { cert, key: readFileSync(keyPath, 'utf8') };
  }
  const pems = await generate([{ name: 'commonName', value: hostname() }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + 365 * 86400_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 2, value: hostname() },
          ...ips.map((ip) => ({ type: 7 as const, ip })),
        ],
      },
    ],
  });
  writeFileSync(certPath, pems.cert, { mode: 0o600 });
  writeFileSync(keyPath, pems.private, { mode: 0o600 });
  return { cert: pems.cert, key: pems.private };
}
