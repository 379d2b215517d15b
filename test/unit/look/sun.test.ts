import { describe, expect, it } from 'vitest';
import { declination_deg, sunDirection, sunPosition } from '../../../src/scene/look/sun';

// Hand-worked for Bangkok (13.7° N) at the equinox (declination 0), hour = local solar time:
//   sin(el) = sin φ sin δ + cos φ cos δ cos H, H = 15°·(hour − 12)
//   06:00: H = −90° → sin(el) = 0 → el = 0°, the sun due east (90°)
//   09:00: H = −45° → sin(el) = cos 13.7° · cos 45° = 0.97155 · 0.70711 = 0.68699 → el = 43.39°;
//          cos(az) = (sin δ − sin el sin φ)/(cos el cos φ) = (0 − 0.68699 · 0.23684)/(0.72666 · 0.97155)
//          = −0.23048 → az = 103.33° (east-south-east, morning)
//   12:00: H = 0 → el = 90° − 13.7° = 76.3°, the sun due south (180°)
//   18:00: H = +90° → el = 0°, due west (270°)
//   22:00: H = +150° → sin(el) = 0.97155 · cos 150° = −0.84139 → el = −57.29°
// and at the June solstice (δ = 23.44°) the noon sun stands north of the zenith: el = 90° − (23.44 − 13.7) = 80.26°.
const LAT = 13.7;
const deg = (r: number) => (r * 180) / Math.PI;

describe('sun position from the plant hour', () => {
  it.each([
    [6, 0, 90],
    [9, 43.39, 103.33],
    [12, 76.3, 180],
    [18, 0, 270],
  ])('%s:00 at 13.7° N: elevation %s°, azimuth %s°', (hour, el, az) => {
    const p = sunPosition(LAT, hour);
    expect(deg(p.elevation_rad)).toBeCloseTo(el, 1);
    expect(deg(p.azimuth_rad)).toBeCloseTo(az, 1);
  });

  it('is below the horizon at night', () => {
    expect(deg(sunPosition(LAT, 22).elevation_rad)).toBeCloseTo(-57.29, 1);
    expect(deg(sunPosition(LAT, 0).elevation_rad)).toBeCloseTo(-76.3, 1);
  });

  it('stands in the north at a June noon, south of the zenith at a December one', () => {
    const june = sunPosition(LAT, 12, 23.44);
    expect(deg(june.elevation_rad)).toBeCloseTo(80.26, 1);
    expect(deg(june.azimuth_rad) % 360).toBeCloseTo(0, 1);
    const december = sunPosition(LAT, 12, -23.44);
    expect(deg(december.elevation_rad)).toBeCloseTo(90 - 13.7 - 23.44, 1);
    expect(deg(december.azimuth_rad)).toBeCloseTo(180, 1);
  });

  it('declination: about 0 at the equinoxes, ±23.45° at the solstices', () => {
    expect(Math.abs(declination_deg(81))).toBeLessThan(0.5);
    expect(declination_deg(172)).toBeCloseTo(23.45, 0);
    expect(declination_deg(355)).toBeCloseTo(-23.45, 0);
  });

  it('points the scene direction along the compass of the plant file (+x east, +z south)', () => {
    const d = { x: 0, y: 0, z: 0 };
    // morning: towards +x (east), a little south (+z) of it at 09:00
    sunDirection(sunPosition(LAT, 6), 90, d);
    expect(d.x).toBeCloseTo(1, 5);
    expect(d.y).toBeCloseTo(0, 5);
    expect(d.z).toBeCloseTo(0, 5);
    sunDirection(sunPosition(LAT, 9), 90, d);
    expect(d.x).toBeGreaterThan(0.6);
    expect(d.z).toBeGreaterThan(0.1);
    expect(Math.hypot(d.x, d.y, d.z)).toBeCloseTo(1, 9);
    // noon: high, and south (+z); evening: west (−x)
    sunDirection(sunPosition(LAT, 12), 90, d);
    expect(d.y).toBeCloseTo(Math.sin((76.3 * Math.PI) / 180), 5);
    expect(d.z).toBeGreaterThan(0.2);
    expect(Math.abs(d.x)).toBeLessThan(1e-9);
    sunDirection(sunPosition(LAT, 18), 90, d);
    expect(d.x).toBeCloseTo(-1, 5);
    // a site whose +x points north: the morning sun is then on the −z side
    sunDirection(sunPosition(LAT, 6), 0, d);
    expect(d.z).toBeCloseTo(1, 5);
  });
});
