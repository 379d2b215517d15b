import { z } from 'zod';
import { formatPath, type FieldError, type LoadResult } from '../sim/plant/load';
import { parseJsonText } from '../sim/plant/parseJson';
import type { SimState } from '../sim/state';
import { MAX_SAMPLES, weatherForecastSchema, type WeatherForecast } from '../sim/control/mpc/schema';

// The weather ahead, for the heating plan and the controller's feed-forward. Two sources:
//  - a forecast file (models/weather/*.json): hourly (or any regular step) ambient temperature, optionally
//    solar irradiance and wind, from a start time (ISO 8601) or from "now";
//  - the sim's own weather ahead: the day/night formula of src/sim/components/weather.ts evaluated at future
//    times from a state, so a simulated plant's plan sees exactly the weather its model will get.
// Both end as the plant's contract (weatherForecastSchema): samples on a regular grid of plant time.

const sample = (lo: number, hi: number) => z.number().min(lo).max(hi);

export const weatherFileSchema = z
  .strictObject({
    schemaVersion: z.literal(1),
    name: z.string().min(1),
    description: z.string().optional(),
    /** Time of the first sample (ISO 8601 with a zone); absent: the first sample is "now". */
    start: z.string().datetime({ offset: true }).optional(),
    /** Hours between samples (default 1). */
    step_h: z
      .number()
      .min(1 / 60)
      .max(6)
      .optional(),
    ambient_C: z.array(sample(-40, 55)).min(2).max(MAX_SAMPLES),
    solar_W_m2: z.array(sample(0, 1400)).min(2).max(MAX_SAMPLES).optional(),
    wind_m_s: z.array(sample(0, 60)).min(2).max(MAX_SAMPLES).optional(),
  })
  .superRefine((f, ctx) => {
    for (const k of ['solar_W_m2', 'wind_m_s'] as const) {
      const a = f[k];
      if (a && a.length !== f.ambient_C.length)
        ctx.addIssue({ code: 'custom', path: [k], message: `needs ${f.ambient_C.length} samples, as ambient_C` });
    }
  });

export type WeatherFile = z.infer<typeof weatherFileSchema>;

/** Check a forecast file (its parsed JSON); every error by path (`ambient_C[12]`). Never throws. */
export function parseWeatherFile(raw: unknown): LoadResult<WeatherFile> {
  const r = weatherFileSchema.safeParse(raw);
  if (r.success) return { ok: true, value: r.data };
  const errors: FieldError[] = r.error.issues.map((e) => ({ path: formatPath(e.path), message: e.message }));
  return { ok: false, errors };
}

/** The same from JSON text (a syntax error is a '(root)' error). */
export function parseWeatherText(text: string): LoadResult<WeatherFile> {
  return parseJsonText(text, parseWeatherFile);
}

export interface ForecastClock {
  /** Plant time now, s (the state's t_s). */
  t_s: number;
  /** Source time now, ms since epoch; NaN or absent: the file's first sample is now. */
  now_ms?: number;
}

/**
 * The file on plant time. With both a file start and a clock time, the samples are placed where they fall
 * (those before plant time 0 dropped); otherwise the first sample is now. Errors when too little is left.
 */
export function weatherOnPlantTime(f: WeatherFile, clock: ForecastClock): LoadResult<WeatherForecast> {
  const step_s = Math.round((f.step_h ?? 1) * 3600);
  const now_ms = clock.now_ms ?? Number.NaN;
  let t0 = clock.t_s;
  if (f.start && Number.isFinite(now_ms)) t0 += (Date.parse(f.start) - now_ms) / 1000;
  let skip = 0;
  if (t0 < 0) {
    skip = Math.ceil(-t0 / step_s - 1e-9);
    t0 += skip * step_s;
  }
  const cut = <T>(a: T[] | undefined) => (a ? a.slice(skip) : undefined);
  const raw = {
    t0_s: t0,
    step_s,
    ambient_C: cut(f.ambient_C)!,
    ...(f.solar_W_m2 ? { solar_W_m2: cut(f.solar_W_m2) } : {}),
    ...(f.wind_m_s ? { wind_m_s: cut(f.wind_m_s) } : {}),
  };
  const r = weatherForecastSchema.safeParse(raw);
  if (r.success) return { ok: true, value: r.data };
  return {
    ok: false,
    errors: r.error.issues.map((e) => ({
      path: formatPath(e.path),
      message: skip ? `${e.message} (${skip} samples fall before plant time 0)` : e.message,
    })),
  };
}

