import type { Advice } from './advice';
import type { LoadingForecast } from './forecast';
import type { WaltherFit } from './waltherFit';

// What the quality panel shows, as plain rows: formatting kept out of the component so it is tested here.

export interface ForecastRow {
  key: string;
  /** Hours after the forecast start, or the clock time (UTC) with a source time. */
  when: string;
  where: string;
  tank: string;
  product: string;
  outlet: string;
  viscosity: string;
  margin: string;
  status: LoadingForecast['status'];
  warning: string;
  bad: boolean;
}

const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '—');

export function whenText(start_s: number, now_ms: number): string {
  if (Number.isFinite(now_ms)) return new Date(now_ms + start_s * 1000).toISOString().slice(11, 16);
  return `+${(start_s / 3600).toFixed(2)} h`;
}

/** One row a truck; the coldest outlet and its viscosity, since that is what a spec minimum is checked on. */
export function forecastRows(loadings: readonly LoadingForecast[], now_ms: number): ForecastRow[] {
  return loadings.map((f) => ({
    key: `${f.row}.${f.truck}`,
    when: whenText(f.start_s, now_ms),
    where: `${f.bay} ${f.arm}`,
    tank: f.tank || '—',
    product: f.product,
    outlet: Number.isFinite(f.outlet_C) ? `${f1(f.outlet_C)} (min ${f1(f.outletMin_C)})` : '—',
    viscosity: Number.isFinite(f.viscosityMax_Pa_s) ? f.viscosityMax_Pa_s.toPrecision(3) : '—',
    margin: f1(f.check.margin_K),
    status: f.status,
    warning: f.warning,
    bad: f.status === 'low' || f.status === 'high' || f.status === 'short' || f.status === 'noTank',
  }));
}

/** "9.672 ± 0.061" with the 95 % half-width, or the value alone where the data cannot give one. */
export function pm(x: number, ci: number, digits = 3): string {
  return Number.isFinite(ci) ? `${x.toFixed(digits)} ± ${ci.toFixed(digits)}` : `${x.toFixed(digits)} (σ unknown)`;
}

export interface FitRow {
  product: string;
  A: string;
  B: string;
  n: number;
  range: string;
  rms: string;
}

export function fitRows(fits: readonly WaltherFit[]): FitRow[] {
  return fits.map((f) => ({
    product: f.product,
    A: pm(f.A, f.ci95A),
    B: f.fixedB ? `${f.B.toFixed(3)} (held: one test temperature)` : pm(f.B, f.ci95B),
    n: f.n,
    range: `${f.tempMin_C}–${f.tempMax_C} °C`,
    // ln-residual RMS as a percentage of viscosity
    rms: `${(100 * f.rmsLnBefore).toFixed(0)} % → ${(100 * f.rmsLnAfter).toFixed(1)} %`,
  }));
}

/** The advice lines, the verified ones first. */
export function adviceLines(advice: readonly Advice[]): string[] {
  return [...advice].sort((a, b) => Number(b.verified) - Number(a.verified)).map((a) => a.text);
}
