import { defaultPlant } from '../../../src/sim/plant/default';
import { Simulation } from '../../../src/sim/simulation';
import type { Snapshot } from '../../../src/sim/snapshot';
import type { TuningReport } from '../../../src/sim/control/tune/types';

// Settled starts of the default plant for the tuning tests, each taken once: a tank loop after two days
// on its PI (dt 10 s; the PI has found the load by then), the heater loop after three hours (dt 1 s).

export const TANK_DT_S = 10;
export const HEATER_DT_S = 1;

let tankStart: Snapshot | undefined;
let heaterStart: Snapshot | undefined;

export function settledTank(): Simulation {
  const sim = new Simulation(defaultPlant(), { dt_s: TANK_DT_S });
  if (tankStart) sim.restore(tankStart);
  else {
    sim.runUntil(48 * 3600);
    tankStart = sim.snapshot();
  }
  return sim;
}

export function settledHeater(): Simulation {
  const sim = new Simulation(defaultPlant(), { dt_s: HEATER_DT_S });
  if (heaterStart) sim.restore(heaterStart);
  else {
    sim.runUntil(3 * 3600);
    heaterStart = sim.snapshot();
  }
  return sim;
}

/** Run the loop's auto-tune to its end (at most max_s of plant time) and return its report. */
export function autotune(
  sim: Simulation,
  tag: string,
  max_s: number,
  opts: { relay_frac?: number; hysteresis_K?: number } = {},
): TuningReport {
  const r = sim.command({ type: 'startAutotune', tag, ...opts });
  if (!r.ok) throw new Error(r.reason);
  const t1 = sim.state.t_s + max_s;
  while (sim.state.tuning![tag].relay && sim.state.t_s < t1) sim.step(1);
  const report = sim.state.tuning![tag].report;
  if (!report) throw new Error(`no report within ${max_s} s`);
  return report;
}

/** Least-squares line through (t, y): slope and intercept. */
export function lineFit(t: number[], y: number[]): { slope: number; intercept: number } {
  const n = t.length;
  const mt = t.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sty = 0;
  let stt = 0;
  for (let k = 0; k < n; k++) {
    sty += (t[k] - mt) * (y[k] - my);
    stt += (t[k] - mt) ** 2;
  }
  const slope = sty / stt;
  return { slope, intercept: my - slope * mt };
}
