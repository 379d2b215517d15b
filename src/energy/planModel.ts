import type { PlantData } from '../sim/plant/schema';
import type { SimState } from '../sim/state';
import { Simulation } from '../sim/simulation';
import { takeSnapshot } from '../sim/snapshot';
import { meanTemp_C, productEnergy_J } from '../sim/components/tank';
import { specificHeat } from '../sim/props/bitumen';

// The heating plan's model of each tank: one lumped temperature T (the product's mass-mean) with
//   C·dT/dt = Q − UA·(T − T_amb),   0 ≤ Q ≤ K·(T_supply − T),
// and of the farm: Σ Q + UA_loop·(T_supply − T_amb) ≤ heater capacity; fuel = heater duty / η.
// C is the product's mass times cp; UA, K and UA_loop are identified from the plant model itself by two short
// probe runs from the state (coils shut: what each tank loses; coils wide open: what each coil passes per
// kelvin of supply over product), so the plan sees the same insulation, weather film, coil and fouling as the
// model it is followed on, whatever the plant file says.

export interface TankEnergyModel {
  tag: string;
  product: string;
  /** Product mass now, kg, and its specific heat at the present temperature, J/kg·K. */
  mass_kg: number;
  cp_J_kgK: number;
  /** Mass-mean product temperature now, °C. */
  T0_C: number;
  /** Standing loss per kelvin above ambient, W/K (walls, roof, floor together). */
  lossUA_W_K: number;
  /** Heat the product gets besides the coil, W (a mixer's work): the loss is UA·(T − T_amb) − gain. */
  gain_W: number;
  /** Coil duty with the valve wide open per kelvin of supply over product, W/K. */
  coilK_W_K: number;
  /**
   * The outlet (the product below the coil, what a truck gets first) against the mass-mean: colder by
   * outletGap0_K now, and by outletGapRate_K_s more each second with the coil shut (it cools to the floor
   * and the coil barely reaches it); outletRate_K_s is its own cooling rate.
   */
  outletGap0_K: number;
  outletGapRate_K_s: number;
  outletRate_K_s: number;
}

export interface FarmEnergyModel {
  tanks: TankEnergyModel[];
  /** The heater's most duty, W, its efficiency (fuel = duty / η) and the highest supply set point, °C. */
  heaterMax_W: number;
  efficiency: number;
  supplyMax_C: number;
  /** Hot-oil loop loss per kelvin of supply over ambient, W/K. */
  loopUA_W_K: number;
}

/** Length of each probe, s, and the part of it averaged (the valves take 30 s, the oil a few minutes). */
export const PROBE_S = 3 * 3600;
export const PROBE_AVERAGE_FROM_S = 1800;
const PROBE_DT_S = 10;
/** Outside film of a coil in bitumen at storage temperature (PHYSICS.md §4: ≈ 50 W/m²K), for a heater that is off. */
const COIL_U_FALLBACK_W_M2K = 40;

/** The state the probes start from: the given one, or the plant file's initial state. */
function probeSim(plant: PlantData, state: SimState | null): Simulation {
  const sim = new Simulation(plant, { dt_s: PROBE_DT_S });
  if (state) sim.restore(takeSnapshot(state, plant.name));
  // the probes measure the tanks and the loop alone: no truck loading, no transfer, no receipt
  for (const p of plant.loading.pumps) sim.command({ type: 'setPump', tag: p.tag, run: false }, 'automation');
  if (sim.state.transfer.active) sim.command({ type: 'stopTransfer' }, 'automation');
  return sim;
}

/** Every coil valve to the same manual opening, block valves as they are (a closed block is a closed coil). */
function setCoils(sim: Simulation, opening: number): void {
  for (const tm of sim.model.tanks) {
    sim.command({ type: 'setMode', tag: tm.data.control.tag, mode: 'manual' }, 'automation');
    sim.command({ type: 'setOutput', tag: tm.data.control.tag, output: opening }, 'automation');
  }
}

interface ProbeMeans {
  dE_J: number[];
  T_C: number[];
  duty_W: number[];
  loss_W: number[];
  /** Mean and outlet (bottom layer) at the start and the end of the averaged window. */
  mean0_C: number[];
  out0_C: number[];
  mean1_C: number[];
  out1_C: number[];
  amb_C: number;
  supply_C: number;
  oilLoss_W: number;
}

