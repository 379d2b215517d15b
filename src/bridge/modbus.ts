import ModbusRTU from 'modbus-serial';
import type { Mapping, ModbusAddress, ModbusSource, TagMapping } from '../scada/mapping';
import { decodeRegisters, encodeRegisters, registerCount } from '../scada/scaling';
import type { Log } from './log';
import { backoff_ms, type RawReading, type SourceAdapter, type SourceEvents } from './source';

// The Modbus TCP adapter: polls every mapped address of one PLC at the source's poll_ms, contiguous
// addresses of a table read in one request (at most 125 registers / 2000 bits, the protocol's limits). An
// exception or a timeout makes that request's tags bad with the reason and keeps the connection; a lost
// socket (or three whole polls timing out, which is a stream out of step) reconnects with back-off.

type Table = ModbusAddress['table'];
type Client = InstanceType<typeof ModbusRTU>;

interface Item {
  tag: TagMapping;
  a: ModbusAddress;
}
export interface Group {
  table: Table;
  start: number;
  count: number;
  items: Item[];
}

const MAX_REGS = 125;
const MAX_BITS = 2000;
/** Whole polls in a row where every request timed out before the socket is dropped and opened again. */
const TIMED_OUT_POLLS = 3;

const isBits = (t: Table) => t === 'coil' || t === 'discrete';

/** Contiguous (or overlapping) addresses of one table in one request, within the protocol's limits. */
export function groupReads(tags: readonly TagMapping[]): Group[] {
  const items = tags
    .filter((t) => 'table' in t.address)
    .map((t) => ({ tag: t, a: t.address as ModbusAddress }))
    .sort((x, y) => x.a.table.localeCompare(y.a.table) || x.a.address - y.a.address);
  const groups: Group[] = [];
  for (const it of items) {
    const n = isBits(it.a.table) ? 1 : registerCount(it.a);
    const g = groups.at(-1);
    const max = isBits(it.a.table) ? MAX_BITS : MAX_REGS;
    const end = it.a.address + n;
    if (g && g.table === it.a.table && it.a.address <= g.start + g.count && end - g.start <= max) {
      g.count = Math.max(g.count, end - g.start);
      g.items.push(it);
    } else groups.push({ table: it.a.table, start: it.a.address, count: n, items: [it] });
  }
  return groups;
}

function read(c: Client, g: Group): Promise<ArrayLike<number | boolean>> {
  const r =
    g.table === 'holding'
      ? c.readHoldingRegisters(g.start, g.count)
      : g.table === 'input'
        ? c.readInputRegisters(g.start, g.count)
        : g.table === 'coil'
          ? c.readCoils(g.start, g.count)
          : c.readDiscreteInputs(g.start, g.count);
  return r.then((x) => x.data);
}

const errText = (e: unknown) => (e instanceof Error ? e.message : String(e));
const isTimeout = (e: unknown) => (e as { errno?: string })?.errno === 'ETIMEDOUT' || errText(e) === 'Timed out';
const isModbusException = (e: unknown) => typeof (e as { modbusCode?: unknown })?.modbusCode === 'number';

export interface ModbusAdapterOptions {
  now?: () => number;
  backoff?: (attempt: number) => number;
  /** Whole polls in a row with every request timed out before the stream is reopened (default 3). */
  timedOutPolls?: number;
}

