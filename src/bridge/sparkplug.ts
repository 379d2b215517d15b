import mqtt, { type MqttClient } from 'mqtt';
import { get } from 'sparkplug-payload';
import type { UMetric, UPayload } from 'sparkplug-payload/lib/sparkplugbpayload';
import type { Mapping, SparkplugSource, TagMapping } from '../scada/mapping';
import type { BridgeLog } from './opcua';
import { backoff_ms, type RawReading, type SourceAdapter, type SourceEvents } from './source';

// The Sparkplug B adapter: a host application for one edge node. It subscribes to the node's NBIRTH,
// NDEATH, DBIRTH, DDEATH, NDATA and DDATA; learns alias → metric name from the births; checks the sequence
// number (0–255) of every message. A gap, or data before a birth, asks the node for a rebirth (NCMD
// "Node Control/Rebirth") and publishes nothing from the node until the new NBIRTH, so a value is never
// read through a stale alias. A node or device death makes its tags bad. A payload that does not decode is
// counted and dropped. Writes go out as DCMD (device metrics) or NCMD (node metrics).

const sp = get('spBv1.0')!;
const REBIRTH = 'Node Control/Rebirth';
/** Sparkplug (OPC DA) quality codes: 192 good, 64–191 uncertain, below 64 bad. */
const QUALITY_GOOD = 192;
const QUALITY_UNCERTAIN = 64;
/** While a rebirth request is unanswered, another goes out only after this long: a slow node is not flooded. */
const REBIRTH_HOLDOFF_MS = 2000;

export interface SparkplugAdapterOptions {
  backoff?: (attempt: number) => number;
  now?: () => number;
}

export interface SparkplugStats {
  /** Payloads that did not decode (bad protobuf) and were dropped. */
  badPayloads: number;
  rebirthRequests: number;
  seqGaps: number;
  births: number;
}

export interface SparkplugAdapter extends SourceAdapter {
  readonly stats: SparkplugStats;
}

type Message = 'NBIRTH' | 'NDEATH' | 'DBIRTH' | 'DDEATH' | 'NDATA' | 'DDATA';
const MESSAGES: Message[] = ['NBIRTH', 'NDEATH', 'DBIRTH', 'DDEATH', 'NDATA', 'DDATA'];

function rawOf(m: UMetric): number | null {
  const v = m.value as unknown;
  if (m.isNull || v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'object' && v !== null && 'toNumber' in v) return (v as { toNumber(): number }).toNumber();
  return null;
}

const num = (v: unknown): number | undefined =>
  typeof v === 'number'
    ? v
    : typeof v === 'object' && v !== null && 'toNumber' in v
      ? (v as { toNumber(): number }).toNumber()
      : undefined;

