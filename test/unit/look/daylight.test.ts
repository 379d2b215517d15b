import { describe, expect, it } from 'vitest';
import { daylight, LAMPS_ON_BELOW_DEG } from '../../../src/scene/look/daylight';
import { sunPosition } from '../../../src/scene/look/sun';

const at = (hour: number) => daylight((sunPosition(13.7, hour).elevation_rad * 180) / Math.PI);
const luminance = (c: number[]) => 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];

describe('daylight and the site lamps through the plant day', () => {
  it('switches the lamps on by photocell: on at 06:00, off from 07:00 to before dusk, on at 18:00 and all night', () => {
    const on = (h: number) => at(h).lampsOn;
    expect(on(6)).toBe(true); // sunrise: the sun is on the horizon
    expect(on(7)).toBe(false); // 14.5° up
    expect(on(12)).toBe(false);
    expect(on(17.5)).toBe(false); // 7° up
    expect(on(17.9)).toBe(true); // 1.5° up: under the photocell's 3°
    expect(on(18)).toBe(true);
    expect(on(22)).toBe(true);
    expect(on(2)).toBe(true);
  });

  it('switches exactly at the photocell elevation', () => {
    expect(daylight(LAMPS_ON_BELOW_DEG + 0.01).lampsOn).toBe(false);
    expect(daylight(LAMPS_ON_BELOW_DEG - 0.01).lampsOn).toBe(true);
  });

  it('is bright and white at noon, weak and warm near sunset, a faint blue moon at night', () => {
    const noon = at(12);
    const dusk = at(17.5);
    const night = at(22);
    expect(noon.moon).toBe(false);
    expect(noon.keyIntensity).toBeGreaterThan(2.5);
    expect(noon.night).toBe(0);
    expect(dusk.keyIntensity).toBeLessThan(noon.keyIntensity);
    expect(dusk.keyColor[2] / dusk.keyColor[0]).toBeLessThan(noon.keyColor[2] / noon.keyColor[0]); // warmer
    expect(night.moon).toBe(true);
    expect(night.keyIntensity).toBeLessThan(0.2);
    expect(night.keyColor[2]).toBeGreaterThan(night.keyColor[0]); // bluish
    expect(night.night).toBe(1);
    expect(night.envIntensity).toBeLessThan(0.1);
    expect(luminance(night.sky)).toBeLessThan(0.05 * luminance(noon.sky));
  });

  it('changes smoothly through dusk: no jump in sky light or key light from one plant minute to the next', () => {
    let prev = at(17);
    for (let h = 17 + 1 / 60; h < 19.5; h += 1 / 60) {
      const d = at(h);
      expect(Math.abs(d.envIntensity - prev.envIntensity)).toBeLessThan(0.03);
      expect(Math.abs(d.keyIntensity - prev.keyIntensity)).toBeLessThan(0.05);
      expect(Math.abs(luminance(d.sky) - luminance(prev.sky))).toBeLessThan(0.03);
      prev = d;
    }
  });

  it('writes into the object it is given (the frame loop does not allocate)', () => {
    const out = daylight(45);
    expect(daylight(-30, out)).toBe(out);
    expect(out.moon).toBe(true);
  });
});
