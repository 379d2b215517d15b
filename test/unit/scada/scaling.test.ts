import { describe, expect, it } from 'vitest';
import { decodeRegisters, encodeRegisters, registerCount, toEngineering, toRaw } from '../../../src/scada/scaling';
import type { ModbusAddress } from '../../../src/scada/mapping';
import { mapping, tag } from './fixtures';

const addr = (type: ModbusAddress['type'], wordOrder: ModbusAddress['wordOrder'] = 'big'): ModbusAddress => ({
  table: 'holding',
  address: 0,
  type,
  wordOrder,
});

describe('scaling', () => {
  const one = (extra: Record<string, unknown>) =>
    mapping({ tags: [tag('X', { range: [-1e9, 1e9], ...extra })] }).tags[0];

  it('spans: 4–20 mA as 0–27648 counts → 0–20 m, both ways', () => {
    const t = one({ scale: { raw: [0, 27648], eng: [0, 20] } });
    expect(toEngineering(t, 13824)).toBe(10);
    expect(toEngineering(t, 27648)).toBe(20);
    expect(toRaw(t, 5)).toBe(6912);
    const off = one({ scale: { raw: [4, 20], eng: [-50, 150] } }); // 4–20 mA → −50…150 °C
    expect(toEngineering(off, 12)).toBe(50);
    expect(toRaw(off, 150)).toBe(20);
  });

  it('gain and offset, then a unit conversion; the inverse undoes both', () => {
    const t = one({ scale: { gain: 0.1, offset: 0 }, convert: 'F_to_C' }); // tenths of °F
    expect(toEngineering(t, 3560)).toBeCloseTo(180, 12); // 356.0 °F = 180 °C
    expect(toRaw(t, 180)).toBeCloseTo(3560, 9);
    const k = one({ convert: 'K_to_C' });
    expect(toEngineering(k, 373.15)).toBeCloseTo(100, 12);
    const p = one({ scale: { gain: 2, offset: 1 }, convert: 'pct_to_frac' });
    expect(toEngineering(p, 24.5)).toBe(0.5); // 24.5·2 + 1 = 50 % = 0.5
    expect(toRaw(p, 0.5)).toBe(24.5);
    for (const c of ['bar_to_Pa', 'kPa_to_Pa', 'psi_to_Pa', 'm3h_to_m3s', 'ft_to_m'] as const) {
      const u = one({ convert: c });
      expect(toRaw(u, toEngineering(u, 12.5))).toBeCloseTo(12.5, 9);
    }
    expect(toEngineering(one({ convert: 'psi_to_Pa' }), 1)).toBeCloseTo(6894.757, 3);
    expect(toEngineering(one({}), 42)).toBe(42);
  });

  it('16-bit types and bools', () => {
    expect(registerCount(addr('int16'))).toBe(1);
    expect(decodeRegisters(addr('uint16'), [0xffff])).toBe(65535);
    expect(decodeRegisters(addr('int16'), [0xffff])).toBe(-1);
    expect(decodeRegisters(addr('int16'), [0x8000])).toBe(-32768);
    expect(encodeRegisters(addr('int16'), -2)).toEqual([0xfffe]);
    expect(encodeRegisters(addr('int16'), 40000)).toEqual([0x7fff]); // clamped
    expect(encodeRegisters(addr('uint16'), -5)).toEqual([0]);
    expect(encodeRegisters(addr('uint16'), 12.6)).toEqual([13]);
    expect(decodeRegisters(addr('bool'), [1])).toBe(1);
    expect(encodeRegisters(addr('bool'), 0)).toEqual([0]);
  });

  it('32-bit integers in both word orders', () => {
    expect(registerCount(addr('uint32'))).toBe(2);
    // 0x0001_86A0 = 100,000
    expect(decodeRegisters(addr('uint32', 'big'), [0x0001, 0x86a0])).toBe(100_000);
    expect(decodeRegisters(addr('uint32', 'little'), [0x86a0, 0x0001])).toBe(100_000);
    expect(encodeRegisters(addr('uint32', 'little'), 100_000)).toEqual([0x86a0, 0x0001]);
    expect(decodeRegisters(addr('int32', 'big'), [0xffff, 0xfffe])).toBe(-2);
    expect(encodeRegisters(addr('int32', 'big'), -2)).toEqual([0xffff, 0xfffe]);
  });

  it('float32 in both word orders', () => {
    // 180.5 = 0x4334_8000
    expect(encodeRegisters(addr('float32', 'big'), 180.5)).toEqual([0x4334, 0x8000]);
    expect(encodeRegisters(addr('float32', 'little'), 180.5)).toEqual([0x8000, 0x4334]);
    expect(decodeRegisters(addr('float32', 'big'), [0x4334, 0x8000])).toBe(180.5);
    expect(decodeRegisters(addr('float32', 'little'), [0x8000, 0x4334])).toBe(180.5);
    // the wrong word order reads a different number: the mapping must say which
    expect(decodeRegisters(addr('float32', 'little'), [0x4334, 0x8000])).not.toBe(180.5);
    expect(decodeRegisters(addr('float32'), encodeRegisters(addr('float32'), 0.1))).toBeCloseTo(0.1, 7);
  });
});
