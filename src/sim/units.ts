// Conversions at the edges of the model. Inside, everything is SI (kg, m, s, Pa, W, J);
// temperatures are °C where the name says _C, and K only where an equation needs absolute temperature.
export const T0_K = 273.15;
export const G_M_S2 = 9.80665; // standard gravity
export const SIGMA_W_M2K4 = 5.670374419e-8; // Stefan–Boltzmann
export const PA_PER_BAR = 1e5;
export const S_PER_H = 3600;

export const cToK = (tC: number): number => tC + T0_K;
export const m3hToM3s = (q: number): number => q / S_PER_H;
export const m3sToM3h = (q: number): number => q * S_PER_H;
export const paToBar = (p: number): number => p / PA_PER_BAR;
export const barToPa = (p: number): number => p * PA_PER_BAR;

/** Parse a duration such as "90", "15m", "24h", "2d" into seconds; returns NaN when malformed. */
export function parseDuration(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d)?\s*$/.exec(text);
  if (!m) return Number.NaN;
  const k = { s: 1, m: 60, h: 3600, d: 86400 }[(m[2] ?? 's') as 's' | 'm' | 'h' | 'd'];
  return Number(m[1]) * k;
}
