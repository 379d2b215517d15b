import type { PlantData } from '../sim/plant/schema';
import { buildModel, type Model, type TankModel } from '../sim/plantIndex';
import { createState } from '../sim/initial';
import type { SimState, TankState } from '../sim/state';
import { stepCoil } from '../sim/components/coil';
import { stepTankLosses } from '../sim/components/tankThermal';
import { layerTops } from '../sim/components/tank';
import { solveHydraulics } from '../sim/components/hotOilLoop';
import { MIXER_MIN_LEVEL_M } from '../sim/heatBalance';

// Can a coil still hold its tank at the set point on the design winter night? A steady-state balance built on
// the model's own functions: the product uniform at the set point, the coil valve fully open (every other coil
// open too: on the design night every tank calls for heat, which leaves each branch the least flow), the hot
// oil at the heater's set point, no sun, no rain, the plant's wind and the design ambient. The coil's duty
// (stepCoil) falls as the fouling resistance grows; the losses (stepTankLosses, with the roof node at its own
// steady state) do not depend on it. The fouling at which the duty no longer covers the losses is the limit.

/** Fouling beyond which the search stops, m²K/W: the coil then transfers a few per cent of its clean duty. */
export const MAX_SEARCH_FOULING_M2K_W = 2;

/** The design winter ambient: the plant file's, or the coldest hour of the plant's typical day. */
export function designAmbient_C(plant: PlantData): number {
  const w = plant.weather;
  return w.designAmbient_C ?? w.ambientMean_C - w.ambientSwing_K;
}

export interface CapacityOptions {
  /** Ambient, °C (default: designAmbient_C). */
  ambient_C?: number;
  /** Product level, m (default: the tank's high-level alarm, the largest wetted wall in normal service). */
  level_m?: number;
  /** Set point to hold, °C (default: the tank controller's). */
  setpoint_C?: number;
  /** Hot-oil supply, °C (default: the heater's set point). */
  supply_C?: number;
  /** Wall-loss factor on the insulation's conductivity (the filter's `wall_loss` estimate; 1 = as designed). */
  wallLossFactor?: number;
  /** Coil outside-film calibration (default: the plant file's coil.heatTransferFactor). */
  heatTransferFactor?: number;
  /** Coil flow at full valve, kg/s (default: from the loop's hydraulics with every coil valve open). */
  coilFlow_kg_s?: number;
  /** Opening of every other coil valve for the hydraulics, 0–1 (default 1). */
  otherValves_frac?: number;
}

export interface CoilCapacity {
  tank: string;
  ambient_C: number;
  setpoint_C: number;
  supply_C: number;
  level_m: number;
  coilFlow_kg_s: number;
  /** Losses at the set point, W, less the mixer's work where the tank has one. */
  netLoss_W: number;
  /** Coil duty at full valve with a clean coil, W. */
  cleanDuty_W: number;
  /** The fouling at which the full-valve duty equals the net loss, m²K/W; 0 = cannot hold even clean; Infinity = holds beyond the search range. */
  criticalFouling_m2K_W: number;
  /** Full-valve duty, W, at a fouling resistance. */
  dutyAt(fouling_m2K_W: number): number;
}

interface Balance {
  m: Model;
  s: SimState;
  tm: TankModel;
  tank: TankState;
  tops: Float64Array;
  level: number;
  h0: number[];
}

