// A small seeded generator (mulberry32): the whole state is one uint32, so it snapshots with the plant.
export function nextRandom(s: { rng: number }): number {
  let t = (s.rng = (s.rng + 0x6d2b79f5) >>> 0);
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** Standard normal deviate (Box–Muller, one of the pair). */
export function nextGaussian(s: { rng: number }): number {
  const u = Math.max(nextRandom(s), 1e-12);
  const v = nextRandom(s);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
