import { afterEach, describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import { parseMapping } from '../../../src/scada/mapping';
import type { MqttAccess } from '../../../src/protocol/session';
import { estimateCatalogSchema } from '../../../src/protocol/live';
import { memoryLog } from '../../../src/bridge/log';
import { startStation, tempDir } from '../station/harness';
import { registers, startModbusServer } from '../bridge/helpers';
import { waitFor } from '../waitFor';

// The station with --live runs the twin service beside its bridge: its catalog on the station's broker for
// a live viewer, its routes under /api/twin, its figures in the live metrics.

const cleanup: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

describe('station --live with the twin service', () => {
  it('serves /api/twin, its metrics, and the retained estimate catalog to a live viewer', async () => {
    const regs = registers();
    regs.holding.set(0, 812);
    regs.holding.set(1, 1500);
    const plc = await startModbusServer(regs);
    cleanup.push(() => plc.close());
    const r = parseMapping({
      site: 'test',
      plant: 'p1',
      sources: [{ id: 'plc', kind: 'modbus', host: '127.0.0.1', port: plc.port, poll_ms: 50 }],
      tags: [
        {
          tag: 'TK-101.level',
          source: 'plc',
          address: { table: 'holding', address: 0 },
          unit: 'm',
          scale: { gain: 0.01, offset: 0 },
          range: [0, 20],
        },
        {
          tag: 'TK-101.temp',
          source: 'plc',
          address: { table: 'holding', address: 1 },
          unit: '°C',
          scale: { gain: 0.1, offset: 0 },
          range: [0, 300],
        },
      ],
    });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const tmp = tempDir('tanktwin-twin-station-');
    cleanup.push(() => tmp.remove());
    const st = await startStation(tmp.dir, { site: 'test', live: { mapping: r.value, log: memoryLog() } });
    cleanup.push(() => st.close({ save: false }));

    // one tank measured: one filter
    expect(st.live!.twin!.tanks).toEqual(['TK-101']);
    const get = async (path: string) => {
      const res = await fetch(`${st.url}${path}`);
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    expect(await get('/api/twin')).toEqual({ status: 200, body: { features: expect.arrayContaining(['estimates']) } });
    const all = await get('/api/twin/estimates');
    expect(all.status).toBe(200);
    expect(Object.keys(all.body.tanks as object)).toEqual(['TK-101']);
    expect((await get('/api/twin/estimates/TK-999')).status).toBe(404);
    expect(await get('/api/twin/nothing')).toEqual({ status: 404, body: { error: 'no twin feature "nothing"' } });
    const post = await fetch(`${st.url}/api/twin/estimates`, { method: 'POST', body: '{}' });
    expect(post.status).toBe(405);
    const metrics = await (await fetch(`${st.url}/api/live/metrics`)).text();
    expect(metrics).toMatch(/^tanktwin_twin_tanks 1$/m);
    expect(metrics).toMatch(/^tanktwin_twin_updates_total \d+$/m);

    // a live viewer reads the retained catalog
    const vj = (await (await fetch(`${st.url}/api/live/join`, { method: 'POST', body: '{}' })).json()) as {
      mqtt: MqttAccess;
    };
    const viewer = await mqtt.connectAsync(vj.mqtt.url, { ...vj.mqtt, reconnectPeriod: 0 });
    cleanup.push(() => viewer.endAsync(true));
    let catalog: unknown = null;
    viewer.on('message', (t, p) => {
      if (t.endsWith('/estimates')) catalog = JSON.parse(p.toString());
    });
    const granted = await viewer.subscribeAsync('tanktwin/test/live/p1/estimates');
    expect(granted[0].qos).toBe(0);
    await waitFor(() => catalog !== null, 'the retained catalog');
    expect(estimateCatalogSchema.parse(catalog)).toMatchObject({ cadence_s: 60, updated_ms: null });
  }, 60_000);
});
