import type { Recording } from './rootCauseReplay';
import type { TankParams } from './rootCauseReplay';
import type { EstimateValue } from '../estimate/tankFilter';

// Turning stored samples into what the ranking reads: every tag on one regular grid (the latest value at
// or before each grid time, NaN before the first or after a bad one), and the state estimator's parameters
// into the replay's per-tank parameters.

export interface TimedValue {
  ts_ms: number;
  v: number | null;
}

/** The series on a grid from from_ms, step_s apart, to to_ms (inclusive); missing or null values are NaN. */
export function recordingFromSeries(
  series: Readonly<Record<string, readonly TimedValue[]>>,
  from_ms: number,
  to_ms: number,
  step_s: number,
): Recording {
  const n = Math.max(1, Math.floor((to_ms - from_ms) / (step_s * 1000)) + 1);
  const tags = Object.keys(series);
  const values = tags.map((tag) => {
    const pts = [...series[tag]].sort((a, b) => a.ts_ms - b.ts_ms);
    const out = new Float64Array(n).fill(Number.NaN);
    let p = 0;
    let last = Number.NaN;
    for (let j = 0; j < n; j++) {
      const t = from_ms + j * step_s * 1000;
      while (p < pts.length && pts[p].ts_ms <= t) {
        const v = pts[p].v;
        last = v === null || !Number.isFinite(v) ? Number.NaN : v;
        p++;
      }
      out[j] = last;
    }
    return out;
  });
  return { t0_ms: from_ms, step_s, tags, values };
}

/** A tank's filter estimates (fouling in m²K/W, wall_loss as a factor) as the replay's parameters. */
export function tankParamsFromEstimates(tank: string, est: readonly EstimateValue[]): TankParams {
  const get = (name: string) => est.find((e) => e.name === name)?.value;
  const fouling = get('fouling');
  const wall = get('wall_loss');
  return {
    tag: tank,
    fouling_m2K_W: fouling !== undefined && Number.isFinite(fouling) ? Math.max(0, fouling) : undefined,
    insulationFactor: wall !== undefined && Number.isFinite(wall) && wall > 0 ? wall : undefined,
  };
}
