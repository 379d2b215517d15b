import type { PlantData } from '../sim/plant/schema';
import type { SimState } from '../sim/state';
import { Simulation } from '../sim/simulation';
import { takeSnapshot } from '../sim/snapshot';
import { meanTemp_C, productEnergy_J } from '../sim/components/tank';
import { identifyTank, tankLoss_W, type TankEnergyModel } from '../sim/control/mpc/identify';

// The heating plan's model of each tank is the controller's (src/sim/control/mpc/identify.ts: the plant's own
// coil and loss functions linearised at the state), so the plan asks nothing of a tank the controller
// following it does not believe it can do: one lumped temperature T (the product's mass-mean) with
//   C·dT/dt = Q − L(T, T_amb, G) + gain,   0 ≤ Q ≤ coil wide open at (T_supply, T),
// and of the farm: Σ Q + UA_loop·(T_supply − T_amb) ≤ heater capacity; fuel = heater duty / η.
// One probe run of the plant model from the state with every coil shut adds what the linear model leaves out:
// heat the product gets besides (a mixer's work) and how the outlet, the product below the coil that a truck
// takes first, falls behind the mean.

export interface PlanTankModel {
  tag: string;
  product: string;
  /** Product mass now, kg, and its heat capacity per kg (the identified C over the mass), J/kg·K. */
  mass_kg: number;
  cp_J_kgK: number;
  /** Mass-mean product temperature now, °C. */
  T0_C: number;
  /** The controller's model at the state, the coil valve wide open. */
  energy: TankEnergyModel;
  /** Heat the product gets besides the coil and what the loss model gives, W (a mixer's work). */
  gain_W: number;
  /** The loss's rise per m/s of wind (the cladding's outside film), W·s/m, and the wind it was taken at. */
  lossPerWind_W_s_m: number;
  wind0_m_s: number;
  /**
   * The outlet against the mass-mean: colder by outletGap0_K now, by outletGapRate_K_s more each second with
   * the coil shut (it cools to the floor and the coil barely reaches it); outletRate_K_s its own cooling rate.
   */
  outletGap0_K: number;
  outletGapRate_K_s: number;
  outletRate_K_s: number;
}

export interface FarmEnergyModel {
  tanks: PlanTankModel[];
  /** The heater's most duty, W, its efficiency (fuel = duty / η) and the highest supply set point, °C. */
  heaterMax_W: number;
  efficiency: number;
  supplyMax_C: number;
  /** Hot-oil loop loss per kelvin of supply over ambient, W/K. */
  loopUA_W_K: number;
}

/** Length of the probe, s, and the part of it averaged (the valves take 30 s to close). */
export const PROBE_S = 3 * 3600;
export const PROBE_AVERAGE_FROM_S = 1800;
const PROBE_DT_S = 10;
/** The wind step of the loss's wind slope, m/s (a secant over the range a forecast moves it). */
const WIND_STEP_M_S = 2;

interface ProbeMeans {
  dE_J: number[];
  T_C: number[];
  mean0_C: number[];
  out0_C: number[];
  mean1_C: number[];
  out1_C: number[];
  amb_C: number;
  solar_W_m2: number;
}

/** The plant model from the state, every coil shut, no truck, transfer or receipt: what the tanks do alone. */
function coldProbe(plant: PlantData, state: SimState): ProbeMeans {
  const sim = new Simulation(plant, { dt_s: PROBE_DT_S });
  sim.restore(takeSnapshot(state, plant.name));
  for (const p of plant.loading.pumps) sim.command({ type: 'setPump', tag: p.tag, run: false }, 'automation');
  if (sim.state.transfer.active) sim.command({ type: 'stopTransfer' }, 'automation');
  for (const tm of sim.model.tanks) {
    sim.command({ type: 'setMode', tag: tm.data.control.tag, mode: 'manual' }, 'automation');
    sim.command({ type: 'setOutput', tag: tm.data.control.tag, output: 0 }, 'automation');
  }
  const s = sim.state;
  const n = s.tanks.length;
  sim.step(PROBE_AVERAGE_FROM_S / PROBE_DT_S);
  const m: ProbeMeans = {
    dE_J: [],
    T_C: new Array<number>(n).fill(0),
    mean0_C: s.tanks.map(meanTemp_C),
    out0_C: s.tanks.map((t) => t.T_C[0]),
    mean1_C: [],
    out1_C: [],
    amb_C: 0,
    solar_W_m2: 0,
  };
  const e0 = s.tanks.map(productEnergy_J);
  const steps = (PROBE_S - PROBE_AVERAGE_FROM_S) / PROBE_DT_S;
  for (let k = 0; k < steps; k++) {
    sim.step(1);
    s.tanks.forEach((t, i) => (m.T_C[i] += meanTemp_C(t) / steps));
    m.amb_C += s.weather.ambient_C / steps;
    m.solar_W_m2 += s.weather.solar_W_m2 / steps;
  }
  m.dE_J = s.tanks.map((t, i) => productEnergy_J(t) - e0[i]);
  m.mean1_C = s.tanks.map(meanTemp_C);
  m.out1_C = s.tanks.map((t) => t.T_C[0]);
  return m;
}

/** Identify the farm's energy model at the state (null: the plant file's initial state). Deterministic. */
export function identifyFarm(plant: PlantData, state: SimState | null): FarmEnergyModel {
  const sim = new Simulation(plant, { dt_s: PROBE_DT_S });
  if (state) sim.restore(takeSnapshot(state, plant.name));
  const s = sim.state;
  const cold = coldProbe(plant, s);
  const span = PROBE_S - PROBE_AVERAGE_FROM_S;
  const hd = plant.hotOil.heater;
  const tanks = plant.tanks.map((td, i): PlanTankModel => {
    const tank = s.tanks[i];
    const energy = identifyTank(sim.model, s, i, 1);
    // the controller's model has no wind: the same loss function with the wind 2 m/s up gives its slope
    const windy = { ...s, weather: { ...s.weather, wind_m_s: s.weather.wind_m_s + WIND_STEP_M_S } };
    const lossPerWind_W_s_m = (identifyTank(sim.model, windy, i, 1).loss0_W - energy.loss0_W) / WIND_STEP_M_S;
    const T0_C = meanTemp_C(tank);
    // what the product really lost in the probe against what the linear loss says it would have
    const lossModel_W = tankLoss_W(energy, cold.T_C[i], cold.amb_C, cold.solar_W_m2);
    const gain_W = tank.mass_kg > 0 ? lossModel_W + cold.dE_J[i] / span : 0;
    return {
      tag: td.tag,
      product: td.product,
      mass_kg: tank.mass_kg,
      cp_J_kgK: tank.mass_kg > 0 ? energy.heatCapacity_J_K / tank.mass_kg : 0,
      T0_C,
      energy,
      gain_W,
      lossPerWind_W_s_m,
      wind0_m_s: s.weather.wind_m_s,
      outletGap0_K: T0_C - tank.T_C[0],
      outletGapRate_K_s: Math.max(0, (cold.mean1_C[i] - cold.out1_C[i] - (cold.mean0_C[i] - cold.out0_C[i])) / span),
      outletRate_K_s: (cold.out1_C[i] - cold.out0_C[i]) / span,
    };
  });
  return {
    tanks,
    heaterMax_W: hd.capacity_W,
    efficiency: hd.efficiency,
    supplyMax_C: Math.max(s.hotOil.setpoint_C, hd.supplySetpoint_C),
    loopUA_W_K: plant.hotOil.loopLossUA_W_K,
  };
}
