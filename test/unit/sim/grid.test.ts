import { describe, expect, it } from 'vitest';
import { GRID_MAX_BITS, gridKey, gridValue } from '../../../src/sim/props/grid';

describe('coefficient grid', () => {
  it('a cell is 2^-bits wide, relative: values within it share a key, its middle is within half a cell', () => {
    // 10 bits: cells of 1/1024 relative; 100 K lies in [64, 128), where a cell is 64/1024 = 0.0625 K wide
    const k = gridKey(100, 10);
    expect(gridKey(100.03, 10)).toBe(k); // 100 = 64 · 1.5625, cell [100, 100.0625)
    expect(gridKey(100.07, 10)).not.toBe(k);
    expect(gridKey(99.99, 10)).not.toBe(k);
    expect(gridValue(k, 10)).toBe(100.03125); // the middle of [100, 100.0625)
  });

  it('round trip: every value is within 2^-(bits+1) of its cell middle, both signs, many magnitudes', () => {
    for (const bits of [4, 10, 16, GRID_MAX_BITS]) {
      for (const x of [1e-9, 0.1, 0.37, 1, 3.3, 150.25, 423.15, 9.99e5, -0.2, -273.15]) {
        const mid = gridValue(gridKey(x, bits), bits);
        expect(Math.abs(mid - x) / Math.abs(x)).toBeLessThanOrEqual(2 ** -(bits + 1));
        expect(Math.sign(mid)).toBe(Math.sign(x));
      }
    }
  });
});