function runProbe(sim: Simulation): ProbeMeans {
  const n = sim.model.tanks.length;
  const s = sim.state;
  const m: ProbeMeans = {
    dE_J: new Array<number>(n).fill(0),
    T_C: new Array<number>(n).fill(0),
    duty_W: new Array<number>(n).fill(0),
    loss_W: new Array<number>(n).fill(0),
    mean0_C: [],
    out0_C: [],
    mean1_C: [],
    out1_C: [],
    amb_C: 0,
    supply_C: 0,
    oilLoss_W: 0,
  };
  sim.step(PROBE_AVERAGE_FROM_S / PROBE_DT_S);
  const e0 = s.tanks.map(productEnergy_J);
  m.mean0_C = s.tanks.map(meanTemp_C);
  m.out0_C = s.tanks.map((t) => t.T_C[0]);
  const oil0 = s.acc.oilLoss_J;
  const steps = (PROBE_S - PROBE_AVERAGE_FROM_S) / PROBE_DT_S;
  for (let k = 0; k < steps; k++) {
    sim.step(1);
    s.tanks.forEach((t, i) => {
      m.T_C[i] += meanTemp_C(t) / steps;
      m.duty_W[i] += t.coilDuty_W / steps;
      m.loss_W[i] += t.heatLoss_W / steps;
    });
    m.amb_C += s.weather.ambient_C / steps;
    m.supply_C += s.hotOil.supply_C / steps;
  }
  const span = steps * PROBE_DT_S;
  s.tanks.forEach((t, i) => (m.dE_J[i] = productEnergy_J(t) - e0[i]));
  m.mean1_C = s.tanks.map(meanTemp_C);
  m.out1_C = s.tanks.map((t) => t.T_C[0]);
  m.oilLoss_W = (s.acc.oilLoss_J - oil0) / span;
  return m;
}

/** Identify the farm's energy model at the state (null: the plant file's initial state). Deterministic. */
export function identifyFarm(plant: PlantData, state: SimState | null): FarmEnergyModel {
  const shut = probeSim(plant, state);
  const s0 = shut.state;
  const start = s0.tanks.map((t) => ({
    mass: t.mass_kg,
    T: meanTemp_C(t),
    out: t.T_C[0],
    cp: specificHeat(t.props, meanTemp_C(t)),
  }));
  setCoils(shut, 0);
  const cold = runProbe(shut);
  const span = PROBE_S - PROBE_AVERAGE_FROM_S;
  const open = probeSim(plant, state);
  setCoils(open, 1);
  const hot = runProbe(open);
  const hd = plant.hotOil.heater;
  const tanks = plant.tanks.map((td, i): TankEnergyModel => {
    // the loss to the air and ground; what the product lost besides (or gained: a mixer's work) is the gain
    const loss_W = cold.loss_W[i];
    const dT = cold.T_C[i] - cold.amb_C;
    const lossUA_W_K = dT > 5 && loss_W > 0 ? loss_W / dT : 0;
    const gain_W = loss_W + cold.dE_J[i] / span;
    const drive = hot.supply_C - hot.T_C[i];
    const tm = open.model.tanks[i];
    const coilK_W_K =
      drive > 20 && hot.duty_W[i] > 0
        ? hot.duty_W[i] / drive
        : COIL_U_FALLBACK_W_M2K * tm.turnArea_m2 * tm.turnHeights_m.length;
    return {
      tag: td.tag,
      product: td.product,
      mass_kg: start[i].mass,
      cp_J_kgK: start[i].cp,
      T0_C: start[i].T,
      lossUA_W_K,
      gain_W,
      coilK_W_K,
      outletGap0_K: start[i].T - start[i].out,
      outletGapRate_K_s: Math.max(0, (cold.mean1_C[i] - cold.out1_C[i] - (cold.mean0_C[i] - cold.out0_C[i])) / span),
      outletRate_K_s: (cold.out1_C[i] - cold.out0_C[i]) / span,
    };
  });
  const loopDrive = hot.supply_C - hot.amb_C;
  return {
    tanks,
    heaterMax_W: hd.capacity_W,
    efficiency: hd.efficiency,
    supplyMax_C: s0.hotOil.setpoint_C > 0 ? Math.max(s0.hotOil.setpoint_C, hd.supplySetpoint_C) : hd.supplySetpoint_C,
    loopUA_W_K: loopDrive > 20 && hot.oilLoss_W > 0 ? hot.oilLoss_W / loopDrive : plant.hotOil.loopLossUA_W_K,
  };
}
