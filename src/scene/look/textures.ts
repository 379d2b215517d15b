import { DataTexture, LinearMipmapLinearFilter, RepeatWrapping, RGBAFormat, SRGBColorSpace } from 'three';

// Small procedural textures made on the page (a few kB of memory, nothing downloaded): the ribs and
// straps of aluminium cladding as a bump map, and low-contrast grain for concrete, asphalt and ground.

/** A repeatable hash noise in 0..1 (deterministic: the same image on every page). */
function hash(x: number, y: number, seed: number): number {
  let h = (x * 374761393 + y * 668265263 + seed * 982451653) | 0;
  h = Math.imul(h ^ (h >>> 13), 1274126177);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967295;
}

function texture(size: number, px: (x: number, y: number) => [number, number, number], srgb: boolean): DataTexture {
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const [r, g, b] = px(x, y);
      const o = (y * size + x) * 4;
      data[o] = r * 255;
      data[o + 1] = g * 255;
      data[o + 2] = b * 255;
      data[o + 3] = 255;
    }
  const t = new DataTexture(data, size, size, RGBAFormat);
  t.wrapS = t.wrapT = RepeatWrapping;
  t.minFilter = LinearMipmapLinearFilter;
  t.generateMipmaps = true;
  if (srgb) t.colorSpace = SRGBColorSpace;
  t.needsUpdate = true;
  return t;
}

/**
 * Cladding relief: one trapezoidal rib across u per texture width, and across v eight raised straps
 * (the bands that hold insulation and sheets to the shell). Repeat u to set the rib pitch.
 */
export function claddingBump(): DataTexture {
  const n = 64;
  return texture(
    n,
    (x, y) => {
      const rib = Math.min(1, Math.max(0, 2.5 * Math.abs(Math.sin((Math.PI * x) / n)) - 0.75));
      const strap = y % 8 < 1 ? 1 : 0;
      const v = strap ? 1 : 0.3 + 0.5 * rib;
      return [v, v, v];
    },
    false,
  );
}

/** Grain around white (0.82–1): multiplies a material's colour, so concrete and asphalt are not flat. */
export function grain(seed: number, contrast = 0.18): DataTexture {
  const n = 64;
  return texture(
    n,
    (x, y) => {
      // fine grain plus smooth blotches on a grid of 8 px (tiled: the grid wraps)
      const fine = hash(x, y, seed);
      const g = n / 8;
      const [gx, gy] = [Math.floor(x / 8), Math.floor(y / 8)];
      const [fx, fy] = [(x % 8) / 8, (y % 8) / 8];
      const c = (i: number, j: number) => hash((gx + i) % g, (gy + j) % g, seed + 1);
      const top = c(0, 0) + (c(1, 0) - c(0, 0)) * fx;
      const bottom = c(0, 1) + (c(1, 1) - c(0, 1)) * fx;
      const coarse = top + (bottom - top) * fy;
      const v = 1 - contrast * (0.4 * fine + 0.6 * coarse);
      return [v, v, v];
    },
    true,
  );
}
