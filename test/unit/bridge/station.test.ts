import { afterEach, describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import { mosquittoAcl, topicAllowed } from '../../../src/station/acl';
import { parseStationArgs } from '../../../src/station/options';
import { parseMapping, type Mapping } from '../../../src/scada/mapping';
import type { MqttAccess } from '../../../src/protocol/session';
import type { TagBatch } from '../../../src/protocol/live';
import { memoryLog } from '../../../src/bridge/log';
import { startStation, tempDir, ROOT } from '../station/harness';
import { registers, startModbusServer } from './helpers';
import { waitFor } from '../waitFor';
import { haveMosquitto, startMosquitto } from '../../../src/station/mosquitto';

const cleanup: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

const site = 'test';
const base = `tanktwin/${site}/live/p1`;

describe('live topics ACL', () => {
  const bridge = { kind: 'bridge' } as const;
  const viewer = { kind: 'liveViewer', engineer: false } as const;
  const engineer = { kind: 'liveViewer', engineer: true } as const;
  const trainee = { kind: 'participant', sid: 's1', pid: 'p1', role: 'trainee' } as const;
  const ok = (who: Parameters<typeof topicAllowed>[0], op: 'publish' | 'subscribe', t: string) =>
    topicAllowed(who, op, t, site);

  it('the bridge publishes under live/ and reads only write requests', () => {
    for (const leaf of ['tags', 'snapshot', 'health', 'event', 'mapping', 'writeReply/r1'])
      expect(ok(bridge, 'publish', `${base}/${leaf}`), leaf).toBe(true);
    expect(ok(bridge, 'subscribe', `tanktwin/${site}/live/+/write`)).toBe(true);
    expect(ok(bridge, 'subscribe', `${base}/tags`)).toBe(false);
    expect(ok(bridge, 'publish', `tanktwin/${site}/session/s1/state`)).toBe(false);
    expect(ok(bridge, 'publish', `tanktwin/other/live/p1/tags`)).toBe(false);
  });

  it('a viewer reads the live topics only; an engineer also writes requests and reads replies', () => {
    for (const leaf of ['tags', 'snapshot', 'health', 'event', 'mapping']) {
      expect(ok(viewer, 'subscribe', `${base}/${leaf}`), leaf).toBe(true);
      expect(ok(viewer, 'subscribe', `tanktwin/${site}/live/+/${leaf}`), leaf).toBe(true);
      expect(ok(viewer, 'publish', `${base}/${leaf}`), leaf).toBe(false);
    }
    expect(ok(viewer, 'subscribe', `${base}/#`)).toBe(false);
    expect(ok(viewer, 'subscribe', `${base}/write`)).toBe(false);
    expect(ok(viewer, 'publish', `${base}/write`)).toBe(false);
    expect(ok(viewer, 'subscribe', `${base}/writeReply/+`)).toBe(false);
    expect(ok(viewer, 'subscribe', `tanktwin/${site}/session/+/info`)).toBe(false);
    expect(ok(engineer, 'publish', `${base}/write`)).toBe(true);
    expect(ok(engineer, 'subscribe', `${base}/writeReply/+`)).toBe(true);
    expect(ok(engineer, 'publish', `${base}/tags`)).toBe(false);
    expect(ok(trainee, 'subscribe', `${base}/tags`)).toBe(false);
  });

  it('the Mosquitto ACL has the bridge, viewer and engineer accounts', () => {
    const acl = mosquittoAcl(site);
    expect(acl).toContain(
      `user tanktwin-bridge\ntopic write tanktwin/${site}/live/#\ntopic read tanktwin/${site}/live/+/write\n`,
    );
    expect(acl).toContain(`user tanktwin-liveViewer\ntopic read tanktwin/${site}/live/+/tags\n`);
    expect(acl).toContain(
      `topic write tanktwin/${site}/live/+/write\ntopic read tanktwin/${site}/live/+/writeReply/+\n`,
    );
  });
});

describe('station --live', () => {
  it('flags: the site comes from the mapping; write flags need --live', () => {
    const p = parseStationArgs(['--live', `${ROOT}/models/scada/virtual-plant.json`]);
    expect(p.ok && [p.opts.site, p.opts.live?.mapping.plant, p.opts.live?.allowWrite]).toEqual([
      'demo',
      'virtual-plant',
      false,
    ]);
    const q = parseStationArgs(['--live', `${ROOT}/models/scada/virtual-plant.json`, '--site', 'other']);
    expect(!q.ok && q.error).toBe('--live: the mapping\'s site "demo" is not --site "other"');
    const r = parseStationArgs(['--live-allow-write']);
    expect(!r.ok && r.error).toBe('--live-allow-write needs --live');
    const s = parseStationArgs(['--live', '/nonexistent.json']);
    expect(!s.ok && s.error).toBe('--live: no file /nonexistent.json');
  });

  it('runs the bridge on its broker; a viewer joins read-only, the engineer code gives write access', async () => {
    const regs = registers();
    regs.holding.set(0, 1234);
    regs.holding.set(1, 600);
    const plc = await startModbusServer(regs);
    cleanup.push(() => plc.close());
    const r = parseMapping({
      site,
      plant: 'p1',
      sources: [{ id: 'plc', kind: 'modbus', host: '127.0.0.1', port: plc.port, poll_ms: 50 }],
      tags: [
        {
          tag: 'TK1.level',
          source: 'plc',
          address: { table: 'holding', address: 0 },
          unit: 'm',
          scale: { gain: 0.01, offset: 0 },
          range: [0, 20],
        },
        {
          tag: 'TK1.setpoint',
          source: 'plc',
          address: { table: 'holding', address: 1 },
          unit: '°C',
          scale: { gain: 0.25, offset: 0 },
          range: [0, 250],
          writable: true,
        },
      ],
    });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const mapping: Mapping = r.value;
    const tmp = tempDir('tanktwin-live-');
    cleanup.push(() => tmp.remove());
    const log = memoryLog();
    const st = await startStation(tmp.dir, {
      site,
      live: { mapping, allowWrite: true, engineerCode: 'ENGINE42', log },
    });
    cleanup.push(() => st.close({ save: false }));

    const join = (body: object) => fetch(`${st.url}/api/live/join`, { method: 'POST', body: JSON.stringify(body) });
    expect((await join({ code: 'WRONG1' })).status).toBe(403);
    // a page served from another origin (?live=URL) may ask: a preflight, then the answer carries the header
    const pre = await fetch(`${st.url}/api/live/join`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:4173', 'Access-Control-Request-Method': 'POST' },
    });
    expect([pre.status, pre.headers.get('access-control-allow-origin')]).toEqual([204, '*']);
    expect((await join({})).headers.get('access-control-allow-origin')).toBe('*');
    expect((await fetch(`${st.url}/api/station`)).headers.get('access-control-allow-origin')).toBeNull();
    const vj = (await (await join({})).json()) as { site: string; plant: string; mqtt: MqttAccess; historyUrl: string };
    expect([vj.site, vj.plant, vj.historyUrl, vj.mqtt.url]).toEqual([
      site,
      'p1',
      '/api/history',
      `${st.url.replace('http', 'ws')}/mqtt`,
    ]);

    // a viewer: sees the values, may not subscribe to write requests nor publish one
    const viewer = await mqtt.connectAsync(vj.mqtt.url, { ...vj.mqtt, reconnectPeriod: 0 });
    cleanup.push(() => viewer.endAsync(true));
    const latest = new Map<string, number | null>();
    viewer.on('message', (t, p) => {
      if (t.endsWith('/tags') || t.endsWith('/snapshot'))
        for (const s of (JSON.parse(p.toString()) as TagBatch).samples) latest.set(s.tag, s.v);
    });
    const granted = await viewer.subscribeAsync([`${base}/tags`, `${base}/snapshot`]);
    expect(granted.map((g) => g.qos)).toEqual([0, 0]);
    await expect(viewer.subscribeAsync(`${base}/write`)).rejects.toThrow(/Subscribe error/); // SUBACK 0x80
    await waitFor(() => latest.get('TK1.level') === 12.34, 'the level at the viewer');
    const closed = new Promise<void>((res) => viewer.once('close', () => res()));
    viewer.publish(`${base}/write`, JSON.stringify({ requestId: 'v1', tag: 'TK1.setpoint', value: 100, by: 'viewer' }));
    await closed; // MQTT 3.1.1: a refused publish closes the connection
    expect(regs.holding.get(1)).toBe(600);

    // the engineer: writes an allow-listed tag and reads the reply
    const ej = (await (await join({ code: 'engine42' })).json()) as { mqtt: MqttAccess };
    const eng = await mqtt.connectAsync(ej.mqtt.url, { ...ej.mqtt, reconnectPeriod: 0 });
    cleanup.push(() => eng.endAsync(true));
    const replies = new Map<string, { ok: boolean }>();
    eng.on('message', (t, p) => replies.set(t.split('/').pop()!, JSON.parse(p.toString()) as { ok: boolean }));
    expect((await eng.subscribeAsync(`${base}/writeReply/+`))[0].qos).toBe(0);
    await eng.publishAsync(
      `${base}/write`,
      JSON.stringify({ requestId: 'e1', tag: 'TK1.setpoint', value: 170, by: 'eng' }),
    );
    await waitFor(() => replies.has('e1'), 'the write reply');
    expect(replies.get('e1')).toEqual({ requestId: 'e1', ok: true });
    expect(regs.holding.get(1)).toBe(680);
    expect(log.entries.filter((e) => e.msg.startsWith('write ')).map((e) => [e.msg, e.by])).toEqual([
      ['write allowed', 'eng'],
    ]);
    expect(st.live!.running!.health().sources[0].state).toBe('up');
    const hz = await fetch(`${st.url}/api/live/healthz`);
    expect(hz.status).toBe(200);
    const metrics = await (await fetch(`${st.url}/api/live/metrics`)).text();
    expect(metrics).toContain('tanktwin_bridge_source_up{source="plc",kind="modbus"} 1\n');
    expect(metrics).toContain('tanktwin_bridge_write_requests_total{outcome="allowed"} 1\n');
    expect(metrics).toMatch(/\ntanktwin_historian_lag_seconds \d/);
  });

  it.skipIf(!haveMosquitto())('on an external Mosquitto: the bridge and viewer accounts of its ACL', async () => {
    const regs = registers();
    regs.holding.set(0, 321);
    const plc = await startModbusServer(regs);
    cleanup.push(() => plc.close());
    const tmp = tempDir('tanktwin-live-mosq-');
    cleanup.push(() => tmp.remove());
    const mosq = await startMosquitto(tmp.dir, site);
    cleanup.push(() => mosq.stop());
    const r = parseMapping({
      site,
      plant: 'p1',
      sources: [{ id: 'plc', kind: 'modbus', host: '127.0.0.1', port: plc.port, poll_ms: 50 }],
      tags: [{ tag: 'X.v', source: 'plc', address: { table: 'holding', address: 0 }, unit: '', range: [0, 1000] }],
    });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const st = await startStation(tmp.dir, {
      site,
      broker: { url: mosq.url, protocolVersion: 5, accounts: mosq.accounts },
      live: { mapping: r.value, log: memoryLog(), engineerCode: 'ENGINE42' },
    });
    cleanup.push(() => st.close({ save: false }));
    const j = (await (await fetch(`${st.url}/api/live/join`, { method: 'POST', body: '{}' })).json()) as {
      mqtt: MqttAccess;
    };
    expect(j.mqtt.username).toBe(mosq.accounts.liveViewer.username);
    const viewer = await mqtt.connectAsync(j.mqtt.url, { ...j.mqtt, reconnectPeriod: 0 });
    cleanup.push(() => viewer.endAsync(true));
    let v: number | null = null;
    viewer.on('message', (_t, p) => {
      for (const x of (JSON.parse(p.toString()) as TagBatch).samples) if (x.tag === 'X.v') v = x.v;
    });
    await viewer.subscribeAsync([`${base}/tags`, `${base}/snapshot`]);
    await waitFor(() => v === 321, 'the value through mosquitto');
    // the viewer account may not write: mosquitto drops its request; the engineer's, sent after it, arrives
    // (and is refused by the read-only bridge), so the bridge saw exactly one
    await viewer.publishAsync(`${base}/write`, JSON.stringify({ requestId: 'v1', tag: 'X.v', value: 1, by: 'v' }));
    const e = (await (
      await fetch(`${st.url}/api/live/join`, { method: 'POST', body: '{"code":"ENGINE42"}' })
    ).json()) as {
      mqtt: MqttAccess;
    };
    expect(e.mqtt.username).toBe(mosq.accounts.engineer.username);
    const eng = await mqtt.connectAsync(e.mqtt.url, { ...e.mqtt, reconnectPeriod: 0 });
    cleanup.push(() => eng.endAsync(true));
    await eng.publishAsync(`${base}/write`, JSON.stringify({ requestId: 'e1', tag: 'X.v', value: 1, by: 'e' }));
    const w = st.live!.running!.metrics.writes;
    await waitFor(() => w.refused === 1, "the engineer's request");
    expect(w).toEqual({ allowed: 0, refused: 1, failed: 0 });
  });

  it('without --live the join says so', async () => {
    const tmp = tempDir('tanktwin-nolive-');
    cleanup.push(() => tmp.remove());
    const st = await startStation(tmp.dir);
    cleanup.push(() => st.close({ save: false }));
    const res = await fetch(`${st.url}/api/live/join`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(404);
    expect((await fetch(`${st.url}/api/live/metrics`)).status).toBe(404);
  });
});
