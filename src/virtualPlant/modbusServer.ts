import { ServerTCP } from 'modbus-serial';
import type { ModbusAddress, TagMapping } from '../scada/mapping';
import { decodeRegisters, encodeRegisters, registerCount, toEngineering, toRaw } from '../scada/scaling';
import type { VirtualPlant } from './plant';

// The virtual plant's PLC: a Modbus TCP server whose register map is the mapping's (the same file the
// bridge reads), each value encoded from the served engineering value with toRaw + encodeRegisters, so the
// bridge decodes exactly what the plant meant. A tag whose sensor is failed answers exception 4 (server
// device failure); an address no tag occupies answers exception 2 (illegal data address) unless the
// request also covers mapped registers (a block read across a gap reads 0 there, as most PLCs do).
// Writes to writable holding registers and coils become plant commands.

export interface ModbusServerOptions {
  port: number;
  host?: string;
  /** Serve only tags of these sources (default: every Modbus source of the mapping). */
  sources?: string[];
  /** Source time of a written value. */
  now?: () => number;
}

export interface VirtualModbusServer {
  readonly port: number;
  stop(): Promise<void>;
}

type Table = ModbusAddress['table'];
interface Cell {
  k: number;
  word: number;
}

const EXC_ILLEGAL_FUNCTION = 1;
const EXC_ILLEGAL_ADDRESS = 2;
const EXC_ILLEGAL_VALUE = 3;
const EXC_DEVICE_FAILURE = 4;
const fail = (code: number, msg: string) => Object.assign(new Error(msg), { modbusErrorCode: code });

/** The register image: which tag word sits at each address of each table. */
function buildImage(plant: VirtualPlant, sources: Set<string>): Map<Table, Map<number, Cell>> {
  const image = new Map<Table, Map<number, Cell>>(
    (['holding', 'input', 'coil', 'discrete'] as Table[]).map((t) => [t, new Map()]),
  );
  plant.tags.forEach((t, k) => {
    if (!sources.has(t.source) || !('table' in t.address)) return;
    const a = t.address;
    const n = a.table === 'coil' || a.table === 'discrete' ? 1 : registerCount(a);
    for (let w = 0; w < n; w++) {
      const cells = image.get(a.table)!;
      if (cells.has(a.address + w)) throw new Error(`tags[${k}].address: ${a.table} ${a.address + w} is used twice`);
      cells.set(a.address + w, { k, word: w });
    }
  });
  return image;
}

export async function startModbusServer(plant: VirtualPlant, o: ModbusServerOptions): Promise<VirtualModbusServer> {
  const modbusSources = plant.mapping.sources.filter(
    (s) => s.kind === 'modbus' && (!o.sources || o.sources.includes(s.id)),
  );
  const image = buildImage(plant, new Set(modbusSources.map((s) => s.id)));
  const unitIds = new Set(modbusSources.map((s) => (s.kind === 'modbus' ? s.unitId : 1)));

  const words = (k: number): number[] => {
    const t = plant.tags[k];
    const s = plant.valueAt(k);
    if (s.status !== 'good' || s.v === null) throw fail(EXC_DEVICE_FAILURE, `${t.tag}: ${s.reason ?? 'bad'}`);
    return encodeRegisters(t.address as ModbusAddress, toRaw(t, s.v));
  };

  const read = (table: Table, addr: number, length: number, unitId: number): number[] => {
    if (!unitIds.has(unitId)) throw fail(EXC_ILLEGAL_ADDRESS, `no unit ${unitId}`);
    const cells = image.get(table)!;
    const out: number[] = new Array(length).fill(0);
    let mapped = false;
    for (let i = 0; i < length; i++) {
      const c = cells.get(addr + i);
      if (!c) continue;
      mapped = true;
      out[i] = words(c.k)[c.word];
    }
    if (!mapped) throw fail(EXC_ILLEGAL_ADDRESS, `${table} ${addr}+${length}: no tag there`);
    return out;
  };

  /** Registers written at addr: each tag they touch is decoded from its new words and written to the plant. */
  const writeRegisters = (addr: number, values: number[], unitId: number): void => {
    if (!unitIds.has(unitId)) throw fail(EXC_ILLEGAL_ADDRESS, `no unit ${unitId}`);
    const cells = image.get('holding')!;
    const touched = new Map<number, number[]>();
    values.forEach((v, i) => {
      const c = cells.get(addr + i);
      if (!c) throw fail(EXC_ILLEGAL_ADDRESS, `holding ${addr + i}: no tag there`);
      const t = plant.tags[c.k];
      if (!t.writable) throw fail(EXC_ILLEGAL_FUNCTION, `${t.tag} is read-only`);
      if (!touched.has(c.k)) touched.set(c.k, safeWords(c.k));
      touched.get(c.k)![c.word] = v & 0xffff;
    });
    for (const [k, regs] of touched)
      apply(plant.tags[k], decodeRegisters(plant.tags[k].address as ModbusAddress, regs));
  };
  const safeWords = (k: number): number[] => {
    try {
      return words(k);
    } catch {
      return [0, 0];
    }
  };
  const apply = (t: TagMapping, raw: number) => {
    const r = plant.write(t.tag, toEngineering(t, raw), (o.now ?? Date.now)());
    if (!r.ok) throw fail(EXC_ILLEGAL_VALUE, `${t.tag}: ${r.reason}`);
  };

  const vector = {
    getInputRegister: (addr: number, unitId: number) => read('input', addr, 1, unitId)[0],
    getHoldingRegister: (addr: number, unitId: number) => read('holding', addr, 1, unitId)[0],
    getMultipleInputRegisters: (addr: number, length: number, unitId: number) => read('input', addr, length, unitId),
    getMultipleHoldingRegisters: (addr: number, length: number, unitId: number) =>
      read('holding', addr, length, unitId),
    getCoil: (addr: number, unitId: number) => read('coil', addr, 1, unitId)[0] !== 0,
    getDiscreteInput: (addr: number, unitId: number) => read('discrete', addr, 1, unitId)[0] !== 0,
    setRegister: (addr: number, value: number, unitId: number) => writeRegisters(addr, [value], unitId),
    setRegisterArray: (addr: number, values: number[], unitId: number) => writeRegisters(addr, values, unitId),
    setCoil: (addr: number, value: boolean, unitId: number) => {
      if (!unitIds.has(unitId)) throw fail(EXC_ILLEGAL_ADDRESS, `no unit ${unitId}`);
      const c = image.get('coil')!.get(addr);
      if (!c) throw fail(EXC_ILLEGAL_ADDRESS, `coil ${addr}: no tag there`);
      const t = plant.tags[c.k];
      if (!t.writable) throw fail(EXC_ILLEGAL_FUNCTION, `${t.tag} is read-only`);
      apply(t, value ? 1 : 0);
    },
  };

  const server = new ServerTCP(vector, { host: o.host ?? '127.0.0.1', port: o.port, unitID: 255 });
  await new Promise<void>((resolve, reject) => {
    server.once('initialized', () => resolve());
    server.once('serverError', (e: Error) => reject(e));
  });
  server.on('socketError', () => undefined); // a client's broken connection is its own problem
  server.on('serverError', () => undefined);
  return {
    port: o.port,
    async stop() {
      // close() stops listening only; open client sockets are cut here so a stopped PLC looks stopped
      for (const sock of server.socks.keys()) sock.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
