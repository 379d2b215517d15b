import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Aedes } from 'aedes';
import { WebSocketServer, createWebSocketStream } from 'ws';
import mqtt, { type MqttClient } from 'mqtt';
import { LiveClient } from '../../../src/live/LiveClient';
import { liveTopics } from '../../../src/protocol/live';
import { HEADER_LEN } from '../../../src/protocol/frame';
import { Q } from '../../../src/app/quality';

// The page's live connection over a real broker (aedes over WebSocket on loopback, as the station embeds it):
// it subscribes to the plant's topics, takes the retained snapshot a late joiner gets, then live batches, drops
// malformed messages, marks every measured tag stale when the link drops, and refuses commands. The model's
// worker is not started here: the tag index is given, as the worker's plant would give it.

const TAGS = ['TK-101.level', 'TK-101.temp', 'AMB.temp'];
const tp = liveTopics('site1', 'terminal');

const until = async (ok: () => boolean, what: string) => {
  for (let i = 0; i < 2000 && !ok(); i++) await new Promise((r) => setTimeout(r, 5));
  if (!ok()) throw new Error(`never: ${what}`);
};

describe('the live client', () => {
  let aedes: Aedes;
  let server: http.Server;
  let url = '';
  let bridge: MqttClient;
  const publish = (topic: string, body: unknown, retain = false) =>
    new Promise<void>((r) =>
      bridge.publish(topic, typeof body === 'string' ? body : JSON.stringify(body), { retain }, () => r()),
    );

  beforeAll(async () => {
    aedes = await Aedes.createBroker({
      // a lapsed password is refused, as the station's broker refuses one past its expiry
      authenticate: (_c, _u, password, done) =>
        password?.toString() === 'lapsed'
          ? done(Object.assign(new Error('bad username or password'), { returnCode: 4 as const }), false)
          : done(null, true),
    });
    server = http.createServer();
    const wss = new WebSocketServer({ server, path: '/mqtt' });
    wss.on('connection', (ws, req) => aedes.handle(createWebSocketStream(ws) as never, req as never));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/mqtt`;
    bridge = mqtt.connect(url, { protocolVersion: 4 });
    await new Promise((r) => bridge.once('connect', r));
  });
  afterAll(async () => {
    bridge.end(true);
    await new Promise<void>((r) => aedes.close(() => r()));
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('shows the retained snapshot, then live batches, counts malformed ones, and goes stale without a link', async () => {
    await publish(
      tp.snapshot,
      { sent_ms: 1000, seq: 0, samples: [{ tag: 'TK-101.level', v: 6.5, q: 'good', ts_ms: 990 }] },
      true,
    );
    const client = new LiveClient(null, 'http://station.test', {
      join: async () => ({
        site: 'site1',
        plant: 'terminal',
        mqtt: { url, protocolVersion: 4, username: 'u', password: 'p', clientId: 'live-test' },
        historyUrl: null,
      }),
    });
    client.tagIndex = new Map(TAGS.map((t, i) => [t, i]));
    client.latest = new Float64Array(HEADER_LEN + TAGS.length);
    expect(client.live.getState().attached).toBe(false);
    const tags = client.attach();
    expect(client.live.getState().attached).toBe(true); // views waiting on the tag state may start
    await client.connectStation();
    await until(() => client.live.getState().link === 'online', 'online');
    await until(() => tags.measured[0] === 1, 'the retained snapshot');
    expect(tags.value(0)).toBe(6.5);
    expect(client.value('TK-101.level')).toBe(6.5); // written over the model's value in the frame at once
    expect(client.quality?.code(1)).toBe(Q.MODEL);

    await publish(tp.tags, 'not json');
    await publish(tp.tags, {
      sent_ms: 2000,
      seq: 1,
      samples: [{ tag: 'TK-101.temp', v: 171.2, q: 'bad', ts_ms: 1990, reason: 'out of range' }],
    });
    await until(() => tags.measured[1] === 1, 'a live batch');
    expect(client.live.getState().malformed).toBe(1);
    expect(tags.code(1)).toBe(Q.BAD);
    expect(client.value('TK-101.temp')).toBe(171.2);

    // a command from a view never reaches anything
    const r = await client.command({ type: 'esd', active: true });
    expect(r.ok).toBe(false);

    // the link drops: every measured value is stale, with the reason
    // (aedes keeps its connected clients by id; its type declarations leave the map out)
    const clients = (aedes as unknown as { clients: Record<string, { id: string; close(): void }> }).clients;
    for (const c of Object.values(clients)) if (c.id.startsWith('live-test')) c.close();
    await until(() => client.live.getState().link === 'offline', 'offline');
    expect(tags.code(0)).toBe(Q.STALE);
    expect(tags.reason(0)).toMatch(/link/);
    await until(() => client.live.getState().link === 'online', 'back online');
    client.close();
  });

  it('joins the station again for fresh credentials when the broker refuses them', async () => {
    const passwords = ['lapsed', 'fresh'];
    const client = new LiveClient(null, 'http://station.test', {
      rejoin_ms: 10,
      join: async () => ({
        site: 'site1',
        plant: 'terminal',
        mqtt: { url, protocolVersion: 4, username: 'u', password: passwords.shift() ?? 'fresh', clientId: 'lv' },
        historyUrl: null,
      }),
    });
    client.tagIndex = new Map(TAGS.map((t, i) => [t, i]));
    client.attach();
    const seen: string[] = [];
    client.live.subscribe((s) => seen.at(-1) !== s.link && seen.push(s.link));
    await client.connectStation();
    await until(() => client.live.getState().link === 'online', 'online with the fresh password');
    expect(seen).toContain('refused');
    expect(passwords).toEqual([]);
    client.close();
  });

  it('says why when no station answers, and tries again', async () => {
    let asked = 0;
    const client = new LiveClient(null, 'http://nowhere.test', {
      join: async () => {
        asked++;
        throw new Error('no station answers at http://nowhere.test');
      },
    });
    client.tagIndex = new Map(TAGS.map((t, i) => [t, i]));
    client.attach();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      await client.connectStation();
      expect(client.live.getState()).toMatchObject({
        link: 'failed',
        error: 'no station answers at http://nowhere.test',
      });
      expect(asked).toBe(1);
      await vi.advanceTimersByTimeAsync(1000);
      expect(asked).toBe(2);
      await vi.advanceTimersByTimeAsync(1999);
      expect(asked).toBe(2); // backing off: the second wait is longer
      await vi.advanceTimersByTimeAsync(1);
      expect(asked).toBe(3);
      client.close();
      await vi.advanceTimersByTimeAsync(60_000);
      expect(asked).toBe(3);
    } finally {
      vi.useRealTimers();
    }
  });
});
