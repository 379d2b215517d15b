import type { Model, TankModel } from '../plantIndex';
import type { SimState, TankState } from '../state';
import type { StepScratch } from '../scratch';
import { density, specificHeat, temperatureFromEnthalpy } from '../props/bitumen';
import { drawFromTop, level_m, refreshTemperatures } from './tank';
import { P_ATM_PA } from './gearPump';

// The tank as a vessel at its edges, after this step's arrivals: product above the overflow nozzle runs
// over the roof and down the shell into the bund (soaking the lagging on its way); the vapour space of a
// tank whose vent is blocked is compressed on filling and drawn down on emptying, and past its design
// the roof seam tears or the shell buckles (PHYSICS.md §8). The bund's pool cools to ambient and sets.

/** Overpressure or vacuum this many times the design tears the roof seam / buckles the shell, estimate. */
export const DAMAGE_FACTOR = 1.5;
/** What a vent plugged by sublimate still passes: q = C·√|Δp|, m³/s per √Pa, estimate. */
export const BLOCKED_VENT_C_M3_S_SQRTPA = 2e-4;
/** Product the lagging holds per m² of shell before it runs on to the bund, estimate. */
export const LAGGING_HOLD_KG_M2 = 2;
/**
 * Soaked lagging on a shell above this is a fire risk: oil-soaked insulation self-heats and ignites far
 * below the autoignition temperature (PHYSICS.md §8, lagging fires), estimate.
 */
export const LAGGING_FIRE_RISK_C = 100;
/** Soaked mass above which the lagging counts as soaked, kg, estimate. */
const LAGGING_SOAKED_KG = 1;
/** A bund pool is no thinner than this: viscous product does not spread far, estimate. */
export const BUND_POOL_MIN_DEPTH_M = 0.05;
/** Pool to air (convection and radiation) plus pool to the bund floor, W/m²K, estimate. */
export const BUND_POOL_H_W_M2K = 15;
/** Density bound below any product's density at any temperature the model reaches (kg/m³): a cheap test. */
const RHO_MIN_KG_M3 = 700;

function ventBlocked(m: Model, s: SimState, i: number): boolean {
  for (let k = 0; k < s.faults.length; k++) {
    const f = s.faults[k].fault;
    if (f.kind === 'ventBlocked' && m.tankIndex.get(f.tank) === i) return true;
  }
  return false;
}

/** Product above the overflow nozzle leaves this step: into the lagging, then the bund. */
function overflow(tm: TankModel, tank: TankState, s: SimState, dt: number): void {
  const v = tank.vessel;
  v.overflow_kg_s = 0;
  v.overflowing = false;
  if (tank.mass_kg < tm.overflow_m * tm.area_m2 * RHO_MIN_KG_M3) return;
  const n = tank.h_J_kg.length;
  const over_m = level_m(tm, tank) - tm.overflow_m;
  if (!(over_m > 0)) return;
  const kg = over_m * tm.area_m2 * density(tank.props, tank.T_C[n - 1]);
  const e = drawFromTop(tank, kg);
  refreshTemperatures(tank);
  v.overflow_kg_s = kg / dt;
  v.overflowing = true;
  s.acc.spilled_kg += kg;
  s.acc.spilled_J += e;
  // the lagging holds some on its way down; the rest collects in the bund
  const holds = Math.max(0, LAGGING_HOLD_KG_M2 * Math.PI * tm.D_m * tm.H_m - v.laggingSoaked_kg);
  const soak = Math.min(kg, holds);
  v.laggingSoaked_kg += soak;
  const b = s.bund;
  b.mass_kg += kg - soak;
  b.energy_J += (e * (kg - soak)) / kg;
  b.tank = tm.index;
}

