import { createServer, type Server } from 'node:http';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bridge } from '../../../src/bridge/core';
import { connectBroker } from '../../../src/bridge/broker';
import { createSource, type SourceFactory } from '../../../src/bridge/sources';
import { memoryLog } from '../../../src/bridge/log';
import { Historian } from '../../../src/historian/historian';
import {
  advisoryListSchema,
  estimateCatalogSchema,
  liveTopics,
  type AdvisoryList,
  type EstimateCatalog,
  type TagBatch,
} from '../../../src/protocol/live';
import type { Mapping } from '../../../src/scada/mapping';
import { defaultPlant } from '../../../src/sim/plant/default';
import { MqttBus } from '../../../src/station/bus';
import { freePort } from '../../../src/station/mosquitto';
import { serveTwin } from '../../../src/twinService/router';
import { twinRoutes } from '../../../src/twinService/routes';
import type { TwinService } from '../../../src/twinService/service';
import { startTwinService } from '../../../src/twinService/start';
import { startModbusServer, type VirtualModbusServer } from '../../../src/virtualPlant/modbusServer';
import type { VirtualPlant } from '../../../src/virtualPlant/plant';
import { makePlant, T0_MS, virtualPlantMapping } from '../virtualPlant/harness';
import { connect, startBroker } from '../bridge/helpers';
import { tempDir } from '../station/harness';
import { waitFor } from '../waitFor';

// The twin service on the live stream end to end, in process and on loopback: the virtual plant's PLC (every
// mapped tag served over Modbus TCP, so one poll reads the whole plant on the test's clock), the bridge, an
// aedes broker, the historian on it, and the service on the station's kind of bus. Source time is the test's
// clock, stepped 30 s at a time: the filters step every whole minute of it, not of the wall clock.

const STEP_MS = 30_000;
let vp: VirtualPlant;
let plc: VirtualModbusServer;
let broker: Awaited<ReturnType<typeof startBroker>>;
let viewer: Watch;
let bridge: Bridge;
let bus: MqttBus;
let historian: Historian;
let twin: TwinService;
let http: Server;
let mapping: Mapping;
let clock = T0_MS;
const tmp = tempDir('tanktwin-twin-');
const log = memoryLog();

/** The shipped mapping with every tag on one Modbus PLC as a float32 holding register, never stale between steps. */
function allModbus(port: number): Mapping {
  const full = virtualPlantMapping();
  return {
    ...full,
    sources: [{ id: 'plc', kind: 'modbus', host: '127.0.0.1', port, unitId: 1, poll_ms: 50, timeout_ms: 1000 }],
    tags: full.tags.map((t, i) => ({
      ...t,
      source: 'plc',
      address: { table: 'holding', address: 2 * i, type: 'float32', wordOrder: 'big' },
      scale: undefined,
      convert: undefined,
      rate_ms: 3_600_000,
      maxRate_per_s: undefined,
      flatline_s: undefined,
    })),
    crossChecks: [],
  };
}

/** What a page would see of the live topics: every tag batch and the retained topics (anything not JSON skipped). */
class Watch {
  readonly batches: TagBatch[] = [];
  readonly retained = new Map<string, unknown>();
  private constructor(readonly client: MqttClient) {}
  static async open(url: string, base: string): Promise<Watch> {
    const w = new Watch(await connect(url));
    w.client.on('message', (topic, payload) => {
      let body: unknown;
      try {
        body = JSON.parse(payload.toString());
      } catch {
        return;
      }
      const leaf = topic.slice(base.length + 1);
      if (leaf === 'tags') w.batches.push(body as TagBatch);
      else w.retained.set(leaf, body);
    });
    await w.client.subscribeAsync([`${base}/tags`, `${base}/estimates`, `${base}/advisories`]);
    return w;
  }
  close(): Promise<void> {
    return this.client.endAsync();
  }
}

/**
 * Modbus carries no time, so the bridge stamps a reading with its receive time; here the readings carry the
 * test's clock instead, as an OPC UA server's source timestamps carry the plant's.
 */
