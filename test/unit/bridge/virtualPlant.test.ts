import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bridge } from '../../../src/bridge/core';
import { connectBroker } from '../../../src/bridge/broker';
import { memoryLog } from '../../../src/bridge/log';
import { liveTopics } from '../../../src/protocol/live';
import type { Mapping, ModbusAddress, TagMapping } from '../../../src/scada/mapping';
import { toEngineering } from '../../../src/scada/scaling';
import { freePort } from '../../../src/station/mosquitto';
import { startModbusServer, type VirtualModbusServer } from '../../../src/virtualPlant/modbusServer';
import type { VirtualPlant } from '../../../src/virtualPlant/plant';
import { makePlant, T0_MS, virtualPlantMapping } from '../virtualPlant/harness';
import { startBroker, Viewer } from './helpers';
import { waitFor } from '../waitFor';

// The bridge against the virtual plant's PLC (Modbus TCP, the register map of models/scada/virtual-plant.json):
// every Modbus tag arrives in engineering units, an injected sensor fault gets its quality, a set point
// write reaches the plant.

let vp: VirtualPlant;
let plc: VirtualModbusServer;
let broker: Awaited<ReturnType<typeof startBroker>>;
let viewer: Viewer;
let bridge: Bridge;
let mapping: Mapping;
const log = memoryLog();

beforeAll(async () => {
  vp = makePlant({ seed: 3 });
  vp.step(5, T0_MS + 5000);
  for (let attempt = 0; ; attempt++) {
    try {
      plc = await startModbusServer(vp, { port: await freePort(), now: () => T0_MS + 5000 });
      break;
    } catch (e) {
      if (attempt > 5) throw e;
    }
  }
  const full = virtualPlantMapping();
  mapping = {
    ...full,
    sources: full.sources
      .filter((s) => s.kind === 'modbus')
      .map((s) => ({ ...s, port: plc.port, poll_ms: 50 }) as Mapping['sources'][number]),
    tags: full.tags.filter((t) => 'table' in t.address),
    crossChecks: [],
  };
  broker = await startBroker();
  viewer = await Viewer.open(broker.url, liveTopics(mapping.site, mapping.plant).base);
  bridge = await Bridge.start({ mapping, mqtt: await connectBroker(broker.url), log, allowWrite: true });
});

afterAll(async () => {
  await bridge?.stop();
  await viewer?.close();
  await broker?.close();
  await plc?.stop();
});

/** One count of the tag's register, in engineering units (float32: relative). */
function quantum(t: TagMapping, v: number): number {
  const a = t.address as ModbusAddress;
  if (a.type === 'float32') return Math.abs(v) * 1e-6 + 1e-9;
  if (a.type === 'bool') return 0;
  return Math.abs(toEngineering(t, 1) - toEngineering(t, 0));
}

describe('bridge against the virtual plant over Modbus TCP', () => {
  it('every Modbus tag arrives mapped and scaled to what the plant serves', async () => {
    await waitFor(() => mapping.tags.every((t) => viewer.sample(t.tag)?.v != null), 'every tag with a value');
    expect(mapping.tags.length).toBeGreaterThan(40);
    for (const t of mapping.tags) {
      const want = vp.value(t.tag).v!;
      const got = viewer.sample(t.tag)!;
      expect(Math.abs(got.v! - want), t.tag).toBeLessThanOrEqual(quantum(t, want) / 2 + 1e-9);
      // a transmitter's bias can put a reading just outside its range (a stopped meter at −0.3 m³/h): bad
      const outside = got.v! < t.range[0] || got.v! > t.range[1];
      expect(got.q === 'bad', `${t.tag} ${got.v} ${got.q} ${got.reason}`).toBe(outside);
    }
  });

  it('an out-of-range and a failed transmitter get bad with the reason', async () => {
    // a float32 register can carry a value beyond the span; a scaled integer one cannot
    vp.injectSensorFault('TK-101.temp', { kind: 'outOfRange', value: 330 }, T0_MS + 5000);
    vp.injectSensorFault('TK-102.level', { kind: 'bad' }, T0_MS + 5000);
    await waitFor(() => viewer.sample('TK-101.temp')?.q === 'bad', 'TK-101 temperature bad');
    expect(viewer.sample('TK-101.temp')).toMatchObject({ v: 330, reason: 'out of range 0–300 °C' });
    await waitFor(() => viewer.sample('TK-102.level')?.q === 'bad', 'TK-102 level bad');
    expect(viewer.sample('TK-102.level')!.reason).toMatch(/^Modbus exception 4/);
    // the levels sit in one block of registers and the PLC refuses the whole block read, yet only the failed
    // transmitter is ever published bad: the bridge reads that block tag by tag at once
    const neighbours = viewer.batches.flatMap((b) =>
      b.samples.filter((x) => x.q === 'bad' && x.tag.endsWith('.level') && x.tag !== 'TK-102.level'),
    );
    expect(neighbours.map((x) => x.tag)).toEqual([]);
    vp.clearSensorFault(undefined, T0_MS + 5000);
    await waitFor(
      () => viewer.sample('TK-101.temp')?.q !== 'bad' && viewer.sample('TK-102.level')?.q !== 'bad',
      'both good again',
    );
  });

  it('a set point write on the allow-list reaches the plant', async () => {
    await viewer.client.publishAsync(
      `${viewer.base}/write`,
      JSON.stringify({ requestId: 'sp1', tag: 'TK-101.setpoint', value: 171, by: 'test engineer' }),
    );
    await waitFor(() => viewer.replies.has('sp1'), 'the reply');
    expect(viewer.replies.get('sp1')).toEqual({ requestId: 'sp1', ok: true });
    expect(vp.value('TK-101.setpoint').v).toBeCloseTo(171, 1);
    await waitFor(() => Math.abs((viewer.sample('TK-101.setpoint')?.v ?? 0) - 171) < 0.1, 'the set point read back');
  });
});
