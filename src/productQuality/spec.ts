import type { ProductData, ProductSpec } from '../sim/plant/schema';
import { cToK } from '../sim/units';

// A product's loading spec as a temperature window: the loading temperature band narrowed by the viscosity
// band through the product's Walther fit (log10 log10 η[mPa·s] = A + B·log10 T[K], src/sim/props/bitumen.ts),
// so one check of the outlet temperature answers both, and the margin is in kelvin a person can act on.

export interface WaltherAB {
  A: number;
  B: number;
}

/** η in Pa·s at t °C by the Walther form (the model's viscosity()). */
export function waltherViscosity_Pa_s(p: WaltherAB, t_C: number): number {
  const x = p.A + p.B * Math.log10(cToK(t_C));
  return 10 ** (10 ** x - 3);
}

/** The temperature (°C) at which the Walther fit gives η Pa·s; NaN where it has none (η ≤ 1 mPa·s). */
export function temperatureForViscosity_C(p: WaltherAB, eta_Pa_s: number): number {
  const lg = Math.log10(eta_Pa_s * 1000);
  if (!(lg > 0)) return Number.NaN;
  return 10 ** ((Math.log10(lg) - p.A) / p.B) - 273.15;
}

export interface SpecWindow {
  /** Lowest outlet temperature in spec, °C, and what sets it. */
  min_C: number;
  minBy: 'temperature' | 'viscosity';
  max_C: number;
  maxBy: 'temperature' | 'viscosity';
}

/** The outlet temperatures that meet both bands of the spec (viscosity falls as temperature rises). */
export function specWindow(spec: ProductSpec, visc: WaltherAB): SpecWindow {
  const w: SpecWindow = {
    min_C: spec.loadingTemp_C.min,
    minBy: 'temperature',
    max_C: spec.loadingTemp_C.max,
    maxBy: 'temperature',
  };
  const vb = spec.viscosity_Pa_s;
  if (vb) {
    const tHot = temperatureForViscosity_C(visc, vb.max); // below this, too viscous
    const tCold = temperatureForViscosity_C(visc, vb.min); // above this, too thin
    if (tHot > w.min_C) {
      w.min_C = tHot;
      w.minBy = 'viscosity';
    }
    if (tCold < w.max_C) {
      w.max_C = tCold;
      w.maxBy = 'viscosity';
    }
  }
  return w;
}

export type SpecStatus = 'ok' | 'low' | 'high' | 'unknown';

export interface SpecCheck {
  status: SpecStatus;
  /** Distance to the nearer edge of the window, K: positive inside, negative outside (NaN without a spec). */
  margin_K: number;
  /** The viscosity at the temperature, Pa·s. */
  viscosity_Pa_s: number;
  /** Why it is out of spec, in words ('' when in spec). */
  reason: string;
}

/** Check a temperature against a product's spec; a product without a spec is 'unknown'. */
export function checkSpec(product: ProductData, t_C: number): SpecCheck {
  const visc = product.viscosity;
  const eta = waltherViscosity_Pa_s(visc, t_C);
  if (!product.spec || !Number.isFinite(t_C))
    return { status: 'unknown', margin_K: Number.NaN, viscosity_Pa_s: eta, reason: '' };
  const w = specWindow(product.spec, visc);
  const lo = t_C - w.min_C;
  const hi = w.max_C - t_C;
  const margin_K = Math.min(lo, hi);
  if (lo < 0) {
    const reason =
      w.minBy === 'viscosity'
        ? `viscosity ${eta.toPrecision(3)} Pa·s above ${product.spec.viscosity_Pa_s!.max} Pa·s`
        : `below the ${product.spec.loadingTemp_C.min} °C loading minimum`;
    return { status: 'low', margin_K, viscosity_Pa_s: eta, reason };
  }
  if (hi < 0) {
    const reason =
      w.maxBy === 'viscosity'
        ? `viscosity ${eta.toPrecision(3)} Pa·s below ${product.spec.viscosity_Pa_s!.min} Pa·s`
        : `above the ${product.spec.loadingTemp_C.max} °C loading maximum`;
    return { status: 'high', margin_K, viscosity_Pa_s: eta, reason };
  }
  return { status: 'ok', margin_K, viscosity_Pa_s: eta, reason: '' };
}
