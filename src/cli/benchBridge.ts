import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Aedes } from 'aedes';
import { Bridge } from '../bridge/core';
import { connectBroker, type BrokerOptions } from '../bridge/broker';
import type { SourceAdapter, SourceEvents, RawReading } from '../bridge/source';
import { parseMapping, type Mapping } from '../scada/mapping';
import { liveTopics, tagBatchSchema } from '../protocol/live';
import { haveMosquitto, startMosquitto } from '../station/mosquitto';

// Tag to screen: a synthetic source feeds the bridge 10,000 tag updates a second; a subscribing client
// parses (and validates) each batch as a page does. Latency is from the bridge receiving a sample to the
// batch that carries it being parsed at the subscriber, through the aedes broker and through mosquitto.
// Measures; asserts nothing.

type Figure = [string, number, string];
const RATE_PER_S = 10_000;
const TAGS = 1000;
const TICK_MS = 10; // the source delivers in 10 ms bursts of 100 readings, as a busy poller would
const WARMUP_MS = 1000;
const MEASURE_MS = 5000;
const SITE = 'bench';

/** Epoch ms with sub-millisecond resolution, one clock for the source and the subscriber. */
const clock = () => performance.timeOrigin + performance.now();

const pct = (xs: number[], p: number) => {
  const s = Float64Array.from(xs).sort();
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN;
};

function benchMapping(): Mapping {
  const r = parseMapping({
    site: SITE,
    plant: 'bench',
    sources: [{ id: 'synthetic', kind: 'modbus', host: '127.0.0.1', port: 1 }],
    tags: Array.from({ length: TAGS }, (_, i) => ({
      tag: `B${i}.value`,
      source: 'synthetic',
      address: { table: 'holding', address: i },
      unit: '',
      range: [0, 1000],
      rate_ms: 60_000,
    })),
  });
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join('; '));
  return r.value;
}

/** A source that delivers RATE_PER_S readings a second, every value new (so no deadband holds any back). */
function syntheticSource(mapping: Mapping): SourceAdapter & { delivered: number } {
  let timer: ReturnType<typeof setInterval> | null = null;
  let k = 0;
  const per = Math.round((RATE_PER_S * TICK_MS) / 1000);
  const src = {
    config: mapping.sources[0],
    delivered: 0,
    start(ev: SourceEvents) {
      ev.state('up');
      const t0 = clock();
      timer = setInterval(() => {
        // catch up if the timer ran late, so the offered rate is the rate asked for
        const due = Math.floor(((clock() - t0) * RATE_PER_S) / 1000) - src.delivered;
        const n = Math.max(per, Math.min(due, 10 * per));
        const batch: RawReading[] = new Array(n);
        for (let i = 0; i < n; i++, k++)
          batch[i] = { tag: `B${k % TAGS}.value`, raw: (k * 7.31) % 1000, ts_ms: clock(), status: 'good' };
        src.delivered += n;
        ev.data(batch);
      }, TICK_MS);
    },
    async write() {
      throw new Error('read-only');
    },
    async stop() {
      if (timer) clearInterval(timer);
    },
  };
  return src;
}

async function measure(label: string, url: string, pub: BrokerOptions, sub: BrokerOptions): Promise<Figure[]> {
  const mapping = benchMapping();
  const topics = liveTopics(mapping.site, mapping.plant);
  const viewer = await connectBroker(url, sub);
  const lat: number[] = [];
  let samples = 0;
  let measuring = false;
  viewer.on('message', (_t, payload) => {
    const b = tagBatchSchema.parse(JSON.parse(payload.toString()));
    const now = clock();
    if (!measuring) return;
    samples += b.samples.length;
    for (const s of b.samples) lat.push(now - s.ts_ms);
  });
  await viewer.subscribeAsync(topics.tags, { qos: 0 });
  const source = syntheticSource(mapping);
  const bridge = await Bridge.start({
    mapping,
    mqtt: await connectBroker(url, pub),
    log: () => {},
    now: clock,
    createSource: () => source,
  });
  await new Promise((r) => setTimeout(r, WARMUP_MS));
  measuring = true;
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, MEASURE_MS));
  measuring = false;
  const wall_s = (performance.now() - t0) / 1000;
  await bridge.stop();
  await viewer.endAsync();
  return [
    [`bridge.tag_to_screen_p50_ms.${label}`, pct(lat, 50), 'ms'],
    [`bridge.tag_to_screen_p99_ms.${label}`, pct(lat, 99), 'ms'],
    [`bridge.tag_updates_per_s.${label}`, samples / wall_s, '/s'],
  ];
}

async function embedded(): Promise<Figure[]> {
  const aedes = await Aedes.createBroker();
  const server = createServer(aedes.handle);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  try {
    const url = `mqtt://127.0.0.1:${(server.address() as { port: number }).port}`;
    return await measure('aedes', url, {}, {});
  } finally {
    await new Promise<void>((r) => aedes.close(() => r()));
    await new Promise<void>((r) => server.close(() => r()));
  }
}

async function mosquitto(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'tanktwin-bench-bridge-'));
  const m = await startMosquitto(dir, SITE);
  try {
    return await measure(
      'mosquitto',
      m.url,
      { ...m.accounts.bridge, protocolVersion: 5 },
      { ...m.accounts.liveViewer, protocolVersion: 5 },
    );
  } finally {
    await m.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function bridgeFigures(): Promise<Figure[]> {
  const out = await embedded();
  if (haveMosquitto()) out.push(...(await mosquitto()));
  else console.error('bench: mosquitto is not installed (apt-get install -y mosquitto): no mosquitto figures');
  // the headline figure: the embedded broker, what `npm run station -- --live` runs
  out.unshift(['bridge.tag_to_screen_p99_ms', out.find((f) => f[0] === 'bridge.tag_to_screen_p99_ms.aedes')![1], 'ms']);
  return out;
}
