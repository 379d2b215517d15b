import { describe, expect, it } from 'vitest';
import { hourOfDay, outsideFilm_W_m2K, solAir_C, updateWeather } from '../../../../src/sim/components/weather';
import { weatherState } from './fixtures';

// mean 25 °C, swing 8 K, sun peak 800 W/m², half cloud: 800·(1 − 0.75·0.5) = 500 W/m² at noon.
const w = { ambientMean_C: 25, ambientSwing_K: 8, solarPeak_W_m2: 800, cloudCover_frac: 0.5 };
const at = (hour: number) => {
  const s = weatherState(w, hour * 3600, 0);
  updateWeather(s);
  return s.weather;
};

describe('weather', () => {
  it('ambient peaks at 15:00 (25 + 8) and bottoms at 03:00 (25 − 8)', () => {
    expect(at(15).ambient_C).toBeCloseTo(33, 12); // sin(2π·6/24) = 1
    expect(at(3).ambient_C).toBeCloseTo(17, 12); // sin(−2π·6/24) = −1
    expect(at(12).ambient_C).toBeCloseTo(25 + 8 * Math.SQRT1_2, 12); // sin(π/4): 30.657
  });
  it('the sun is a half sine from 06:00 to 18:00, cut by cloud', () => {
    expect(at(12).solar_W_m2).toBeCloseTo(500, 9); // sin(π/2)·800·0.625
    expect(at(15).solar_W_m2).toBeCloseTo(500 * Math.SQRT1_2, 9); // sin(3π/4) → 353.55
    expect(at(3).solar_W_m2).toBe(0);
    expect(at(18).solar_W_m2).toBe(0);
  });
  it('hour of day wraps from the start hour, both ways', () => {
    expect(hourOfDay(weatherState({}, 5 * 3600, 22))).toBeCloseTo(3, 12); // 22 + 5 = 27 → 3
    expect(hourOfDay(weatherState({}, -2 * 3600, 1))).toBeCloseTo(23, 12); // 1 − 2 = −1 → 23
  });
  it('McAdams outside film 5.7 + 3.8·v, plus up to 10 W/m²K of rain (full at 5 mm/h)', () => {
    expect(outsideFilm_W_m2K(weatherState({ wind_m_s: 2 }))).toBeCloseTo(13.3, 12);
    expect(outsideFilm_W_m2K(weatherState({ wind_m_s: 2, rain_mm_h: 2.5 }))).toBeCloseTo(18.3, 12);
    expect(outsideFilm_W_m2K(weatherState({ wind_m_s: 2, rain_mm_h: 10 }))).toBeCloseTo(23.3, 12);
  });
  it('sol-air: ambient + α·G/h (30 + 0.4·500/10 = 50 °C); in rain 2 K below ambient', () => {
    expect(solAir_C(weatherState({ ambient_C: 30, solar_W_m2: 500 }), 0.4, 10)).toBeCloseTo(50, 12);
    expect(solAir_C(weatherState({ ambient_C: 30, solar_W_m2: 500, rain_mm_h: 1 }), 0.4, 10)).toBe(28);
  });
});
