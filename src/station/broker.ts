import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { Aedes, type Client } from 'aedes';
import { WebSocketServer, createWebSocketStream } from 'ws';
import { topicAllowed, type Principal } from './acl';

// The embedded broker: aedes (MQTT 3.1.1 — aedes does not speak MQTT 5) over WebSocket at /mqtt on the
// station's own port. Every connection authenticates (a participant's token, or the station's secret),
// and every publish and subscribe is checked against acl.ts.

export interface BrokerAuth {
  /** The principal a username/password stands for, or null. */
  authenticate(username: string, password: string): Principal | null;
  /** A refusal, for the session's log. */
  refused(who: Principal, op: 'publish' | 'subscribe', topic: string): void;
}

export interface EmbeddedBroker {
  aedes: Aedes;
  close(): Promise<void>;
}

export async function startEmbeddedBroker(server: Server, site: string, auth: BrokerAuth): Promise<EmbeddedBroker> {
  const who = new WeakMap<Client, Principal>();
  const aedes = await Aedes.createBroker({
    drainTimeout: 10_000,
    authenticate(client, username, password, done) {
      const p = auth.authenticate(username ?? '', password ? password.toString('utf8') : '');
      if (!p) {
        const e = Object.assign(new Error('bad username or password'), { returnCode: 4 as const });
        return done(e, false);
      }
      who.set(client, p);
      done(null, true);
    },
    authorizePublish(client, packet, done) {
      if (!client) return done(null); // the broker's own (a will for a client already gone)
      const p = who.get(client);
      if (p && topicAllowed(p, 'publish', packet.topic, site)) return done(null);
      if (p) auth.refused(p, 'publish', packet.topic);
      done(new Error(`not allowed to publish to ${packet.topic}`)); // MQTT 3.1.1: the connection closes
    },
    authorizeSubscribe(client, sub, done) {
      const p = who.get(client);
      if (p && topicAllowed(p, 'subscribe', sub.topic, site)) return done(null, sub);
      if (p) auth.refused(p, 'subscribe', sub.topic);
      done(null, null); // refused in the SUBACK (0x80); the connection stays
    },
  });
  const wss = new WebSocketServer({ noServer: true });
  wss.on('connection', (ws, req: IncomingMessage) => aedes.handle(createWebSocketStream(ws), req));
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (new URL(req.url ?? '/', 'http://x').pathname !== '/mqtt') return socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  };
  server.on('upgrade', onUpgrade);
  return {
    aedes,
    async close() {
      server.off('upgrade', onUpgrade);
      for (const c of wss.clients) c.terminate();
      await new Promise<void>((r) => wss.close(() => r()));
      await new Promise<void>((r) => aedes.close(() => r()));
    },
  };
}
