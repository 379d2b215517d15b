import { describe, expect, it } from 'vitest';
import { topicAllowed, mosquittoAcl, type Principal } from '../../../src/station/acl';
import {
  canonicalJson,
  loadOrCreateKeys,
  signRecord,
  signToken,
  verifyRecord,
  verifyToken,
} from '../../../src/station/keys';
import type { StationRecord } from '../../../src/protocol/session';
import { parseStationArgs } from '../../../src/station/options';
import { tempDir } from './harness';

const base = 'tanktwin/site/session/s1';
const who = (role: 'instructor' | 'trainee' | 'observer', pid = 'p1'): Principal => ({
  kind: 'participant',
  sid: 's1',
  pid,
  role,
});

describe('topic permissions', () => {
  it('lets each role publish only what it may', () => {
    const pub = (p: Principal, leaf: string) => topicAllowed(p, 'publish', `${base}/${leaf}`, 'site');
    expect(pub(who('instructor'), 'control')).toBe(true);
    expect(pub(who('trainee'), 'control')).toBe(false);
    expect(pub(who('trainee'), 'action')).toBe(true);
    expect(pub(who('observer'), 'action')).toBe(false);
    expect(pub(who('observer'), 'presence/p1')).toBe(true);
    expect(pub(who('trainee'), 'presence/p2')).toBe(false); // not someone else's presence
    for (const leaf of ['frame', 'state', 'info', 'plant', 'event', 'reply/p1'])
      expect(pub(who('instructor'), leaf)).toBe(false); // only the station publishes these
  });

  it('keeps participants to their own session and their own replies', () => {
    const sub = (p: Principal, t: string) => topicAllowed(p, 'subscribe', t, 'site');
    expect(sub(who('trainee'), `${base}/frame`)).toBe(true);
    expect(sub(who('trainee'), `${base}/presence/+`)).toBe(true);
    expect(sub(who('trainee'), `${base}/reply/p1`)).toBe(true);
    expect(sub(who('trainee'), `${base}/reply/p2`)).toBe(false);
    expect(sub(who('trainee'), `${base}/reply/+`)).toBe(false);
    expect(sub(who('trainee'), `${base}/#`)).toBe(false);
    expect(sub(who('trainee'), 'tanktwin/site/session/s2/frame')).toBe(false);
    expect(sub(who('trainee'), 'tanktwin/site/session/+/frame')).toBe(false);
    expect(sub(who('trainee'), `${base}/action`)).toBe(false);
    expect(sub(who('instructor'), `${base}/action`)).toBe(true);
    expect(sub({ kind: 'station' }, 'tanktwin/site/#')).toBe(true);
    expect(sub({ kind: 'station' }, 'tanktwin/other/#')).toBe(false);
  });

  it('writes the same rules as a Mosquitto ACL file', () => {
    const acl = mosquittoAcl('site');
    const block = (user: string) => acl.split(`user tanktwin-${user}\n`)[1].split('\n\n')[0];
    expect(block('trainee')).toContain('topic write tanktwin/site/session/+/action');
    expect(block('trainee')).not.toContain('/control');
    expect(block('observer')).not.toMatch(/write .*\/action/);
    expect(block('instructor')).toContain('topic write tanktwin/site/session/+/control');
  });
});

describe('tokens and signed records', () => {
  const tmp = tempDir('tanktwin-keys-');
  const keys = loadOrCreateKeys(tmp.dir);

  it('keeps the same keys across a restart', () => {
    const again = loadOrCreateKeys(tmp.dir);
    expect(again.publicKeyPem).toBe(keys.publicKeyPem);
    expect(again.hmac.equals(keys.hmac)).toBe(true);
  });

  it('accepts its own unexpired token and nothing else', () => {
    const claims = { sid: 's1', pid: 'p1', role: 'trainee' as const, name: 'A', exp: 1000 };
    const t = signToken(keys.hmac, claims);
    expect(verifyToken(keys.hmac, t, 999)).toEqual(claims);
    expect(verifyToken(keys.hmac, t, 1000)).toBeNull(); // expired
    const [body, mac] = t.split('.');
    const forged = Buffer.from(JSON.stringify({ ...claims, role: 'instructor' })).toString('base64url');
    expect(verifyToken(keys.hmac, `${forged}.${mac}`, 999)).toBeNull();
    expect(verifyToken(Buffer.alloc(32, 1), t, 999)).toBeNull();
    expect(verifyToken(keys.hmac, body, 999)).toBeNull();
  });

  it('signs a record over its canonical JSON, and any change breaks the signature', () => {
    const rec = { format: 'tanktwin.station-record/1', participant: { pid: 'p1', name: 'A' }, result: { score: 80 } };
    const signed = signRecord(keys, rec as unknown as StationRecord);
    expect(verifyRecord(signed, keys.publicKeyPem)).toBe(true);
    const reordered = Object.fromEntries(Object.entries(signed).reverse()) as unknown as StationRecord; // key order is not signed
    expect(verifyRecord(reordered, keys.publicKeyPem)).toBe(true);
    expect(verifyRecord({ ...signed, result: { score: 100 } } as unknown as StationRecord, keys.publicKeyPem)).toBe(
      false,
    );
    expect(canonicalJson({ b: 1, a: [1, { d: 2, c: 3 }] })).toBe('{"a":[1,{"c":3,"d":2}],"b":1}');
  });
});

describe('station flags', () => {
  const err = (argv: string[]) => {
    const r = parseStationArgs(argv);
    return r.ok ? '' : r.error;
  };
  it('names the flag at fault', () => {
    expect(err(['--port', 'abc'])).toMatch(/^--port/);
    expect(err(['--cert', 'x.pem'])).toMatch(/--cert and --key/);
    expect(err(['--host', '0.0.0.0'])).toMatch(/--host 0.0.0.0 without --cert/);
    expect(err(['--broker', 'http://x'])).toMatch(/^--broker must/);
    expect(err(['--broker', 'mqtt://127.0.0.1:1883'])).toMatch(/--broker-auth/);
    expect(err(['--broker-protocol', '5'])).toMatch(/--broker-protocol needs --broker/);
    expect(err(['--bogus'])).toMatch(/unknown option --bogus/);
    expect(err(['--self-signed', '--cert', 'a', '--key', 'b'])).toMatch(/exclude/);
  });
  it('defaults to plain HTTP on loopback and HTTPS on every address', () => {
    const plain = parseStationArgs([]);
    expect(plain.ok && plain.opts).toMatchObject({ host: '127.0.0.1', port: 8080 });
    const tls = parseStationArgs(['--self-signed']);
    expect(tls.ok && tls.opts).toMatchObject({ host: '0.0.0.0', port: 8443 });
  });
});