const onTestClock: SourceFactory = (cfg, m, l) => {
  const a = createSource(cfg, m, l);
  return {
    config: a.config,
    write: (t, raw) => a.write(t, raw),
    stop: () => a.stop(),
    start: (ev) => a.start({ state: ev.state, data: (rs) => ev.data(rs.map((r) => ({ ...r, ts_ms: clock }))) }),
  };
};

/** Advance the plant and the clock one step, and wait until the bridge has published a sample of the new time. */
async function step(): Promise<void> {
  clock += STEP_MS;
  vp.step(STEP_MS / 1000 / vp.sim.dt_s, clock);
  const t = clock;
  await waitFor(() => viewer.batches.some((b) => !b.from && b.samples.some((s) => s.ts_ms === t)), `samples at ${t}`);
}

const twinBatches = (): TagBatch[] => viewer.batches.filter((b) => b.from === 'twin');

beforeAll(async () => {
  const port = await freePort();
  mapping = allModbus(port);
  vp = makePlant({ seed: 11, mapping });
  vp.step(5, clock);
  plc = await startModbusServer(vp, { port, now: () => clock });
  broker = await startBroker();
  const topics = liveTopics(mapping.site, mapping.plant);
  viewer = await Watch.open(broker.url, topics.base);
  bus = await MqttBus.connect(broker.url, { protocolVersion: 4 });
  historian = await Historian.open({ url: 'sqlite', dataDir: tmp.dir, now: () => clock, prune_ms: 0 });
  await historian.attach(bus, mapping.site);
  twin = await startTwinService(bus, { mapping, plant: defaultPlant(), log, now: () => clock });
  const mqtt = await connectBroker(broker.url);
  bridge = await Bridge.start({ mapping, mqtt, log, now: () => clock, createSource: onTestClock });
  http = createServer((req, res) => {
    void serveTwin(req, res, twinRoutes, () => ({
      twin,
      plant: defaultPlant(),
      mapping,
      plantId: mapping.plant,
      history: (q) => historian.query(q),
      now_ms: () => twin.source_ms,
    })).then((done) => {
      if (!done) res.writeHead(404).end();
    });
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
}, 60_000);

afterAll(async () => {
  await bridge?.stop();
  await viewer?.close();
  await bus?.close();
  await historian?.close();
  await broker?.close();
  await plc?.stop();
  await new Promise((r) => http?.close(r));
  tmp.remove();
});

describe('twin service on the live stream', () => {
  it('publishes every tank’s estimates with their sd on whole minutes of source time, and the historian stores them', async () => {
    // the catalog is retained at start, before any estimate
    await waitFor(() => viewer.retained.has('estimates'), 'the retained catalog');
    while (twinBatches().filter((b) => b.samples.length > 0).length < 3) await step();
    const last = twinBatches().at(-1)!;
    const tanks = defaultPlant().tanks.map((t) => t.tag);
    expect(twin.tanks).toEqual(tanks);
    for (const tank of tanks)
      for (const name of ['fouling', 'wall_loss', 'level_bias', 'temp_mean', 'mass']) {
        const v = last.samples.find((s) => s.tag === `${tank}.est.${name}`);
        const sd = last.samples.find((s) => s.tag === `${tank}.est.${name}_sd`);
        expect(v?.q, `${tank} ${name}`).toBe('good');
        expect(Number.isFinite(v!.v) && sd!.v! > 0, `${tank} ${name}`).toBe(true);
      }
    // stamped with the step's source time: a whole minute of the plant's clock, never the wall clock
    expect(last.samples.every((s) => s.ts_ms % 60_000 === 0 && s.ts_ms <= clock && s.ts_ms > clock - 60_000)).toBe(
      true,
    );
    // the model's mean temperature sits with the measured one (the feed reads the right tags)
    const est = last.samples.find((s) => s.tag === 'TK-101.est.temp_mean')!.v!;
    expect(Math.abs(est - vp.value('TK-101.temp').v!)).toBeLessThan(3);

    const cat: EstimateCatalog = estimateCatalogSchema.parse(viewer.retained.get('estimates'));
    expect(cat.updated_ms).toBe(last.samples[0].ts_ms);
    expect(cat.tags.find((t) => t.tag === 'TK-101.est.fouling')).toMatchObject({ unit: 'm²K/W', equipment: 'TK-101' });
    expect(cat.latest.length).toBe(last.samples.length);
    // the anomaly detection ran on the same step: its (retained) list of active advisories, none on a clean plant
    await waitFor(
      () => (viewer.retained.get('advisories') as AdvisoryList | undefined)?.updated_ms === cat.updated_ms,
      'advisories',
    );
    expect(advisoryListSchema.parse(viewer.retained.get('advisories')).active).toEqual([]);

    const ts = last.samples[0].ts_ms;
    await waitFor(() => historian.ingest.drained && historian.ingest.stats.samples > 0, 'the historian drained');
    const r = await historian.query({
      plant: mapping.plant,
      tags: ['TK-101.est.fouling', 'TK-101.est.fouling_sd'],
      from_ms: ts - 300_000,
      to_ms: ts + 1,
      tier: 'raw',
    });
    expect(r.series['TK-101.est.fouling'].at(-1)).toMatchObject({ ts_ms: ts, q: 'good' });
    expect(r.series['TK-101.est.fouling_sd'].at(-1)!.v).toBe(
      last.samples.find((s) => s.tag === 'TK-101.est.fouling_sd')!.v,
    );
    expect(r.series['TK-101.est.fouling'].length).toBeGreaterThanOrEqual(2);

    // the estimates route answers the same values
    const res = await fetch(`http://127.0.0.1:${(http.address() as { port: number }).port}/api/twin/estimates/TK-101`);
    const body = (await res.json()) as { updated_ms: number; estimates: { name: string; value: number; sd: number }[] };
    expect(body.updated_ms).toBe(ts);
    expect(body.estimates.find((e) => e.name === 'fouling')!.value).toBe(
      last.samples.find((s) => s.tag === 'TK-101.est.fouling')!.v,
    );
  }, 120_000);

  it('bad samples, a failed transmitter and malformed messages do not stop it', async () => {
    const before = twin.stats.updates;
    const topics = liveTopics(mapping.site, mapping.plant);
    await viewer.client.publishAsync(topics.tags, 'not json');
    await viewer.client.publishAsync(
      topics.tags,
      JSON.stringify({ sent_ms: 0, seq: 1, samples: [{ tag: 'TK-101.temp' }] }),
    );
    await viewer.client.publishAsync(
      topics.tags,
      JSON.stringify({
        sent_ms: 0,
        seq: 2,
        samples: [
          { tag: 'TK-101.level', v: 1e308, q: 'good', ts_ms: clock },
          { tag: 'TK-101.temp', v: null, q: 'good', ts_ms: clock },
          { tag: 'NOPE.x', v: 1, q: 'good', ts_ms: clock },
        ],
      }),
    );
    vp.injectSensorFault('TK-101.temp', { kind: 'bad' }, clock);
    vp.injectSensorFault('H-201.supply_temp', { kind: 'outOfRange', value: 900 }, clock);
    await waitFor(() => twin.stats.rejected >= 2, 'the malformed messages counted');
    while (twin.stats.updates < before + 3) await step();
    // the failed transmitter is no measurement for the filter; its neighbours still are
    const used = twin
      .filter('TK-101')!
      .innovations()
      .map((i) => i.tag);
    expect(used).not.toContain('TK-101.temp');
    expect(used).toContain('TK-101.temp_bottom');
    vp.clearSensorFault(undefined, clock);
    while (twin.stats.updates < before + 5) await step();
    const last = twinBatches().at(-1)!;
    expect(last.samples.find((s) => s.tag === 'TK-102.est.fouling')?.q).toBe('good');
    expect(last.samples.find((s) => s.tag === 'TK-101.est.fouling')?.q).toBe('good');
    expect(last.samples.filter((s) => s.v !== null).every((s) => Number.isFinite(s.v))).toBe(true);
    expect(twin.stats.rejected).toBe(2);
    expect(twin.stats.failures).toBe(0);
  }, 120_000);
});
