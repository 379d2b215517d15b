import mqtt, { type MqttClient } from 'mqtt';
import { get } from 'sparkplug-payload';
import type { UMetric, UPayload } from 'sparkplug-payload/lib/sparkplugbpayload';
import type { VirtualPlant } from './plant';

// The virtual plant as a Sparkplug B edge node: NBIRTH (with bdSeq and Node Control/Rebirth), one device
// whose DBIRTH carries every mapped tag as a Double metric named by the plant tag with an alias, then DDATA
// by exception (changed metrics only, by alias) after every sample; seq 0–255 wrapping over every message
// but NDEATH, which is the MQTT will. An NCMD "Node Control/Rebirth" republishes the births; a DCMD to a
// writable tag becomes a plant command. Quality rides as the metric property "Quality" (192 good, 0 bad).

const sp = get('spBv1.0')!;

export const QUALITY_GOOD = 192;
export const QUALITY_BAD = 0;

export interface SparkplugPublisherOptions {
  /** mqtt:// or ws:// URL of the broker. */
  broker: string;
  groupId?: string;
  edgeNode?: string;
  device?: string;
  username?: string;
  password?: string;
  now?: () => number;
}

export interface SparkplugPublisher {
  readonly groupId: string;
  readonly edgeNode: string;
  readonly device: string;
  /** Births published (the first, and one per rebirth request). */
  readonly births: number;
  /** Resolves once connected and born. */
  ready: Promise<void>;
  /** For tests: the next message skips one sequence number (a lost message, as the host sees it). */
  skipSeq(): void;
  /** For tests: cut the TCP link without a goodbye (the broker then publishes the NDEATH will). */
  dropLink(): void;
  /** For tests: publish raw bytes on a topic (a broken payload). */
  publishRaw(topic: string, payload: Buffer): Promise<void>;
  stop(): Promise<void>;
}

export function startSparkplugPublisher(plant: VirtualPlant, o: SparkplugPublisherOptions): SparkplugPublisher {
  const groupId = o.groupId ?? 'TankTwin';
  const edgeNode = o.edgeNode ?? 'virtual-plant';
  const device = o.device ?? 'VP';
  const now = o.now ?? Date.now;
  const base = `spBv1.0/${groupId}`;
  const topic = (type: string, dev?: string) => `${base}/${type}/${edgeNode}${dev ? `/${dev}` : ''}`;
  const tags = plant.tags;
  let bdSeq = -1;
  let seq = 0;
  let births = 0;
  let born = false;
  const last: (number | null)[] = tags.map(() => null);
  const lastBad: boolean[] = tags.map(() => false);

  const nextSeq = () => {
    const s = seq;
    seq = (seq + 1) % 256;
    return s;
  };
  const metric = (k: number, withName: boolean): UMetric => {
    const s = plant.valueAt(k);
    const m: UMetric = {
      alias: k + 1,
      type: 'Double',
      value: s.v,
      timestamp: s.ts_ms,
      properties: { Quality: { type: 'Int32', value: s.status === 'good' ? QUALITY_GOOD : QUALITY_BAD } },
    };
    if (s.v === null) m.isNull = true;
    if (withName) m.name = tags[k].tag;
    return m;
  };
  const encode = (p: UPayload) => Buffer.from(sp.encodePayload(p));

  const client: MqttClient = mqtt.connect(o.broker, {
    username: o.username,
    password: o.password,
    clean: true,
    reconnectPeriod: 1000,
    // bdSeq of the will must match the NBIRTH of the same connection; set before every (re)connect
    will: { topic: topic('NDEATH'), payload: Buffer.alloc(0), qos: 1, retain: false },
  });
  client.on('error', () => undefined); // reconnects on its own; a refused connection is not a crash
  const setWill = () => {
    bdSeq = (bdSeq + 1) % 256;
    const will = encode({ timestamp: now(), metrics: [{ name: 'bdSeq', type: 'UInt64', value: bdSeq }] });
    client.options.will = { topic: topic('NDEATH'), payload: will, qos: 1, retain: false };
  };
  setWill();
  client.on('close', () => {
    born = false;
    setWill();
  });

  const birth = async () => {
    seq = 0;
    const ts = now();
    const nbirth = encode({
      timestamp: ts,
      seq: nextSeq(),
      metrics: [
        { name: 'bdSeq', type: 'UInt64', value: bdSeq, timestamp: ts },
        { name: 'Node Control/Rebirth', type: 'Boolean', value: false, timestamp: ts },
      ],
    });
    await client.publishAsync(topic('NBIRTH'), nbirth, { qos: 0 });
    tags.forEach((_, k) => {
      last[k] = plant.valueAt(k).v;
      lastBad[k] = plant.valueAt(k).status !== 'good';
    });
    const dbirth = encode({ timestamp: ts, seq: nextSeq(), metrics: tags.map((_, k) => metric(k, true)) });
    await client.publishAsync(topic('DBIRTH', device), dbirth, { qos: 0 });
    births++;
    born = true;
  };

  const data = () => {
    if (!born || !client.connected) return;
    const changed: UMetric[] = [];
    tags.forEach((_, k) => {
      const s = plant.valueAt(k);
      const bad = s.status !== 'good';
      if (s.v === last[k] && bad === lastBad[k]) return;
      last[k] = s.v;
      lastBad[k] = bad;
      changed.push(metric(k, false));
    });
    if (!changed.length) return;
    const payload = encode({ timestamp: now(), seq: nextSeq(), metrics: changed });
    client.publish(topic('DDATA', device), payload, { qos: 0 });
  };
  const unsubscribe = plant.onSample(data);

  const onCommand = (t: string, payload: Buffer) => {
    let p: UPayload;
    try {
      p = sp.decodePayload(payload);
    } catch {
      return; // a broken command is ignored
    }
    for (const m of p.metrics ?? []) {
      if (t === topic('NCMD') && m.name === 'Node Control/Rebirth' && m.value === true) void birth().catch(() => {});
      else if (t === topic('DCMD', device) && typeof m.name === 'string') {
        const v = typeof m.value === 'boolean' ? (m.value ? 1 : 0) : Number(m.value);
        plant.write(m.name, v, now());
      }
    }
  };
  client.on('message', onCommand);

  let readyResolve!: () => void;
  const ready = new Promise<void>((r) => (readyResolve = r));
  client.on('connect', () => {
    void client
      .subscribeAsync([topic('NCMD'), topic('DCMD', device)], { qos: 0 })
      .then(birth)
      .then(() => readyResolve())
      .catch(() => undefined);
  });

  return {
    groupId,
    edgeNode,
    device,
    get births() {
      return births;
    },
    ready,
    skipSeq() {
      nextSeq();
    },
    dropLink() {
      client.stream.destroy();
    },
    async publishRaw(t: string, payload: Buffer) {
      await client.publishAsync(t, payload, { qos: 0 });
    },
    async stop() {
      unsubscribe();
      // a clean stop says goodbye: NDEATH by hand (the broker sends the will only when the link breaks)
      if (client.connected) {
        const death = encode({ timestamp: now(), metrics: [{ name: 'bdSeq', type: 'UInt64', value: bdSeq }] });
        await client.publishAsync(topic('NDEATH'), death, { qos: 0 }).catch(() => undefined);
      }
      await client.endAsync(true);
    },
  };
}
