import { afterEach, describe, expect, it } from 'vitest';
import { Color } from 'three';
import {
  HEAT_MAX_C,
  HEAT_MIN_C,
  HEAT_STOPS,
  heatColor,
  heatGradientCss,
  setHeatPalette,
} from '../../../src/scene/colors';
import { HEAT_PALETTES } from '../../../src/state/a11y';

// CIELAB lightness L* (0–100) of an sRGB colour with channels 0–1, as the eye ranks light and dark.
function lightness(r: number, g: number, b: number): number {
  const lin = (v: number) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  const y = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  return y > 216 / 24389 ? 116 * Math.cbrt(y) - 16 : (24389 / 27) * y;
}

/** L* along the heat map from the coldest to the hottest temperature, in n + 1 samples. */
function ramp(p: (typeof HEAT_PALETTES)[number], n = 100): number[] {
  const c = new Color();
  return Array.from({ length: n + 1 }, (_, i) => {
    heatColor(HEAT_MIN_C + ((HEAT_MAX_C - HEAT_MIN_C) * i) / n, c, HEAT_STOPS[p]);
    return lightness(c.r, c.g, c.b);
  });
}

const isRising = (xs: number[]) => xs.every((x, i) => i === 0 || x > xs[i - 1]);

afterEach(() => setHeatPalette('standard'));

describe('heat-map palettes', () => {
  it('start and end on their first and last stops, and hold them beyond the range', () => {
    const c = new Color();
    for (const p of HEAT_PALETTES) {
      const s = HEAT_STOPS[p];
      for (const [t, stop] of [
        [HEAT_MIN_C, s[0]],
        [HEAT_MIN_C - 40, s[0]],
        [HEAT_MAX_C, s[s.length - 1]],
        [HEAT_MAX_C + 40, s[s.length - 1]],
      ] as const) {
        heatColor(t, c, s);
        expect([c.r, c.g, c.b].map((v) => +v.toFixed(6))).toEqual([...stop]);
      }
    }
  });

  it('cividis: dark blue to light yellow, its lightness rising at every step from cold to hot', () => {
    const s = HEAT_STOPS.cividis;
    expect(s[0][2]).toBeGreaterThan(s[0][0]); // blue at the cold end
    expect(s[s.length - 1][0]).toBeGreaterThan(s[s.length - 1][2]); // yellow at the hot end
    const l = ramp('cividis');
    expect(isRising(l)).toBe(true);
    expect(l[0]).toBeLessThan(20);
    expect(l[l.length - 1]).toBeGreaterThan(85);
  });

  it('the standard ramp is not monotonic in lightness (what the colour-blind option is for)', () => {
    expect(isRising(ramp('standard'))).toBe(false);
  });

  it('the setting picks the palette the 3D heat map and the legend draw, writing into the colour given', () => {
    const c = new Color();
    setHeatPalette('cividis');
    expect(heatColor(HEAT_MIN_C, c)).toBe(c); // no new colour per call
    expect(c.b).toBeCloseTo(HEAT_STOPS.cividis[0][2], 6);
    expect(heatGradientCss()).toBe(heatGradientCss('cividis'));
    setHeatPalette('standard');
    heatColor(HEAT_MIN_C, c);
    expect(c.b).toBeCloseTo(HEAT_STOPS.standard[0][2], 6);
    expect(heatGradientCss()).not.toBe(heatGradientCss('cividis'));
    expect(heatGradientCss('cividis')).toMatch(/^linear-gradient\(to right, rgb\(0,32,81\) 0%, .* 100%\)$/);
  });
});
