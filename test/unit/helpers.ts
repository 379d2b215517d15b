import { defaultPlant } from '../../src/sim/plant/default';
import type { PlantData } from '../../src/sim/plant/schema';
import { Simulation } from '../../src/sim/simulation';
import type { InitialConditions } from '../../src/sim/initial';

export function plantCopy(): PlantData {
  return structuredClone(defaultPlant());
}

/** The default plant cut down to one tank (the first), reshaped as asked. */
export function oneTankPlant(
  shape: { D?: number; H?: number; level?: number; temp?: number; insulation_m?: number } = {},
): PlantData {
  const p = plantCopy();
  const t = p.tanks[0];
  if (shape.D) t.diameter_m = shape.D;
  if (shape.H) t.shellHeight_m = shape.H;
  if (shape.level !== undefined) t.initial.level_m = shape.level;
  if (shape.temp !== undefined) t.initial.temp_C = shape.temp;
  if (shape.insulation_m !== undefined) t.insulation.thickness_m = shape.insulation_m;
  p.tanks = [t];
  p.valves = p.valves.filter((v) => v.tank === t.tag);
  p.pipes = p.pipes.filter((pp) => !pp.flowTag?.startsWith('TK-') || pp.flowTag.startsWith(`${t.tag}.`));
  return p;
}

/** Weather held constant: no day/night swing, no sun, no rain. */
export const STILL_WEATHER: InitialConditions['weather'] = {
  ambientMean_C: 10,
  ambientSwing_K: 0,
  wind_m_s: 2,
  rain_mm_h: 0,
  solarPeak_W_m2: 0,
  cloudCover: 0,
};

export function sim(p: PlantData = plantCopy(), initial: InitialConditions = {}, seed = 1): Simulation {
  return new Simulation(p, { initial, seed });
}

/** Total stored energy: products, roof nodes, oil, trucks still at the bays (J, relative to 25 °C). */
export function storedEnergy(s: Simulation): number {
  const st = s.state;
  let e = 0;
  st.tanks.forEach((t, i) => {
    e += t.h_J_kg.reduce((a, h, j) => a + h * t.layerMass_frac[j], 0) * t.mass_kg; // Σ m_i·h_i
    e += s.model.tanks[i].roofC_J_K * t.roof_C;
  });
  e += s.model.plant.hotOil.heater.holdup_kg * st.hotOil.hHeater_J_kg + st.hotOil.mReturn_kg * st.hotOil.hReturn_J_kg;
  for (const a of st.arms) e += a.truck.energy_J;
  return e;
}

export function totalMass(s: Simulation): number {
  const st = s.state;
  let m = st.tanks.reduce((a, t) => a + t.mass_kg + t.water_kg, 0);
  m += st.arms.reduce((a, x) => a + x.truck.mass_kg, 0);
  m += s.model.plant.hotOil.heater.holdup_kg + st.hotOil.mReturn_kg;
  return m + st.acc.loadedOut_kg - st.acc.receiptIn_kg + st.acc.spilled_kg + st.acc.waterVented_kg;
}
