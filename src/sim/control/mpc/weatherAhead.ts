import type { SimState } from '../../state';
import type { WeatherForecast } from './schema';
import { dayNightAmbient_C, dayNightSolar_W_m2 } from '../../components/weather';

// The weather the controller expects ahead: the forecast where one is given and covers the time (linear
// between its samples), else the sim's own day/night formula (components/weather.ts) at that future hour,
// which is exactly what the simulated plant will see; a live twin's measured weather (weather.forced) is
// held as it is now where no forecast covers the time.

export interface WeatherAt {
  ambient_C: number;
  solar_W_m2: number;
}

/** Linear interpolation in a regular series; NaN outside it. */
export function sampleAt(t0_s: number, step_s: number, v: readonly number[], t_s: number): number {
  const x = (t_s - t0_s) / step_s;
  if (!(x >= 0 && x <= v.length - 1)) return Number.NaN;
  const k = Math.min(Math.floor(x), v.length - 2);
  const a = x - k;
  return v[k] * (1 - a) + v[k + 1] * a;
}

/** Ambient and solar at plant time t_s, written into out. */
export function weatherAhead(s: SimState, forecast: WeatherForecast | null, t_s: number, out: WeatherAt): WeatherAt {
  const w = s.weather;
  const hour = (((s.startHour_h + t_s / 3600) % 24) + 24) % 24;
  out.ambient_C = dayNightAmbient_C(w, hour);
  out.solar_W_m2 = dayNightSolar_W_m2(w, hour);
  if (w.forced) {
    if (w.forced.ambient_C !== null) out.ambient_C = w.forced.ambient_C;
    if (w.forced.solar_W_m2 !== null) out.solar_W_m2 = w.forced.solar_W_m2;
  }
  if (forecast) {
    const a = sampleAt(forecast.t0_s, forecast.step_s, forecast.ambient_C, t_s);
    if (Number.isFinite(a)) out.ambient_C = a;
    if (forecast.solar_W_m2) {
      const g = sampleAt(forecast.t0_s, forecast.step_s, forecast.solar_W_m2, t_s);
      if (Number.isFinite(g)) out.solar_W_m2 = g;
    }
  }
  return out;
}
