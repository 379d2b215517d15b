import type { PlantData } from '../sim/plant/schema';
import { buildModel, type TankModel } from '../sim/plantIndex';
import { createState } from '../sim/initial';
import type { SimState, TankState } from '../sim/state';
import { growFouling, stepCoil } from '../sim/components/coil';
import { stepTankLosses } from '../sim/components/tankThermal';
import { exchangeAtBottom, layerTops, mixAll, mixUnstable, refreshTemperatures, rezone } from '../sim/components/tank';
import { enthalpy } from '../sim/props/bitumen';
import { HOT_OIL_CP_NOMINAL_J_KGK, MIXER_MIN_LEVEL_M } from '../sim/heatBalance';

// The filter's process and measurement model: the simulator's own tank components (stepCoil, stepTankLosses,
// the layer exchange and buoyant mixing) run on one scratch TankState, loaded from a sigma point and stored
// back into it. The state vector, in units that keep the covariance well scaled:
//   [T_0 … T_{L−1} (°C, bottom first), mass (t), roof (°C), fouling (1e-3 m²K/W), wall-loss factor, level bias (m),
//    offset of the 0.5 m element (K), offset of the 75 % element (K), offset of the coil outlet TT (K),
//    offset of the independent high-high element (K)]
// The two offsets are relative to the tank's temperature transmitter (mean of 25/50/75 %): without them the
// elements' calibration differences look like heat appearing and vanishing between layers, which the filter
// would otherwise explain with the wall loss and the mass. The coil outlet's offset is barely observable (only
// through the energy balance) but keeps the fouling's sd honest: 0.3 K on a 20 K oil ΔT is 1.5 % of the duty.
// The wall-loss factor multiplies the insulation's conductivity (1 = as designed), the way insulation damage
// acts on the plant; it scales the wall and roof losses through the model's own wall resistance.

export const FOULING_UNIT_M2K_W = 1e-3;
export const MASS_UNIT_KG = 1000;
const BOTTOM_ELEMENT_M = 0.5; // the lowest temperature element above the floor, as instruments.ts places it
const MIN_WALL_FACTOR = 0.05;

/** Measurements the model predicts, by index. */
export const OBS = { temp: 0, tempBottom: 1, tempTop: 2, level: 3, coilOut: 4, levelDip: 5, tempHH: 6 } as const;
export const OBS_SUFFIX = [
  'temp',
  'temp_bottom',
  'temp_top',
  'level',
  'coil_out_temp',
  'level_dip',
  'temp_hh',
] as const;

/** What the process model holds constant over one update. */
export interface ProcessInputs {
  supply_C: number;
  coilFlow_kg_s: number;
  ambient_C: number;
  solar_W_m2: number;
  receipt_kg_s: number;
  receiptTemp_C: number;
  outflow_kg_s: number;
  /** Side-entry mixer running (it stirs the tank and its work heats it, as heatBalance.ts has it). */
  mixerOn: boolean;
}

export class TankProcess {
  readonly L: number;
  readonly iMass: number;
  readonly iRoof: number;
  readonly iFoul: number;
  readonly iWall: number;
  readonly iBias: number;
  readonly iOffBottom: number;
  readonly iOffTop: number;
  readonly iOffCoil: number;
  readonly iOffHH: number;
  readonly iOffSupply: number;
  readonly n: number;
  readonly tm: TankModel;
  readonly tank: TankState;
  /** The layers' mass shares, held by the filter between updates (not estimated: they follow the level). */
  readonly frac: Float64Array;
  readonly u: ProcessInputs;
  /** Coil flow at the measurement time, for the outlet temperature's prediction (kg/s). */
  obsCoilFlow_kg_s = 0;
  dt_s = 0;
  substeps = 1;
  /** Hot-oil supply in the tank transmitter's frame for the loaded sigma point: measured − its offset. */
  private supply_C = 0;
  private readonly rIns: number;
  private readonly rOther: number;
  private readonly sim: SimState;
  private readonly tops: Float64Array;
  private saveFrac = false;