/** Vapour-space pressure of a tank whose vent is blocked; the damage past the design. */
function vent(m: Model, tm: TankModel, tank: TankState, s: SimState, dt: number, mv: StepScratch): void {
  const v = tank.vessel;
  const i = tm.index;
  if (v.roofSeamTorn || !ventBlocked(m, s, i)) {
    v.vapourGauge_Pa = 0; // a free vent (or a torn roof) breathes at atmosphere
    return;
  }
  const rho = density(tank.props, tank.T_C[0]);
  const level = tank.mass_kg > 0 ? Math.min(level_m(tm, tank), tm.H_m) : 0;
  // vapour space: the shell above the liquid plus the roof cone
  const cone_m3 = (tm.area_m2 * 0.5 * tm.D_m * Math.tan((tm.data.roof.slope_deg * Math.PI) / 180)) / 3;
  const vNew = Math.max(tm.area_m2 * (tm.H_m - level) + cone_m3, 1e-3);
  const dLiquid_m3 = (mv.in_kg[i] - mv.out_kg[i]) / rho;
  const vOld = Math.max(vNew + dLiquid_m3, 1e-3);
  // isothermal compression or expansion of the trapped gas, then what the plugged vent still passes
  const pAbs = (P_ATM_PA + v.vapourGauge_Pa) * (vOld / vNew);
  let g = pAbs - P_ATM_PA;
  const leak = BLOCKED_VENT_C_M3_S_SQRTPA * Math.sqrt(Math.abs(g)) * dt;
  g -= Math.sign(g) * Math.min(Math.abs(g), (pAbs * leak) / vNew);
  v.vapourGauge_Pa = g;
  if (g > DAMAGE_FACTOR * tm.designPressure_Pa) {
    v.roofSeamTorn = true;
    v.vapourGauge_Pa = 0;
    s.events.push({
      type: 'trip',
      t_s: s.t_s,
      tag: tm.data.roof.ventTag,
      cause: `${tm.tag} roof-to-shell seam torn by overpressure (${Math.round(g / 100)} mbar)`,
    });
  } else if (g < -DAMAGE_FACTOR * tm.designVacuum_Pa && !v.shellBuckled) {
    v.shellBuckled = true;
    v.vapourGauge_Pa = 0; // the buckled shell takes up the volume
    s.events.push({
      type: 'trip',
      t_s: s.t_s,
      tag: tm.data.roof.ventTag,
      cause: `${tm.tag} shell buckled by vacuum (${Math.round(g / 100)} mbar)`,
    });
  }
}

/** The bund's pool cools to ambient and the ground; implicit in its heat capacity, so any mass is stable. */
function coolBund(m: Model, s: SimState, dt: number): void {
  const b = s.bund;
  if (!(b.mass_kg > 0) || b.tank < 0) return;
  const props = s.tanks[b.tank].props;
  const t = temperatureFromEnthalpy(props, b.energy_J / b.mass_kg);
  const bp = m.plant.bund;
  const bundArea_m2 = Math.max((bp.x1 - bp.x0) * (bp.z1 - bp.z0), 1);
  const area = Math.min(bundArea_m2, b.mass_kg / (density(props, t) * BUND_POOL_MIN_DEPTH_M));
  const c_J_K = b.mass_kg * specificHeat(props, t);
  const ua = BUND_POOL_H_W_M2K * area;
  const dT = (t - s.weather.ambient_C) * (1 - 1 / (1 + (ua * dt) / c_J_K));
  b.energy_J -= c_J_K * dT;
  b.temp_C = temperatureFromEnthalpy(props, b.energy_J / b.mass_kg);
  b.solid = b.temp_C < props.softeningPoint_C;
}

/** Overflow, lagging, vents and the bund for every tank, after this step's arrivals. */
export function stepVessels(m: Model, s: SimState, dt: number, mv: StepScratch): void {
  for (let i = 0; i < m.tanks.length; i++) {
    const tm = m.tanks[i];
    const tank = s.tanks[i];
    overflow(tm, tank, s, dt);
    vent(m, tm, tank, s, dt, mv);
    const v = tank.vessel;
    v.laggingFireRisk =
      v.laggingSoaked_kg > LAGGING_SOAKED_KG && tank.T_C[tank.h_J_kg.length - 1] > LAGGING_FIRE_RISK_C;
  }
  coolBund(m, s, dt);
}
