import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpcuaSource } from '../../../src/bridge/opcua';
import type { RawReading, SourceState } from '../../../src/bridge/source';
import type { Mapping, OpcuaSource } from '../../../src/scada/mapping';
import { startOpcuaServer, type VirtualOpcuaServer } from '../../../src/virtualPlant/opcuaServer';
import type { VirtualPlant } from '../../../src/virtualPlant/plant';
import { makePlant, T0_MS, virtualPlantMapping } from '../virtualPlant/harness';
import { waitFor } from '../waitFor';

// The OPC UA adapter against the virtual plant's real OPC UA server on loopback (one server for the file:
// node-opcua takes seconds to start). The plant is stepped by hand, so every value and source timestamp
// the adapter reports is known exactly.

const USER = { username: 'operator', password: 'correct horse' };
let dir: string;
let vp: VirtualPlant;
let server: VirtualOpcuaServer;
let mapping: Mapping;
const startServer = (port: number) =>
  startOpcuaServer(vp, { port, dataDir: path.join(dir, 'server'), users: [USER], now: () => T0_MS });

/** An adapter with its readings (latest per tag) and its states, as the bridge core would hold them. */
function adapter(security: OpcuaSource['security'], m: Mapping = mapping) {
  const src = mapping.sources.find((s) => s.kind === 'opcua') as OpcuaSource;
  const cfg: OpcuaSource = { ...src, endpoint: server.endpointUrl, security };
  const latest = new Map<string, RawReading>();
  const seen: RawReading[] = [];
  const states: { state: SourceState; error?: string }[] = [];
  const logs: string[] = [];
  const a = createOpcuaSource(cfg, m, (level, msg) => logs.push(`${level} ${msg}`), {
    dataDir: path.join(dir, 'bridge'),
    backoff: () => 200,
    now: () => T0_MS,
  });
  a.start({
    data: (rs) => rs.forEach((r) => (latest.set(r.tag, r), seen.push(r))),
    state: (state, error) => states.push({ state, error }),
  });
  const last = () => states[states.length - 1]?.state;
  return { a, latest, seen, states, logs, last };
}

const opcTags = () => mapping.tags.filter((t) => t.source === 'scada');

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'tanktwin-opcua-'));
  mapping = virtualPlantMapping();
  vp = makePlant({ seed: 9 });
  vp.step(3, T0_MS + 3000);
  server = await startServer(0);
}, 120_000);

afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('OPC UA adapter against the virtual plant', () => {
  it('security None, anonymous: every mapped tag with its value and source timestamp', async () => {
    const s = adapter({ mode: 'None' });
    try {
      await waitFor(() => s.latest.size === opcTags().length, 'all OPC UA tags');
      expect(s.last()).toBe('up');
      for (const t of opcTags()) {
        const r = s.latest.get(t.tag)!;
        expect(r.status, t.tag).toBe('good');
        expect(r.raw, t.tag).toBe(vp.value(t.tag).v);
        expect(r.ts_ms, t.tag).toBe(T0_MS + 3000);
      }
      // a new sample arrives through the subscription with its own source time
      vp.step(1, T0_MS + 4000);
      await waitFor(() => s.latest.get('H-201.supply_temp')!.ts_ms === T0_MS + 4000, 'the next sample');
      expect(s.latest.get('H-201.supply_temp')!.raw).toBe(vp.value('H-201.supply_temp').v);
    } finally {
      await s.a.stop();
    }
  });

  it('SignAndEncrypt Basic256Sha256 with user and password; a wrong password stays down', async () => {
    const s = adapter({ mode: 'SignAndEncrypt', policy: 'Basic256Sha256', user: USER });
    const wrong = adapter({
      mode: 'SignAndEncrypt',
      policy: 'Basic256Sha256',
      user: { username: USER.username, password: 'wrong' },
    });
    try {
      await waitFor(() => s.latest.size === opcTags().length, 'all tags over SignAndEncrypt');
      expect(s.latest.get('TK-101.temp_hh')!.raw).toBe(vp.value('TK-101.temp_hh').v);
      await waitFor(() => wrong.states.some((x) => x.state === 'down'), 'the refused login');
      expect(wrong.states.map((x) => x.state)).not.toContain('up');
      expect(wrong.latest.size).toBe(0);
      expect(wrong.states.find((x) => x.state === 'down')!.error).toMatch(/user|identity|Bad/i);
    } finally {
      await Promise.all([s.a.stop(), wrong.a.stop()]);
    }
  });

  it('SignAndEncrypt with an X.509 user certificate as the identity', async () => {
    const pems = await generate([{ name: 'commonName', value: 'bridge-user' }], {
      keySize: 2048,
      algorithm: 'sha256',
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, keyEncipherment: true },
      ],
    });
    const certFile = path.join(dir, 'user-cert.pem');
    const keyFile = path.join(dir, 'user-key.pem');
    writeFileSync(certFile, pems.cert);
    writeFileSync(keyFile, pems.private);
    const s = adapter({ mode: 'SignAndEncrypt', policy: 'Basic256Sha256', userCertificate: { certFile, keyFile } });
    try {
      await waitFor(() => s.latest.size === opcTags().length || s.states.some((x) => x.state === 'down'), 'up or down');
      expect(s.states.find((x) => x.state === 'down')?.error).toBeUndefined();
      expect(s.latest.get('H-201.flow')!.raw).toBe(vp.value('H-201.flow').v);
    } finally {
      await s.a.stop();
    }
  });

  it('a Bad status gives a bad reading with the status name; a write reaches the plant', async () => {
    const s = adapter({ mode: 'None' });
    try {
      await waitFor(() => s.last() === 'up' && s.latest.has('TK-104.temp_hh'), 'up');
      vp.injectSensorFault('TK-104.temp_hh', { kind: 'bad' }, T0_MS + 5000);
      await waitFor(() => s.latest.get('TK-104.temp_hh')!.status === 'bad', 'the bad status');
      expect(s.latest.get('TK-104.temp_hh')).toEqual({
        tag: 'TK-104.temp_hh',
        raw: null,
        ts_ms: T0_MS + 5000,
        status: 'bad',
        reason: 'BadSensorFailure',
      });
      vp.injectSensorFault('TK-104.temp_hh', { kind: 'bad', reason: 'BadCommunicationError' }, T0_MS + 6000);
      await waitFor(() => s.latest.get('TK-104.temp_hh')!.reason === 'BadCommunicationError', 'the other code');
      vp.clearSensorFault('TK-104.temp_hh', T0_MS + 7000);
      await waitFor(() => s.latest.get('TK-104.temp_hh')!.status === 'good', 'good again');

      const sp = mapping.tags.find((t) => t.tag === 'H-201.setpoint')!;
      await s.a.write(sp, 242);
      expect(vp.sim.state.hotOil.setpoint_C).toBe(242);
      await expect(s.a.write(sp, 400)).rejects.toThrow(/Bad/); // above the heater's trip: the plant refuses
      const ro = mapping.tags.find((t) => t.tag === 'TK-101.level')!;
      await expect(s.a.write(ro, 1)).rejects.toThrow(/not a tag of OPC UA source/);
    } finally {
      await s.a.stop();
    }
  });

  it('the server filters changes inside a tag’s deadband (absolute, in raw units)', async () => {
    // two safety TTs sampled every 100 ms: TK-105's with a 5 K deadband, TK-106's with none (the clock)
    const m = structuredClone(mapping);
    for (const t of m.tags)
      if (t.tag === 'TK-105.temp_hh' || t.tag === 'TK-106.temp_hh') Object.assign(t, { rate_ms: 100 });
    m.tags.find((t) => t.tag === 'TK-105.temp_hh')!.deadband = 5;
    m.tags.find((t) => t.tag === 'TK-106.temp_hh')!.deadband = 0;
    const set = (tag: string, value: number) => vp.injectSensorFault(tag, { kind: 'outOfRange', value }, T0_MS);
    const s = adapter({ mode: 'None' }, m);
    const values = (tag: string) => s.seen.filter((r) => r.tag === tag).map((r) => r.raw);
    /** Two samples of the clock tag later, the deadband tag has surely been sampled since the last set. */
    const twoSamples = async (mark: number) => {
      set('TK-106.temp_hh', mark);
      await waitFor(() => s.latest.get('TK-106.temp_hh')?.raw === mark, `clock ${mark}`);
      set('TK-106.temp_hh', mark + 1);
      await waitFor(() => s.latest.get('TK-106.temp_hh')?.raw === mark + 1, `clock ${mark + 1}`);
    };
    try {
      set('TK-105.temp_hh', 100);
      await waitFor(() => s.latest.get('TK-105.temp_hh')?.raw === 100, 'the first value');
      set('TK-105.temp_hh', 103); // inside the deadband: filtered
      await twoSamples(10);
      set('TK-105.temp_hh', 106); // 6 K from the last reported 100: passes
      await waitFor(() => s.latest.get('TK-105.temp_hh')?.raw === 106, 'the change past the deadband');
      expect(values('TK-105.temp_hh').slice(-2)).toEqual([100, 106]);
      expect(values('TK-105.temp_hh')).not.toContain(103);
    } finally {
      vp.clearSensorFault(undefined, T0_MS + 3000);
      await s.a.stop();
    }
  });

  it('a stopped server takes it down; the restarted server brings it back up with fresh values', async () => {
    const s = adapter({ mode: 'None' });
    try {
      await waitFor(() => s.last() === 'up' && s.latest.size === opcTags().length, 'up');
      const port = server.port;
      await server.stop();
      await waitFor(() => s.last() === 'down' || s.last() === 'connecting', 'down after the stop');
      expect(s.states.some((x) => x.state === 'down')).toBe(true);
      vp.step(1, T0_MS + 8000);
      const ups = s.states.filter((x) => x.state === 'up').length;
      server = await startServer(port);
      await waitFor(() => s.states.filter((x) => x.state === 'up').length > ups, 'up again');
      await waitFor(() => s.latest.get('H-201.supply_temp')!.ts_ms === T0_MS + 8000, 'values after the restart');
    } finally {
      await s.a.stop();
    }
  });
});
