import { inflateSync } from 'node:zlib';

/** A minimal PNG decoder (8-bit RGB/RGBA, non-interlaced) for checking screenshot pixels in tests. */
export const PNG = {
  decode(buf: Buffer): { width: number; height: number; data: Uint8Array } {
    let pos = 8;
    let width = 0,
      height = 0,
      colorType = 0;
    const idat: Buffer[] = [];
    while (pos < buf.length) {
      const len = buf.readUInt32BE(pos);
      const type = buf.toString('ascii', pos + 4, pos + 8);
      const data = buf.subarray(pos + 8, pos + 8 + len);
      if (type === 'IHDR') {
        width = data.readUInt32BE(0);
        height = data.readUInt32BE(4);
        colorType = data[9];
        if (data[8] !== 8 || data[12] !== 0) throw new Error('only 8-bit non-interlaced PNGs');
      } else if (type === 'IDAT') idat.push(data);
      else if (type === 'IEND') break;
      pos += 12 + len;
    }
    const bpp = colorType === 6 ? 4 : colorType === 2 ? 3 : 0;
    if (!bpp) throw new Error(`colour type ${colorType} not supported`);
    const raw = inflateSync(Buffer.concat(idat));
    const stride = width * bpp;
    const out = new Uint8Array(width * height * 4);
    const prev = new Uint8Array(stride);
    const cur = new Uint8Array(stride);
    for (let y = 0; y < height; y++) {
      const f = raw[y * (stride + 1)];
      for (let x = 0; x < stride; x++) {
        const v = raw[y * (stride + 1) + 1 + x];
        const a = x >= bpp ? cur[x - bpp] : 0;
        const b = prev[x];
        const c = x >= bpp ? prev[x - bpp] : 0;
        let p = v;
        if (f === 1) p = v + a;
        else if (f === 2) p = v + b;
        else if (f === 3) p = v + ((a + b) >> 1);
        else if (f === 4) {
          const pa = Math.abs(b - c),
            pb = Math.abs(a - c),
            pc = Math.abs(a + b - 2 * c);
          p = v + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
        }
        cur[x] = p & 255;
      }
      for (let x = 0; x < width; x++) {
        out[(y * width + x) * 4] = cur[x * bpp];
        out[(y * width + x) * 4 + 1] = cur[x * bpp + 1];
        out[(y * width + x) * 4 + 2] = cur[x * bpp + 2];
        out[(y * width + x) * 4 + 3] = bpp === 4 ? cur[x * bpp + 3] : 255;
      }
      prev.set(cur);
    }
    return { width, height, data: out };
  },
};
