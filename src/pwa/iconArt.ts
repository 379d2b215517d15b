import { deflateSync } from 'node:zlib';

// The app's install icons, drawn here rather than shipped from elsewhere: a storage tank with a hot band
// on the terminal's dark blue. `npx tsx src/cli/pwaIcons.ts` writes them to public/icons (committed).

type Rgb = readonly [number, number, number];
const NAVY: Rgb = [0x1d, 0x2b, 0x3a];
const STEEL: Rgb = [0xc9, 0xd3, 0xdd];
const BAND: Rgb = [0xf0, 0x8c, 0x1e];
const BITUMEN: Rgb = [0x24, 0x1f, 0x1c];

/**
 * The colour at (u, v) in [0, 1]² of the icon, or null outside its rounded square. `safe` is the fraction
 * of the side the tank may use: 0.8 for a maskable icon, whose launcher may crop to a circle.
 */
export function iconColour(u: number, v: number, opts: { maskable: boolean }): Rgb | null {
  if (!opts.maskable) {
    const r = 0.18; // corner radius, of the side
    const dx = Math.max(r - u, 0, u - (1 - r));
    const dy = Math.max(r - v, 0, v - (1 - r));
    if (dx * dx + dy * dy > r * r) return null;
  }
  const s = opts.maskable ? 0.62 : 0.78; // the tank's box, of the side, centred
  const x = (u - 0.5) / s + 0.5;
  const y = (v - 0.5) / s + 0.5;
  const left = 0.1, right = 0.9, roofTop = 0.2, shell = 0.3, bottom = 0.86; // prettier-ignore
  // the concrete ring the tank stands on
  if (y > bottom && y < bottom + 0.04 && x > left - 0.04 && x < right + 0.04) return STEEL;
  if (x < left || x > right || y > bottom) return NAVY;
  // a shallow cone roof: its edge falls from the centre to the shell's top
  const roofY = roofTop + (shell - roofTop) * Math.abs(x - 0.5) * 2;
  if (y < roofY) return NAVY;
  if (y < shell + 0.02) return STEEL;
  // the hot band half-way up, the bitumen's level shown through a cut-away window
  if (y > 0.52 && y < 0.6) return BAND;
  if (x > 0.6 && x < 0.78 && y > 0.64 && y < 0.84) return y > 0.7 ? BITUMEN : NAVY;
  // the shell's ring seams
  if (Math.abs(y - 0.42) < 0.008 || Math.abs(y - 0.72) < 0.008) return NAVY;
  return STEEL;
}

/** An RGBA image of the icon, side × side pixels, 4×4 samples a pixel for smooth edges. */
export function drawIcon(side: number, opts: { maskable: boolean }): Uint8Array {
  const px = new Uint8Array(side * side * 4);
  const n = 4;
  for (let j = 0; j < side; j++)
    for (let i = 0; i < side; i++) {
      let r = 0, g = 0, b = 0, a = 0; // prettier-ignore
      for (let sj = 0; sj < n; sj++)
        for (let si = 0; si < n; si++) {
          const c = iconColour((i + (si + 0.5) / n) / side, (j + (sj + 0.5) / n) / side, opts);
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          a++;
        }
      const k = (j * side + i) * 4;
      if (a > 0) {
        px[k] = Math.round(r / a);
        px[k + 1] = Math.round(g / a);
        px[k + 2] = Math.round(b / a);
      }
      px[k + 3] = Math.round((255 * a) / (n * n));
    }
  return px;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  Buffer.from(data).copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** A PNG file (8-bit RGBA, no filtering) of a square RGBA image. */
export function encodePng(rgba: Uint8Array, side: number): Buffer {
  const raw = Buffer.alloc(side * (side * 4 + 1));
  for (let j = 0; j < side; j++)
    Buffer.from(rgba.buffer, rgba.byteOffset + j * side * 4, side * 4).copy(raw, j * (side * 4 + 1) + 1);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA, deflate, no filter, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

/** The icons the manifest lists (src/pwa/config.ts), by file name under public/icons. */
export const ICONS = [
  { file: 'icon-192.png', side: 192, maskable: false },
  { file: 'icon-512.png', side: 512, maskable: false },
  { file: 'icon-maskable-512.png', side: 512, maskable: true },
] as const;
