import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ENV_HEIGHT, ENV_WIDTH, decodeRgbe, encodeRgbe, makeSky } from '../../../src/scene/look/envMap';

describe('the environment map', () => {
  it('round-trips through Radiance RGBE within its 8-bit mantissa', () => {
    const rgb = new Float32Array([0, 0, 0, 1, 0.5, 0.25, 3.7, 0.01, 1e-3, 120, 80, 40]);
    const { width, height, data } = decodeRgbe(encodeRgbe(rgb, 2, 2));
    expect([width, height]).toEqual([2, 2]);
    for (let p = 0; p < 4; p++) {
      const max = Math.max(rgb[p * 3], rgb[p * 3 + 1], rgb[p * 3 + 2]);
      for (let c = 0; c < 3; c++)
        expect(Math.abs(data[p * 4 + c] - rgb[p * 3 + c])).toBeLessThanOrEqual(max / 128 + 1e-6);
      expect(data[p * 4 + 3]).toBe(1);
    }
    expect(data[0]).toBe(0);
  });

  it('is a sky: blue above, brighter at the horizon than at the zenith, dull ground below', () => {
    const sky = makeSky();
    const px = (row: number, col = 0) => [
      ...sky.subarray((row * ENV_WIDTH + col) * 3, (row * ENV_WIDTH + col) * 3 + 3),
    ];
    const zenith = px(0);
    const horizon = px(ENV_HEIGHT / 2 - 1);
    const ground = px(ENV_HEIGHT - 1);
    expect(zenith[2]).toBeGreaterThan(zenith[0]);
    expect(horizon[1]).toBeGreaterThan(zenith[1]);
    expect(Math.max(...ground)).toBeLessThan(Math.min(...horizon));
  });

  it('is what public/env/sky.hdr holds (regenerate it with `npx tsx src/cli/envMap.ts`)', () => {
    const shipped = readFileSync('public/env/sky.hdr');
    expect(Buffer.compare(shipped, Buffer.from(encodeRgbe(makeSky(), ENV_WIDTH, ENV_HEIGHT)))).toBe(0);
    expect(shipped.length).toBeLessThan(16 * 1024);
  });

  it('rejects a file without a resolution line', () => {
    expect(() => decodeRgbe(new TextEncoder().encode('#?RADIANCE\nFORMAT=32-bit_rle_rgbe\n\n'))).toThrow(/resolution/);
  });
});
