import type { Mapping } from '../scada/mapping';
import type { PlantData } from '../sim/plant/schema';
import { covariance, lmStep, normalEquations, priorCost, residualVariance } from './lm';
import {
  INIT_QUANTITIES,
  applyToPlant,
  fdStep,
  offsetsOf,
  tankBlocks,
  type BlockOptions,
  type TankBlock,
} from './params';
import { countsByTag, type Recording } from './recording';
import { replay, samplesOf } from './replay';
import { fitHeaterEfficiency, type HeaterFit } from './heater';

/**
 * Batch calibration over a recorded window. The residuals come from replaying the window through the
 * shadow model (measured inputs drive it, replay.ts); the parameters are fitted by Levenberg–Marquardt.
 *
 * Decomposed per tank: with the hot-oil supply forced to its measurement, a tank's level and temperatures
 * depend on its own coil factor, insulation and instrument offsets only, so the Jacobian is block diagonal.
 * One replay with the same parameter of EVERY tank perturbed gives that parameter's column for all tanks at
 * once: a Jacobian costs one replay per parameter slot (not per parameter), and every tank takes its own
 * damped step, accepted or not by its own cost, from the same trial replay.
 */

export interface CalibrateOptions extends BlockOptions {
  plant: PlantData;
  mapping: Mapping;
  /** Model step for the replays, s (default 10: the largest stable step; the fit then matches that model). */
  dt_s?: number;
  /** Only these tanks (default all with history). */
  tanks?: readonly string[];
  /** Tags not to judge the fit on (a level whose tank had an unmetered inflow in the window). */
  exclude?: readonly string[];
  maxIterations?: number;
  /** Progress lines (iteration, cost): for the CLI. */
  log?: (line: string) => void;
}

export interface Estimate {
  name: string;
  unit: string;
  initial: number;
  value: number;
  sd: number;
  /** 95 % confidence interval. */
  lo95: number;
  hi95: number;
}

export interface TankFit {
  tank: string;
  /** Weighted cost (residuals over their nominal σ, squared, plus the prior) before and after. */
  cost0: number;
  cost: number;
  /** Lag-1 autocorrelation of the residuals (the intervals are widened for it). */
  rho: number;
  /** RMS of measured − model per tag after the fit, engineering units. */
  rms: Record<string, number>;
}

export interface CalibrationResult {
  plant: PlantData;
  offsets: Map<string, number>;
  estimates: Estimate[];
  tanks: TankFit[];
  heater: HeaterFit | null;
  iterations: number;
  replays: number;
}

const Z95 = 1.959964;

