import { afterEach, describe, expect, it } from 'vitest';
import { Bridge } from '../../../src/bridge/core';
import { connectBroker } from '../../../src/bridge/broker';
import { memoryLog } from '../../../src/bridge/log';
import type { RawReading, SourceAdapter, SourceEvents } from '../../../src/bridge/source';
import { parseMapping } from '../../../src/scada/mapping';
import { liveTopics } from '../../../src/protocol/live';
import { startBroker, Viewer } from './helpers';
import { waitFor } from '../waitFor';

// The core with a source the test drives by hand: deadband, batching, and readings no source should send.

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

const mapping = () => {
  const r = parseMapping({
    site: 'core',
    plant: 'p1',
    sources: [{ id: 'hand', kind: 'modbus', host: '127.0.0.1', port: 1 }],
    tags: [
      {
        tag: 'A.v',
        source: 'hand',
        address: { table: 'holding', address: 0 },
        unit: 'm',
        scale: { gain: 0.1, offset: 0 },
        range: [0, 20],
        deadband: 0.5,
        rate_ms: 60_000,
      },
      {
        tag: 'B.v',
        source: 'hand',
        address: { table: 'holding', address: 1 },
        unit: '',
        range: [0, 100],
        rate_ms: 60_000,
      },
    ],
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
};

async function rig(o: { subscribed?: boolean } = {}) {
  const evs = new Map<string, SourceEvents>();
  const m = mapping();
  if (o.subscribed) {
    // a source that reports only changes, as OPC UA and Sparkplug do
    m.sources.push({
      id: 'opc',
      kind: 'opcua',
      endpoint: 'opc.tcp://127.0.0.1:1',
      security: { mode: 'None' },
      sampling_ms: 500,
    });
    m.tags.push({ ...m.tags[1], tag: 'S.v', source: 'opc', address: { nodeId: 'ns=1;s=S' } });
  }
  const source = (cfg: (typeof m.sources)[number]): SourceAdapter => ({
    config: cfg,
    start: (e) => {
      evs.set(cfg.id, e);
      e.state('up');
    },
    write: async () => {},
    stop: async () => {},
  });
  const broker = await startBroker();
  cleanup.push(() => broker.close());
  const viewer = await Viewer.open(broker.url, liveTopics('core', 'p1').base);
  cleanup.push(() => viewer.close());
  const log = memoryLog();
  let t = 1_700_000_000_000;
  const bridge = await Bridge.start({
    mapping: m,
    mqtt: await connectBroker(broker.url),
    log,
    now: () => t,
    createSource: source,
  });
  cleanup.push(() => bridge.stop());
  const ev = (id: string) => evs.get(id)!;
  const send = (readings: RawReading[]) => {
    for (const x of readings) ev(x.tag === 'S.v' ? 'opc' : 'hand').data([x]);
  };
  const advance = (ms: number) => void (t += ms);
  const r = (tag: string, raw: number | null, status: RawReading['status'] = 'good'): RawReading => ({
    tag,
    raw,
    ts_ms: (t += 1000),
    status,
  });
  return { viewer, bridge, log, send, r, advance, ev };
}

describe('bridge core', () => {
  it('staleness: a polled tag without a reading is stale; a subscribed one only once its source is down', async () => {
    const { viewer, send, r, bridge, advance, ev } = await rig({ subscribed: true });
    send([r('A.v', 100), r('S.v', 5)]);
    await waitFor(() => viewer.sample('S.v')?.v === 5 && viewer.sample('A.v')?.v === 10, 'both values');
    advance(200_000); // 200 s of silence on the injected clock: past 3 × 60 s
    bridge.sweep();
    expect(bridge.snapshot().map((x) => [x.tag, x.q])).toEqual([
      ['A.v', 'stale'],
      ['B.v', 'stale'],
      ['S.v', 'good'], // the OPC UA source is up: it would have reported a change
    ]);
    ev('opc').state('down', 'connection lost');
    advance(200_000);
    bridge.sweep();
    expect(bridge.snapshot().find((x) => x.tag === 'S.v')).toMatchObject({
      q: 'stale',
      reason: 'no update for 200.0 s',
    });
  });

  it('holds back changes inside the deadband, never a change of quality', async () => {
    const { viewer, send, r } = await rig();
    send([r('A.v', 100)]); // 10.0 m
    await waitFor(() => viewer.sample('A.v')?.v === 10, 'the first value');
    send([r('A.v', 104)]); // 10.4 m: inside ±0.5
    send([r('B.v', 1)]);
    await waitFor(() => viewer.sample('B.v')?.v === 1, 'a later batch');
    expect(viewer.sample('A.v')!.v).toBe(10);
    send([r('A.v', 106)]); // 10.6 m: outside
    await waitFor(() => Math.abs((viewer.sample('A.v')?.v ?? 0) - 10.6) < 1e-9, 'the change past the deadband');
    send([r('A.v', 106, 'uncertain')]); // same value, the source now doubts it
    await waitFor(() => viewer.sample('A.v')?.q === 'uncertain', 'the quality change');
    const tagged = viewer.batches.flatMap((b) => b.samples.filter((s) => s.tag === 'A.v').map((s) => [s.v, s.q]));
    expect(tagged.map(([v, q]) => [+(v as number).toFixed(6), q])).toEqual([
      [10, 'good'],
      [10.6, 'good'],
      [10.6, 'uncertain'],
    ]);
  });

  it('batches many readings into few messages, seq without gaps', async () => {
    const { viewer, send, r, bridge } = await rig();
    for (let i = 0; i < 2000; i++) send([r('B.v', i / 20)]); // every value new
    await waitFor(() => bridge.metrics.samples >= 2000 && viewer.batches.length === bridge.metrics.batches, 'all');
    // 2,000 readings sent in one go: one batch (the window gathers what arrives until it closes)
    expect(viewer.batches.length).toBeLessThan(5);
    expect(viewer.batches.map((b) => b.seq)).toEqual(viewer.batches.map((_, i) => i));
  });

  it('a reading for no mapped tag, a non-number, a throwing callback: counted, logged, the bridge serves on', async () => {
    const { viewer, send, r, bridge, log, ev } = await rig();
    send([r('Nope.v', 1), { tag: 'B.v', raw: NaN, ts_ms: 1, status: 'good' }]);
    ev('hand').data(null as unknown as RawReading[]);
    await waitFor(() => viewer.sample('B.v')?.q === 'bad', 'B bad');
    expect(viewer.sample('B.v')!.reason).toBe('no number from the source');
    expect(bridge.metrics.malformed).toBe(2);
    expect(log.entries.filter((e) => e.msg === 'source callback failed')).toHaveLength(1);
    send([r('B.v', 42)]);
    await waitFor(() => viewer.sample('B.v')?.v === 42, 'B good again');
  });
});
