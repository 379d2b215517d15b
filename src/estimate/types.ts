import type { UkfOptions } from './ukf';
import type { DEFAULT_WALK, FilterNoise, FilterPrior } from './config';

// The filter's contract (re-exported by tankFilter.ts, where the twin's other parts import it from).

export interface TankInputs {
  supply_C: number;
  coilFlow_kg_s: number;
  ambient_C: number;
  receipt_kg_s: number;
  receiptTemp_C: number;
  outflow_kg_s: number;
  /** Solar irradiance, W/m² (a pyranometer); else from hour_h and the plant's weather; else the day's mean. */
  solar_W_m2?: number;
  /** Local hour of day (0–24), for the sun when no irradiance is measured. */
  hour_h?: number;
  /** Mixer running (1) or stopped (0); NaN or absent: as last known, at first as the plant file sets it up. */
  mixer?: number;
} // NaN = not known this step (the last known value is held)

export interface TankObs {
  temp_C: number;
  tempBottom_C: number;
  tempTop_C: number;
  level_m: number;
  coilOut_C: number;
  /**
   * Coil flow when the measurements were taken: the outlet temperature follows the flow now, not the interval's
   * mean (the input). Absent: the input's.
   */
  coilFlow_kg_s?: number;
  /** The safety system's independent element (mean of the same 25/50/75 % points), where mapped. */
  tempHH_C?: number;
  /** A manual dip (gauging tape) of the level: independent of the radar, it is what pins the radar's bias. */
  levelDip_m?: number;
} // NaN = bad / missing

export interface EstimateValue {
  name: string;
  unit: string;
  value: number;
  sd: number;
}

/** Measured − predicted, and its predicted sd; `used` false when the gate kept it out of the update. */
export interface Innovation {
  tag: string;
  r: number;
  sd: number;
  used?: boolean;
}

export interface TankFilterOptions {
  ukf?: UkfOptions;
  /** Longest step of the process model, s (the components are explicit in time; 60 s is well within). */
  maxSubstep_s?: number;
  /** Innovations beyond this many predicted sd are reported but not used. */
  gate_sd?: number;
  /** Updates after which a gated measurement is trusted again (a real step change, not a fault). */
  regateAfter?: number;
  /** Coil outlet temperature is used only above this coil flow, kg/s (at a trickle it says nothing about the coil). */
  minCoilFlow_kg_s?: number;
  /** Time constant of the first-order filter on the supply and ambient temperatures, s. */
  inputFilter_s?: number;
  /**
   * Carry the supply and coil-outlet TTs' offsets as consider states (default true): their prior uncertainty
   * enters the fouling's sd, but the filter does not try to learn them from the energy balance (it cannot
   * honestly: against the wall loss it pinned them 2 K off with 0.4 K sd). false: estimated like the others.
   */
  considerOffsets?: boolean;
  noise?: Partial<FilterNoise>;
  prior?: Partial<FilterPrior>;
  /** Random walks, sd per √day for parameters, per √h for states. */
  walk?: Partial<typeof DEFAULT_WALK>;
}
