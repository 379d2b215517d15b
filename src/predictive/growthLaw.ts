import { FOULING_RATE_M2K_W_PER_S_AT_250 } from '../sim/components/coil';
import { align, type Sample } from './series';
import type { TrendPoint } from './trend';

// The model's own fouling law (coil.ts growFouling): the resistance grows only while oil flows through the coil
// and the supply is above 200 °C, in proportion to (T_supply − 200)/50. Its clock is the exposure
// E = ∫ max(T_supply − 200, 0)/50 · [coil flowing] dt, in seconds at 250 °C: fouling is linear in E, not in
// time, so weeks with the heater down or the supply turned back do not bend the trend. The projection runs the
// exposure on at the window's mean rate (how the plant has been run).

/** Supply above which coking starts, °C, and the span per unit rate, K (coil.ts). */
const COKING_START_C = 200;
const COKING_SPAN_K = 50;

/** Cumulative exposure (s at 250 °C) at each supply sample's time, from supply temperature and coil flow. */
export function exposureSeries(
  supply: readonly Sample[],
  coilFlow: readonly Sample[],
  o: { minFlow_kg_s?: number; maxAge_ms?: number } = {},
): Sample[] {
  const rows = align([supply, coilFlow], o.maxAge_ms ?? 300_000);
  const out: Sample[] = [];
  let e = 0;
  for (let i = 0; i < rows.length; i++) {
    if (i > 0) {
      const prev = rows[i - 1];
      const dt_s = (rows[i].t_ms - prev.t_ms) / 1000;
      // the rate over the interval is the one at its start (the samples hold until the next)
      if (prev.v[1] > (o.minFlow_kg_s ?? 0.05) && dt_s > 0)
        e += (Math.max(prev.v[0] - COKING_START_C, 0) / COKING_SPAN_K) * dt_s;
    }
    out.push({ t_ms: rows[i].t_ms, v: e });
  }
  return out;
}

/** Exposure at a time, interpolated (held at the ends). */
export function exposureAt(exp: readonly Sample[], t_ms: number): number {
  if (!exp.length) return Number.NaN;
  if (t_ms <= exp[0].t_ms) return exp[0].v;
  let lo = 0;
  let hi = exp.length - 1;
  if (t_ms >= exp[hi].t_ms) return exp[hi].v;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (exp[mid].t_ms <= t_ms) lo = mid;
    else hi = mid;
  }
  const f = (t_ms - exp[lo].t_ms) / (exp[hi].t_ms - exp[lo].t_ms);
  return exp[lo].v + f * (exp[hi].v - exp[lo].v);
}

/** The points on the exposure axis (t_s becomes E, s at 250 °C). */
export function onExposure(points: readonly TrendPoint[], exp: readonly Sample[]): TrendPoint[] {
  return points.map((p) => ({ ...p, t_s: exposureAt(exp, p.t_s * 1000) }));
}

/** Mean exposure per second of time over the series (1 = supply at 250 °C with the coil always flowing). */
export function meanExposureRate(exp: readonly Sample[]): number {
  if (exp.length < 2) return Number.NaN;
  const span_s = (exp[exp.length - 1].t_ms - exp[0].t_ms) / 1000;
  return span_s > 0 ? (exp[exp.length - 1].v - exp[0].v) / span_s : Number.NaN;
}

/** The model's own growth per unit exposure, m²K/W per s at 250 °C (for comparing a fitted slope). */
export const MODEL_RATE_M2K_W_PER_EXPOSURE_S = FOULING_RATE_M2K_W_PER_S_AT_250;
