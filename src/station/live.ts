import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Duplex } from 'node:stream';
import type { Aedes } from 'aedes';
import { MqttClient } from 'mqtt';
import { liveTopics } from '../protocol/live';
import type { MqttAccess } from '../protocol/session';
import type { Mapping } from '../scada/mapping';
import { connectBroker } from '../bridge/broker';
import { Bridge } from '../bridge/core';
import { jsonLog, type Log } from '../bridge/log';
import { prometheusText } from '../bridge/metrics';
import type { ServerResponse } from 'node:http';
import { plantTanks } from '../bridge/tanks';
import type { Principal } from './acl';
import type { ExternalBroker } from './station';
import { loadPlantOrThrow } from '../sim/plant/load';
import type { PlantData } from '../sim/plant/schema';
import type { HistoryQuery } from '../historian/query';
import type { Historian } from '../historian/historian';
import { startTwinService, type TwinBus } from '../twinService/start';
import type { TwinService } from '../twinService/service';
import { twinMetricsText } from '../twinService/metrics';
import type { TwinRouteContext } from '../twinService/routes/types';

// The live twin on a station (`--live MAPPING_FILE`): the bridge runs in the station's process and
// publishes to the station's own broker (the embedded one through an in-memory stream, authenticated with
// a secret made at start; an external one with the bridge account), and `POST /api/live/join` hands a
// page broker credentials to read the live topics, or with the engineer code also to ask for writes.

export interface LiveOptions {
  mapping: Mapping;
  /** The bridge accepts write requests for the mapping's writable tags. */
  allowWrite?: boolean;
  /** With this code, /api/live/join gives write access (the engineer role); none: nobody writes. */
  engineerCode?: string;
  log?: Log;
}

export interface LiveJoined {
  site: string;
  plant: string;
  mqtt: MqttAccess;
  historyUrl: string;
}

/** How long a live viewer's broker password is good for. */
const LIVE_TTL_S = 12 * 3600;
const BRIDGE_USER = 'tanktwin-bridge';

/** Two connected in-memory streams: what one side writes the other reads. */
function duplexPair(): [Duplex, Duplex] {
  const ends: Duplex[] = [];
  const make = (i: number) =>
    new Duplex({
      read() {},
      write(chunk, _enc, cb) {
        ends[1 - i].push(chunk);
        cb();
      },
      final(cb) {
        ends[1 - i].push(null);
        cb();
      },
      destroy(err, cb) {
        const peer = ends[1 - i];
        if (!peer.destroyed) peer.destroy();
        cb(err);
      },
    });
  ends.push(make(0), make(1));
  return [ends[0], ends[1]];
}

export class LiveTwin {
  readonly site: string;
  readonly plant: string;
  private readonly bridgeSecret = randomBytes(24).toString('base64url');
  private bridge: Bridge | null = null;
  /** The twin service beside the bridge (a filter per tank, estimates on the live topics); null until started. */
  twin: TwinService | null = null;
  /** The plant data the twin runs (the station's plant file). */
  plantData: PlantData | null = null;

  constructor(
    readonly opts: LiveOptions,
    private readonly hmac: Buffer,
  ) {
    this.site = opts.mapping.site;
    this.plant = opts.mapping.plant;
  }

  get running(): Bridge | null {
    return this.bridge;
  }

  /** Start the bridge on the embedded broker (in memory) or on the external one. */
  async start(broker: { aedes: Aedes } | { external: ExternalBroker }): Promise<void> {
    const log = this.opts.log ?? jsonLog();
    let mqtt: MqttClient;
    if ('aedes' in broker) {
      const aedes = broker.aedes;
      mqtt = new MqttClient(
        () => {
          const [mine, theirs] = duplexPair();
          aedes.handle(theirs);
          return mine;
        },
        {
          protocolVersion: 4,
          username: BRIDGE_USER,
          password: this.bridgeSecret,
          clientId: `tanktwin-bridge-${this.plant}-${randomBytes(3).toString('hex')}`,
          reconnectPeriod: 1000,
        },
      );
      await new Promise<void>((resolve, reject) => {
        mqtt.once('connect', () => resolve());
        mqtt.once('error', reject);
      });
    } else {
      const b = broker.external;
      const acct = b.accounts.bridge ?? b.accounts.station;
      mqtt = await connectBroker(b.url, { ...acct, protocolVersion: b.protocolVersion });
    }
    this.bridge = await Bridge.start({
      mapping: this.opts.mapping,
      mqtt,
      allowWrite: this.opts.allowWrite,
      log,
      tanks: plantTanks(),
    });
  }

  /** Start the twin service on the station's own bus (it reads and publishes the live topics as the station). */
  async startTwin(bus: TwinBus, plantRaw: unknown): Promise<void> {
    const log = this.opts.log ?? jsonLog();
    try {
      this.plantData = loadPlantOrThrow(plantRaw);
      this.twin = await startTwinService(bus, { mapping: this.opts.mapping, plant: this.plantData, log });
    } catch (e) {
      // the live plant is still shown without its estimates
      log('error', 'twin service cannot start', { error: (e as Error).message });
    }
  }

