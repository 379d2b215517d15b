import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Bridge } from '../../../src/bridge/core';
import { connectBroker } from '../../../src/bridge/broker';
import { startBridgeHttp } from '../../../src/bridge/http';
import { memoryLog } from '../../../src/bridge/log';
import { createModbusSource } from '../../../src/bridge/modbus';
import { parseMapping, type Mapping } from '../../../src/scada/mapping';
import { liveTopics } from '../../../src/protocol/live';
import { freePort } from '../../../src/station/mosquitto';
import { registers, startBroker, startModbusServer, Viewer } from './helpers';
import { waitFor } from '../waitFor';

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

/** Deterministic PRNG (mulberry32), so a failure can be replayed. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const mbap = (tid: number, pdu: number[], len = pdu.length) =>
  Buffer.from([tid >> 8, tid & 0xff, 0, 0, len >> 8, len & 0xff, ...pdu]);

/**
 * A "PLC" that answers every request with a burst of malformed frames (random bytes, zero and short
 * lengths, a foreign transaction id, a wrong function code, a byte count that lies) and ends each burst
 * with an exception or a reply of the wrong length for the request itself.
 */
async function garbageServer(): Promise<{ port: number; frames: () => number; close(): Promise<void> }> {
  const rand = rng(12345);
  let frames = 0;
  const socks = new Set<Socket>();
  const server: Server = createServer((sock) => {
    socks.add(sock);
    sock.on('close', () => socks.delete(sock));
    sock.on('error', () => {});
    let buf = Buffer.alloc(0);
    sock.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      while (buf.length >= 12) {
        const tid = buf.readUInt16BE(0);
        const unit = buf[6];
        const fc = buf[7];
        buf = buf.subarray(12);
        const burst: Buffer[] = [];
        for (let i = 0; i < 9; i++) {
          // random bytes usually announce a huge length and leave the stream out of step until it is reopened:
          // one burst in 25 carries some, the rest are well-framed lies
          const k = rand() < 0.005 ? 0 : 1 + Math.floor(rand() * 5);
          if (k === 0) burst.push(Buffer.from(Array.from({ length: 1 + Math.floor(rand() * 40) }, () => rand() * 256)));
          else if (k === 1) burst.push(mbap(tid ^ 0x5a5a, [], 0));
          else if (k === 2) burst.push(mbap(tid ^ 0x1234, [unit], 1));
          else if (k === 3) burst.push(mbap((tid + 1000) & 0xffff, [unit, fc, 2, 0, 7]));
          else if (k === 4) burst.push(mbap(tid ^ 0x00ff, [unit, 0x2b, 1, 2, 3]));
          else burst.push(mbap(tid ^ 0x0f0f, [unit, fc, 200, 1, 2]));
        }
        burst.push(
          rand() < 0.5
            ? mbap(tid, [unit, fc | 0x80, 1 + Math.floor(rand() * 11)]) // exception 1…11
            : mbap(tid, [unit, fc, 7, 1, 2, 3]), // says 7 bytes, carries 3
        );
        frames += burst.length;
        for (const b of burst) sock.write(b);
      }
    });
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
  return {
    port,
    frames: () => frames,
    close: () =>
      new Promise<void>((r) => {
        for (const s of socks) s.destroy();
        server.close(() => r());
      }),
  };
}

