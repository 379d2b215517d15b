import type { SimState, Weather } from '../state';

// Day/night cycle: ambient follows a sine with its peak at 15:00 and minimum at 03:00; the sun a half sine
// from 06:00 to 18:00 (Bangkok is near the equator, so the day length barely changes with season).
export function updateWeather(s: SimState): void {
  const w = s.weather;
  const hour = hourOfDay(s);
  w.ambient_C = dayNightAmbient_C(w, hour);
  w.solar_W_m2 = dayNightSolar_W_m2(w, hour);
  if (w.forced) {
    if (w.forced.ambient_C !== null) w.ambient_C = w.forced.ambient_C;
    if (w.forced.solar_W_m2 !== null) w.solar_W_m2 = w.forced.solar_W_m2;
  }
}

/** The cycle's ambient at an hour of the day (also what the farm MPC expects ahead). */
export function dayNightAmbient_C(w: Weather, hour: number): number {
  return w.ambientMean_C + w.ambientSwing_K * Math.sin((2 * Math.PI * (hour - 9)) / 24);
}

/** The cycle's solar irradiance at an hour of the day. */
export function dayNightSolar_W_m2(w: Weather, hour: number): number {
  const sun = hour > 6 && hour < 18 ? Math.sin((Math.PI * (hour - 6)) / 12) : 0;
  return w.solarPeak_W_m2 * sun * (1 - 0.75 * w.cloudCover_frac);
}

export function hourOfDay(s: SimState): number {
  return (((s.startHour_h + s.t_s / 3600) % 24) + 24) % 24;
}

/** McAdams: h_out ≈ 5.7 + 3.8·v_wind W/m²K (PHYSICS.md §3); rain on the cladding adds up to 10 W/m²K (estimate). */
export function outsideFilm_W_m2K(s: SimState): number {
  const w = s.weather;
  return 5.7 + 3.8 * w.wind_m_s + 10 * Math.min(1, w.rain_mm_h / 5);
}

/** Sol-air temperature of the cladding: the sun raises it by α·G/h_out; rain holds it near wet-bulb (−2 K, estimate). */
export function solAir_C(s: SimState, absorptivity: number, hOut: number): number {
  const w = s.weather;
  if (w.rain_mm_h > 0) return w.ambient_C - 2;
  return w.ambient_C + (absorptivity * w.solar_W_m2) / hOut;
}
