// Slowly varying coefficients (a coil's film coefficient, its effectiveness) are computed from their inputs
// rounded to a fixed relative grid, and a slot keeps the last one while the rounded inputs stay in the same
// cell. What comes out is a function of this step's inputs alone, never of what a slot held before: a run
// restored from a snapshot, a replay and a straight run give the same bits. The rounding moves a coefficient
// by far less than its correlation's own uncertainty (each caller states its bound).

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
// the word holding sign, exponent and the top 20 mantissa bits
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LO = 1 - HI;

/** Most mantissa bits a key keeps: the high word's 20, less one for the cell's midpoint. */
export const GRID_MAX_BITS = 19;

/**
 * The cell of x on a grid with `bits` mantissa bits (cells 2^−bits of x wide, relative), as an integer key;
 * equal keys, equal cells. Any finite x, of either sign.
 */
export function gridKey(x: number, bits: number): number {
  f64[0] = x;
  return u32[HI] >>> (20 - bits);
}

/** The middle of cell `key`: within 2^−(bits+1) of any x in it, relative. */
export function gridValue(key: number, bits: number): number {
  u32[HI] = (key << (20 - bits)) | (1 << (19 - bits));
  u32[LO] = 0;
  return f64[0];
}
