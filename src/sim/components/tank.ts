import { density, enthalpy, temperatureFromEnthalpy } from '../props/bitumen';
import type { TankModel } from '../plantIndex';
import type { TankState } from '../state';

// A vertical tank as N horizontal layers (PHYSICS.md §5), bottom first, each holding a share of the mass
// (`layerMass_frac`). The layers resolve the coil zone: the bottom one is the product below the coil (warmed
// by conduction only), the next the coil zone itself (from the lowest tube's underside to the top tube's
// upper side), the rest equal masses above; a tank too low to give the bulk room has N equal layers.
// Between exchanges the layers keep their shares; `rezone` puts them back on the coil geometry.

/** Liquid level from mass and ρ(T) of each layer: Σ m_i/ρ(T_i) / A. */
export function level_m(tm: TankModel, tank: TankState): number {
  const n = tank.h_J_kg.length;
  const f = tank.layerMass_frac;
  let v = 0;
  for (let i = 0; i < n; i++) v += (tank.mass_kg * f[i]) / density(tank.props, tank.T_C[i]);
  return v / tm.area_m2;
}

/** Height of the top of layer i above the floor, written into out[offset + i]. */
export function layerTops(tm: TankModel, tank: TankState, out: Float64Array, offset = 0): void {
  const n = tank.h_J_kg.length;
  const v = tank.mass_kg / tm.area_m2;
  const f = tank.layerMass_frac;
  const p = tank.props;
  let z = 0;
  for (let i = 0; i < n; i++) {
    z += (v * f[i]) / (p.rho25_kg_m3 * (1 - p.expansion_1_K * (tank.T_C[i] - 25))); // ρ(T), PHYSICS.md §1
    out[offset + i] = z;
  }
}

/** Mass-mean specific enthalpy of the product, J/kg. */
function meanEnthalpy_J_kg(tank: TankState): number {
  const f = tank.layerMass_frac;
  let h = 0;
  for (let i = 0; i < tank.h_J_kg.length; i++) h += f[i] * tank.h_J_kg[i];
  return h;
}

export function meanTemp_C(tank: TankState): number {
  return temperatureFromEnthalpy(tank.props, meanEnthalpy_J_kg(tank));
}

/** Product energy relative to 25 °C, J (the roof node is added by the caller). */
export function productEnergy_J(tank: TankState): number {
  return meanEnthalpy_J_kg(tank) * tank.mass_kg;
}

/** Mass that fills the tank to `level` at a uniform temperature. */
export function massForLevel(tm: TankModel, tank: TankState, levelM: number, tC: number): number {
  return levelM * tm.area_m2 * density(tank.props, tC);
}

export function refreshTemperatures(tank: TankState): void {
  const h = tank.h_J_kg;
  const T = tank.T_C;
  const p = tank.props;
  if (p.cpSlope_J_kgK2 === 0) {
    for (let i = 0; i < h.length; i++) T[i] = temperatureFromEnthalpy(p, h[i]);
    return;
  }
  // temperatureFromEnthalpy written out with the product's constants read once: the same expressions, so the
  // same bits, at every layer of every tank every step
  const a = p.cp25_J_kgK;
  const aa = a * a;
  const s2 = 2 * p.cpSlope_J_kgK2;
  for (let i = 0; i < h.length; i++) {
    const disc = aa + s2 * h[i];
    T[i] = 25 + (2 * h[i]) / (a + Math.sqrt(disc > 0 ? disc : 0));
  }
}

/**
 * Buoyant mixing: wherever a lower layer is hotter than the one above, mix the unstable run into its
 * mass-weighted mean, which conserves energy exactly.
 */
