import type { BitumenProps } from './props/bitumen';
import type { ActiveFault } from './faults';
import type { ArmPosition, ControllerMode } from './commands';
import type { SimEvent } from './events';
import type { ProductLineState } from './productLines';
import type { MpcState } from './control/mpc/state';
import type { TuningState } from './control/tune/types';

/** PID memory. Plain numbers so that the controller snapshots with the plant. */
export interface PidState {
  mode: ControllerMode;
  setpoint_C: number; // operator's set point
  workingSetpoint_C: number; // ramped towards setpoint_C
  integral: number;
  output_frac: number; // 0..1
  innerIntegral: number; // cascade: coil-flow loop
}

export interface TankState {
  mass_kg: number;
  /** Specific enthalpy of each layer, J/kg relative to 25 °C, bottom first. */
  h_J_kg: number[];
  /** Each layer's share of the product mass (Σ = 1), bottom first: below the coil, the coil zone, the bulk. */
  layerMass_frac: number[];
  /** Temperature of each layer, °C (derived from h every step, kept for readers). */
  T_C: number[];
  props: BitumenProps;
  roof_C: number;
  water_kg: number;
  water_C: number; // free water lying on the floor, under the product
  drainOpen: boolean; // water draw-off valve
  valvePos_frac: number; // coil control valve actual opening, 0..1
  valveTarget_frac: number;
  blockPos_frac: number; // manual block valve upstream of the control valve, 0..1
  coilFlow_kg_s: number;
  coilFriction: number; // Darcy factor of the coil branch from the last step (network solve lags it by one step)
  coilDuty_W: number;
  coilOut_C: number;
  coilExposed: boolean;
  fouling_m2K_W: number;
  heatLoss_W: number;
  crust: boolean;
  highTempTrip: boolean; // latched
  lowLevelCut: boolean;
  outletPos_frac: number; // MOV positions 0..1
  outletTarget_frac: number;
  receiptPos_frac: number;
  receiptTarget_frac: number;
  receiptFlow_kg_s: number;
  receiptTemp_C: number;
  outFlow_kg_s: number; // leaving through the outlet (loading or transfer) in the last step
  mixerOn: boolean;
  h2s_ppm: number;
  steam_kg_s: number;
  frothOver: boolean;
  pid: PidState;
  vessel: VesselState;
}

/** The tank as a vessel at its edges: the heel, the overflow, the vent and the damage that follows. */
export interface VesselState {
  /** The outlet nozzle draws vapour: the level is at the heel. */
  suctionLost: boolean;
  overflow_kg_s: number; // through the overflow / vent nozzle to the bund in the last step
  overflowing: boolean;
  vapourGauge_Pa: number; // vapour-space pressure above atmosphere (negative: vacuum)
  roofSeamTorn: boolean; // latched: overpressure tore the roof-to-shell seam
  shellBuckled: boolean; // latched: vacuum buckled the shell
  laggingSoaked_kg: number; // product soaked into the insulation by an overflow
  laggingFireRisk: boolean; // soaked lagging on a hot shell: a lagging fire can start
  loadingStop: boolean; // low-level loading stop acting
}

/** Product collected in the bund from overflows: one lumped pool cooling to ambient and ground. */
export interface BundState {
  mass_kg: number;
  energy_J: number; // relative to 25 °C, of the product in the bund
  temp_C: number;
  solid: boolean; // below the softening point: a recovery job, not a flow
  tank: number; // the tank that last overflowed into it (its product's properties), −1 when none
}

/** A loading gear pump's health: it must never run dry (PHYSICS.md §8). */
export interface GearPumpHealth {
  dryRun_s: number; // time run without product at the suction
  damaged: boolean; // latched: seal and gear damage
  npsha_m: number; // NPSH available at the suction, m of product
}

export interface PumpState {
  running: boolean;
  speed_frac: number; // 0..1
  flow_m3_s: number; // delivered flow
  dp_Pa: number; // differential pressure
  reliefOpen: boolean;
}

export interface TruckState {
  present: boolean;
  capacity_m3: number;
  mass_kg: number;
  energy_J: number; // enthalpy relative to 25 °C
  volume_m3: number;
  temp_C: number;
  water_kg: number; // water left in a compartment (wash water, rain): boils under hot product
  wetBy: number; // id of the truckWater fault that put its water in this truck, 0 when none
}

export interface ArmState {
  position: ArmPosition;
  preset_kg: number;
  metered_kg: number;
  overfillTrip: boolean;
  frothOver: boolean; // water flashing in the truck carries product out of the hatch
  truck: TruckState;
}

export interface BayState {
  estop: boolean;
  fire_frac: number; // 0..1 intensity
  extinguishing: boolean;
  extinguisherAgent_s: number; // seconds of discharge left
}

export type HeaterMode = 'off' | 'purge' | 'lightoff' | 'running' | 'tripped';

/**
 * Burner management (PHYSICS.md §8): the sequence behind heaterMode. 'purge' is prePurge; 'lightoff' is
 * pilot → mainTrial → lowFireHold; 'running' is modulating or standby (flame off above the band, relit
 * through a new purge); postPurge runs after a trip or a stop.
 */
export type BurnerPhase =
  'idle' | 'prePurge' | 'pilot' | 'mainTrial' | 'lowFireHold' | 'modulating' | 'standby' | 'postPurge';

