import type { ModbusAddress, TagMapping } from './mapping';

// Raw ↔ engineering for one mapped tag, both ways: the bridge reads raw → engineering, the virtual plant
// serves engineering → raw, with the same code so the two agree to the bit.

type Convert = NonNullable<TagMapping['convert']>;

const CONVERT: Record<Convert, [(x: number) => number, (y: number) => number]> = {
  F_to_C: [(f) => ((f - 32) * 5) / 9, (c) => (c * 9) / 5 + 32],
  K_to_C: [(k) => k - 273.15, (c) => c + 273.15],
  bar_to_Pa: [(b) => b * 1e5, (p) => p / 1e5],
  kPa_to_Pa: [(k) => k * 1e3, (p) => p / 1e3],
  psi_to_Pa: [(x) => x * 6894.757293168, (p) => p / 6894.757293168],
  m3h_to_m3s: [(x) => x / 3600, (y) => y * 3600],
  ft_to_m: [(x) => x * 0.3048, (m) => m / 0.3048],
  pct_to_frac: [(x) => x / 100, (f) => f * 100],
};

/** Raw source number → engineering value in the plant tag's unit. */
export function toEngineering(t: TagMapping, raw: number): number {
  let y = raw;
  const s = t.scale;
  if (s)
    y =
      'raw' in s
        ? s.eng[0] + ((raw - s.raw[0]) * (s.eng[1] - s.eng[0])) / (s.raw[1] - s.raw[0])
        : raw * s.gain + s.offset;
  return t.convert ? CONVERT[t.convert][0](y) : y;
}

/** Engineering value → raw source number (the inverse of toEngineering; not rounded). */
export function toRaw(t: TagMapping, eng: number): number {
  let y = t.convert ? CONVERT[t.convert][1](eng) : eng;
  const s = t.scale;
  if (s)
    y =
      'raw' in s
        ? s.raw[0] + ((y - s.eng[0]) * (s.raw[1] - s.raw[0])) / (s.eng[1] - s.eng[0])
        : (y - s.offset) / s.gain;
  return y;
}

/** How many 16-bit registers a Modbus value occupies. */
export function registerCount(a: ModbusAddress): number {
  return a.type === 'int32' || a.type === 'uint32' || a.type === 'float32' ? 2 : 1;
}

const scratch = new DataView(new ArrayBuffer(4));

/** Decode a value from its registers (each 0…65535), honouring the word order of 32-bit types. */
export function decodeRegisters(a: ModbusAddress, regs: ArrayLike<number>): number {
  if (a.type === 'bool') return regs[0] ? 1 : 0;
  if (a.type === 'uint16') return regs[0] & 0xffff;
  if (a.type === 'int16') return (regs[0] << 16) >> 16;
  const [hi, lo] = a.wordOrder === 'big' ? [regs[0], regs[1]] : [regs[1], regs[0]];
  scratch.setUint16(0, hi & 0xffff);
  scratch.setUint16(2, lo & 0xffff);
  if (a.type === 'float32') return scratch.getFloat32(0);
  if (a.type === 'int32') return scratch.getInt32(0);
  return scratch.getUint32(0);
}

/**
 * Encode a raw number into registers (rounded and clamped to the type's range for integers), honouring word
 * order: what a PLC would hold.
 */
export function encodeRegisters(a: ModbusAddress, raw: number): number[] {
  if (a.type === 'bool') return [raw ? 1 : 0];
  const clampInt = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, Math.round(x)));
  if (a.type === 'uint16') return [clampInt(raw, 0, 0xffff)];
  if (a.type === 'int16') return [clampInt(raw, -0x8000, 0x7fff) & 0xffff];
  if (a.type === 'float32') scratch.setFloat32(0, raw);
  else if (a.type === 'int32') scratch.setInt32(0, clampInt(raw, -0x80000000, 0x7fffffff));
  else scratch.setUint32(0, clampInt(raw, 0, 0xffffffff));
  const hi = scratch.getUint16(0);
  const lo = scratch.getUint16(2);
  return a.wordOrder === 'big' ? [hi, lo] : [lo, hi];
}
