import { createServer, type Server } from 'node:net';
import { Aedes } from 'aedes';
import mqtt, { type MqttClient } from 'mqtt';
import { ServerTCP } from 'modbus-serial';
import { freePort } from '../../../src/station/mosquitto';
import type { TagBatch, TagSample } from '../../../src/protocol/live';

/** An aedes broker over plain TCP on a free loopback port. */
export async function startBroker(): Promise<{ url: string; aedes: Aedes; close(): Promise<void> }> {
  const aedes = await Aedes.createBroker();
  const server: Server = createServer(aedes.handle);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  return {
    url: `mqtt://127.0.0.1:${port}`,
    aedes,
    close: async () => {
      await new Promise<void>((r) => aedes.close(() => r()));
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

export async function connect(url: string): Promise<MqttClient> {
  const c = mqtt.connect(url, { reconnectPeriod: 100 });
  await new Promise<void>((resolve, reject) => {
    c.once('connect', () => resolve());
    c.once('error', reject);
  });
  return c;
}

/** A viewer of one live plant: every batch and retained message it receives, and the latest sample per tag. */
export class Viewer {
  readonly latest = new Map<string, TagSample>();
  readonly batches: TagBatch[] = [];
  readonly events: { kind: string; text: string; tag?: string; by?: string }[] = [];
  readonly retained = new Map<string, unknown>();
  readonly replies = new Map<string, { ok: boolean; error?: string }>();

  private constructor(
    readonly client: MqttClient,
    readonly base: string,
  ) {
    client.on('message', (topic, payload) => {
      const leaf = topic.slice(base.length + 1);
      const body = JSON.parse(payload.toString()) as unknown;
      if (leaf === 'tags' || leaf === 'snapshot') {
        const b = body as TagBatch;
        if (leaf === 'tags') this.batches.push(b);
        for (const s of b.samples) this.latest.set(s.tag, s);
      }
      if (leaf === 'event') this.events.push(body as Viewer['events'][number]);
      if (leaf.startsWith('writeReply/')) this.replies.set(leaf.slice(11), body as { ok: boolean });
      else this.retained.set(leaf, body);
    });
  }

  static async open(url: string, base: string): Promise<Viewer> {
    const c = await connect(url);
    const v = new Viewer(c, base);
    await c.subscribeAsync(`${base}/#`);
    return v;
  }

  sample(tag: string): TagSample | undefined {
    return this.latest.get(tag);
  }

  close(): Promise<void> {
    return this.client.endAsync();
  }
}

export type Registers = Record<'holding' | 'input', Map<number, number>> &
  Record<'coil' | 'discrete', Map<number, boolean>>;

/** A Modbus TCP server on a free loopback port serving the given tables (unset addresses: exception 2). */
export async function startModbusServer(
  regs: Registers,
  port?: number,
): Promise<{ port: number; server: ServerTCP; close(): Promise<void> }> {
  const p = port ?? (await freePort());
  const get =
    <T>(m: Map<number, T>) =>
    (addr: number) => {
      const v = m.get(addr);
      if (v === undefined) throw Object.assign(new Error('illegal address'), { modbusErrorCode: 2 });
      return v;
    };
  const server = new ServerTCP(
    {
      getHoldingRegister: get(regs.holding),
      getInputRegister: get(regs.input),
      getCoil: get(regs.coil),
      getDiscreteInput: get(regs.discrete),
      setRegister: (addr: number, value: number) => void regs.holding.set(addr, value),
      setCoil: (addr: number, value: boolean) => void regs.coil.set(addr, value),
    },
    { host: '127.0.0.1', port: p, unitID: 1 },
  );
  await new Promise<void>((resolve, reject) => {
    server.on('initialized', () => resolve());
    server.on('serverError', reject);
  });
  server.on('socketError', () => {});
  return { port: p, server, close: () => new Promise<void>((r) => server.close(() => r())) };
}

export const registers = (): Registers => ({
  holding: new Map(),
  input: new Map(),
  coil: new Map(),
  discrete: new Map(),
});