export interface BurnerState {
  phase: BurnerPhase;
  phaseTimer_s: number;
  purgeVolumes: number; // furnace volume changes swept in this pre-purge
  flame: boolean;
  flameLoss_s: number; // flame lost while fuel is open; fuel shuts at the flame-failure response time
  relight: boolean; // standby: purge then relight when the supply falls below the set point
  warmup: boolean; // cold start: the working set point ramps, with a hold near 100–120 °C
  warmupSetpoint_C: number;
  warmupHold_s: number;
}

/** Hot-oil pumps' suction and the heater tubes, derived every step (hotOilPumps.ts, heaterTube.ts). */
export interface HotOilEdgeState {
  npshA_m: number;
  gas_frac: number; // gas in the loop as a fraction of its volume, once the expansion tank is empty
  suction_frac: number; // pump head left by cavitation and gas, 0..1
  viscosityHead_frac: number; // ANSI/HI 9.6.7 head and flow factors for viscous (cold) oil
  viscosityFlow_frac: number;
  cavitation_s: number; // time the running pump has cavitated
  lowLowTrip: boolean; // expansion tank low-low: heater and pumps stopped (latched until the level is back)
  tubeVelocity_m_s: number;
  film_C: number; // peak inside-film temperature of the heater tubes
  filmHigh_s: number; // time the film has been above its limit
}

/** Thermal oil that a coil leak put into a tank, and what it does to the vapour space there. */
export interface OilIngressState {
  oil_kg: number;
  flammable: boolean; // headspace flammable: oil present and the liquid surface above its flash point
  fire: boolean; // latched: ignited by an exposed coil above the oil's autoignition temperature
}

export interface HotOilState {
  heaterMode: HeaterMode;
  heaterTimer_s: number;
  tripCause: string;
  firing_frac: number; // 0..1
  duty_W: number;
  setpoint_C: number;
  integral: number;
  hHeater_J_kg: number; // J/kg, heater + supply header node
  hReturn_J_kg: number; // J/kg, return header + expansion tank node
  mReturn_kg: number; // changes with leaks
  supply_C: number;
  return_C: number;
  stack_C: number;
  flow_kg_s: number;
  bypassFlow_kg_s: number;
  headerDp_Pa: number; // supply–return header differential pressure
  lowFlowTimer_s: number;
  pumps: PumpState[];
  changeoverTimer_s: number;
  expansionLevel_frac: number;
  bms: BurnerState;
  edge: HotOilEdgeState;
}

export interface TransferState {
  active: boolean;
  from: number;
  to: number;
  flow_kg_s: number; // set point
  actual_kg_s: number;
}

export interface AlarmRuntime {
  active: boolean;
  acked: boolean;
  shelvedUntil_s: number; // < 0: not shelved
  inService: boolean;
  timer_s: number; // on- or off-delay in progress
  raisedAt_s: number;
}

export interface InstrumentRuntime {
  value: number; // what the instrument reports
  drift: number;
  bad: boolean; // quality: the signal is outside the transmitter's range (NAMUR NE 43)
}

export interface Accounts {
  heaterDuty_J: number;
  tankLoss_J: number;
  oilLoss_J: number;
  mixerWork_J: number;
  steam_J: number;
  receiptIn_J: number;
  receiptIn_kg: number;
  loadedOut_J: number; // trucks that left
  loadedOut_kg: number;
  waterVented_kg: number;
  spilled_kg: number;
  spilled_J: number;
  fuel_J: number;
}

export interface Weather {
  ambientMean_C: number;
  ambientSwing_K: number;
  wind_m_s: number;
  rain_mm_h: number;
  solarPeak_W_m2: number;
  cloudCover_frac: number;
  ambient_C: number;
  solar_W_m2: number;
  ground_C: number; // undisturbed soil under the tank floors
  /**
   * Measured weather that replaces the day/night cycle (the live twin's shadow model, driven by the plant's
   * AMB.* tags); absent in a simulated plant, so its state and hash are as they always were.
   */
  forced?: ForcedWeather;
}

/** Ambient temperature and solar irradiance taken as given instead of computed from the hour; null: computed. */
export interface ForcedWeather {
  ambient_C: number | null;
  solar_W_m2: number | null;
}

export interface SimState {
  t_s: number;
  step: number;
  startHour_h: number;
  rng: number;
  weather: Weather;
  tanks: TankState[];
  hotOil: HotOilState;
  oilIngress: OilIngressState[]; // per tank
  productLines: ProductLineState[]; // product pipes, then loading arms (productLines.ts)
  loadingPumps: PumpState[];
  gearPumps: GearPumpHealth[]; // parallel to loadingPumps
  bund: BundState;
  loadingHeaderFlow_m3_s: number;
  arms: ArmState[];
  bays: BayState[];
  transfer: TransferState;
  esd: boolean;
  faults: ActiveFault[];
  nextFaultId: number;
  instruments: InstrumentRuntime[];
  alarms: AlarmRuntime[];
  events: SimEvent[];
  acc: Accounts;
  /** Loop tuning (gains, auto-tune, schedule, adaptive), by loop tag; absent until a tuning command names a loop. */
  tuning?: TuningState;
  /** The farm's model-predictive control (control/mpc/state.ts); absent until a command first uses it. */
  mpc?: MpcState;
}
