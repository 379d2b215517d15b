import type { Model } from './plantIndex';
import type { SimState } from './state';
import type { StepScratch } from './scratch';
import { growFouling, stepCoil } from './components/coil';
import { stepTankLosses, stepWater } from './components/tankThermal';
import { layerTops, mixAll, productEnergy_J } from './components/tank';

// The heat balance of every tank for one step, on its inventory after this step's draws: coil duty
// into the layers, losses to ambient, free water warming, boiling and frothing over, the mixer's work,
// and coil fouling. Sums the oil the coils return, for the hot-oil nodes.

/**
 * Therminol 66 cp ≈ 2.3 kJ/kg·K near the supply temperature (PHYSICS.md §2). Used only to show a coil's
 * outlet temperature; the oil's energy balance uses the full cp(T) correlation.
 */
export const HOT_OIL_CP_NOMINAL_J_KGK = 2300;
/** A side-entry mixer sits this high above the floor; below it, it would run in vapour and is not counted, typical. */
export const MIXER_MIN_LEVEL_M = 1;

/**
 * The losses to ambient and ground, the conduction between layers and the vapour-space node change a tank's
 * temperatures by micro-kelvins a second (hours to days of time constant), so they are integrated every 10 s
 * of plant time rather than every step: the step that reaches a multiple of 10 s applies the 10 s behind it,
 * with the mass guard, as a 10 s step (MAX_STABLE_DT_S, simulation.ts) would. Steps of 10 s or more apply their
 * own dt. Over any run the time applied is the time elapsed, within one interval, and acc.tankLoss_J counts
 * exactly what was applied.
 */
export const LOSS_INTERVAL_S = 10;
export function lossStep_s(t_s: number, dt: number): number {
  if (dt >= LOSS_INTERVAL_S) return dt;
  return (Math.floor((t_s + dt) / LOSS_INTERVAL_S) - Math.floor(t_s / LOSS_INTERVAL_S)) * LOSS_INTERVAL_S;
}

const water = { steam_J: 0, spill_kg: 0, spill_J: 0, vented_kg: 0, water_J: 0 };

export function stepTankHeat(m: Model, s: SimState, dt: number, power: boolean, mv: StepScratch): void {
  const ho = s.hotOil;
  const hSup = ho.hHeater_J_kg;
  const tops = mv.tops_m;
  const dtLoss = lossStep_s(s.t_s, dt);
  let coilReturn = 0;
  let coilFlowSum = 0;
  for (let i = 0; i < m.tanks.length; i++) {
    const tm = m.tanks[i];
    const tank = s.tanks[i];
    layerTops(tm, tank, tops);
    const level_m = tank.mass_kg > 0 ? tops[tank.h_J_kg.length - 1] : 0;
    const c = stepCoil(tm, tank, tops, level_m, ho.supply_C, dt, mv.coilGrids[i]);
    tank.coilExposed = c.exposed && tank.coilFlow_kg_s > 0;
    tank.coilDuty_W = c.duty_W;
    coilFlowSum += tank.coilFlow_kg_s;
    coilReturn += tank.coilFlow_kg_s * dt * (hSup - c.outEnthalpyDrop_J_kg);
    tank.coilOut_C =
      tank.coilFlow_kg_s > 0 ? ho.supply_C - c.outEnthalpyDrop_J_kg / HOT_OIL_CP_NOMINAL_J_KGK : tank.T_C[0];
    // and at the first step, over no time: the loss is shown from the start
    if (dtLoss > 0 || s.step === 0) s.acc.tankLoss_J += stepTankLosses(tm, tank, s, tops, level_m, dtLoss) * dtLoss;
    stepWater(tank, tm.area_m2, dt, water);
    s.acc.steam_J += water.steam_J;
    s.acc.waterVented_kg += water.vented_kg;
    if (water.spill_kg > 0) {
      const e = productEnergy_J(tank); // at the column's mean enthalpy
      const mass0 = tank.mass_kg;
      tank.mass_kg -= water.spill_kg; // foam comes off the whole column; each layer keeps its enthalpy
      s.acc.spilled_kg += water.spill_kg;
      s.acc.spilled_J += (water.spill_kg * e) / mass0;
    }
    if (tank.mixerOn && tm.mixerPower_W > 0 && power && level_m >= MIXER_MIN_LEVEL_M) {
      mixAll(tank);
      const e = tm.mixerPower_W * dt;
      tank.h_J_kg[0] += e / (tank.mass_kg * tank.layerMass_frac[0]);
      s.acc.mixerWork_J += e;
    }
    growFouling(tank, ho.supply_C, dt);
  }
  mv.coilReturn_J = coilReturn;
  mv.coilFlowSum_kg_s = coilFlowSum;
}