  constructor(plant: PlantData, tankTag: string) {
    const model = buildModel(plant);
    const i = model.tankIndex.get(tankTag);
    if (i === undefined) throw new Error(`the plant has no tank "${tankTag}"`);
    // a copy: the wall resistance is set per sigma point from its wall-loss factor
    this.tm = { ...model.tanks[i] };
    const state = createState(model);
    this.tank = state.tanks[i];
    this.L = this.tank.h_J_kg.length;
    this.iMass = this.L;
    this.iRoof = this.L + 1;
    this.iFoul = this.L + 2;
    this.iWall = this.L + 3;
    this.iBias = this.L + 4;
    this.iOffBottom = this.L + 5;
    this.iOffTop = this.L + 6;
    this.iOffCoil = this.L + 7;
    this.iOffHH = this.L + 8;
    this.iOffSupply = this.L + 9;
    this.n = this.L + 10;
    const ins = this.tm.data.insulation;
    this.rIns = ins.thickness_m / ins.k_W_mK;
    this.rOther = this.tm.rWallFixed - this.rIns;
    this.frac = Float64Array.from(this.tank.layerMass_frac);
    this.tops = new Float64Array(this.L);
    // stepTankLosses reads only the weather and the fault list (none: damage is the wall-loss factor); the rest of the plant's state is not the filter's business
    this.sim = { weather: { ...state.weather }, faults: [] } as unknown as SimState;
    const w = plant.weather;
    this.u = {
      supply_C: 0,
      coilFlow_kg_s: 0,
      ambient_C: w.ambientMean_C,
      solar_W_m2: 0,
      receipt_kg_s: 0,
      receiptTemp_C: Number.NaN,
      outflow_kg_s: 0,
      mixerOn: this.tank.mixerOn,
    };
  }

  /** Sigma point → the scratch tank (temperatures, enthalpies, mass, roof, fouling, wall resistance). */
  load(x: Float64Array): void {
    const t = this.tank;
    const L = this.L;
    for (let j = 0; j < L; j++) {
      t.T_C[j] = x[j];
      t.h_J_kg[j] = enthalpy(t.props, x[j]);
      t.layerMass_frac[j] = this.frac[j];
    }
    t.mass_kg = Math.max(x[this.iMass] * MASS_UNIT_KG, 1);
    t.roof_C = x[this.iRoof];
    t.fouling_m2K_W = Math.max(x[this.iFoul] * FOULING_UNIT_M2K_W, 0);
    this.tm.rWallFixed = this.rOther + this.rIns / Math.max(x[this.iWall], MIN_WALL_FACTOR);
    t.coilFlow_kg_s = this.u.coilFlow_kg_s;
    this.supply_C = this.u.supply_C - x[this.iOffSupply];
    const w = this.sim.weather;
    w.ambient_C = this.u.ambient_C;
    w.solar_W_m2 = this.u.solar_W_m2;
  }

  /** The scratch tank → sigma point (parameters move only by their random walk and the model's fouling growth). */
  private store(x: Float64Array, fouling0_m2K_W: number): void {
    const t = this.tank;
    for (let j = 0; j < this.L; j++) x[j] = t.T_C[j];
    x[this.iMass] = t.mass_kg / MASS_UNIT_KG;
    x[this.iRoof] = t.roof_C;
    x[this.iFoul] += (t.fouling_m2K_W - fouling0_m2K_W) / FOULING_UNIT_M2K_W;
  }

  /** Start of a time update over dt: the first sigma point (the mean) keeps the layers' new shares. */
  begin(dt_s: number, maxSubstep_s: number): void {
    this.substeps = Math.max(1, Math.ceil(dt_s / maxSubstep_s - 1e-9));
    this.dt_s = dt_s / this.substeps;
    this.saveFrac = true;
  }

