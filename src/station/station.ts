import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { randomBytes, randomInt } from 'node:crypto';
import { hostname } from 'node:os';
import type { AddressInfo } from 'node:net';
import { defaultPlantRaw } from '../sim/plant/default';
import type { Role } from '../protocol/actions';
import {
  SESSION_PROTOCOL,
  TOKEN_TTL_S,
  type CreateSession,
  type CreatedSession,
  type Joined,
  type JoinRequest,
  type MqttAccess,
} from '../protocol/session';
import type { BrokerAccount, LiveAccount, Principal } from './acl';
import { LiveTwin, type LiveOptions } from './live';
import { startEmbeddedBroker, type EmbeddedBroker } from './broker';
import { AedesBus, MqttBus, type Bus } from './bus';
import type { StationContext } from './context';
import { loadOrCreateKeys, signToken, verifyToken, type StationKeys, type TokenClaims } from './keys';
import { PlantThreads } from './plantThreads';
import { loadScenarios } from './scenarios';
import { SessionHost } from './sessionHost';
import { Storage, type SessionMeta } from './storage';
import { handleApi, HttpError } from './api';
import { liveCors, serveStatic, setSecurityHeaders } from './staticFiles';
import { Historian } from '../historian/historian';
import { handleHistoryRequest } from '../historian/http';

export interface ExternalBroker {
  /** mqtt(s):// or ws(s):// URL the station connects to. */
  url: string;
  /** The URL pages connect to (a browser needs ws(s)://); default `url`. */
  publicUrl?: string;
  protocolVersion: 4 | 5;
  accounts: Record<BrokerAccount, { username: string; password: string }> &
    Partial<Record<LiveAccount, { username: string; password: string }>>;
}

