import { Matrix, inverse } from 'ml-matrix';
import type { PlantData } from '../sim/plant/schema';
import { cToK } from '../sim/units';
import { parsePlant, type LoadResult } from '../sim/plant/load';
import type { LimsSample } from './limsCsv';
import { waltherViscosity_Pa_s, type WaltherAB } from './spec';

// The product's viscosity parameters from LIMS samples: a least-squares fit of the Walther form the model
// uses (log10 log10 η[mPa·s] = A + B·log10 T[K], src/sim/props/bitumen.ts) to the measured viscosities.
// Residuals are taken in ln η, as a viscometer's error is a share of the reading. Gauss–Newton on
// (a, B) with a = A + B·x̄ (x = log10 T, x̄ its sample mean): A and B alone are nearly collinear over the
// few tens of kelvin a lab covers, the centred pair is not. The covariance is s²·(JᵀJ)⁻¹ with s² the residual
// variance; samples all at one temperature fix only the level, so B is then held at the product's value.

/** Below this spread of test temperatures the slope B is not fitted, K. */
export const MIN_SPAN_K = 5;
const LN10 = Math.LN10;

export interface WaltherFit {
  product: string;
  before: WaltherAB;
  A: number;
  B: number;
  /** Standard errors and the correlation of A and B (NaN where the data cannot give them). */
  sdA: number;
  sdB: number;
  corrAB: number;
  /** Half-widths of the 95 % confidence intervals of A and B (Student t on n − p degrees of freedom). */
  ci95A: number;
  ci95B: number;
  /** B held at its old value (the samples span less than MIN_SPAN_K). */
  fixedB: boolean;
  n: number;
  tempMin_C: number;
  tempMax_C: number;
  /** RMS of the residuals in ln η before and after (a 0.05 RMS is about 5 % in viscosity). */
  rmsLnBefore: number;
  rmsLnAfter: number;
  iterations: number;
}

/** ln η[Pa·s] of the Walther form at log10 T = x. */
function lnEta(A: number, B: number, x: number): number {
  return LN10 * (10 ** (A + B * x) - 3);
}

function rms(s: readonly LimsSample[], A: number, B: number): number {
  let ss = 0;
  for (const p of s) ss += (Math.log(p.viscosity_Pa_s) - lnEta(A, B, Math.log10(cToK(p.temp_C)))) ** 2;
  return Math.sqrt(ss / Math.max(1, s.length));
}