/**
 * The sim's own weather ahead: ambient and sun from the day/night formula (weather.ts) at t_s + k·step_s,
 * wind as it is now. A state whose weather is forced (the live twin's measurements) has no formula to run:
 * the measured values are held (persistence), the only honest guess without a forecast.
 */
export function simWeatherAhead(s: SimState, step_s: number, samples: number): WeatherForecast {
  const w = s.weather;
  const ambient_C: number[] = [];
  const solar_W_m2: number[] = [];
  const wind_m_s: number[] = [];
  for (let k = 0; k < samples; k++) {
    const hour = (((s.startHour_h + (s.t_s + k * step_s) / 3600) % 24) + 24) % 24;
    let amb = w.ambientMean_C + w.ambientSwing_K * Math.sin((2 * Math.PI * (hour - 9)) / 24);
    const sun = hour > 6 && hour < 18 ? Math.sin((Math.PI * (hour - 6)) / 12) : 0;
    let solar = w.solarPeak_W_m2 * sun * (1 - 0.75 * w.cloudCover_frac);
    if (w.forced?.ambient_C != null) amb = w.forced.ambient_C;
    if (w.forced?.solar_W_m2 != null) solar = w.forced.solar_W_m2;
    ambient_C.push(Math.min(55, Math.max(-40, amb)));
    solar_W_m2.push(Math.min(1400, Math.max(0, solar)));
    wind_m_s.push(Math.min(60, Math.max(0, w.wind_m_s)));
  }
  return { t0_s: s.t_s, step_s, ambient_C, solar_W_m2, wind_m_s };
}

/** A series of the forecast at plant time t (linear between samples, held beyond the ends). */
export function forecastAt(f: WeatherForecast, series: readonly number[], t_s: number): number {
  const x = (t_s - f.t0_s) / f.step_s;
  if (!(x > 0)) return series[0];
  const last = series.length - 1;
  if (x >= last) return series[last];
  const i = Math.floor(x);
  const a = x - i;
  return series[i] + a * (series[i + 1] - series[i]);
}

/** Ambient at plant time t, °C. */
export function ambientAt(f: WeatherForecast, t_s: number): number {
  return forecastAt(f, f.ambient_C, t_s);
}

/** Mean ambient over [t, t + dt], °C (trapezoid on the forecast's own samples and the ends). */
export function meanAmbient(f: WeatherForecast, t_s: number, dt_s: number): number {
  return meanSeries(f, f.ambient_C, t_s, dt_s);
}

/** Mean of a series of the forecast over [t, t + dt] (trapezoid on its own samples and the ends). */
export function meanSeries(f: WeatherForecast, series: readonly number[], t_s: number, dt_s: number): number {
  const at = (t: number) => forecastAt(f, series, t);
  const pts = [t_s];
  const k0 = Math.ceil((t_s - f.t0_s) / f.step_s + 1e-9);
  for (let k = k0; f.t0_s + k * f.step_s < t_s + dt_s - 1e-9; k++) pts.push(f.t0_s + k * f.step_s);
  pts.push(t_s + dt_s);
  let sum = 0;
  for (let i = 1; i < pts.length; i++) sum += 0.5 * (at(pts[i - 1]) + at(pts[i])) * (pts[i] - pts[i - 1]);
  return dt_s > 0 ? sum / dt_s : at(t_s);
}
