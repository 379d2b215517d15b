import { afterEach, describe, expect, it } from 'vitest';
import { Bridge } from '../../../src/bridge/core';
import { connectBroker } from '../../../src/bridge/broker';
import { groupReads } from '../../../src/bridge/modbus';
import { memoryLog } from '../../../src/bridge/log';
import { encodeRegisters } from '../../../src/scada/scaling';
import { parseMapping, type Mapping } from '../../../src/scada/mapping';
import { liveTopics } from '../../../src/protocol/live';
import { registers, startBroker, startModbusServer, Viewer, type Registers } from './helpers';
import { waitFor } from '../waitFor';

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

function plcMapping(port: number, extra: { rate_ms?: number } = {}): Mapping {
  const rate_ms = extra.rate_ms ?? 1000;
  const r = parseMapping({
    site: 'test',
    plant: 'p1',
    sources: [{ id: 'plc', kind: 'modbus', host: '127.0.0.1', port, poll_ms: 50, timeout_ms: 500 }],
    tags: [
      // float32 big-endian words at 0–1, little-endian at 2–3: one grouped read of 4 registers
      {
        tag: 'TK1.temp',
        source: 'plc',
        address: { table: 'holding', address: 0, type: 'float32' },
        unit: '°C',
        range: [0, 300],
        rate_ms,
        maxRate_per_s: 5,
      },
      {
        tag: 'TK2.temp',
        source: 'plc',
        address: { table: 'holding', address: 2, type: 'float32', wordOrder: 'little' },
        unit: '°C',
        range: [0, 300],
        rate_ms,
        flatline_s: 0.3,
      },
      // 0–27648 counts → 0–20 m
      {
        tag: 'TK1.level',
        source: 'plc',
        address: { table: 'input', address: 10, type: 'uint16' },
        unit: 'm',
        scale: { raw: [0, 27648], eng: [0, 20] },
        range: [0, 20],
        rate_ms,
      },
      // tenths of a bar, signed
      {
        tag: 'P1.dp',
        source: 'plc',
        address: { table: 'input', address: 11, type: 'int16' },
        unit: 'bar',
        scale: { gain: 0.1, offset: 0 },
        range: [-5, 20],
        rate_ms,
      },
      {
        tag: 'P1.running',
        source: 'plc',
        address: { table: 'coil', address: 0, type: 'bool' },
        unit: '0/1',
        range: [0, 1],
        rate_ms,
      },
      {
        tag: 'B1.estop',
        source: 'plc',
        address: { table: 'discrete', address: 5, type: 'bool' },
        unit: '0/1',
        range: [0, 1],
        rate_ms,
      },
      {
        tag: 'TK1.setpoint',
        source: 'plc',
        address: { table: 'holding', address: 20, type: 'uint16' },
        unit: '°C',
        scale: { gain: 0.1, offset: 0 },
        range: [0, 250],
        writable: true,
        rate_ms,
      },
      // nothing at holding 30: the PLC answers exception 2
      {
        tag: 'TK1.missing',
        source: 'plc',
        address: { table: 'holding', address: 30 },
        unit: 'm',
        range: [0, 20],
        rate_ms,
      },
    ],
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

function plcRegisters(): Registers {
  const r = registers();
  const set = (addr: number, words: number[]) => words.forEach((w, i) => r.holding.set(addr + i, w));
  set(0, encodeRegisters({ table: 'holding', address: 0, type: 'float32', wordOrder: 'big' }, 152.5));
  set(2, encodeRegisters({ table: 'holding', address: 2, type: 'float32', wordOrder: 'little' }, 148.25));
  r.input.set(10, 13824); // 10 m
  r.input.set(11, encodeRegisters({ table: 'input', address: 11, type: 'int16', wordOrder: 'big' }, -12)[0]); // −1.2 bar
  r.coil.set(0, true);
  r.discrete.set(5, false);
  r.holding.set(20, 1600); // 160.0 °C
  return r;
}

async function rig(opts: { allowWrite?: boolean; rate_ms?: number } = {}) {
  const regs = plcRegisters();
  const plc = await startModbusServer(regs);
  const broker = await startBroker();
  cleanup.push(() => broker.close());
  const mapping = plcMapping(plc.port, opts);
  const log = memoryLog();
  const viewer = await Viewer.open(broker.url, liveTopics('test', 'p1').base);
  cleanup.push(() => viewer.close());
  const bridge = await Bridge.start({
    mapping,
    mqtt: await connectBroker(broker.url),
    log,
    allowWrite: opts.allowWrite,
    snapshot_ms: 200,
  });
  cleanup.push(() => bridge.stop());
  cleanup.push(() => plc.close());
  return { regs, plc, broker, mapping, log, viewer, bridge };
}

describe('Modbus grouping', () => {
  it('groups contiguous addresses of a table, splits at gaps, tables and 125 registers', () => {
    const m = plcMapping(502);
    const g = groupReads(m.tags);
    expect(g.map((x) => [x.table, x.start, x.count, x.items.length])).toEqual([
      ['coil', 0, 1, 1],
      ['discrete', 5, 1, 1],
      ['holding', 0, 4, 2],
      ['holding', 20, 1, 1],
      ['holding', 30, 1, 1],
      ['input', 10, 2, 2],
    ]);
    const many = parseMapping({
      ...m,
      tags: Array.from({ length: 70 }, (_, i) => ({
        tag: `T${i}`,
        source: 'plc',
        address: { table: 'holding', address: 2 * i, type: 'float32' },
        unit: '',
        range: [0, 1],
      })),
    });
    if (!many.ok) throw new Error('bad');
    expect(groupReads(many.value.tags).map((x) => [x.start, x.count])).toEqual([
      [0, 124],
      [124, 16],
    ]);
  });
});

describe('bridge over Modbus TCP', () => {
  it('publishes every table mapped and scaled, with quality; an exception makes only its tag bad', async () => {
    const { viewer } = await rig();
    await waitFor(() => viewer.latest.size === 8 && viewer.sample('TK1.missing')?.q === 'bad', 'all eight tags');
    expect(viewer.sample('TK1.temp')).toMatchObject({ v: 152.5, q: 'good' });
    expect(viewer.sample('TK2.temp')).toMatchObject({ v: 148.25 });
    expect(viewer.sample('TK1.level')).toMatchObject({ v: 10, q: 'good' });
    expect(viewer.sample('P1.dp')!.v).toBeCloseTo(-1.2, 9);
    expect(viewer.sample('P1.running')).toMatchObject({ v: 1, q: 'good' });
    expect(viewer.sample('B1.estop')).toMatchObject({ v: 0, q: 'good' });
    expect(viewer.sample('TK1.setpoint')!.v).toBeCloseTo(160, 9);
    expect(viewer.sample('TK1.missing')).toMatchObject({ v: null, q: 'bad' });
    expect(viewer.sample('TK1.missing')!.reason).toMatch(/^Modbus exception 2/);
    await waitFor(() => viewer.retained.has('mapping') && viewer.retained.has('health'), 'retained topics');
    expect((viewer.retained.get('mapping') as Mapping).tags).toHaveLength(8);
  });

  it('out-of-range, noisy and stuck sensors get their quality and reason', async () => {
    const { viewer, regs } = await rig();
    await waitFor(() => viewer.sample('TK1.level')?.q === 'good', 'a good level');
    regs.input.set(10, 30000); // 21.7 m on a 0–20 m radar
    await waitFor(() => viewer.sample('TK1.level')?.q === 'bad', 'level out of range');
    expect(viewer.sample('TK1.level')!.reason).toBe('out of range 0–20 m');
    // TK1.temp jumps 100 K between two 50 ms polls: far over 5 K/s
    const w = encodeRegisters({ table: 'holding', address: 0, type: 'float32', wordOrder: 'big' }, 252.5);
    regs.holding.set(0, w[0]);
    regs.holding.set(1, w[1]);
    await waitFor(() => viewer.sample('TK1.temp')?.q === 'uncertain', 'a spike');
    expect(viewer.sample('TK1.temp')!.reason).toMatch(/^spike \d+(\.\d+)? °C\/s > 5 °C\/s$/);
    // TK2.temp has not moved for 0.3 s by now: a frozen transmitter
    await waitFor(() => viewer.sample('TK2.temp')?.q === 'uncertain', 'a flatline');
    expect(viewer.sample('TK2.temp')!.reason).toMatch(/^flatline for \d+ s$/);
  });

  it('a stopped server makes its tags stale; the bridge reconnects when it returns', async () => {
    const { viewer, plc, regs, bridge, log } = await rig({ rate_ms: 100 });
    await waitFor(() => viewer.sample('TK1.level')?.q === 'good', 'a good level');
    await plc.close();
    await waitFor(() => viewer.sample('TK1.level')?.q === 'stale', 'stale level');
    expect(viewer.sample('TK1.level')!.reason).toMatch(/^no update for \d+\.\d s$/);
    expect(viewer.sample('TK1.level')!.v).toBe(10); // the last value, drawn as stale, never silently
    await waitFor(() => bridge.health().sources[0].state !== 'up', 'source down');
    await waitFor(() => viewer.events.some((e) => e.kind === 'sourceDown'), 'a sourceDown event');
    regs.input.set(10, 6912); // 5 m when it comes back
    const back = await startModbusServer(regs, plc.port);
    cleanup.push(() => back.close());
    await waitFor(() => viewer.sample('TK1.level')?.q === 'good' && viewer.sample('TK1.level')?.v === 5, 'fresh level');
    await waitFor(() => bridge.health().sources[0].reconnects >= 1, 'a counted reconnect');
    expect(viewer.events.filter((e) => e.kind === 'sourceUp').length).toBeGreaterThanOrEqual(2);
    expect(log.entries.some((e) => e.msg === 'modbus: connection lost')).toBe(true);
  });

  it('refuses a write without --allow-write, and logs and publishes who asked', async () => {
    const { viewer, log, regs } = await rig();
    const req = { requestId: 'r1', tag: 'TK1.setpoint', value: 170, by: 'alice' };
    await viewer.client.publishAsync(`${viewer.base}/write`, JSON.stringify(req));
    await waitFor(() => viewer.replies.has('r1'), 'the reply');
    expect(viewer.replies.get('r1')).toEqual({
      requestId: 'r1',
      ok: false,
      error: 'the bridge is read-only (started without --allow-write)',
    });
    expect(regs.holding.get(20)).toBe(1600);
    await waitFor(() => viewer.events.some((e) => e.kind === 'writeRefused'), 'the event');
    expect(viewer.events.find((e) => e.kind === 'writeRefused')).toMatchObject({ tag: 'TK1.setpoint', by: 'alice' });
    expect(log.entries.find((e) => e.msg === 'write refused')).toMatchObject({
      level: 'warn',
      requestId: 'r1',
      by: 'alice',
      tag: 'TK1.setpoint',
    });
  });

  it('with --allow-write writes an allow-listed tag and refuses one that is not on the list', async () => {
    const { viewer, log, regs, bridge } = await rig({ allowWrite: true });
    await waitFor(() => bridge.health().sources[0].state === 'up', 'connected');
    const send = (r: object) => viewer.client.publishAsync(`${viewer.base}/write`, JSON.stringify(r));
    await send({ requestId: 'ok1', tag: 'TK1.setpoint', value: 171.5, by: 'bob' });
    await send({ requestId: 'no1', tag: 'TK1.level', value: 3, by: 'mallory' });
    await send({ requestId: 'no2', tag: 'TK1.setpoint', value: 999, by: 'bob' });
    await waitFor(() => ['ok1', 'no1', 'no2'].every((id) => viewer.replies.has(id)), 'three replies');
    expect(viewer.replies.get('ok1')).toEqual({ requestId: 'ok1', ok: true });
    expect(regs.holding.get(20)).toBe(1715);
    expect(viewer.replies.get('no1')!.error).toBe('TK1.level is not on the write allow-list of the mapping');
    expect(viewer.replies.get('no2')!.error).toMatch(/outside TK1.setpoint's range 0–250 °C/);
    await waitFor(() => viewer.sample('TK1.setpoint')?.v === 171.5, 'the new set point read back');
    // the allowed write is logged when the PLC has answered, so after the refusals
    const logged = log.entries.filter((e) => e.msg.startsWith('write ')).map((e) => `${e.requestId} ${e.msg} ${e.by}`);
    expect(logged.sort()).toEqual(['no1 write refused mallory', 'no2 write refused bob', 'ok1 write allowed bob']);
    expect(bridge.metrics.writes).toEqual({ allowed: 1, refused: 2, failed: 0 });
  });
});