export function createModbusSource(
  cfg: ModbusSource,
  mapping: Mapping,
  log: Log,
  opts: ModbusAdapterOptions = {},
): SourceAdapter {
  const now = opts.now ?? Date.now;
  const backoff = opts.backoff ?? ((n: number) => backoff_ms(n));
  let groups = groupReads(mapping.tags.filter((t) => t.source === cfg.id));
  let events: SourceEvents | null = null;
  let client: Client | null = null;
  let stopped = false;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let generation = 0; // bumped on every teardown so an old connection's callbacks do nothing
  let timedOutPolls = 0;

  const emit = (readings: RawReading[]) => {
    try {
      events?.data(readings);
    } catch (e) {
      log('error', 'modbus: data handler threw', { source: cfg.id, error: errText(e) });
    }
  };
  const state = (s: 'connecting' | 'up' | 'down', error?: string) => {
    try {
      events?.state(s, error);
    } catch (e) {
      log('error', 'modbus: state handler threw', { source: cfg.id, error: errText(e) });
    }
  };
  const later = (fn: () => void, ms: number) => {
    if (stopped) return;
    timer = setTimeout(fn, ms);
  };

  function teardown(): void {
    generation++;
    const c = client;
    client = null;
    if (c) {
      try {
        c.destroy(() => {});
      } catch {
        /* already gone */
      }
    }
  }

  function lost(why: string): void {
    if (stopped) return;
    teardown();
    state('down', why);
    const wait = backoff(attempt++);
    log('warn', 'modbus: connection lost', { source: cfg.id, error: why, retry_ms: wait });
    later(connect, wait);
  }

  function connect(): void {
    if (stopped) return;
    state('connecting');
    const gen = ++generation;
    const c = new ModbusRTU();
    client = c;
    c.on('error', (e: unknown) => gen === generation && lost(errText(e)));
    c.connectTCP(cfg.host, { port: cfg.port }).then(
      () => {
        if (gen !== generation || stopped) return void c.destroy(() => {});
        c.setID(cfg.unitId);
        c.setTimeout(cfg.timeout_ms);
        c.on('close', () => gen === generation && lost('connection closed'));
        attempt = 0;
        timedOutPolls = 0;
        state('up');
        log('info', 'modbus: connected', { source: cfg.id, host: cfg.host, port: cfg.port });
        void poll(gen);
      },
      (e: unknown) => gen === generation && lost(errText(e)),
    );
  }

  function decodeGroup(g: Group, data: ArrayLike<number | boolean>, ts_ms: number): RawReading[] {
    return g.items.map(({ tag, a }) => {
      const off = a.address - g.start;
      const n = isBits(a.table) ? 1 : registerCount(a);
      if (data.length < off + n)
        return { tag: tag.tag, raw: null, ts_ms, status: 'bad', reason: `short reply (${data.length} values)` };
      const words = Array.from({ length: n }, (_, i) => Number(data[off + i]));
      const raw = isBits(a.table) ? (words[0] ? 1 : 0) : decodeRegisters(a, words);
      return { tag: tag.tag, raw, ts_ms, status: 'good' };
    });
  }

  async function poll(gen: number): Promise<void> {
    const t0 = now();
    let timeouts = 0;
    const queue = [...groups];
    for (let g = queue.shift(); g; g = queue.shift()) {
      if (gen !== generation || !client) return;
      try {
        const data = await read(client, g);
        if (gen !== generation) return;
        emit(decodeGroup(g, data, now()));
      } catch (e) {
        if (gen !== generation) return;
        if (!client?.isOpen) return lost(errText(e));
        if (isTimeout(e)) timeouts++;
        const reason = isTimeout(e) ? `timeout after ${cfg.timeout_ms} ms` : errText(e);
        // one failed register must not take its neighbours down: read that group's tags one by one, now and
        // from now on, so only the tag at fault goes bad (and raises its alarm)
        if (isModbusException(e) && g.items.length > 1) {
          const parts = split(g);
          const failed = g;
          groups = groups.flatMap((x) => (x === failed ? parts : [x]));
          queue.unshift(...parts);
          log('warn', 'modbus: exception on a grouped read; reading its tags singly', {
            source: cfg.id,
            table: g.table,
            start: g.start,
            count: g.count,
            error: reason,
          });
          continue;
        }
        emit(g.items.map(({ tag }) => ({ tag: tag.tag, raw: null, ts_ms: now(), status: 'bad' as const, reason })));
      }
    }
    timedOutPolls = groups.length > 0 && timeouts === groups.length ? timedOutPolls + 1 : 0;
    const limit = opts.timedOutPolls ?? TIMED_OUT_POLLS;
    if (timedOutPolls >= limit) return lost(`no reply to ${limit} poll(s)`);
    if (gen === generation) later(() => void poll(gen), Math.max(0, cfg.poll_ms - (now() - t0)));
  }

  const split = (g: Group): Group[] =>
    g.items.map((it) => ({
      table: g.table,
      start: it.a.address,
      count: isBits(it.a.table) ? 1 : registerCount(it.a),
      items: [it],
    }));

  return {
    config: cfg,
    start(ev) {
      events = ev;
      stopped = false;
      connect();
    },
    async write(tag, raw) {
      const a = tag.address as ModbusAddress;
      if (!('table' in tag.address)) throw new Error(`${tag.tag} has no Modbus address`);
      if (!client?.isOpen) throw new Error(`source ${cfg.id} is not connected`);
      if (a.table === 'coil') await client.writeCoil(a.address, raw !== 0);
      else if (a.table === 'holding') await client.writeRegisters(a.address, encodeRegisters(a, raw));
      else throw new Error(`${a.table} ${a.table === 'input' ? 'registers' : 'inputs'} are read-only`);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      teardown();
    },
  };
}
