import type { PlantData } from '../sim/plant/schema';

// The filter's noise, priors and random walks, and the sun on the cladding when no irradiance is measured.

/** Measurement sd. Temperatures: a transmitter's noise plus room for its unestimated calibration offset. */
export interface FilterNoise {
  temp_K: number;
  level_m: number;
  coilOut_K: number;
  coilFlow_kg_s: number;
  dip_m: number;
  /** Error of a receipt/outflow meter as a fraction of the flow. */
  movement_frac: number;
}
export const DEFAULT_NOISE: FilterNoise = {
  temp_K: 0.7,
  level_m: 0.02,
  coilOut_K: 0.5,
  coilFlow_kg_s: 0.02,
  dip_m: 0.005,
  movement_frac: 0.01,
};

/** Prior mean and sd at start (states from the first measurements; parameters from these). */
export interface FilterPrior {
  fouling_m2K_W: number;
  fouling_sd_m2K_W: number;
  wallLoss: number;
  wallLoss_sd: number;
  levelBias_sd_m: number;
  /** Offset of the 0.5 m and 75 % elements against the tank's transmitter. */
  tempOffset_sd_K: number;
  /**
   * Offset of the coil outlet TT against the supply TT: bounds how well the fouling can be known (README:
   * observability). Default: two uncalibrated TTs, each uniform within ±0.5 % of a 300 K span (sd 0.87 K), so
   * √2 · 0.87 = 1.22 K; 0.3 K once calibrated against each other.
   */
  coilOutOffset_sd_K: number;
  /**
   * Offset of the hot-oil supply TT against the tank's transmitter: it moves the oil-to-product ΔT the coil
   * model sees (≈ 1–3 % of the duty per K). Default: two uncalibrated TTs, √2 · 0.87 = 1.22 K.
   */
  supplyOffset_sd_K: number;
  /**
   * Prior correlation of the two offsets above: both contain the supply TT's own offset, with opposite signs
   * (b_coil − b_supply and b_supply − b_tank): −σ_s² / (√2σ · √2σ) = −0.5 for three TTs of one class.
   */
  supplyCoilCorr: number;
  temp_sd_K: number;
  roof_sd_K: number;
  /** Mass sd, as metres of level. */
  mass_sd_m: number;
}
/**
 * One temperature transmitter's calibration offset as the instrument class states it: within ±0.5 % of its span
 * (0–300 °C), uniform, so sd 1.5/√3 = 0.87 K; a pair's difference √2 times that.
 */
export const TT_OFFSET_SD_K = (0.005 * 300) / Math.sqrt(3);
const TT_PAIR_SD_K = Math.SQRT2 * TT_OFFSET_SD_K;

export const DEFAULT_PRIOR: FilterPrior = {
  fouling_m2K_W: 0.004,
  fouling_sd_m2K_W: 0.004,
  wallLoss: 1.3,
  wallLoss_sd: 0.6,
  levelBias_sd_m: 0.05,
  tempOffset_sd_K: 1,
  coilOutOffset_sd_K: TT_PAIR_SD_K,
  supplyOffset_sd_K: TT_PAIR_SD_K,
  supplyCoilCorr: -0.5,
  temp_sd_K: 2,
  roof_sd_K: 10,
  mass_sd_m: 0.1,
};

/** Random walks: parameters per √day, states per √h (what the model misses between updates). */
export const DEFAULT_WALK = {
  fouling_m2K_W_sqrt_day: 2e-4,
  wallLoss_sqrt_day: 0.05,
  levelBias_m_sqrt_day: 0.002,
  tempOffset_K_sqrt_day: 0.05,
  temp_K_sqrt_h: 0.05,
  mass_t_sqrt_h: 0.05,
  roof_K_sqrt_h: 0.5,
};

/** Irradiance: measured if given; else the plant's own day cycle (weather.ts) at the hour; else its daily mean. */
export function solarFrom(plant: PlantData, solar_W_m2: number | undefined, hour_h: number | undefined): number {
  if (solar_W_m2 !== undefined && Number.isFinite(solar_W_m2)) return Math.max(0, solar_W_m2);
  const w = plant.weather;
  const peak = w.solarPeak_W_m2 * (1 - 0.75 * w.cloudCover);
  if (hour_h !== undefined && Number.isFinite(hour_h)) {
    const hr = ((hour_h % 24) + 24) % 24;
    return hr > 6 && hr < 18 ? peak * Math.sin((Math.PI * (hr - 6)) / 12) : 0;
  }
  return peak / Math.PI; // a half sine over half the day
}
