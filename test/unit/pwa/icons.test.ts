import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { drawIcon, encodePng, ICONS } from '../../../src/pwa/iconArt';
import { PNG } from '../../e2e/png';
import { pwaOptions } from '../../../src/pwa/config';

const dir = join(import.meta.dirname, '..', '..', '..', 'public', 'icons');
const px = (img: { width: number; data: Uint8Array }, x: number, y: number) =>
  Array.from(img.data.subarray((y * img.width + x) * 4, (y * img.width + x) * 4 + 4));

describe('install icons', () => {
  it('encodes a PNG that decodes to the drawn pixels', () => {
    const rgba = drawIcon(48, { maskable: false });
    const img = PNG.decode(encodePng(rgba, 48));
    expect([img.width, img.height]).toEqual([48, 48]);
    expect(Array.from(img.data)).toEqual(Array.from(rgba));
  });

  it('a plain icon has transparent rounded corners; a maskable one fills its square', () => {
    const plain = PNG.decode(encodePng(drawIcon(64, { maskable: false }), 64));
    const mask = PNG.decode(encodePng(drawIcon(64, { maskable: true }), 64));
    expect(px(plain, 0, 0)[3]).toBe(0);
    expect(px(mask, 0, 0)).toEqual([0x1d, 0x2b, 0x3a, 255]);
    expect(px(plain, 32, 32)[3]).toBe(255);
  });

  it("a maskable icon's tank lies inside the 80 % safe circle", () => {
    const side = 128;
    const img = PNG.decode(encodePng(drawIcon(side, { maskable: true }), side));
    for (let y = 0; y < side; y++)
      for (let x = 0; x < side; x++) {
        const r = Math.hypot(x + 0.5 - side / 2, y + 0.5 - side / 2) / side;
        if (r > 0.4) expect(px(img, x, y)).toEqual([0x1d, 0x2b, 0x3a, 255]);
      }
  });

  it('the committed icons are the ones drawn now, and the manifest lists each', () => {
    const listed = (pwaOptions.manifest as { icons: { src: string }[] }).icons.map((i) => i.src);
    for (const icon of ICONS) {
      const committed = readFileSync(join(dir, icon.file));
      expect(committed.equals(encodePng(drawIcon(icon.side, { maskable: icon.maskable }), icon.side)), icon.file).toBe(
        true,
      );
      expect(listed).toContain(`icons/${icon.file}`);
    }
  });
});
