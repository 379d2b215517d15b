import type { Model } from '../../plantIndex';
import type { SimState } from '../../state';
import { viscosity } from '../../props/bitumen';
import type { HeatingPlan } from './schema';

// The temperature limits and the reference of each tank under MPC: the most the product may reach (its
// spec maximum, or the tank's high alarm, less a margin), the least it may fall to (the heating plan's
// min_C, which carries each planned loading's spec minimum and viscosity maximum; without a plan the
// storage minimum), and the temperature to follow (the plan's target_C, else the TIC set point).

/** Kept below the spec maximum or the high alarm, whichever is lower, K. */
export const MAX_TEMP_MARGIN_K = 2;
/** Without a plan the product is kept this far above the low-temperature alarm, K. */
export const STORAGE_MIN_MARGIN_K = 5;

/** The highest temperature tank i may be taken to, °C. */
export function maxTemp_C(m: Model, i: number): number {
  const tm = m.tanks[i];
  const spec = m.plant.products.find((p) => p.id === tm.data.product)?.spec;
  const hi = Math.min(tm.data.alarms.tempHigh_C, spec?.loadingTemp_C.max ?? Infinity);
  return hi - MAX_TEMP_MARGIN_K;
}

/** The temperature at which tank i's product has viscosity eta (bisection on the sim's own law), °C. */
export function tempForViscosity_C(s: SimState, i: number, eta_Pa_s: number): number {
  const p = s.tanks[i].props;
  let lo = 0;
  let hi = 400;
  for (let k = 0; k < 50; k++) {
    const mid = 0.5 * (lo + hi);
    if (viscosity(p, mid) > eta_Pa_s) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** The storage minimum without a plan: above the low alarm, °C. */
export function storageMin_C(m: Model, i: number): number {
  return m.tanks[i].data.alarms.tempLow_C + STORAGE_MIN_MARGIN_K;
}

/** The index of tank i's entry in the plan, or −1. */
export function planIndex(m: Model, plan: HeatingPlan | null, i: number): number {
  if (!plan) return -1;
  const tag = m.tanks[i].tag;
  return plan.tanks.findIndex((t) => t.tag === tag);
}

/**
 * The plan's reference and minimum for its tank k at plant time t, into out; false outside the plan. The
 * reference is linear between samples; the minimum is the higher of the two samples around t, so a loading's
 * minimum holds over the whole step it falls in.
 */
export function planAt(
  plan: HeatingPlan,
  k: number,
  t_s: number,
  out: { target_C: number; min_C: number; supply_C: number },
): boolean {
  const x = (t_s - plan.t0_s) / plan.step_s;
  const tp = plan.tanks[k];
  const n = tp.target_C.length;
  if (!(x >= 0 && x <= n - 1)) return false;
  const a = Math.floor(x);
  const b = Math.min(a + 1, n - 1);
  const f = x - a;
  out.target_C = tp.target_C[a] * (1 - f) + tp.target_C[b] * f;
  out.min_C = f === 0 ? tp.min_C[a] : Math.max(tp.min_C[a], tp.min_C[b]);
  out.supply_C = plan.supply_C[a] * (1 - f) + plan.supply_C[b] * f;
  return true;
}
