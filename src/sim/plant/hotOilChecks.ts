import type { PlantData } from './schema';
import type { FieldError } from './load';
import { oilDensity } from '../props/thermalOil';
import { stableStep } from './stability';

// Cross-checks of the hot-oil system that single fields cannot express: an inventory that keeps the
// expansion tank inside its band from the coldest ambient to the supply set point, a heater holdup the
// loop can hold, a burner that lights at low fire after a full purge, and a plant the model can step.

/** Light-off at low fire: no more than ~30 % of maximum (PHYSICS.md §8). */
export const MAX_LIGHTOFF_FIRING = 0.3;
/** Pre-purge of at least four volume changes of the combustion chamber and flue (PHYSICS.md §8). */
export const PURGE_VOLUME_CHANGES = 4;
/** A plant whose oil nodes need a step shorter than this is refused rather than sub-stepped without end. */
export const MIN_STABLE_DT_S = 0.05;

/** Expansion-tank level (0..1, unclamped) with the whole inventory at one temperature. */
export function expansionLevelAt(p: PlantData, inventory_kg: number, t_C: number): number {
  const ho = p.hotOil;
  return (inventory_kg / oilDensity(t_C) - ho.loopVolume_m3) / ho.expansionTank.volume_m3;
}

export function checkHotOil(p: PlantData): FieldError[] {
  const errors: FieldError[] = [];
  const ho = p.hotOil;
  const hd = ho.heater;
  const x = ho.expansionTank;
  if (hd.holdup_kg >= ho.inventory_kg)
    errors.push({
      path: 'hotOil.heater.holdup_kg',
      message: `${hd.holdup_kg} kg is not less than the loop inventory (hotOil.inventory_kg ${ho.inventory_kg} kg)`,
    });
  if (x.lowLowLevel_frac >= x.lowLevel_frac)
    errors.push({
      path: 'hotOil.expansionTank.lowLowLevel_frac',
      message: `must be below the low alarm lowLevel_frac (${x.lowLevel_frac}) so the alarm comes before the trip`,
    });
  const cold_C = p.weather.ambientMean_C - p.weather.ambientSwing_K;
  const cold = expansionLevelAt(p, ho.inventory_kg, cold_C);
  const hot = expansionLevelAt(p, ho.inventory_kg, hd.supplySetpoint_C);
  const pct = (v: number) => `${(100 * v).toFixed(1)} %`;
  if (cold < x.lowLevel_frac)
    errors.push({
      path: 'hotOil.inventory_kg',
      message:
        `${ho.inventory_kg} kg puts ${x.tag} at ${pct(cold)} cold (${cold_C} °C), below its low alarm ` +
        `${pct(x.lowLevel_frac)}; the loop (${ho.loopVolume_m3} m³) needs more oil`,
    });
  if (hot > 1)
    errors.push({
      path: 'hotOil.inventory_kg',
      message:
        `${ho.inventory_kg} kg overflows ${x.tag} when hot (${pct(hot)} at ${hd.supplySetpoint_C} °C); ` +
        `use less oil or a larger expansionTank.volume_m3`,
    });
  if (hd.minFiring > MAX_LIGHTOFF_FIRING)
    errors.push({
      path: 'hotOil.heater.minFiring',
      message: `${hd.minFiring} is above ${MAX_LIGHTOFF_FIRING}: the burner must light off at low fire`,
    });
  const purgeNeeded_s = (PURGE_VOLUME_CHANGES * hd.furnaceVolume_m3) / hd.purgeAirFlow_m3_s;
  if (hd.purgeTime_s < purgeNeeded_s)
    errors.push({
      path: 'hotOil.heater.purgeTime_s',
      message: `${hd.purgeTime_s} s is shorter than ${PURGE_VOLUME_CHANGES} volume changes of the furnace (${purgeNeeded_s.toFixed(0)} s)`,
    });
  const st = stableStep(p);
  if (st.dt_s < MIN_STABLE_DT_S)
    errors.push({
      path: st.field,
      message: `too small for the model: it needs a step of ${st.dt_s.toPrecision(2)} s (${st.why}); at least ${MIN_STABLE_DT_S} s is required`,
    });
  return errors;
}
