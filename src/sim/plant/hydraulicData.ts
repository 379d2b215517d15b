import type { PlantData } from './schema';
import { m3hToM3s, PA_PER_BAR, S_PER_H } from '../units';

// The pumps' and valves' data-sheet values in SI, converted once when the plant index is built. The plant
// file keeps the units of the data sheets (bar, m³/h, Kv in m³/h) so that it reads like them; the hot-oil
// network and the loading pumps solve in Pa and m³/s.

export interface HydraulicData {
  /** Hot-oil pumps' shut-off head as a pressure, Pa, and maximum flow, m³/s (the pump curve's ends). */
  pumpShutoff_Pa: Float64Array;
  pumpMaxFlow_m3_s: Float64Array;
  /** The heater coil's resistance: Δp = R·Q², Pa per (m³/s)². */
  heaterResistance_Pa_s2_m6: number;
  /** Flow coefficients in m³/s: Q = Kv·√(Δp / (1 bar · sg)); 0 for no bypass. */
  bypassKv_m3_s: number;
  /** Each tank's coil control valve, fully open. */
  valveKv_m3_s: Float64Array;
  /** Each loading pump's relief valve setting, Pa. */
  loadingRelief_Pa: Float64Array;
}

export function hydraulicData(plant: PlantData): HydraulicData {
  const ho = plant.hotOil;
  return {
    pumpShutoff_Pa: Float64Array.from(ho.pumps, (p) => p.shutoff_bar * PA_PER_BAR),
    pumpMaxFlow_m3_s: Float64Array.from(ho.pumps, (p) => m3hToM3s(p.maxFlow_m3h)),
    heaterResistance_Pa_s2_m6: ho.heaterResistance_bar_per_m3h2 * PA_PER_BAR * S_PER_H * S_PER_H,
    bypassKv_m3_s: m3hToM3s(ho.bypassKv_m3h),
    valveKv_m3_s: Float64Array.from(plant.tanks, (t) => m3hToM3s(t.coil.valveKv_m3h)),
    loadingRelief_Pa: Float64Array.from(plant.loading.pumps, (p) => p.reliefSetting_bar * PA_PER_BAR),
  };
}
