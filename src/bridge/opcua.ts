import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  AttributeIds,
  DataChangeFilter,
  DataChangeTrigger,
  DataType,
  DeadbandType,
  MessageSecurityMode,
  OPCUACertificateManager,
  OPCUAClient,
  SecurityPolicy,
  TimestampsToReturn,
  UserTokenType,
  type ClientSession,
  type ClientSubscription,
  type DataValue,
  type UserIdentityInfo,
} from 'node-opcua';
import type { Mapping, OpcuaSource, TagMapping } from '../scada/mapping';
import { toRaw } from '../scada/scaling';
import { backoff_ms, type RawReading, type SourceAdapter, type SourceEvents } from './source';

// The OPC UA adapter: one client, one session, one subscription with a monitored item per mapped tag.
// Sampling interval: the source's sampling_ms, or the tag's rate_ms where that is faster (every tag has a
// rate after parsing, 1 s by default, so "the tag's, else the source's" would never use the source's).
// An absolute deadband filter where the tag has a deadband, converted to the raw units the server holds.
// A lost connection is torn down and rebuilt from scratch with the bridge's back-off, so the subscription
// after a server restart is new and complete. Status codes pass through as the reading's status with the
// code's name as the reason.

export type BridgeLog = (level: 'info' | 'warn' | 'error', msg: string, fields?: Record<string, unknown>) => void;

export interface OpcuaAdapterOptions {
  /** Where the client's own certificate is made and kept (`<dataDir>/pki`). */
  dataDir?: string;
  /** Reconnect delay for the n-th failed attempt (default the bridge's backoff_ms). */
  backoff?: (attempt: number) => number;
  now?: () => number;
}

/** A node's value → a raw number (booleans 0/1); null when it is none. */
function rawNumber(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'bigint') return Number(v);
  // Int64/UInt64 arrive as [high, low] words
  if (Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'number')) return v[0] * 2 ** 32 + v[1];
  return null;
}

export function toReading(tag: string, dv: DataValue, now_ms: number): RawReading {
  const sc = dv.statusCode;
  const status = sc.isGood() ? 'good' : sc.isBad() ? 'bad' : 'uncertain';
  const ts = dv.sourceTimestamp?.getTime() ?? dv.serverTimestamp?.getTime();
  const raw = status === 'bad' ? null : rawNumber(dv.value?.value);
  const r: RawReading = { tag, raw, ts_ms: ts !== undefined && Number.isFinite(ts) ? ts : now_ms, status };
  if (status !== 'good') r.reason = sc.name;
  else if (raw === null) Object.assign(r, { status: 'bad', reason: `not a number (${dv.value?.dataType})` });
  return r;
}

/** The deadband in the raw units the server compares: the engineering deadband through the tag's scaling. */
function rawDeadband(t: TagMapping): number {
  if (!(t.deadband > 0)) return 0;
  return Math.abs(toRaw(t, t.deadband) - toRaw(t, 0));
}

function securityOf(cfg: OpcuaSource): { mode: MessageSecurityMode; policy: SecurityPolicy } {
  return cfg.security.mode === 'None'
    ? { mode: MessageSecurityMode.None, policy: SecurityPolicy.None }
    : { mode: MessageSecurityMode.SignAndEncrypt, policy: SecurityPolicy.Basic256Sha256 };
}

function identityOf(cfg: OpcuaSource): UserIdentityInfo {
  const s = cfg.security;
  if (s.mode === 'None' || (!s.user && !s.userCertificate)) return { type: UserTokenType.Anonymous };
  if (s.user) return { type: UserTokenType.UserName, userName: s.user.username, password: s.user.password };
  const c = s.userCertificate!;
  return {
    type: UserTokenType.Certificate,
    certificateData: new X509Certificate(readFileSync(c.certFile)).raw,
    privateKey: readFileSync(c.keyFile, 'utf8'),
  };
}