function setUp(plant: PlantData, tankTag: string, o: CapacityOptions): Balance {
  const idx = plant.tanks.findIndex((t) => t.tag === tankTag);
  if (idx < 0) throw new Error(`the plant has no tank "${tankTag}"`);
  const p = structuredClone(plant);
  const td = p.tanks[idx];
  if (o.wallLossFactor !== undefined) td.insulation.k_W_mK *= o.wallLossFactor;
  if (o.heatTransferFactor !== undefined) td.coil.heatTransferFactor = o.heatTransferFactor;
  const ambient = o.ambient_C ?? designAmbient_C(plant);
  const sp = o.setpoint_C ?? td.control.setpoint_C;
  const level = o.level_m ?? td.alarms.levelHigh_frac * td.shellHeight_m;
  const supply = o.supply_C ?? p.hotOil.heater.supplySetpoint_C;
  const m = buildModel(p);
  const s = createState(m, {
    weather: { ambientMean_C: ambient, ambientSwing_K: 0, rain_mm_h: 0, solarPeak_W_m2: 0 },
    tanks: { [tankTag]: { level_m: level, temp_C: sp } },
    hotOil: { supply_C: supply, return_C: supply - 20 },
  });
  s.weather.ambient_C = ambient;
  s.weather.solar_W_m2 = 0;
  const others = o.otherValves_frac ?? 1;
  s.tanks.forEach((t, i) => {
    t.valvePos_frac = i === idx ? 1 : others;
    t.blockPos_frac = 1;
  });
  // twice: the branch friction factors follow the flow one solve behind (hotOilLoop.ts)
  solveHydraulics(m, s, true);
  solveHydraulics(m, s, true);
  const tank = s.tanks[idx];
  if (o.coilFlow_kg_s !== undefined) tank.coilFlow_kg_s = o.coilFlow_kg_s;
  const tm = m.tanks[idx];
  const tops = new Float64Array(tank.h_J_kg.length);
  layerTops(tm, tank, tops);
  return { m, s, tm, tank, tops, level: tops[tops.length - 1], h0: tank.h_J_kg.slice() };
}

function restore(b: Balance): void {
  for (let i = 0; i < b.h0.length; i++) b.tank.h_J_kg[i] = b.h0[i];
}

/** The roof node's own steady state: the heat it takes from the liquid equals what it loses outside. */
function settleRoof(b: Balance): void {
  const tiny_s = 1e-6; // a step this short moves the roof by (q_in − q_out)·dt/C: only its sign is used
  let lo = b.s.weather.ambient_C - 5;
  let hi = b.tank.T_C[b.tank.T_C.length - 1];
  for (let k = 0; k < 60; k++) {
    const mid = 0.5 * (lo + hi);
    b.tank.roof_C = mid;
    stepTankLosses(b.tm, b.tank, b.s, b.tops, b.level, tiny_s);
    const rising = b.tank.roof_C > mid;
    restore(b);
    if (rising) lo = mid;
    else hi = mid;
  }
  b.tank.roof_C = 0.5 * (lo + hi);
}

function duty(b: Balance, fouling: number): number {
  b.tank.fouling_m2K_W = fouling;
  const r = stepCoil(b.tm, b.tank, b.tops, b.level, b.s.hotOil.supply_C, 0);
  restore(b);
  return r.duty_W;
}

/** The coil's full-valve duty against the tank's losses at the set point and design ambient. */
export function coilCapacity(plant: PlantData, tankTag: string, o: CapacityOptions = {}): CoilCapacity {
  const b = setUp(plant, tankTag, o);
  settleRoof(b);
  const loss = stepTankLosses(b.tm, b.tank, b.s, b.tops, b.level, 0);
  const mixer = b.tank.mixerOn && b.tm.mixerPower_W > 0 && b.level >= MIXER_MIN_LEVEL_M ? b.tm.mixerPower_W : 0;
  const netLoss = loss - mixer;
  const clean = duty(b, 0);
  let critical: number;
  if (clean <= netLoss) critical = 0;
  else if (duty(b, MAX_SEARCH_FOULING_M2K_W) > netLoss) critical = Number.POSITIVE_INFINITY;
  else {
    // the duty falls monotonically with the fouling resistance: bisect on it
    let lo = 0;
    let hi = MAX_SEARCH_FOULING_M2K_W;
    for (let k = 0; k < 80; k++) {
      const mid = 0.5 * (lo + hi);
      if (duty(b, mid) > netLoss) lo = mid;
      else hi = mid;
    }
    critical = 0.5 * (lo + hi);
  }
  return {
    tank: tankTag,
    ambient_C: b.s.weather.ambient_C,
    setpoint_C: b.tank.T_C[0],
    supply_C: b.s.hotOil.supply_C,
    level_m: b.level,
    coilFlow_kg_s: b.tank.coilFlow_kg_s,
    netLoss_W: netLoss,
    cleanDuty_W: clean,
    criticalFouling_m2K_W: critical,
    dutyAt: (f) => duty(b, f),
  };
}