export function createSparkplugSource(
  cfg: SparkplugSource,
  mapping: Mapping,
  log: BridgeLog,
  opts: SparkplugAdapterOptions = {},
): SparkplugAdapter {
  const now = opts.now ?? Date.now;
  const backoff = opts.backoff ?? ((n: number) => backoff_ms(n));
  const tags = mapping.tags.filter((t) => t.source === cfg.id && 'metric' in t.address);
  const key = (device: string | undefined, metric: string) => `${device ?? ''}\u0000${metric}`;
  const byMetric = new Map<string, TagMapping>();
  for (const t of tags) {
    const a = t.address as { device?: string; metric: string };
    byMetric.set(key(a.device, a.metric), t);
  }
  const base = `spBv1.0/${cfg.groupId}`;
  const stats: SparkplugStats = { badPayloads: 0, rebirthRequests: 0, seqGaps: 0, births: 0 };
  let events: SourceEvents | null = null;
  let client: MqttClient | null = null;
  let stopped = false;
  let attempt = 0;
  let retry: ReturnType<typeof setTimeout> | null = null;
  // the node's session as this host knows it
  let born = false;
  let nextSeq = 0;
  let bdSeq: number | undefined;
  let lastRebirth_ms = -Infinity;
  let rebirthPending = false;
  const aliases = new Map<string, { device?: string; name: string }>();

  const emit = (readings: RawReading[]) => {
    if (!readings.length) return;
    try {
      events?.data(readings);
    } catch (e) {
      log('error', 'sparkplug: data handler threw', { source: cfg.id, error: String(e) });
    }
  };
  const state = (s: 'connecting' | 'up' | 'down', error?: string) => {
    try {
      events?.state(s, error);
    } catch (e) {
      log('error', 'sparkplug: state handler threw', { source: cfg.id, error: String(e) });
    }
  };

  function requestRebirth(why: string): void {
    born = false;
    const t = now();
    if (!client?.connected || (rebirthPending && t - lastRebirth_ms < REBIRTH_HOLDOFF_MS)) return;
    lastRebirth_ms = t;
    rebirthPending = true;
    stats.rebirthRequests++;
    log('info', 'sparkplug: rebirth requested', { source: cfg.id, edgeNode: cfg.edgeNode, why });
    const payload = sp.encodePayload({ timestamp: t, metrics: [{ name: REBIRTH, type: 'Boolean', value: true }] });
    client.publish(`${base}/NCMD/${cfg.edgeNode}`, Buffer.from(payload), { qos: 0 });
  }

  /** Every tag of the node (or of one device) bad with a reason, at the death's time. */
  function allBad(device: string | undefined, reason: string, ts_ms: number): void {
    emit(
      tags
        .filter((t) => device === undefined || (t.address as { device?: string }).device === device)
        .map((t) => ({ tag: t.tag, raw: null, ts_ms, status: 'bad' as const, reason })),
    );
  }

  function readings(p: UPayload, device: string | undefined, birth: boolean): RawReading[] {
    const out: RawReading[] = [];
    const payloadTs = num(p.timestamp) ?? now();
    for (const m of p.metrics ?? []) {
      const alias = num(m.alias);
      let name = m.name ?? undefined;
      if (birth && name && alias !== undefined) aliases.set(String(alias), { device, name });
      if (!name && alias !== undefined) {
        const known = aliases.get(String(alias));
        if (!known || known.device !== device) {
          requestRebirth(`unknown alias ${alias}`);
          return [];
        }
        name = known.name;
      }
      const t = name ? byMetric.get(key(device, name)) : undefined;
      if (!t) continue;
      const ts_ms = num(m.timestamp) ?? payloadTs;
      const raw = rawOf(m);
      const q = num(m.properties?.Quality?.value);
      const r: RawReading = { tag: t.tag, raw, ts_ms, status: 'good' };
      if (q !== undefined && q < QUALITY_GOOD)
        Object.assign(r, { status: q >= QUALITY_UNCERTAIN ? 'uncertain' : 'bad', reason: `Sparkplug quality ${q}` });
      if (raw === null) Object.assign(r, { raw: null, status: 'bad', reason: r.reason ?? 'null value' });
      out.push(r);
    }
    return out;
  }

  function onMessage(topic: string, buf: Buffer): void {
    const parts = topic.split('/');
    const type = parts[2] as Message;
    const device = parts[4];
    if (parts[3] !== cfg.edgeNode || !MESSAGES.includes(type)) return;
    let p: UPayload;
    try {
      p = sp.decodePayload(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength));
    } catch (e) {
      stats.badPayloads++;
      if (stats.badPayloads === 1 || stats.badPayloads % 1000 === 0)
        log('warn', 'sparkplug: payload does not decode', {
          source: cfg.id,
          topic,
          count: stats.badPayloads,
          error: String(e),
        });
      return;
    }
    const seq = num(p.seq);
    const ts = num(p.timestamp) ?? now();
    if (type === 'NDEATH') {
      const b = num(p.metrics?.find((m) => m.name === 'bdSeq')?.value);
      // a will from an older session than the birth we hold is history
      if (b !== undefined && bdSeq !== undefined && b !== bdSeq) return;
      born = false;
      allBad(undefined, 'node offline', ts);
      return;
    }
    if (type === 'NBIRTH') {
      aliases.clear();
      born = true;
      rebirthPending = false;
      stats.births++;
      bdSeq = num(p.metrics?.find((m) => m.name === 'bdSeq')?.value);
      nextSeq = ((seq ?? 0) + 1) % 256;
      emit(readings(p, undefined, true));
      return;
    }
    if (!born) return requestRebirth(`${type} before NBIRTH`);
    if (seq === undefined || seq !== nextSeq) {
      stats.seqGaps++;
      return requestRebirth(`seq ${seq} where ${nextSeq} was due`);
    }
    nextSeq = (nextSeq + 1) % 256;
    if (type === 'DDEATH') return allBad(device, 'device offline', ts);
    emit(readings(p, type === 'DBIRTH' || type === 'DDATA' ? device : undefined, type === 'DBIRTH'));
  }

  function connect(): void {
    if (stopped) return;
    state('connecting');
    const c = mqtt.connect(cfg.broker, {
      username: cfg.username,
      password: cfg.password,
      reconnectPeriod: 0, // the adapter reconnects, with the bridge's back-off
      connectTimeout: 10_000,
      clean: true,
    });
    client = c;
    c.on('message', (t, b) => {
      try {
        onMessage(t, b);
      } catch (e) {
        log('error', 'sparkplug: message handling failed', { source: cfg.id, topic: t, error: String(e) });
      }
    });
    c.on('error', (e) => log('warn', 'sparkplug: broker error', { source: cfg.id, error: e.message }));
    c.on('connect', () => {
      const topics = MESSAGES.map((m) => `${base}/${m}/${cfg.edgeNode}/#`);
      c.subscribe(topics, { qos: 0 }, (err) => {
        if (err || client !== c) return;
        attempt = 0;
        log('info', 'sparkplug: up', { source: cfg.id, broker: cfg.broker, edgeNode: cfg.edgeNode });
        state('up');
        // a host that comes late has missed the births: ask for them (data before a birth would anyway)
        requestRebirth('host connected');
      });
    });
    c.on('close', () => {
      if (client !== c || stopped) return;
      client = null;
      born = false;
      c.removeAllListeners('close');
      c.end(true);
      state('down', 'broker connection closed');
      retry = setTimeout(connect, backoff(attempt++));
    });
  }

  return {
    config: cfg,
    stats,
    start(ev: SourceEvents) {
      if (events) return;
      events = ev;
      stopped = false;
      connect();
    },
    async write(tag: TagMapping, raw: number) {
      const a = tag.address as { device?: string; metric?: string };
      if (!a.metric || byMetric.get(key(a.device, a.metric)) !== tag)
        throw new Error(`${tag.tag} is not a metric of Sparkplug source ${cfg.id}`);
      if (!client?.connected) throw new Error(`Sparkplug source ${cfg.id}: broker not connected`);
      const topic = a.device ? `${base}/DCMD/${cfg.edgeNode}/${a.device}` : `${base}/NCMD/${cfg.edgeNode}`;
      const payload = sp.encodePayload({ timestamp: now(), metrics: [{ name: a.metric, type: 'Double', value: raw }] });
      await client.publishAsync(topic, Buffer.from(payload), { qos: 0 });
    },
    async stop() {
      stopped = true;
      if (retry) clearTimeout(retry);
      retry = null;
      const c = client;
      client = null;
      events = null;
      await c?.endAsync(true).catch(() => undefined);
    },
  };
}
