import type { Aedes, PublishPacket } from 'aedes';
import mqtt, { type MqttClient } from 'mqtt';

// How the station itself publishes and listens: straight into the embedded broker (no socket in between),
// or as an MQTT client of an external broker. Session code sees only this interface.

export type Handler = (topic: string, payload: Buffer) => void;

export interface Bus {
  publish(topic: string, payload: Buffer | string, retain?: boolean): void;
  subscribe(filter: string, handler: Handler): Promise<void>;
  close(): Promise<void>;
}

/** MQTT topic filter match (+ one level, # the rest). */
export function topicMatches(filter: string, topic: string): boolean {
  const f = filter.split('/');
  const t = topic.split('/');
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '#') return true;
    if (i >= t.length || (f[i] !== '+' && f[i] !== t[i])) return false;
  }
  return f.length === t.length;
}

export class AedesBus implements Bus {
  // One publish at a time per session: aedes stores a retained message (asynchronously) before delivering
  // it, and each client drops a message numbered below one it already has, so a retained state published
  // just before a plain event would otherwise be lost to those already subscribed. Sessions do not wait
  // on each other: a client only ever receives one session's messages.
  private queues = new Map<string, PublishPacket[]>();

  constructor(private readonly broker: Aedes) {}

  publish(topic: string, payload: Buffer | string, retain = false): void {
    const p = typeof payload === 'string' ? Buffer.from(payload) : payload;
    const key = topic.split('/', 4).join('/');
    const q = this.queues.get(key);
    const packet: PublishPacket = { cmd: 'publish', topic, payload: p, qos: 0, retain, dup: false };
    if (q) q.push(packet);
    else {
      this.queues.set(key, []);
      this.send(key, packet);
    }
  }

  private send(key: string, packet: PublishPacket): void {
    this.broker.publish(packet, () => {
      const next = this.queues.get(key)!.shift();
      if (next) this.send(key, next);
      else this.queues.delete(key);
    });
  }

  subscribe(filter: string, handler: Handler): Promise<void> {
    return new Promise((resolve) =>
      this.broker.subscribe(
        filter,
        (packet, done) => {
          handler(packet.topic, packet.payload as Buffer);
          done();
        },
        resolve,
      ),
    );
  }

  async close(): Promise<void> {}
}

export class MqttBus implements Bus {
  private handlers: { filter: string; handler: Handler }[] = [];

  private constructor(private readonly client: MqttClient) {
    client.on('message', (topic, payload) => {
      for (const h of this.handlers) if (topicMatches(h.filter, topic)) h.handler(topic, payload);
    });
  }

  static async connect(
    url: string,
    opts: { username?: string; password?: string; protocolVersion: 4 | 5 },
  ): Promise<MqttBus> {
    const client = mqtt.connect(url, {
      ...opts,
      clientId: `tanktwin-station-${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
      reconnectPeriod: 1000,
      connectTimeout: 10_000,
    });
    await new Promise<void>((resolve, reject) => {
      client.once('connect', () => resolve());
      client.once('error', (e) => reject(new Error(`cannot connect to the broker ${url}: ${e.message}`)));
    });
    return new MqttBus(client);
  }

  publish(topic: string, payload: Buffer | string, retain = false): void {
    this.client.publish(topic, payload, { qos: 0, retain });
  }

  async subscribe(filter: string, handler: Handler): Promise<void> {
    this.handlers.push({ filter, handler });
    await this.client.subscribeAsync(filter, { qos: 0 });
  }

  async close(): Promise<void> {
    await this.client.endAsync();
  }
}
