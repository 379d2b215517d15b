import { newCoilGrid, type CoilGrid } from './components/coil';

// The step's working arrays. They live in the plant index, sized from the plant once, so the step
// allocates nothing and the plant has no fixed upper limit on tanks, arms or layers. Every array is
// written before it is read within one step: nothing here carries state between steps, except the coil
// grids, whose contents are a function of the step's inputs alone (components/coil.ts).

export interface StepScratch {
  /** Layer tops of the tank being worked on, m (one tank at a time). */
  tops_m: Float64Array;
  /** Product mass and energy leaving / entering each tank this step, kg and J. */
  out_kg: Float64Array;
  outE_J: Float64Array;
  in_kg: Float64Array;
  inE_J: Float64Array;
  /** Of out_kg, what each tank gives to the loading header, kg, and the energy it carries, J. */
  load_kg: Float64Array;
  loadE_J: Float64Array;
  /** What the transfer pump drew from its source this step, kg and J. */
  transfer_kg: number;
  transferE_J: number;
  /** Flow delivered by each loading arm this step, kg/s. */
  armFlow_kg_s: Float64Array;
  /** Coil-branch resistance of each tank in the hot-oil network, Pa per (m³/s)². */
  branchK: Float64Array;
  /** True level of each tank and the temperatures its elements see, from the end of this step's heat balance. */
  level_m: Float64Array;
  /** Per tank: [0.5 m, 25 %, 50 %, 75 % of liquid] element temperatures, °C. */
  elementT_C: Float64Array;
  /** Oil returned by the coils this step: Σ ṁ·h_out·dt (J) and Σ ṁ (kg/s). */
  coilReturn_J: number;
  coilFlowSum_kg_s: number;
  /** Each tank's coil coefficients on their grids (components/coil.ts), kept while their inputs stay in one cell. */
  coilGrids: CoilGrid[];
}

/** Temperature elements per tank in `elementT_C`: 0.5 m above the floor, then 25/50/75 % of the liquid. */
export const ELEMENTS_PER_TANK = 4;

/** `coilTurns`: the number of turns of each tank's coil. */
export function createScratch(coilTurns: number[], arms: number, layers: number): StepScratch {
  const tanks = coilTurns.length;
  return {
    tops_m: new Float64Array(layers),
    out_kg: new Float64Array(tanks),
    outE_J: new Float64Array(tanks),
    in_kg: new Float64Array(tanks),
    inE_J: new Float64Array(tanks),
    load_kg: new Float64Array(tanks),
    loadE_J: new Float64Array(tanks),
    transfer_kg: 0,
    transferE_J: 0,
    armFlow_kg_s: new Float64Array(arms),
    branchK: new Float64Array(tanks),
    level_m: new Float64Array(tanks),
    elementT_C: new Float64Array(tanks * ELEMENTS_PER_TANK),
    coilReturn_J: 0,
    coilFlowSum_kg_s: 0,
    coilGrids: coilTurns.map(newCoilGrid),
  };
}