/** Fit A and B of one product to its samples (all of that product), starting from its present values. */
export function fitWalther(product: string, start: WaltherAB, samples: readonly LimsSample[]): WaltherFit {
  const n = samples.length;
  const x = samples.map((p) => Math.log10(cToK(p.temp_C)));
  const y = samples.map((p) => Math.log(p.viscosity_Pa_s));
  const temps = samples.map((p) => p.temp_C);
  const tempMin_C = Math.min(...temps);
  const tempMax_C = Math.max(...temps);
  const fixedB = !(tempMax_C - tempMin_C >= MIN_SPAN_K) || n < 3;
  const xm = x.reduce((s, v) => s + v, 0) / Math.max(1, n);
  const p = fixedB ? 1 : 2;
  let a = start.A + start.B * xm;
  let B = start.B;
  let it = 0;
  let cov: Matrix | null = null;
  if (n >= 1) {
    for (it = 1; it <= 50; it++) {
      const J = new Matrix(n, p);
      const r = new Matrix(n, 1);
      for (let i = 0; i < n; i++) {
        const d = x[i] - xm;
        const w = 10 ** (a + B * d);
        r.set(i, 0, y[i] - LN10 * (w - 3));
        const g = LN10 * LN10 * w; // ∂lnη/∂a
        J.set(i, 0, g);
        if (p === 2) J.set(i, 1, g * d);
      }
      const JtJ = J.transpose().mmul(J);
      const step = inverse(JtJ).mmul(J.transpose().mmul(r));
      // the double log makes big steps overshoot: limit a step to 0.05 in log10 log10 η
      const k = Math.min(
        1,
        0.05 / Math.max(Math.abs(step.get(0, 0)), p === 2 ? Math.abs(step.get(1, 0)) * 0.1 : 0, 1e-300),
      );
      a += k * step.get(0, 0);
      if (p === 2) B += k * step.get(1, 0);
      cov = inverse(JtJ);
      if (Math.abs(step.get(0, 0)) < 1e-12 && (p === 1 || Math.abs(step.get(1, 0)) < 1e-11)) break;
    }
  }
  const A = a - B * xm;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (y[i] - lnEta(A, B, x[i])) ** 2;
  const s2 = n > p ? ss / (n - p) : Number.NaN;
  let sdA = Number.NaN;
  let sdB = Number.NaN;
  let corrAB = Number.NaN;
  if (cov && Number.isFinite(s2)) {
    const va = s2 * cov.get(0, 0);
    if (p === 1) sdA = Math.sqrt(va);
    else {
      const vb = s2 * cov.get(1, 1);
      const cab = s2 * cov.get(0, 1);
      // A = a − B·x̄
      const vA = va + xm * xm * vb - 2 * xm * cab;
      sdA = Math.sqrt(vA);
      sdB = Math.sqrt(vb);
      corrAB = (cab - xm * vb) / (sdA * sdB);
    }
  }
  return {
    product,
    before: { ...start },
    A,
    B,
    sdA,
    sdB,
    corrAB,
    ci95A: t975(n - p) * sdA,
    ci95B: t975(n - p) * sdB,
    fixedB,
    n,
    tempMin_C,
    tempMax_C,
    rmsLnBefore: rms(samples, start.A, start.B),
    rmsLnAfter: rms(samples, A, B),
    iterations: it,
  };
}

// Student t, two-sided 95 %, for 1–30 degrees of freedom (any statistics table)
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11,
  2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];
/** The 97.5 % quantile of Student's t with dof degrees of freedom (NaN below 1; 1.96 beyond 30 is within 2 %). */
export function t975(dof: number): number {
  if (!(dof >= 1)) return Number.NaN;
  return dof <= 30 ? T975[Math.floor(dof) - 1] : 1.96 + 2.4 / dof;
}

/** Fit every product that has samples, from the plant's present parameters. */
export function fitProducts(plant: PlantData, samples: readonly LimsSample[]): WaltherFit[] {
  const fits: WaltherFit[] = [];
  for (const pr of plant.products) {
    const mine = samples.filter((s) => s.product === pr.id);
    if (mine.length) fits.push(fitWalther(pr.id, pr.viscosity, mine));
  }
  return fits;
}

/** The viscosity at t °C by the fit and its standard error (delta method), Pa·s. */
export function fittedViscosity(fit: WaltherFit, t_C: number): { eta_Pa_s: number; sd_Pa_s: number } {
  const eta = waltherViscosity_Pa_s(fit, t_C);
  const x = Math.log10(cToK(t_C));
  const g = LN10 * LN10 * 10 ** (fit.A + fit.B * x) * eta; // ∂η/∂A; ∂η/∂B = g·x
  const vA = fit.sdA ** 2;
  const vB = fit.fixedB ? 0 : fit.sdB ** 2;
  const c = fit.fixedB ? 0 : fit.corrAB * fit.sdA * fit.sdB;
  return { eta_Pa_s: eta, sd_Pa_s: Math.sqrt(g * g * (vA + x * x * vB + 2 * x * c)) };
}

/** A copy of the plant with the fitted products' A and B, checked as a plant file is. */
export function correctedPlant(plant: PlantData, fits: readonly WaltherFit[]): LoadResult<PlantData> {
  const copy = structuredClone(plant);
  for (const f of fits) {
    const pr = copy.products.find((p) => p.id === f.product);
    if (pr) pr.viscosity = { A: f.A, B: f.B };
  }
  return parsePlant(copy);
}