function mapping(garbagePort: number, goodPort: number): Mapping {
  // the junk source times out fast so the test is short; the good one has a PLC's usual patience
  const src = (id: string, port: number, timeout_ms: number) => ({
    id,
    kind: 'modbus',
    host: '127.0.0.1',
    port,
    poll_ms: 50,
    timeout_ms,
  });
  const tag = (name: string, source: string, table: string, address: number) => ({
    tag: name,
    source,
    address: { table, address },
    unit: '',
    range: [0, 65535],
    rate_ms: 60_000,
  });
  const r = parseMapping({
    site: 'test',
    plant: 'p1',
    sources: [src('junk', garbagePort, 50), src('good', goodPort, 2000)],
    tags: [
      tag('J.h', 'junk', 'holding', 0),
      tag('J.i', 'junk', 'input', 0),
      tag('J.c', 'junk', 'coil', 0),
      tag('J.d', 'junk', 'discrete', 0),
      tag('G.h', 'good', 'holding', 7),
    ],
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

/** Prometheus text format 0.0.4: every sample line well formed and declared by HELP and TYPE. */
function parsePrometheus(text: string): Map<string, number> {
  const declared = new Set<string>();
  const out = new Map<string, number>();
  const label = '[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\\\\n]|\\\\.)*"';
  const sample = new RegExp(
    `^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{${label}(?:,${label})*\\})? (-?[0-9.]+(?:e[+-]?\\d+)?|NaN|[+-]Inf)$`,
  );
  for (const line of text.split('\n')) {
    if (!line) continue;
    const meta = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.+)$/.exec(line);
    if (meta) {
      if (meta[1] === 'TYPE') {
        expect(['counter', 'gauge']).toContain(meta[3]);
        declared.add(meta[2]);
      }
      continue;
    }
    const m = sample.exec(line);
    if (!m) throw new Error(`not a Prometheus sample line: ${line}`);
    expect(declared.has(m[1]), `${m[1]} has a TYPE`).toBe(true);
    out.set(`${m[1]}${m[2] ?? ''}`, Number(m[3]));
  }
  return out;
}

describe('bridge under malformed Modbus frames', () => {
  it('1,000 malformed frames leave the bridge serving: healthz 200, a good tag still updates, metrics parse', async () => {
    const junk = await garbageServer();
    cleanup.push(() => junk.close());
    const regs = registers();
    regs.holding.set(7, 1);
    const good = await startModbusServer(regs);
    cleanup.push(() => good.close());
    const broker = await startBroker();
    cleanup.push(() => broker.close());
    const viewer = await Viewer.open(broker.url, liveTopics('test', 'p1').base);
    cleanup.push(() => viewer.close());
    const log = memoryLog();
    const bridge = await Bridge.start({
      mapping: mapping(junk.port, good.port),
      mqtt: await connectBroker(broker.url),
      log,
      // a stream out of step is dropped and reopened: quickly here, so the test makes its 1,000 frames soon
      createSource: (cfg, m, l) => createModbusSource(cfg as never, m, l, { backoff: () => 10, timedOutPolls: 1 }),
    });
    cleanup.push(() => bridge.stop());
    const http = await startBridgeHttp(bridge, { port: 0, historianLag: () => 1.5 });
    cleanup.push(() => http.close());

    await waitFor(() => junk.frames() >= 1000, '1,000 malformed frames');
    for (const t of ['J.h', 'J.i', 'J.c', 'J.d']) expect(viewer.sample(t)?.q, t).toBe('bad');
    regs.holding.set(7, 4242);
    await waitFor(() => viewer.sample('G.h')?.v === 4242, 'the good tag updated after the garbage');
    expect(viewer.sample('G.h')!.q).toBe('good');

    const hz = await fetch(`http://127.0.0.1:${http.port}/healthz`);
    expect(hz.status).toBe(200);
    const body = (await hz.json()) as { sources: { id: string; state: string }[] };
    expect(body.sources.find((s) => s.id === 'good')!.state).toBe('up');

    const res = await fetch(`http://127.0.0.1:${http.port}/metrics`);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const m = parsePrometheus(await res.text());
    expect(m.get('tanktwin_bridge_read_errors_total{source="junk"}')).toBeGreaterThan(20);
    expect(m.get('tanktwin_bridge_read_errors_total{source="good"}')).toBe(0);
    expect(m.get('tanktwin_bridge_tag_updates_total{source="good"}')).toBeGreaterThan(0);
    expect(m.get('tanktwin_bridge_source_up{source="good",kind="modbus"}')).toBe(1);
    expect(m.get('tanktwin_bridge_tags{quality="bad"}')).toBe(4);
    expect(m.get('tanktwin_bridge_tags{quality="good"}')).toBe(1);
    expect(m.get('tanktwin_bridge_batches_published_total')).toBeGreaterThan(0);
    expect(m.get('tanktwin_bridge_write_requests_total{outcome="refused"}')).toBe(0);
    expect(m.get('tanktwin_historian_lag_seconds')).toBe(1.5);
    expect(log.entries.filter((e) => e.level === 'error')).toEqual([]);
  });

  it('healthz is 503 when every source is down', async () => {
    const broker = await startBroker();
    cleanup.push(() => broker.close());
    const closed = await freePort();
    const m = mapping(closed, closed);
    const bridge = await Bridge.start({ mapping: m, mqtt: await connectBroker(broker.url), log: memoryLog() });
    cleanup.push(() => bridge.stop());
    const http = await startBridgeHttp(bridge, { port: 0 });
    cleanup.push(() => http.close());
    await waitFor(() => bridge.health().sources.every((s) => s.state === 'down'), 'both down');
    const hz = await fetch(`http://127.0.0.1:${http.port}/healthz`);
    expect(hz.status).toBe(503);
    expect(((await hz.json()) as { status: string }).status).toBe('every source is down');
  });
});
