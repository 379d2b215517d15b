import type { Model } from '../../plantIndex';
import type { SimState } from '../../state';
import type { HeatingPlan, WeatherForecast } from './schema';
import { emptyTankModel, type TankEnergyModel } from './identify';

// The farm MPC's part of the plant state: plain data, so it snapshots, hashes and replays with the plant.
// Absent (s.mpc undefined) until a command first uses it, so a plant that never used it is as it always was.

/** A tank's MPC status, as its tag shows it (TIC-xxx.mpc_status). */
export const MPC_OFF = 0; // not under MPC
export const MPC_ACTIVE = 1;
export const MPC_FALLBACK = 2; // fell back to PI: the alarm stands until the operator chooses a mode again

export interface MpcTankState {
  status: number; // MPC_OFF | MPC_ACTIVE | MPC_FALLBACK
  /** The opening the last decision chose (the valve target while in MPC), 0..1. */
  valve_frac: number;
  /** The TIC reading the model expects at the next decision, and at the end of the horizon, °C. */
  predicted_C: number;
  predictedEnd_C: number;
  /** When predicted_C was made, s; −1: no prediction stands (just entered, or after a re-identification). */
  predictedAt_s: number;
  /** Innovations (measured − predicted at each decision) with a two-hour memory, K: a drifting sensor shows here. */
  residual_K: number;
  /** Why it fell back ('' while active). */
  reason: string;
  model: TankEnergyModel;
}

export interface MpcState {
  /** Plant-wide MPC was asked for (setFarmMode 'mpc'). */
  farm: boolean;
  plan: HeatingPlan | null;
  forecast: WeatherForecast | null;
  /** Plant time of the next decision, s. */
  nextDecision_s: number;
  decisions: number;
  /** H-201's supply set point under MPC, °C, and whether the heater works to it (every tank in MPC). */
  supply_C: number;
  supplyInUse: boolean;
  /** The last solve: iterations and the solver's complaint ('' when it solved). */
  iterations: number;
  message: string;
  tanks: MpcTankState[];
}

/** The plant's MPC state, created on first use. */
export function mpcState(m: Model, s: SimState): MpcState {
  if (!s.mpc)
    s.mpc = {
      farm: false,
      plan: null,
      forecast: null,
      nextDecision_s: s.t_s,
      decisions: 0,
      supply_C: s.hotOil.setpoint_C,
      supplyInUse: false,
      iterations: 0,
      message: '',
      tanks: m.tanks.map((_, i) => ({
        status: MPC_OFF,
        valve_frac: s.tanks[i].valveTarget_frac,
        predicted_C: 0,
        predictedEnd_C: 0,
        predictedAt_s: -1,
        residual_K: 0,
        reason: '',
        model: emptyTankModel(i),
      })),
    };
  return s.mpc;
}