export function calibrate(rec: Recording, o: CalibrateOptions): CalibrationResult {
  const dt_s = o.dt_s ?? 10;
  const counts = countsByTag(rec);
  const minSamples = 10;
  const usable = (t: string) => (counts.get(t) ?? 0) >= minSamples && !o.exclude?.includes(t);
  const blocks = tankBlocks(o.plant, o.mapping, usable, o.tanks, o).filter((b) => b.tags.length > 0);
  if (blocks.length === 0) throw new Error('the window holds no level or temperature samples of any tank to fit');
  const collect = blocks.flatMap((b) => b.tags);
  const at = samplesOf(rec, collect);
  const offsetIn = blocks.map((b) => b.tags.map((t) => collect.indexOf(t)));
  let replays = 0;

  /** Weighted residual series of every block (one array per tag) at the parameters θ (one array per block). */
  const residuals = (theta: Float64Array[], startFromRaw = true): Float64Array[][] => {
    replays++;
    const r = replay(
      rec,
      {
        plant: applyToPlant(o.plant, blocks, theta),
        dt_s,
        offsets: offsetsOf(blocks, theta),
        collect,
        score: false,
        startFromRaw,
      },
      at,
    );
    return blocks.map((b, i) =>
      b.tags.map((_, k) => {
        const c = offsetIn[i][k];
        const w = b.weights[k];
        const y = r.measured[c];
        const m = r.model[c];
        return Float64Array.from(y, (v, p) => (v - m[p]) * w);
      }),
    );
  };

  const flat = (series: Float64Array[]): Float64Array => {
    const n = series.reduce((a, s) => a + s.length, 0);
    const out = new Float64Array(n);
    let p = 0;
    for (const s of series) {
      out.set(s, p);
      p += s.length;
    }
    return out;
  };
  const cost = (b: TankBlock, th: Float64Array, series: Float64Array[]) =>
    series.reduce((a, s) => a + s.reduce((x, v) => x + v * v, 0), 0) + priorCost(b.params, th);

  const theta: Float64Array[] = blocks.map((b) => Float64Array.from(b.params, (p) => p.initial));
  let res = residuals(theta);
  const cost0 = blocks.map((b, i) => cost(b, theta[i], res[i]));
  const costs = cost0.slice();
  const lambda = blocks.map(() => 1e-2);
  const done = blocks.map(() => false);
  let jac = jacobian(blocks, theta, res);
  let it = 0;
  const maxIt = o.maxIterations ?? 12;
  for (; it < maxIt && done.some((d) => !d); it++) {
    const ne = blocks.map((_, i) => normalEquations(jac[i], flat(res[i])));
    const trial = theta.map((th, i) => (done[i] ? th : lmStep(blocks[i].params, th, ne[i].jtj, ne[i].jtr, lambda[i])));
    const tres = residuals(trial);
    let accepted = 0;
    blocks.forEach((b, i) => {
      if (done[i]) return;
      const c = cost(b, trial[i], tres[i]);
      if (c < costs[i]) {
        const gain = (costs[i] - c) / Math.max(costs[i], 1e-300);
        theta[i] = trial[i];
        res[i] = tres[i];
        costs[i] = c;
        lambda[i] = Math.max(1e-7, lambda[i] / 3);
        accepted++;
        if (gain < 1e-4) done[i] = true;
      } else {
        lambda[i] *= 4;
        if (lambda[i] > 1e3) done[i] = true; // steps this damped no longer move it
      }
    });
    o.log?.(
      `iteration ${it + 1}: ${accepted} of ${blocks.length} tanks improved, cost ${costs.reduce((a, c) => a + c, 0).toFixed(1)}`,
    );
    if (accepted > 0 && done.some((d) => !d)) jac = jacobian(blocks, theta, res);
  }
  // The intervals: the Jacobian at the optimum with the start state built from the corrected values, so
  // an offset's column carries its effect through the start too. An offset common to the instruments the
  // start is built from then barely moves the residuals (the model starts where the measurements are): the
  // data cannot see it, and its interval is its prior's, as it should be.
  res = residuals(theta, false);
  jac = jacobian(blocks, theta, res, false);

  const estimates: Estimate[] = [];
  const tanks: TankFit[] = [];
  blocks.forEach((b, i) => {
    const { jtj } = normalEquations(jac[i], flat(res[i]));
    const { s2, rho } = residualVariance(res[i], b.params.length);
    const C = covariance(b.params, jtj, s2);
    b.params.forEach((p, j) => {
      const sd = Math.sqrt(Math.max(0, C.get(j, j)));
      const v = theta[i][j];
      estimates.push({
        name: p.name,
        unit: p.unit,
        initial: p.initial,
        value: v,
        sd,
        lo95: v - Z95 * sd,
        hi95: v + Z95 * sd,
      });
    });
    const rms: Record<string, number> = {};
    b.tags.forEach((t, k) => {
      const s = res[i][k];
      rms[t] = Math.sqrt(s.reduce((a, v) => a + v * v, 0) / Math.max(1, s.length)) / b.weights[k];
    });
    tanks.push({ tank: b.tank, cost0: cost0[i], cost: costs[i], rho, rms });
  });

  const plant = applyToPlant(o.plant, blocks, theta);
  const heater = fitHeaterEfficiency(rec, plant);
  if (heater) {
    plant.hotOil.heater.efficiency = Math.round(heater.estimate.value * 1e4) / 1e4;
    estimates.push(heater.estimate);
  }
  return { plant, offsets: offsetsOf(blocks, theta), estimates, tanks, heater, iterations: it, replays };

  /** Columns of every block's Jacobian: one replay per parameter slot that moves the model, the rest exact. */
  function jacobian(bl: TankBlock[], th: Float64Array[], base: Float64Array[][], raw = true): Float64Array[][] {
    const cols: Float64Array[][] = bl.map((b) => b.params.map(() => new Float64Array(0)));
    // which slots need a replay: the physical ones, and (start from corrected values) the offsets of the
    // instruments the start is built from; started from the values as measured, offsets enter linearly
    const needsRun = (b: TankBlock, j: number) => {
      const p = b.params[j];
      return p.kind !== 'offset' || p.input || (!raw && INIT_QUANTITIES.has(p.name.slice(p.name.indexOf('.') + 1)));
    };
    // a slot's parameter differs in kind from tank to tank (absent instruments): group by (kind, quantity)
    const keyOf = (b: TankBlock, j: number) => {
      const p = b.params[j];
      return p.kind === 'offset' ? `offset:${p.name.slice(p.name.indexOf('.') + 1)}` : p.kind;
    };
    const keys = new Set<string>();
    bl.forEach((b) => b.params.forEach((_, j) => needsRun(b, j) && keys.add(keyOf(b, j))));
    for (const key of keys) {
      const h = bl.map(() => 0);
      const pert = th.map((t, i) => {
        const x = t.slice();
        const j = bl[i].params.findIndex((_, jj) => keyOf(bl[i], jj) === key);
        if (j >= 0) {
          h[i] = fdStep(bl[i].params[j], x[j]);
          x[j] += h[i];
        }
        return x;
      });
      const pr = residuals(pert, raw);
      bl.forEach((b, i) => {
        const j = b.params.findIndex((_, jj) => keyOf(b, jj) === key);
        if (j < 0) return;
        cols[i][j] = flatDiff(pr[i], base[i], h[i]);
      });
    }
    // offsets: ∂r/∂b = −w on that instrument's rows, exactly
    bl.forEach((b, i) =>
      b.params.forEach((p, j) => {
        if (needsRun(b, j)) return;
        const n = base[i].reduce((a, s) => a + s.length, 0);
        const col = new Float64Array(n);
        let o0 = 0;
        b.tags.forEach((t, k) => {
          if (t === p.name) col.fill(-b.weights[k], o0, o0 + base[i][k].length);
          o0 += base[i][k].length;
        });
        cols[i][j] = col;
      }),
    );
    return cols;
  }
}

function flatDiff(a: Float64Array[], b: Float64Array[], h: number): Float64Array {
  const n = a.reduce((x, s) => x + s.length, 0);
  const out = new Float64Array(n);
  let p = 0;
  for (let k = 0; k < a.length; k++) {
    for (let i = 0; i < a[k].length; i++) out[p + i] = (a[k][i] - b[k][i]) / h;
    p += a[k].length;
  }
  return out;
}
