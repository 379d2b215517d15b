import { defaultPlant } from '../../../src/sim/plant/default';
import { Simulation } from '../../../src/sim/simulation';
import type { Snapshot } from '../../../src/sim/snapshot';
import type { LoopModel, TuningReport } from '../../../src/sim/control/tune/types';

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

/**
 * Step test of the heater's supply loop from the sim's present state: the firing held at b (a PI of no
 * gain whose integral is the firing) for 20 min, then at b + d for window_s; a FOPDT K·e^(−Ls)/(Ts+1)
 * fitted by least squares (K for each T, L on a grid). The heater's own lag dominates the first minutes;
 * the loop's return brings a slower rise after them, so the window sets which the model describes.
 */
export function heaterStepModel(sim: Simulation, b: number, d: number, window_s = 600): LoopModel {
  sim.command({ type: 'setTuning', tag: 'H-201', kp: 1e-9, ti_s: 7 * 86400 });
  const hold = (u: number, n: number, rec?: number[]) => {
    for (let k = 0; k < n; k++) {
      sim.state.hotOil.integral = u;
      sim.step(1);
      rec?.push(sim.state.hotOil.supply_C);
    }
  };
  hold(b, 1200);
  const y0 = sim.state.hotOil.supply_C;
  const ys: number[] = [];
  hold(b + d, Math.round(window_s / sim.dt_s), ys);
  let best = { err: Infinity, K: 0, T: 0, L: 0 };
  for (let T = 20; T <= 3000; T *= 1.02)
    for (let L = 0; L <= 20; L++) {
      let sxy = 0;
      let sxx = 0;
      for (let k = 1; k <= ys.length; k++) {
        const x = k > L ? d * (1 - Math.exp(-(k - L) / T)) : 0;
        sxy += x * (ys[k - 1] - y0);
        sxx += x * x;
      }
      const K = sxy / sxx;
      let err = 0;
      for (let k = 1; k <= ys.length; k++) {
        const x = k > L ? d * (1 - Math.exp(-(k - L) / T)) : 0;
        err += (K * x - (ys[k - 1] - y0)) ** 2;
      }
      if (err < best.err) best = { err, K, T, L };
    }
  return { kind: 'fopdt', K_K: best.K, T_s: best.T, k_K_s: best.K / best.T, L_s: best.L };
}

/** Time after a set-point change of the loop (tag) to sp until its PV stays within ±tol_K, and the overshoot. */
export function settling(sim: Simulation, tag: string, pvTag: string, sp: number, tol_K: number, max_s: number) {
  sim.command({ type: 'setSetpoint', tag, value_C: sp });
  const t0 = sim.state.t_s;
  let last = t0;
  let overshoot = 0;
  const dir = Math.sign(sp - sim.read(pvTag));
  while (sim.state.t_s < t0 + max_s) {
    sim.step(1);
    const e = sim.read(pvTag) - sp;
    overshoot = Math.max(overshoot, dir * e);
    if (Math.abs(e) > tol_K) last = sim.state.t_s;
  }
  return { settle_s: last - t0, overshoot_K: overshoot };
}
