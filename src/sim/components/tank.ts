import { density, enthalpy, temperatureFromEnthalpy } from '../props/bitumen';
import type { TankModel } from '../plantIndex';
import type { TankState } from '../state';

// A vertical tank as N equal-mass horizontal layers (PHYSICS.md §5), bottom first. Equal masses keep the
// buoyancy rule simple (mixing a pair is an average) and make the count a fixed property of the plant data.

/** Liquid level from mass and ρ(T) of each layer: Σ (m/N)/ρ(T_i) / A. */
export function level_m(tm: TankModel, tank: TankState): number {
  const n = tank.h_J_kg.length;
  const mLayer = tank.mass_kg / n;
  let v = 0;
  for (let i = 0; i < n; i++) v += mLayer / density(tank.props, tank.T_C[i]);
  return v / tm.area_m2;
}

/** Height of the top of layer i above the floor, written into out[offset + i]. */
export function layerTops(tm: TankModel, tank: TankState, out: Float64Array, offset = 0): void {
  const n = tank.h_J_kg.length;
  const v = tank.mass_kg / n / tm.area_m2;
  const p = tank.props;
  let z = 0;
  for (let i = 0; i < n; i++) {
    z += v / (p.rho25_kg_m3 * (1 - p.expansion_1_K * (tank.T_C[i] - 25))); // ρ(T), PHYSICS.md §1
    out[offset + i] = z;
  }
}

export function meanTemp_C(tank: TankState): number {
  let h = 0;
  for (let i = 0; i < tank.h_J_kg.length; i++) h += tank.h_J_kg[i];
  return temperatureFromEnthalpy(tank.props, h / tank.h_J_kg.length);
}

/** Product energy relative to 25 °C, J (the roof node is added by the caller). */
export function productEnergy_J(tank: TankState): number {
  let h = 0;
  for (let i = 0; i < tank.h_J_kg.length; i++) h += tank.h_J_kg[i];
  return (h * tank.mass_kg) / tank.h_J_kg.length;
}

/** Mass that fills the tank to `level` at a uniform temperature. */
export function massForLevel(tm: TankModel, tank: TankState, levelM: number, tC: number): number {
  return levelM * tm.area_m2 * density(tank.props, tC);
}

export function refreshTemperatures(tank: TankState): void {
  for (let i = 0; i < tank.h_J_kg.length; i++) tank.T_C[i] = temperatureFromEnthalpy(tank.props, tank.h_J_kg[i]);
}

/**
 * Buoyant mixing: wherever a lower layer is hotter than the one above, mix the unstable run into one
 * average. With equal masses the mean of enthalpies conserves energy exactly.
 */
export function mixUnstable(tank: TankState): void {
  const h = tank.h_J_kg;
  const n = h.length;
  for (let pass = 0; pass < n; pass++) {
    let changed = false;
    for (let i = 0; i < n - 1; i++) {
      if (h[i] > h[i + 1] + 1e-9) {
        // extend the run upward while the average stays hotter than the next layer
        let j = i + 1;
        let sum = h[i] + h[j];
        while (j + 1 < n && sum / (j - i + 1) > h[j + 1]) sum += h[++j];
        const avg = sum / (j - i + 1);
        for (let k = i; k <= j; k++) h[k] = avg;
        changed = true;
        i = j;
      }
    }
    if (!changed) break;
  }
}

/** Side-entry mixer: the whole tank well mixed (a strong mixer turns a PMA tank over in minutes). */
export function mixAll(tank: TankState): void {
  const n = tank.h_J_kg.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += tank.h_J_kg[i];
  const avg = sum / n;
  for (let i = 0; i < n; i++) tank.h_J_kg[i] = avg;
}

// Segments of one exchange (the inflow plus each layer's remainder): grown once to the largest layer
// count seen, so the plant's layer count has no fixed upper limit and the step does not allocate.
let segM = new Float64Array(0);
let segE = new Float64Array(0);

