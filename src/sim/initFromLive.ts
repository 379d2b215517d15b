import type { Simulation } from './simulation';
import type { TankState } from './state';
import type { TankModel } from './plantIndex';
import { density, enthalpy } from './props/bitumen';
import { oilEnthalpy } from './props/thermalOil';
import { layerTops, level_m, refreshTemperatures } from './components/tank';
import { step } from './step';

/**
 * The shadow's state at the first live snapshot: each tank's mass from its radar level and the density at
 * its measured temperatures, its layers from the measured profile, the hot-oil loop from its supply and
 * return temperatures, the valves and pumps where they stand. A quantity the plant does not measure keeps
 * the plant file's initial value. `value(tag)` gives the measured value, NaN when there is none (or bad).
 */
export function initFromLive(sim: Simulation, value: (tag: string) => number): void {
  const m = sim.model;
  const s = sim.state;
  const has = (x: number) => Number.isFinite(x);
  const amb = value('AMB.temp');
  if (has(amb)) s.weather.ambientMean_C = amb;
  m.tanks.forEach((tm, i) => {
    const tank = s.tanks[i];
    const T = tm.tag;
    const level = value(`${T}.level`);
    const profile = profilePoints(level, value(`${T}.temp_bottom`), value(`${T}.temp`), value(`${T}.temp_top`));
    const L = has(level) ? Math.max(0, Math.min(level, tm.H_m)) : null;
    // the layers' shares of the mass are the model's own (level_m and layerTops read them), so the mass is
    // scaled until the model's level reads the radar's, and each layer takes the profile at its mid-height;
    // twice, as the heights move with the temperatures
    for (let pass = 0; pass < 2; pass++) {
      if (L !== null) matchLevel(tm, tank, L);
      if (profile.length) setLayers(tm, tank, profile);
    }
    if (L !== null) matchLevel(tm, tank, L);
    tank.roof_C = tank.T_C[tank.T_C.length - 1] - 20; // as createState; the vapour node settles in minutes
    const valve = value(`${T}.valve`);
    if (has(valve)) tank.valvePos_frac = tank.valveTarget_frac = tank.pid.output_frac = clamp01(valve / 100);
    const block = value(`${T}.block_valve`);
    if (has(block)) tank.blockPos_frac = clamp01(block / 100);
    const sp = value(`${T}.setpoint`);
    if (has(sp)) tank.pid.setpoint_C = tank.pid.workingSetpoint_C = sp;
    const mixer = value(`${T}.mixer`);
    if (has(mixer)) tank.mixerOn = mixer > 0.5;
  });
  const H = m.plant.hotOil.heater.tag;
  const ho = s.hotOil;
  const sup = value(`${H}.supply_temp`);
  const ret = value(`${H}.return_temp`);
  if (has(sup)) {
    ho.supply_C = sup;
    ho.hHeater_J_kg = oilEnthalpy(sup);
    ho.edge.film_C = sup;
  }
  if (has(ret)) {
    ho.return_C = ret;
    ho.hReturn_J_kg = oilEnthalpy(ret);
  }
  const hsp = value(`${H}.setpoint`);
  if (has(hsp)) ho.setpoint_C = hsp;
  m.plant.hotOil.pumps.forEach((p, i) => {
    const run = value(`${p.tag}.running`);
    if (has(run)) ho.pumps[i].running = run > 0.5;
  });
  // settle the instruments on the new state, as a new Simulation does, so the first frame reads it
  step(m, s, 1e-9);
  s.t_s = 0;
  s.step = 0;
  s.events.length = 0;
  for (const k of Object.keys(s.acc) as (keyof typeof s.acc)[]) s.acc[k] = 0;
}

/** Measured temperature points (height as a fraction of the level, °C), lowest first. */
function profilePoints(level_m: number, bottom_C: number, mean_C: number, top_C: number): [number, number][] {
  const pts: [number, number][] = [];
  const L = Number.isFinite(level_m) && level_m > 0 ? level_m : null;
  // the bottom element sits 0.5 m above the floor (tags.ts); the control TT is the mean of 25/50/75 %
  if (Number.isFinite(bottom_C) && L !== null) pts.push([Math.min(0.5 / L, 0.49), bottom_C]);
  if (Number.isFinite(mean_C)) pts.push([0.5, mean_C]);
  if (Number.isFinite(top_C)) pts.push([0.75, top_C]);
  return pts;
}

/** Scale the mass so that Σ mᵢ/ρ(Tᵢ) / A = L: the level is proportional to the mass at given temperatures. */
function matchLevel(tm: TankModel, tank: TankState, L: number): void {
  if (!(tank.mass_kg > 0)) tank.mass_kg = L * tm.area_m2 * density(tank.props, tank.T_C[0]);
  const l = level_m(tm, tank);
  if (l > 0) tank.mass_kg *= L / l;
}

/** Layer temperatures by linear interpolation over the points at each layer's mid-height, flat beyond the ends. */
function setLayers(tm: TankModel, tank: TankState, pts: [number, number][]): void {
  const n = tank.h_J_kg.length;
  const tops = new Float64Array(n);
  layerTops(tm, tank, tops);
  const L = tops[n - 1];
  for (let l = 0; l < n; l++) {
    const z = L > 0 ? (0.5 * ((l > 0 ? tops[l - 1] : 0) + tops[l])) / L : (l + 0.5) / n;
    let t = pts[0][1];
    if (z >= pts[pts.length - 1][0]) t = pts[pts.length - 1][1];
    else
      for (let k = 0; k + 1 < pts.length; k++) {
        const [z0, t0] = pts[k];
        const [z1, t1] = pts[k + 1];
        if (z >= z0 && z <= z1) t = t0 + ((t1 - t0) * (z - z0)) / (z1 - z0);
      }
    tank.h_J_kg[l] = enthalpy(tank.props, t);
  }
  refreshTemperatures(tank);
}

function clamp01(x: number): number {
  return Math.max(0, Math.min(1, x));
}
