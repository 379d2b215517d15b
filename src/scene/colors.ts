import { Color } from 'three';
import type { HeatPalette } from '../state/a11y';

// The heat map: product temperature from 100 °C (too cold to pump) to 200 °C (trip). Two palettes: the
// standard ramp from blue through green and yellow to red, and cividis (Nuñez, Anderton & Renslow 2018),
// blue to yellow with lightness rising steadily, for red-green colour-blind eyes (picked in the Display
// menu, src/state/a11y.ts). Writes into the colour given: no allocation per frame.
export const HEAT_MIN_C = 100;
export const HEAT_MAX_C = 200;
type Stops = readonly (readonly [number, number, number])[];
const STANDARD: Stops = [
  [0.19, 0.07, 0.23],
  [0.16, 0.47, 0.91],
  [0.1, 0.8, 0.64],
  [0.64, 0.99, 0.24],
  [0.98, 0.73, 0.22],
  [0.85, 0.22, 0.05],
];
// cividis sampled at ninths of its range (sRGB 0–1); CIELAB lightness 14 → 92
const CIVIDIS: Stops = [
  [0.0, 0.127, 0.319],
  [0.068, 0.213, 0.425],
  [0.236, 0.302, 0.43],
  [0.386, 0.392, 0.435],
  [0.499, 0.485, 0.457],
  [0.604, 0.581, 0.472],
  [0.733, 0.685, 0.443],
  [0.887, 0.797, 0.359],
  [0.993, 0.917, 0.271],
];
export const HEAT_STOPS: Record<HeatPalette, Stops> = { standard: STANDARD, cividis: CIVIDIS };

let active: Stops = STANDARD;
/** Pick the palette that heatColor() draws with (the a11y setting; read by the 3D heat map each frame). */
export function setHeatPalette(p: HeatPalette): void {
  active = HEAT_STOPS[p];
}

export function heatColor(tC: number, out: Color, stops: Stops = active): Color {
  const x = Math.min(1, Math.max(0, (tC - HEAT_MIN_C) / (HEAT_MAX_C - HEAT_MIN_C))) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  const a = stops[i];
  const b = stops[i + 1];
  return out.setRGB(a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f);
}

export function heatGradientCss(p?: HeatPalette): string {
  const stops = p ? HEAT_STOPS[p] : active;
  return `linear-gradient(to right, ${stops.map((s, i) => `rgb(${s.map((v) => Math.round(v * 255)).join(',')}) ${(i / (stops.length - 1)) * 100}%`).join(', ')})`;
}

export const PIPE_COLORS = { hotOilSupply: '#b5651d', hotOilReturn: '#7a4a22', product: '#a9adb3' } as const;
