import {
  createHmac,
  generateKeyPairSync,
  createPrivateKey,
  createPublicKey,
  sign,
  verify,
  randomBytes,
  timingSafeEqual,
  createHash,
} from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { roleSchema, type Role } from '../protocol/actions';
import type { StationRecord } from '../protocol/session';

// The station's secrets, kept in its data folder (mode 600) so tokens and record signatures survive a
// restart: an HMAC key for participant tokens and an Ed25519 key pair for trainees' records (anyone with
// the public key can check a record without the station's secret).

export interface StationKeys {
  hmac: Buffer;
  privateKeyPem: string;
  publicKeyPem: string;
  keyId: string;
}

export function loadOrCreateKeys(dataDir: string): StationKeys {
  const dir = join(dataDir, 'keys');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const hmacPath = join(dir, 'token.key');
  const privPath = join(dir, 'records-ed25519.pem');
  if (!existsSync(hmacPath)) writeFileSync(hmacPath, randomBytes(32).toString('base64'), { mode: 0o600 });
  if (!existsSync(privPath)) {
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(privPath, privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, { mode: 0o600 });
  }
  const privateKeyPem = readFileSync(privPath, 'utf8');
  const publicKeyPem = createPublicKey(createPrivateKey(privateKeyPem)).export({
    type: 'spki',
    format: 'pem',
  }) as string;
  return {
    hmac: Buffer.from(readFileSync(hmacPath, 'utf8'), 'base64'),
    privateKeyPem,
    publicKeyPem,
    keyId: createHash('sha256').update(publicKeyPem).digest('hex').slice(0, 16),
  };
}

export interface TokenClaims {
  sid: string;
  pid: string;
  role: Role;
  name: string;
  exp: number; // Unix seconds
}

const b64u = (b: Buffer | string) => Buffer.from(b).toString('base64url');

/** `<claims base64url>.<HMAC-SHA256 base64url>` */
export function signToken(key: Buffer, claims: TokenClaims): string {
  const body = b64u(JSON.stringify(claims));
  return `${body}.${createHmac('sha256', key).update(body).digest('base64url')}`;
}

/** The claims of a token this station issued and that has not expired; null otherwise. */
export function verifyToken(key: Buffer, token: string, now_s: number): TokenClaims | null {
  const dot = token.indexOf('.');
  if (dot <= 0) return null;
  const body = token.slice(0, dot);
  const mac = Buffer.from(token.slice(dot + 1), 'base64url');
  const want = createHmac('sha256', key).update(body).digest();
  if (mac.length !== want.length || !timingSafeEqual(mac, want)) return null;
  let c: TokenClaims;
  try {
    c = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as TokenClaims;
  } catch {
    return null;
  }
  if (typeof c.exp !== 'number' || c.exp <= now_s || !roleSchema.safeParse(c.role).success) return null;
  if (typeof c.sid !== 'string' || typeof c.pid !== 'string') return null;
  return c;
}

/** JSON with object keys sorted at every level: the bytes a signature covers. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? 'null' : canonicalJson(x))).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
    .join(',')}}`;
}

export function signRecord(keys: StationKeys, rec: StationRecord): StationRecord {
  const { signature: _drop, ...body } = rec;
  void _drop;
  const value = sign(null, Buffer.from(canonicalJson(body)), keys.privateKeyPem).toString('base64');
  return { ...body, signature: { alg: 'Ed25519', keyId: keys.keyId, value } };
}

/** Whether a record is exactly as the station with this public key signed it. */
export function verifyRecord(rec: StationRecord, publicKeyPem: string): boolean {
  const { signature, ...body } = rec;
  if (!signature || signature.alg !== 'Ed25519') return false;
  try {
    return verify(null, Buffer.from(canonicalJson(body)), publicKeyPem, Buffer.from(signature.value, 'base64'));
  } catch {
    return false;
  }
}
