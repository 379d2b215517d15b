import mqtt, { type MqttClient } from 'mqtt';

// The bridge's MQTT connection: any broker (the station's embedded aedes over ws://…/mqtt, or a site's
// mosquitto over mqtt://). mqtt.js reconnects by itself; the bridge republishes its retained topics then.

export interface BrokerOptions {
  username?: string;
  password?: string;
  protocolVersion?: 4 | 5;
  clientId?: string;
  /** Give up the first connection after this long (ms). */
  connectTimeout_ms?: number;
}

export async function connectBroker(url: string, o: BrokerOptions = {}): Promise<MqttClient> {
  const client = mqtt.connect(url, {
    username: o.username,
    password: o.password,
    protocolVersion: o.protocolVersion ?? 4,
    clientId: o.clientId ?? `tanktwin-bridge-${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
    reconnectPeriod: 1000,
    connectTimeout: o.connectTimeout_ms ?? 10_000,
    clean: true,
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error('no answer')), o.connectTimeout_ms ?? 10_000);
    const fail = (e: Error) => {
      clearTimeout(timer);
      client.end(true);
      reject(new Error(`cannot connect to the broker ${url}: ${e.message}`));
    };
    client.once('connect', () => {
      clearTimeout(timer);
      client.off('error', fail);
      resolve();
    });
    client.once('error', fail);
  });
  return client;
}