export function mixUnstable(tank: TankState): void {
  const h = tank.h_J_kg;
  const f = tank.layerMass_frac;
  const n = h.length;
  for (let pass = 0; pass < n; pass++) {
    let changed = false;
    for (let i = 0; i < n - 1; i++) {
      if (h[i] > h[i + 1] + 1e-9) {
        // extend the run upward while the mean stays hotter than the next layer
        let j = i + 1;
        let sumE = f[i] * h[i] + f[j] * h[j];
        let sumF = f[i] + f[j];
        while (j + 1 < n && sumE / sumF > h[j + 1]) {
          j++;
          sumE += f[j] * h[j];
          sumF += f[j];
        }
        const avg = sumE / sumF;
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
  const avg = meanEnthalpy_J_kg(tank);
  for (let i = 0; i < tank.h_J_kg.length; i++) tank.h_J_kg[i] = avg;
}

/**
 * The layers' target shares of the mass (into out): below the coil, the coil zone, then equal masses; equal
 * shares when the level `level` leaves less than the coil zone's height again above it.
 */
export function zonedFractions(
  tm: Pick<TankModel, 'deadZoneTop_m' | 'coilZoneTop_m'>,
  n: number,
  level: number,
  out: number[] | Float64Array,
): void {
  const zDead = tm.deadZoneTop_m;
  const zCoil = tm.coilZoneTop_m;
  if (!(level >= 2 * zCoil) || n < 3 || !(zDead > 0)) {
    for (let i = 0; i < n; i++) out[i] = 1 / n;
    return;
  }
  out[0] = zDead / level;
  out[1] = (zCoil - zDead) / level;
  const rest = (1 - zCoil / level) / (n - 2);
  for (let i = 2; i < n; i++) out[i] = rest;
}

/** Below this relative drift of a zone layer from its target the layers are left as they are. */
export const REZONE_TOLERANCE = 0.05;

// Segments of one exchange (the inflow plus each layer's remainder): grown once to the largest layer
// count seen, so the plant's layer count has no fixed upper limit and the step does not allocate.
let segM = new Float64Array(0);
let segE = new Float64Array(0);
let target = new Float64Array(0);
function ensureScratch(n: number): void {
  if (segM.length < n + 1) {
    segM = new Float64Array(n + 1);
    segE = new Float64Array(n + 1);
    target = new Float64Array(n + 1);
  }
}

/**
 * Put the layers back on the coil geometry after the level has moved: when the bottom two layers' shares
 * have drifted more than REZONE_TOLERANCE from their targets (or the tank crossed between zoned and equal
 * layers), re-bin into the target shares. Energy and mass are conserved exactly.
 */
export function rezone(tm: TankModel, tank: TankState): void {
  const n = tank.h_J_kg.length;
  if (!(tank.mass_kg > EMPTY_KG)) return;
  ensureScratch(n);
  zonedFractions(tm, n, level_m(tm, tank), target);
  const f = tank.layerMass_frac;
  let drift = 0;
  for (let i = 0; i < Math.min(n, 2); i++) drift = Math.max(drift, Math.abs(f[i] - target[i]) / target[i]);
  if (!(drift > REZONE_TOLERANCE)) return;
  for (let i = 0; i < n; i++) {
    segM[i] = tank.mass_kg * f[i];
    segE[i] = segM[i] * tank.h_J_kg[i];
  }
  for (let i = 0; i < n; i++) f[i] = target[i];
  rebin(tank, n, tank.mass_kg);
}

/**
 * Take `out_kg` from the bottom and add `in_kg` carrying `inEnergy_J` at the bottom (both nozzles sit at
 * the floor), then re-bin into the layers' shares. Energy and mass are conserved exactly.
 */
export function exchangeAtBottom(tank: TankState, out_kg: number, in_kg: number, inEnergy_J: number): number {
  const n = tank.h_J_kg.length;
  ensureScratch(n);
  const f = tank.layerMass_frac;
  let outLeft = Math.min(out_kg, tank.mass_kg);
  let outEnergy = 0;
  let k = 0;
  if (in_kg > 0) {
    segM[k] = in_kg;
    segE[k] = inEnergy_J;
    k++;
  }
  for (let i = 0; i < n; i++) {
    let m = tank.mass_kg * f[i];
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

/** Lay `k` segments (bottom first, in segM/segE) into the layers' shares of `total` kg. */
function rebin(tank: TankState, k: number, total: number): void {
  const n = tank.h_J_kg.length;
  if (!(total > EMPTY_KG)) {
    tank.mass_kg = 0; // empty to exactly zero; the layers keep their last enthalpy for the readers
    return;
  }
  tank.mass_kg = total;
  const f = tank.layerMass_frac;
  let seg = 0;
  let segLeft = segM[0];
  for (let i = 0; i < n; i++) {
    const bin = total * f[i];
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
 * Take `kg` off the top of the liquid (an overflow), then re-bin into the layers' shares. Returns the
 * energy that left, J; mass and energy are conserved exactly.
 */
export function drawFromTop(tank: TankState, kg: number): number {
  const n = tank.h_J_kg.length;
  ensureScratch(n);
  const f = tank.layerMass_frac;
  const total = tank.mass_kg - Math.min(Math.max(kg, 0), tank.mass_kg);
  let keep = total;
  let outEnergy = 0;
  let k = 0;
  for (let i = 0; i < n; i++) {
    const mLayer = tank.mass_kg * f[i];
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