/** A variable's built-in data type (Boolean … Double), so a write sends what the server holds; Double otherwise. */
async function nodeDataType(s: ClientSession, nodeId: string): Promise<DataType> {
  const dv = await s.read({ nodeId, attributeId: AttributeIds.DataType });
  const id = dv.value?.value as { namespace?: number; value?: unknown } | undefined;
  const n = id && id.namespace === 0 && typeof id.value === 'number' ? id.value : 0;
  return n >= DataType.Boolean && n <= DataType.Double ? (n as DataType) : DataType.Double;
}

export function createOpcuaSource(
  cfg: OpcuaSource,
  mapping: Mapping,
  log: BridgeLog,
  opts: OpcuaAdapterOptions = {},
): SourceAdapter {
  const tags = mapping.tags.filter((t) => t.source === cfg.id && 'nodeId' in t.address);
  const now = opts.now ?? Date.now;
  const backoff = opts.backoff ?? ((n: number) => backoff_ms(n));
  const dataDir = opts.dataDir ?? path.join(os.homedir(), '.tanktwin', 'bridge-opcua', cfg.id);
  const byNode = new Map(tags.map((t) => [(t.address as { nodeId: string }).nodeId, t]));
  let events: SourceEvents | null = null;
  let stopped = false;
  let attempt = 0;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let client: OPCUAClient | null = null;
  let session: ClientSession | null = null;
  let subscription: ClientSubscription | null = null;
  let certificates: OPCUACertificateManager | null = null;
  /** Bumped on every teardown: callbacks of an old connection see a stale generation and do nothing. */
  let generation = 0;

  const emit = (readings: RawReading[]) => {
    try {
      events?.data(readings);
    } catch (e) {
      log('error', 'opcua: data handler threw', { source: cfg.id, error: String(e) });
    }
  };
  const state = (s: 'connecting' | 'up' | 'down', error?: string) => {
    try {
      events?.state(s, error);
    } catch (e) {
      log('error', 'opcua: state handler threw', { source: cfg.id, error: String(e) });
    }
  };

  async function teardown(): Promise<void> {
    generation++;
    const [c, s, sub] = [client, session, subscription];
    client = session = subscription = null;
    await sub?.terminate().catch(() => undefined);
    await s?.close().catch(() => undefined);
    await c?.disconnect().catch(() => undefined);
  }

  function lost(gen: number, why: string): void {
    if (gen !== generation || stopped) return;
    log('warn', 'opcua: connection lost', { source: cfg.id, error: why });
    state('down', why);
    void teardown().then(schedule);
  }

  function schedule(): void {
    if (stopped) return;
    const delay = backoff(attempt++);
    retry = setTimeout(() => {
      retry = null;
      void connect();
    }, delay);
  }

  async function connect(): Promise<void> {
    if (stopped) return;
    state('connecting');
    const gen = ++generation;
    try {
      certificates ??= new OPCUACertificateManager({
        rootFolder: path.join(dataDir, 'pki'),
        automaticallyAcceptUnknownCertificate: true,
      });
      const sec = securityOf(cfg);
      const c = OPCUAClient.create({
        applicationName: 'TankTwin bridge',
        endpointMustExist: false,
        securityMode: sec.mode,
        securityPolicy: sec.policy,
        clientCertificateManager: certificates,
        keepSessionAlive: true,
        requestedSessionTimeout: 60_000,
        // the adapter owns reconnection (a fresh client each time): the client itself gives up at once
        connectionStrategy: { maxRetry: 0, initialDelay: 500, maxDelay: 30_000 },
      });
      client = c;
      c.on('connection_lost', () => lost(gen, 'connection lost'));
      c.on('close', () => lost(gen, 'connection closed'));
      await c.connect(cfg.endpoint);
      if (gen !== generation) return;
      session = await c.createSession(identityOf(cfg));
      session.on('session_closed', () => lost(gen, 'session closed'));
      session.on('keepalive_failure', () => lost(gen, 'keep-alive failed'));
      await subscribe(session, gen);
      if (gen !== generation) return;
      attempt = 0;
      log('info', 'opcua: up', { source: cfg.id, endpoint: cfg.endpoint, items: tags.length });
      state('up');
    } catch (e) {
      if (gen !== generation || stopped) return;
      const why = e instanceof Error ? e.message : String(e);
      log('warn', 'opcua: connect failed', { source: cfg.id, endpoint: cfg.endpoint, error: why });
      state('down', why);
      await teardown();
      schedule();
    }
  }

  async function subscribe(s: ClientSession, gen: number): Promise<void> {
    const samplings = tags.map((t) => Math.min(t.rate_ms, cfg.sampling_ms));
    const sub = await s.createSubscription2({
      requestedPublishingInterval: Math.max(50, Math.min(...samplings, cfg.sampling_ms)),
      requestedLifetimeCount: 120,
      requestedMaxKeepAliveCount: 10,
      maxNotificationsPerPublish: 10_000,
      publishingEnabled: true,
      priority: 1,
    });
    subscription = sub;
    sub.on('terminated', () => lost(gen, 'subscription terminated'));
    // one request per (sampling, deadband) group: a plant's few hundred tags fall into a handful
    const groups = new Map<string, TagMapping[]>();
    tags.forEach((t, i) => {
      const key = `${samplings[i]}|${rawDeadband(t)}`;
      groups.set(key, [...(groups.get(key) ?? []), t]);
    });
    for (const [key, group] of groups) {
      const [sampling, deadband] = key.split('|').map(Number);
      const filter =
        deadband > 0
          ? new DataChangeFilter({
              trigger: DataChangeTrigger.StatusValue,
              deadbandType: DeadbandType.Absolute,
              deadbandValue: deadband,
            })
          : null;
      const items = group.map((t) => ({
        nodeId: (t.address as { nodeId: string }).nodeId,
        attributeId: AttributeIds.Value,
      }));
      const g = await sub.monitorItems(
        items,
        { samplingInterval: sampling, discardOldest: true, queueSize: 10, filter },
        TimestampsToReturn.Both,
      );
      if (gen !== generation) return;
      g.on('changed', (_item, dv, index) => {
        if (gen === generation) emit([toReading(group[index].tag, dv, now())]);
      });
      // an item the server refused (unknown node, filter not supported) is bad with the server's reason
      const refused = g.monitoredItems
        .map((m, i) => ({ m, t: group[i] }))
        .filter(({ m }) => m.statusCode && m.statusCode.isNotGood());
      if (refused.length)
        emit(
          refused.map(({ m, t }) => ({
            tag: t.tag,
            raw: null,
            ts_ms: now(),
            status: 'bad',
            reason: m.statusCode.name,
          })),
        );
    }
  }

  return {
    config: cfg,
    start(ev: SourceEvents) {
      if (events) return;
      events = ev;
      stopped = false;
      void connect();
    },
    async write(tag: TagMapping, raw: number) {
      const nodeId = (tag.address as { nodeId?: string }).nodeId;
      if (!nodeId || !byNode.has(nodeId)) throw new Error(`${tag.tag} is not a tag of OPC UA source ${cfg.id}`);
      if (!session) throw new Error(`OPC UA source ${cfg.id} is not connected`);
      const dataType = await nodeDataType(session, nodeId);
      const value =
        dataType === DataType.Boolean
          ? raw !== 0
          : dataType === DataType.Double || dataType === DataType.Float
            ? raw
            : Math.round(raw);
      const sc = await session.write({
        nodeId,
        attributeId: AttributeIds.Value,
        value: { value: { dataType, value } },
      });
      if (sc.isNotGood()) throw new Error(`${tag.tag}: ${sc.name}`);
    },
    async stop() {
      stopped = true;
      if (retry) clearTimeout(retry);
      retry = null;
      await teardown();
      await certificates?.dispose().catch(() => undefined);
      certificates = null;
      events = null;
    },
  };
}