  async stop(): Promise<void> {
    this.twin?.close();
    await this.bridge?.stop();
    this.bridge = null;
  }

  /** Who a live credential on the embedded broker stands for; null when it is none of ours. */
  principal(username: string, password: string): Principal | null {
    if (username === BRIDGE_USER) {
      const a = Buffer.from(password);
      const b = Buffer.from(this.bridgeSecret);
      return a.length === b.length && timingSafeEqual(a, b) ? { kind: 'bridge' } : null;
    }
    const m = /^lv1\.(viewer|engineer)\.(\d+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(password);
    if (!m || username !== `live-${m[3]}`) return null;
    const want = this.mac(m[1], Number(m[2]), m[3]);
    const got = Buffer.from(m[4], 'base64url');
    if (got.length !== want.length || !timingSafeEqual(got, want)) return null;
    if (Number(m[2]) <= Date.now() / 1000) return null;
    return { kind: 'liveViewer', engineer: m[1] === 'engineer' };
  }

  private mac(kind: string, exp: number, nonce: string): Buffer {
    return createHmac('sha256', this.hmac).update(`live.${kind}.${exp}.${nonce}`).digest();
  }

  /** Broker access for a viewer; with the engineer code, an engineer who may publish write requests. */
  join(body: unknown, origin: string, external?: ExternalBroker): LiveJoined | { status: number; error: string } {
    const code = (body as { code?: unknown } | null)?.code;
    if (code !== undefined && typeof code !== 'string') return { status: 400, error: 'code: a string' };
    const engineer = code !== undefined && code !== '';
    if (engineer && (!this.opts.engineerCode || !safeEqual(code, this.opts.engineerCode)))
      return { status: 403, error: 'code: not the live engineer code of this station' };
    const nonce = randomBytes(9).toString('base64url');
    const clientId = `tt-live-${nonce}`;
    let mqtt: MqttAccess;
    if (external) {
      const acct = engineer ? external.accounts.engineer : external.accounts.liveViewer;
      if (!acct)
        return { status: 503, error: `the broker auth file has no ${engineer ? 'engineer' : 'liveViewer'} account` };
      mqtt = { url: external.publicUrl ?? external.url, protocolVersion: external.protocolVersion, ...acct, clientId };
    } else {
      const kind = engineer ? 'engineer' : 'viewer';
      const exp = Math.floor(Date.now() / 1000) + LIVE_TTL_S;
      const password = `lv1.${kind}.${exp}.${nonce}.${this.mac(kind, exp, nonce).toString('base64url')}`;
      mqtt = {
        url: `${origin.replace(/^http/, 'ws')}/mqtt`,
        protocolVersion: 4,
        username: `live-${nonce}`,
        password,
        clientId,
      };
    }
    liveTopics(this.site, this.plant); // the ids are checked once more before a page builds topics from them
    return { site: this.site, plant: this.plant, mqtt, historyUrl: '/api/history' };
  }
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a.toUpperCase());
  const y = Buffer.from(b.toUpperCase());
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * `GET /api/live/healthz` and `/api/live/metrics`: the in-station bridge's health (503 when every source is
 * down) and its Prometheus metrics with the historian's lag. False when the path is neither.
 */
export function serveLiveStatus(
  live: LiveTwin | null,
  path: string,
  res: ServerResponse,
  historianLag_s: () => number | null,
): boolean {
  if (path !== '/api/live/healthz' && path !== '/api/live/metrics') return false;
  const b = live?.running;
  if (!b) {
    res.writeHead(404, { 'Content-Type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ error: 'this station shows no live plant (start it with --live MAPPING_FILE)' }));
  } else if (path === '/api/live/metrics') {
    const lag = (() => {
      try {
        return historianLag_s();
      } catch {
        return null; // a failing historian probe must not take the metrics down with it
      }
    })();
    res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(prometheusText(b.health(), b.metrics, lag) + (live?.twin ? twinMetricsText(live.twin) : ''));
  } else {
    const h = b.health();
    const allDown = h.sources.length > 0 && h.sources.every((s) => s.state === 'down');
    res.writeHead(allDown ? 503 : 200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
    });
    res.end(JSON.stringify({ status: allDown ? 'every source is down' : 'ok', ...h }));
  }
  return true;
}

/** What the /api/twin routes see of this station (src/twinService/routes/types.ts). */
export function twinRouteContext(
  live: LiveTwin | null,
  historian: Historian | null,
  plantRaw: () => PlantData,
): TwinRouteContext {
  const twin = live?.twin ?? null;
  return {
    twin,
    plant: live?.plantData ?? plantRaw(),
    mapping: live?.opts.mapping ?? null,
    plantId: live?.plant ?? null,
    history: historian ? (q: HistoryQuery) => historian.query(q) : null,
    now_ms: () => twin?.source_ms ?? Number.NaN,
  };
}