export interface StationOptions {
  port: number;
  host: string;
  tls?: { cert: string; key: string };
  dataDir: string;
  distDir: string;
  scenariosDir: string;
  site?: string;
  name?: string;
  broker?: ExternalBroker;
  threads?: number;
  plantRaw?: unknown;
  tokenTtl_s?: number;
  /** `sqlite` (default: a file in dataDir), `sqlite:FILE` or a postgres:// URL (src/historian). */
  historian?: string;
  /** `--live MAPPING_FILE`: the bridge runs in the station, publishing to its broker (src/station/live.ts). */
  live?: LiveOptions;
}

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no I, O, 0, 1: read aloud and typed on a headset
const code = () => Array.from({ length: 6 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
const newId = (prefix: string) => `${prefix}${randomBytes(6).toString('base64url').replace(/[-_]/g, 'x')}`;

/**
 * A station: the built app, the HTTP API, the broker (embedded or external) and the shared sessions, on
 * one port. `Station.start` returns once it listens and every stored session has resumed.
 */
export class Station {
  readonly sessions = new Map<string, SessionHost>();
  readonly tls: boolean;
  private codes = new Map<string, { sid: string; role: Role }>();
  private server!: Server;
  private broker: EmbeddedBroker | null = null;
  private bus!: Bus;
  /** Every live tag and event of this site, stored (src/historian); its lag_s() is for the bridge's /metrics. */
  historian: Historian | null = null;
  /** The live twin's bridge and viewer access, with --live. */
  live: LiveTwin | null = null;
  readonly ctx: StationContext;
  readonly startedAt = Date.now();

  private constructor(readonly opts: StationOptions) {
    this.tls = !!opts.tls;
    const keys: StationKeys = loadOrCreateKeys(opts.dataDir);
    const scenarios = loadScenarios(opts.scenariosDir);
    this.ctx = {
      site: opts.site ?? 'station',
      stationName: opts.name ?? hostname(),
      plantRaw: opts.plantRaw ?? defaultPlantRaw,
      storage: new Storage(opts.dataDir),
      keys,
      threads: new PlantThreads(
        {
          frame: (m) => this.sessions.get(m.sid)?.onFrame(m),
          persist: (m) => void this.ctx.storage.saveSnapshot(m.sid, m.snapshot, m.extras),
          crashed: (sids, e) => void this.reopen(sids, e),
        },
        opts.threads,
      ),
      verify: (t) => verifyToken(keys.hmac, t, Date.now() / 1000),
      scenario: (id) => scenarios.get(id),
    };
  }

  static async start(opts: StationOptions): Promise<Station> {
    const st = new Station(opts);
    await st.listen();
    return st;
  }

  get site(): string {
    return this.ctx.site;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get url(): string {
    const h = this.opts.host === '0.0.0.0' || this.opts.host === '::' ? 'localhost' : this.opts.host;
    return `${this.tls ? 'https' : 'http'}://${h.includes(':') ? `[${h}]` : h}:${this.port}`;
  }

  private async listen(): Promise<void> {
    const handler = (req: IncomingMessage, res: ServerResponse) => {
      setSecurityHeaders(res);
      const path = req.url ?? '';
      if (liveCors(req, res, path)) return;
      if (path.startsWith('/api/history'))
        void handleHistoryRequest(req, res, new URL(path, 'http://x'), this.historian).then((done) => {
          if (!done) void handleApi(this, req, res);
        });
      else if (path.startsWith('/api/')) void handleApi(this, req, res);
      else serveStatic(this.opts.distDir, req, res);
    };
    this.server = this.opts.tls ? createHttpsServer(this.opts.tls, handler) : createHttpServer(handler);
    if (this.opts.broker) {
      const b = this.opts.broker;
      this.bus = await MqttBus.connect(b.url, { ...b.accounts.station, protocolVersion: b.protocolVersion });
    } else {
      this.broker = await startEmbeddedBroker(this.server, this.site, {
        authenticate: (u, p) => this.principal(u, p),
        refused: (who, op, topic) => {
          if (who.kind !== 'participant') return;
          const host = this.sessions.get(who.sid);
          const name = host?.meta.participants[who.pid]?.name ?? who.pid;
          host?.brokerRefused({ pid: who.pid, name, role: who.role }, op, topic);
        },
      });
      this.bus = new AedesBus(this.broker.aedes);
    }
    this.historian = await Historian.open({ url: this.opts.historian ?? 'sqlite', dataDir: this.opts.dataDir });
    await this.historian.attach(this.bus, this.site);
    const base = `tanktwin/${this.site}/session/+`;
    const bySid = (topic: string) => this.sessions.get(topic.split('/')[3]);
    await this.bus.subscribe(`${base}/action`, (t, p) => void bySid(t)?.onEnvelope(p));
    await this.bus.subscribe(`${base}/control`, (t, p) => void bySid(t)?.onEnvelope(p));
    await this.bus.subscribe(`${base}/presence/+`, (t, p) => bySid(t)?.onPresence(t.split('/')[5], p));
    for (const { meta, saved } of this.ctx.storage.loadSessions()) await this.host(meta, saved);
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.opts.port, this.opts.host, () => resolve());
    });
    if (this.opts.live) {
      this.live = new LiveTwin(this.opts.live, this.ctx.keys.hmac);
      await this.live.start(this.broker ? { aedes: this.broker.aedes } : { external: this.opts.broker! });
      await this.live.startTwin(this.bus, this.ctx.plantRaw);
    }
  }

  private principal(username: string, password: string): Principal | null {
    const live = this.live?.principal(username, password);
    if (live) return live;
    const c = this.ctx.verify(password);
    if (!c || c.pid !== username) return null;
    const host = this.sessions.get(c.sid);
    if (!host || !host.meta.participants[c.pid]) return null;
    return { kind: 'participant', sid: c.sid, pid: c.pid, role: c.role };
  }

  private async host(meta: SessionMeta, saved: { snapshot: unknown; extras: unknown } | null): Promise<SessionHost> {
    const h = new SessionHost(meta, this.ctx, this.bus);
    this.sessions.set(meta.id, h);
    for (const [role, c] of Object.entries(meta.codes)) this.codes.set(c, { sid: meta.id, role: role as Role });
    await h.open(saved);
    return h;
  }

  /** A plant thread died: its sessions start again from their last snapshots. */
  private async reopen(sids: string[], e: Error): Promise<void> {
    console.error(`station: a plant thread stopped (${e.message}); resuming ${sids.length} session(s)`);
    const stored = new Map(this.ctx.storage.loadSessions().map((s) => [s.meta.id, s.saved]));
    for (const sid of sids) {
      const h = this.sessions.get(sid);
      if (h) await h.open(stored.get(sid) ?? null);
    }
  }

  describe() {
    return {
      protocol: SESSION_PROTOCOL,
      name: this.ctx.stationName,
      site: this.site,
      recordsPublicKey: this.ctx.keys.publicKeyPem,
      recordsKeyId: this.ctx.keys.keyId,
      broker: this.opts.broker
        ? { embedded: false, protocolVersion: this.opts.broker.protocolVersion }
        : { embedded: true, protocolVersion: 4 },
      ics: this.ctx.storage.listIcs(),
    };
  }

  async createSession(req: CreateSession, origin: string): Promise<CreatedSession> {
    if (req.scenario && this.ctx.scenario(req.scenario) === undefined)
      throw new HttpError(400, `scenario: no scenario "${req.scenario}" on this station`);
    if (req.ic && !this.ctx.storage.loadIc(req.ic)) throw new HttpError(400, `ic: no initial condition "${req.ic}"`);
    const id = newId('s');
    const codes = { instructor: code(), trainee: code(), observer: code() };
    const meta: SessionMeta = {
      id,
      name: req.name,
      createdAt: new Date().toISOString(),
      codes,
      scenarioId: req.scenario ?? null,
      scenario: req.scenario ? this.ctx.scenario(req.scenario) : null,
      runId: null,
      runStartedAt: null,
      ic: req.ic ?? null,
      speed: req.speed ?? 1,
      status: 'running',
      participants: {},
    };
    this.ctx.storage.saveMeta(meta);
    await this.host(meta, null);
    const link = (c: string, page?: string) => `${origin}/?${page ? `page=${page}&` : ''}join=${c}`;
    return {
      id,
      codes,
      links: {
        instructor: link(codes.instructor, 'instructor'),
        trainee: link(codes.trainee),
        observer: link(codes.observer),
      },
    };
  }

  listSessions() {
    return [...this.sessions.values()].map((h) => ({ id: h.meta.id, name: h.meta.name, status: h.meta.status }));
  }

  join(req: JoinRequest, origin: string): Joined {
    const c = this.codes.get(req.code.toUpperCase());
    if (!c) throw new HttpError(404, 'code: no session has this join code');
    const host = this.sessions.get(c.sid)!;
    const known = req.pid ? host.meta.participants[req.pid] : undefined;
    if (req.pid && (!known || known.role !== c.role))
      throw new HttpError(403, 'pid: not a participant of this session with this code');
    const pid = req.pid ?? newId('p');
    host.meta.participants[pid] = { name: req.name, role: c.role, device: req.device };
    this.ctx.storage.saveMeta(host.meta);
    host.publishInfo();
    const claims: TokenClaims = { sid: c.sid, pid, role: c.role, name: req.name, exp: this.expiry() };
    const token = signToken(this.ctx.keys.hmac, claims);
    return {
      sessionId: c.sid,
      site: this.site,
      participantId: pid,
      role: c.role,
      token,
      expiresAt: new Date(claims.exp * 1000).toISOString(),
      mqtt: this.mqttAccess(origin, pid, c.sid, c.role, token),
    };
  }

  private expiry(): number {
    return Math.floor(Date.now() / 1000) + (this.opts.tokenTtl_s ?? TOKEN_TTL_S);
  }

  private mqttAccess(origin: string, pid: string, sid: string, role: Role, token: string): MqttAccess {
    const clientId = `tt-${sid}-${pid}`;
    const b = this.opts.broker;
    if (b) return { url: b.publicUrl ?? b.url, protocolVersion: b.protocolVersion, ...b.accounts[role], clientId };
    return {
      url: `${origin.replace(/^http/, 'ws')}/mqtt`,
      protocolVersion: 4,
      username: pid,
      password: token,
      clientId,
    };
  }

  refresh(token: string): { token: string; expiresAt: string } {
    const c = this.ctx.verify(token);
    if (!c || !this.sessions.has(c.sid)) throw new HttpError(401, 'token: not valid (rejoin with your code)');
    const claims = { ...c, exp: this.expiry() };
    return { token: signToken(this.ctx.keys.hmac, claims), expiresAt: new Date(claims.exp * 1000).toISOString() };
  }

  /** Stop: by default each session's state is written first so a restart resumes exactly here. */
  async close(opts: { save?: boolean } = {}): Promise<void> {
    if (opts.save !== false) for (const h of this.sessions.values()) await h.save().catch(() => {});
    await this.live?.stop();
    await this.ctx.storage.flushed();
    await this.ctx.threads.close();
    await this.bus.close();
    await this.historian?.close();
    await this.broker?.close();
    this.server.closeAllConnections?.();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}
