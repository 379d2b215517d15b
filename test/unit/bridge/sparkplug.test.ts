import mqtt from 'mqtt';
import { get } from 'sparkplug-payload';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSparkplugSource, type SparkplugAdapter } from '../../../src/bridge/sparkplug';
import type { RawReading, SourceState } from '../../../src/bridge/source';
import type { Mapping, SparkplugSource } from '../../../src/scada/mapping';
import type { VirtualPlant } from '../../../src/virtualPlant/plant';
import { startSparkplugPublisher, type SparkplugPublisher } from '../../../src/virtualPlant/sparkplug';
import { makePlant, startTcpBroker, T0_MS, virtualPlantMapping } from '../virtualPlant/harness';
import { waitFor } from '../waitFor';

// The Sparkplug B adapter against the virtual plant's edge node through a real broker (aedes over TCP on
// an ephemeral port). The plant is stepped by hand and its clock is fixed, so each DDATA is known.

const sp = get('spBv1.0')!;
let broker: { url: string; close(): Promise<void> };
let vp: VirtualPlant;
let pub: SparkplugPublisher;
let mapping: Mapping;
let adapter: SparkplugAdapter;
const latest = new Map<string, RawReading>();
const states: SourceState[] = [];
let t_ms = T0_MS;

/** Step the plant one second and wait until the adapter has TK-101.temp from that sample. */
async function nextSample(what: string): Promise<void> {
  t_ms += 1000;
  vp.step(1, t_ms);
  await waitFor(() => latest.get('TK-101.temp')?.ts_ms === t_ms, what);
}

beforeAll(async () => {
  broker = await startTcpBroker();
  vp = makePlant({ seed: 4 });
  pub = startSparkplugPublisher(vp, { broker: broker.url, now: () => t_ms });
  await pub.ready;
  // the same plant tags, carried as metrics of the edge node's device
  const base = virtualPlantMapping();
  const source: SparkplugSource = {
    id: 'edge',
    kind: 'sparkplug',
    broker: broker.url,
    groupId: pub.groupId,
    edgeNode: pub.edgeNode,
  };
  mapping = {
    ...base,
    sources: [source],
    tags: base.tags.map((t) => ({ ...t, source: 'edge', address: { device: pub.device, metric: t.tag } })),
  };
  adapter = createSparkplugSource(source, mapping, () => undefined, { backoff: () => 100, now: () => t_ms });
  adapter.start({ data: (rs) => rs.forEach((r) => latest.set(r.tag, r)), state: (s) => states.push(s) });
}, 60_000);

afterAll(async () => {
  await adapter?.stop();
  await pub?.stop();
  await broker?.close();
});