/**
 * Take `out_kg` from the bottom and add `in_kg` carrying `inEnergy_J` at the bottom (both nozzles sit at
 * the floor), then re-bin into N equal-mass layers. Energy and mass are conserved exactly.
 */
export function exchangeAtBottom(tank: TankState, out_kg: number, in_kg: number, inEnergy_J: number): number {
  const n = tank.h_J_kg.length;
  if (segM.length < n + 1) {
    segM = new Float64Array(n + 1);
    segE = new Float64Array(n + 1);
  }
  const mLayer = tank.mass_kg / n;
  let outLeft = Math.min(out_kg, tank.mass_kg);
  let outEnergy = 0;
  let k = 0;
  if (in_kg > 0) {
    segM[k] = in_kg;
    segE[k] = inEnergy_J;
    k++;
  }
  for (let i = 0; i < n; i++) {
    let m = mLayer;
    if (outLeft > 0) {
      const take = Math.min(outLeft, m);
      outEnergy += take * tank.h_J_kg[i];
      outLeft -= take;
      m -= take;
    }
    if (m > 0) {
      segM[k] = m;
      segE[k] = m * tank.h_J_kg[i];
      k++;
    }
  }
  const total = tank.mass_kg - Math.min(out_kg, tank.mass_kg) + in_kg;
  rebin(tank, k, total);
  return outEnergy;
}

/** Below this a tank is empty: a film of micrograms has no meaningful temperature. */
export const EMPTY_KG = 1e-9;

/** Lay `k` segments (bottom first, in segM/segE) into N equal-mass layers of `total` kg in all. */
function rebin(tank: TankState, k: number, total: number): void {
  const n = tank.h_J_kg.length;
  if (!(total > EMPTY_KG)) {
    tank.mass_kg = 0; // empty to exactly zero; the layers keep their last enthalpy for the readers
    return;
  }
  tank.mass_kg = total;
  const bin = total / n;
  let seg = 0;
  let segLeft = segM[0];
  for (let i = 0; i < n; i++) {
    let need = bin;
    let e = 0;
    while (need > 1e-12 && seg < k) {
      const take = Math.min(need, segLeft);
      e += (take / segM[seg]) * segE[seg];
      need -= take;
      segLeft -= take;
      if (segLeft <= 1e-12) {
        seg++;
        segLeft = seg < k ? segM[seg] : 0;
      }
    }
    if (bin - need > 0) tank.h_J_kg[i] = e / (bin - need);
  }
}

/**
 * Take `kg` off the top of the liquid (an overflow), then re-bin into N equal-mass layers. Returns the
 * energy that left, J; mass and energy are conserved exactly.
 */
export function drawFromTop(tank: TankState, kg: number): number {
  const n = tank.h_J_kg.length;
  if (segM.length < n + 1) {
    segM = new Float64Array(n + 1);
    segE = new Float64Array(n + 1);
  }
  const mLayer = tank.mass_kg / n;
  const total = tank.mass_kg - Math.min(Math.max(kg, 0), tank.mass_kg);
  let keep = total;
  let outEnergy = 0;
  let k = 0;
  for (let i = 0; i < n; i++) {
    const m = Math.min(mLayer, keep);
    keep -= m;
    outEnergy += (mLayer - m) * tank.h_J_kg[i];
    if (m > 0) {
      segM[k] = m;
      segE[k] = m * tank.h_J_kg[i];
      k++;
    }
  }
  rebin(tank, k, total);
  return outEnergy;
}

/** Mass below the outlet nozzle: the heel no pump can draw. */
export function heelMass_kg(tm: TankModel, tank: TankState): number {
  return tm.nozzle_m * tm.area_m2 * density(tank.props, tank.T_C[0]);
}

/** Set a uniform temperature (initial conditions, tests). */
export function setUniform(tank: TankState, tC: number): void {
  const h = enthalpy(tank.props, tC);
  for (let i = 0; i < tank.h_J_kg.length; i++) tank.h_J_kg[i] = h;
  refreshTemperatures(tank);
}