  /** The process function: one sigma point over dt, through the model's own components. */
  readonly propagate = (x: Float64Array): void => {
    this.load(x);
    const t = this.tank;
    const tm = this.tm;
    const u = this.u;
    const dt = this.dt_s;
    const f0 = t.fouling_m2K_W;
    const inKg = u.receipt_kg_s > 0 ? u.receipt_kg_s * dt : 0;
    const outKg = u.outflow_kg_s > 0 ? Math.min(u.outflow_kg_s * dt, 0.5 * t.mass_kg) : 0;
    // an unmeasured receipt temperature: taken as the bottom layer's (it arrives there)
    const inE = inKg > 0 ? inKg * enthalpy(t.props, Number.isFinite(u.receiptTemp_C) ? u.receiptTemp_C : t.T_C[0]) : 0;
    for (let k = 0; k < this.substeps; k++) {
      if (inKg > 0 || outKg > 0) {
        exchangeAtBottom(t, outKg, inKg, inE);
        refreshTemperatures(t);
      }
      layerTops(tm, t, this.tops);
      const level = this.tops[this.L - 1];
      stepCoil(tm, t, this.tops, level, this.supply_C, dt);
      stepTankLosses(tm, t, this.sim, this.tops, level, dt);
      if (u.mixerOn && tm.mixerPower_W > 0 && level >= MIXER_MIN_LEVEL_M) {
        mixAll(t);
        t.h_J_kg[0] += (tm.mixerPower_W * dt) / (t.mass_kg * t.layerMass_frac[0]);
      }
      growFouling(t, this.supply_C, dt);
      if (inKg > 0 || outKg > 0) rezone(tm, t);
      mixUnstable(t);
      refreshTemperatures(t);
    }
    if (this.saveFrac) {
      for (let j = 0; j < this.L; j++) this.frac[j] = t.layerMass_frac[j];
      this.saveFrac = false;
    }
    this.store(x, f0);
  };

  /** Temperature an element at height z reads: its layer's, or the vapour space's above the liquid. */
  private elementT(z: number): number {
    const t = this.tank;
    const L = this.L;
    if (z > this.tops[L - 1]) return t.roof_C;
    for (let j = 0; j < L; j++) if (z <= this.tops[j]) return t.T_C[j];
    return t.T_C[L - 1];
  }

  /** Coil duty (W) of the loaded state with the inputs held: stepCoil over no time changes nothing. */
  coilDuty_W(): number {
    layerTops(this.tm, this.tank, this.tops);
    return stepCoil(this.tm, this.tank, this.tops, this.tops[this.L - 1], this.supply_C, 0).duty_W;
  }

  /** Loss to ambient (W) of the loaded state. */
  heatLoss_W(): number {
    layerTops(this.tm, this.tank, this.tops);
    return stepTankLosses(this.tm, this.tank, this.sim, this.tops, this.tops[this.L - 1], 0);
  }

  /** What instrument k reads for state x, as instruments.ts and tags.ts derive it. */
  measure(x: Float64Array, k: number): number {
    this.load(x);
    layerTops(this.tm, this.tank, this.tops);
    return this.reading(x, k);
  }

  /** The filter's measurement function: every instrument in ks for state x, the state loaded once. */
  readonly measureAll = (x: Float64Array, ks: readonly number[], out: Float64Array): void => {
    this.load(x);
    layerTops(this.tm, this.tank, this.tops);
    for (let a = 0; a < ks.length; a++) out[a] = this.reading(x, ks[a]);
  };

  /** Instrument k's reading of the loaded state (tops computed). */
  private reading(x: Float64Array, k: number): number {
    const level = this.tops[this.L - 1];
    switch (k) {
      case OBS.temp:
        return (this.elementT(0.25 * level) + this.elementT(0.5 * level) + this.elementT(0.75 * level)) / 3;
      case OBS.tempHH: // the safety system's own multipoint element: the same three points, its own calibration
        return (
          (this.elementT(0.25 * level) + this.elementT(0.5 * level) + this.elementT(0.75 * level)) / 3 + x[this.iOffHH]
        );
      case OBS.tempBottom:
        return this.elementT(BOTTOM_ELEMENT_M) + x[this.iOffBottom];
      case OBS.tempTop:
        return this.elementT(0.75 * level) + x[this.iOffTop];
      case OBS.level:
        return level + x[this.iBias];
      case OBS.levelDip:
        return level;
      case OBS.coilOut: {
        const m = this.obsCoilFlow_kg_s;
        if (!(m > 0)) return this.tank.T_C[0] + x[this.iOffCoil];
        this.tank.coilFlow_kg_s = m; // the next load() puts the interval's flow back
        // the oil leaves at the supply less its ΔT; both TTs read with their own offsets, so relative to the
        // MEASURED supply only the coil TT's offset against the supply TT remains (the duty sees the true supply)
        const duty = stepCoil(this.tm, this.tank, this.tops, level, this.supply_C, 0).duty_W;
        return this.u.supply_C - duty / (m * HOT_OIL_CP_NOMINAL_J_KGK) + x[this.iOffCoil];
      }
      default:
        return Number.NaN;
    }
  }
}