describe('Sparkplug B adapter against the virtual plant edge node', () => {
  it('asks for the births it missed and reads every metric from them, then DDATA by alias', async () => {
    await waitFor(() => latest.size === mapping.tags.length, 'every metric from the births');
    expect(states).toContain('up');
    expect(adapter.stats.births).toBeGreaterThanOrEqual(1);
    expect(pub.births).toBeGreaterThanOrEqual(2); // its own at connect, and the one the host asked for
    for (const t of mapping.tags) {
      expect(latest.get(t.tag)!.raw, t.tag).toBe(vp.value(t.tag).v);
      expect(latest.get(t.tag)!.status).toBe('good');
    }
    await nextSample('a DDATA');
    expect(latest.get('TK-101.temp')!.raw).toBe(vp.value('TK-101.temp').v);
    expect(adapter.stats.seqGaps).toBe(0);
  });

  it('a sequence gap asks for a rebirth, which the node answers; data flows on', async () => {
    const requests = adapter.stats.rebirthRequests;
    const births = pub.births;
    pub.skipSeq();
    t_ms += 1000;
    vp.step(1, t_ms);
    await waitFor(() => pub.births > births, 'the rebirth');
    expect(adapter.stats.seqGaps).toBe(1);
    expect(adapter.stats.rebirthRequests).toBe(requests + 1);
    // nothing from the gapped message was published as good data with its time
    await nextSample('data after the rebirth');
    expect(latest.get('TK-101.temp')!.raw).toBe(vp.value('TK-101.temp').v);
  });

  it('seq wraps from 255 to 0 without a gap or a rebirth', async () => {
    const [gaps, requests] = [adapter.stats.seqGaps, adapter.stats.rebirthRequests];
    // 300 DDATA: past 255 at least once, each sample waited for so none is lost in flight
    for (let i = 0; i < 300; i++) await nextSample(`sample ${i}`);
    expect(adapter.stats.seqGaps).toBe(gaps);
    expect(adapter.stats.rebirthRequests).toBe(requests);
  });

  it('1,000 broken payloads are counted and dropped; it keeps serving', async () => {
    const topic = `spBv1.0/${pub.groupId}/DDATA/${pub.edgeNode}/${pub.device}`;
    const junk = mqtt.connect(broker.url);
    await new Promise<void>((r) => junk.once('connect', () => r()));
    // wire type 7 does not exist: no protobuf reader accepts it
    for (let i = 0; i < 1000; i++) junk.publish(topic, Buffer.alloc(8 + (i % 13), 0xff));
    await junk.endAsync();
    await waitFor(() => adapter.stats.badPayloads === 1000, '1,000 counted');
    await nextSample('data after the junk');
    expect(latest.get('TK-101.temp')!.raw).toBe(vp.value('TK-101.temp').v);
  });

  it('a bad metric quality makes the tag bad; a write goes out as DCMD to the plant', async () => {
    vp.injectSensorFault('TK-105.level', { kind: 'bad' }, t_ms);
    await waitFor(() => latest.get('TK-105.level')!.status === 'bad', 'the bad quality');
    expect(latest.get('TK-105.level')).toMatchObject({ raw: null, status: 'bad', reason: 'Sparkplug quality 0' });
    vp.clearSensorFault('TK-105.level', t_ms);
    await waitFor(() => latest.get('TK-105.level')!.status === 'good', 'good again');
    await adapter.write(
      mapping.tags.find((t) => t.tag === 'TK-102.setpoint')!,
      166,
    );
    await waitFor(() => vp.sim.state.tanks[1].pid.setpoint_C === 166, 'the set point in the plant');
  });

  it('a message out of the node sequence (a stray publisher on its topic) asks for a rebirth, never read', async () => {
    const requests = adapter.stats.rebirthRequests;
    const c = mqtt.connect(broker.url);
    await new Promise<void>((r) => c.once('connect', () => r()));
    const births = pub.births;
    const stray_ms = t_ms + 123;
    const payload = sp.encodePayload({
      timestamp: stray_ms,
      seq: 0,
      metrics: [{ alias: 1, type: 'Double', value: 1 }],
    });
    c.publish(`spBv1.0/${pub.groupId}/DDATA/${pub.edgeNode}/${pub.device}`, Buffer.from(payload));
    await c.endAsync();
    await waitFor(() => adapter.stats.rebirthRequests > requests && pub.births > births, 'a rebirth');
    await nextSample('data after it');
    expect([...latest.values()].some((r) => r.ts_ms === stray_ms)).toBe(false);
  });

  it('a broken link: the will (NDEATH) makes every tag bad; the node reconnects and is born again', async () => {
    const births = pub.births;
    pub.dropLink();
    await waitFor(() => latest.get('TK-101.temp')!.status === 'bad', 'the will');
    expect(latest.get('TK-101.temp')!.reason).toBe('node offline');
    await waitFor(() => pub.births > births, 'the births after reconnecting');
    await waitFor(() => latest.get('TK-101.temp')!.status === 'good', 'good again');
    await nextSample('data after the reconnect');
  });

  it('the node dying makes every tag bad "node offline"', async () => {
    await pub.stop();
    await waitFor(() => latest.get('TK-101.temp')!.status === 'bad', 'the death');
    for (const t of mapping.tags) expect(latest.get(t.tag), t.tag).toMatchObject({ raw: null, reason: 'node offline' });
    // data before a new birth is not read: it asks for the birth
    const requests = adapter.stats.rebirthRequests;
    const c = mqtt.connect(broker.url);
    await new Promise<void>((r) => c.once('connect', () => r()));
    const payload = sp.encodePayload({ timestamp: t_ms, seq: 5, metrics: [{ alias: 1, type: 'Double', value: 42 }] });
    c.publish(`spBv1.0/${pub.groupId}/DDATA/${pub.edgeNode}/${pub.device}`, Buffer.from(payload));
    await c.endAsync();
    await waitFor(() => adapter.stats.rebirthRequests > requests, 'the rebirth request');
    expect(latest.get(mapping.tags[0].tag)!.raw).toBeNull();
  });
});

describe('Sparkplug B adapter and a broker that restarts', () => {
  it('goes down with the broker and comes back up, asking the node for its births again', async () => {
    let b = await startTcpBroker();
    const port = b.port;
    const plant = makePlant({ seed: 2 });
    let now = T0_MS;
    const p = startSparkplugPublisher(plant, { broker: b.url, edgeNode: 'restart', now: () => now });
    const src: SparkplugSource = {
      id: 'edge2',
      kind: 'sparkplug',
      broker: b.url,
      groupId: p.groupId,
      edgeNode: 'restart',
    };
    const m: Mapping = {
      ...mapping,
      sources: [src],
      tags: mapping.tags.map((t) => ({ ...t, source: 'edge2' })),
    };
    const got = new Map<string, RawReading>();
    const st: SourceState[] = [];
    const a = createSparkplugSource(src, m, () => undefined, { backoff: () => 100, now: () => now });
    a.start({ data: (rs) => rs.forEach((r) => got.set(r.tag, r)), state: (s) => st.push(s) });
    try {
      await waitFor(() => got.size === m.tags.length, 'the births');
      await b.close();
      await waitFor(() => st[st.length - 1] === 'down', 'down with the broker');
      b = await startTcpBroker(port);
      const ups = st.filter((s) => s === 'up').length;
      await waitFor(() => st.filter((s) => s === 'up').length > ups, 'up again');
      now += 1000;
      plant.step(1, now);
      await waitFor(() => got.get('TK-101.temp')?.ts_ms === now, 'data after the restart');
      expect(got.get('TK-101.temp')!.raw).toBe(plant.value('TK-101.temp').v);
    } finally {
      await a.stop();
      await p.stop();
      await b.close();
    }
  });
});
