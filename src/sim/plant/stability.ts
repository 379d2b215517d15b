import type { PlantData } from './schema';
import { oilDensity } from '../props/thermalOil';

// The longest step the explicit oil nodes stand, from the plant data. Each node's update is
// h' = h + a·(h_in − h) with a = ṁ·dt/m; with the firing-rate PI acting on the heater node the loop gain
// per step is a·(1 + kp·Q/(ṁ·cp)), and it must stay below 1 for a monotone, stable response:
//   heater:  dt ≤ m_H / (ṁ_max + kp·Q_max/cp)
//   return:  dt ≤ m_R,min / ṁ_max   (m_R,min: the return node at the expansion tank's low-low level)
// ṁ_max is every pump at its maximum flow with cold, dense oil, an upper bound of what the network passes.
// Simulation runs a step longer than this as equal sub-steps.

/** Hot-oil cp used for the bound, J/kg·K (PHYSICS.md §2, T66 near 250 °C). */
const OIL_CP_BOUND_J_KGK = 2300;
/** Density used for the pumps' mass flow bound: T66 at 0 °C, kg/m³ (PHYSICS.md §2). */
const RHO_COLD_KG_M3 = oilDensity(0);

export interface StableStep {
  dt_s: number;
  /** The plant-data field the limit comes from, as a path. */
  field: string;
  why: string;
}

export function stableStep(p: PlantData): StableStep {
  const ho = p.hotOil;
  const hd = ho.heater;
  let q_m3h = 0;
  for (const pump of ho.pumps) q_m3h += pump.maxFlow_m3h;
  const mFlow = (q_m3h * RHO_COLD_KG_M3) / 3600;
  const piFlow = (hd.kp * hd.capacity_W) / OIL_CP_BOUND_J_KGK;
  const heater = hd.holdup_kg / (mFlow + piFlow);
  const hotRho = oilDensity(hd.supplySetpoint_C);
  const mReturnMin =
    Math.min(
      ho.inventory_kg,
      hotRho * (ho.loopVolume_m3 + ho.expansionTank.lowLowLevel_frac * ho.expansionTank.volume_m3),
    ) - hd.holdup_kg;
  const ret = mFlow > 0 ? Math.max(mReturnMin, 0) / mFlow : Infinity;
  if (heater <= ret)
    return {
      dt_s: heater,
      field: 'hotOil.heater.holdup_kg',
      why: `heater holdup ${hd.holdup_kg} kg against ${mFlow.toFixed(0)} kg/s of pump flow and the firing controller`,
    };
  return {
    dt_s: ret,
    field: 'hotOil.inventory_kg',
    why: `return header and expansion tank ${Math.max(mReturnMin, 0).toFixed(0)} kg against ${mFlow.toFixed(0)} kg/s of pump flow`,
  };
}
