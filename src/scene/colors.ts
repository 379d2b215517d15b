import { Color } from 'three';

// The heat map: product temperature from 100 °C (too cold to pump) to 200 °C (trip), a perceptual ramp
// from blue through green and yellow to red. Writes into the colour given: no allocation per frame.
export const HEAT_MIN_C = 100;
export const HEAT_MAX_C = 200;
const STOPS: [number, number, number][] = [
  [0.19, 0.07, 0.23],
  [0.16, 0.47, 0.91],
  [0.1, 0.8, 0.64],
  [0.64, 0.99, 0.24],
  [0.98, 0.73, 0.22],
  [0.85, 0.22, 0.05],
];

export function heatColor(tC: number, out: Color): Color {
  const x = Math.min(1, Math.max(0, (tC - HEAT_MIN_C) / (HEAT_MAX_C - HEAT_MIN_C))) * (STOPS.length - 1);
  const i = Math.min(STOPS.length - 2, Math.floor(x));
  const f = x - i;
  const a = STOPS[i];
  const b = STOPS[i + 1];
  return out.setRGB(a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f);
}

export function heatGradientCss(): string {
  return `linear-gradient(to right, ${STOPS.map((s, i) => `rgb(${s.map((v) => Math.round(v * 255)).join(',')}) ${(i / (STOPS.length - 1)) * 100}%`).join(', ')})`;
}

export const PIPE_COLORS = { hotOilSupply: '#b5651d', hotOilReturn: '#7a4a22', product: '#a9adb3' } as const;
