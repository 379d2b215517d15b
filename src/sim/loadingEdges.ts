import type { Model } from './plantIndex';
import type { SimState, TankState } from './state';
import { WATER_CP_J_KGK, WATER_LATENT_J_KG, STEAM_EXPANSION } from './components/tankThermal';
import { temperatureFromEnthalpy } from './props/bitumen';

// Loading at its edges: the low-level loading stop that keeps the gear pumps off a tank's heel, the
// gear pumps' dry-run protection (they must never run dry: seal and gear damage in minutes, PHYSICS.md
// §8), and water in a road tanker flashing to steam under hot product (froth-over at the hatch).

/** Run dry this long, a gear pump's seals and gears are damaged ("in minutes", PHYSICS.md §8), estimate. */
export const GEAR_DRY_RUN_DAMAGE_S = 180;
/** Below this share of its displacement filled, a gear pump is running dry, estimate. */
export const GEAR_DRY_FILL_FRAC = 0.2;
/** The loading low-level pre-alarm sits this far above the loading stop, typical. */
export const LOADING_PREALARM_M = 0.3;
/** Hysteresis of the loading stop so it does not chatter, typical. */
const LOADING_STOP_HYST_M = 0.1;
/** Product carried out of the hatch per kg of steam (the same estimate as a tank's froth-over). */
export const FROTH_PRODUCT_PER_STEAM = 5;
/** Steam a road tanker's open hatch passes without frothing over, m³/s, estimate. */
export const TRUCK_HATCH_STEAM_M3_S = 0.05;
/** The loading-header outlet of a tank counts as open above this (as in loading.ts). */
const OUTLET_OPEN_FRAC = 0.05;

/**
 * Low-level loading stop (on the last step's measured level, like the other interlocks): a tank lined up
 * to the loading header below its loading stop has its outlet closed and the loading pumps stopped, so
 * the gear pumps never reach the heel.
 */
export function stepLoadingStop(m: Model, s: SimState): void {
  if (s.step === 0) return;
  for (let i = 0; i < m.tanks.length; i++) {
    const tm = m.tanks[i];
    const tank = s.tanks[i];
    const level = s.instruments[tm.insLevel].value;
    const v = tank.vessel;
    const lined = tank.outletTarget_frac > OUTLET_OPEN_FRAC || tank.outletPos_frac > OUTLET_OPEN_FRAC;
    v.loadingStop = v.loadingStop ? level < tm.loadingStop_m + LOADING_STOP_HYST_M : lined && level < tm.loadingStop_m;
    if (!v.loadingStop || !lined) continue;
    tank.outletTarget_frac = 0;
    s.events.push({
      type: 'interlock',
      t_s: s.t_s,
      tag: tm.data.outletValve,
      action: `closed by the ${tm.tag} low-level loading stop`,
    });
    for (let p = 0; p < s.loadingPumps.length; p++) {
      if (!s.loadingPumps[p].running) continue;
      s.loadingPumps[p].running = false;
      s.events.push({
        type: 'interlock',
        t_s: s.t_s,
        tag: m.plant.loading.pumps[p].tag,
        action: `stopped by the ${tm.tag} low-level loading stop`,
      });
    }
  }
}

/**
 * Dry-run protection of the loading gear pumps, after this step's flows: a running pump that fills less
 * than GEAR_DRY_FILL_FRAC of its displacement (no tank at its suction, a tank at its heel, cavitation)
 * counts time dry; past GEAR_DRY_RUN_DAMAGE_S it is damaged and stops.
 */
export function stepGearPumpHealth(m: Model, s: SimState, dt: number, motorsAllowed: boolean): void {
  const lp = m.plant.loading.pumps;
  for (let i = 0; i < s.loadingPumps.length; i++) {
    const p = s.loadingPumps[i];
    const h = s.gearPumps[i];
    if (!p.running || !motorsAllowed || p.speed_frac <= 0) {
      h.dryRun_s = 0;
      continue;
    }
    const theory_m3_s = (lp[i].displacement_m3_rev * lp[i].maxSpeed_rpm * p.speed_frac) / 60;
    if (p.flow_m3_s >= GEAR_DRY_FILL_FRAC * theory_m3_s) {
      h.dryRun_s = 0;
      continue;
    }
    h.dryRun_s += dt;
    if (h.dryRun_s < GEAR_DRY_RUN_DAMAGE_S || h.damaged) continue;
    h.damaged = true;
    p.running = false;
    s.events.push({ type: 'trip', t_s: s.t_s, tag: lp[i].tag, cause: 'ran dry: seal and gear damage' });
  }
}

/** Water in the compartment of the truck at arm `a` while `mk` kg of product arrive this step. */
export function truckWater(m: Model, s: SimState, a: number, mk: number, props: TankState['props'], dt: number): void {
  const as = s.arms[a];
  const tr = as.truck;
  wetTruckFromFaults(m, s, a);
  if (!(tr.water_kg > 0) || !(mk > 0)) return;
  const tC = temperatureFromEnthalpy(props, tr.energy_J / tr.mass_kg);
  if (tC <= 100) return;
  // the arriving product's superheat over 100 °C flashes the water under it (PHYSICS.md §7)
  const cp = props.cp25_J_kgK;
  const boil = Math.min(tr.water_kg, (mk * cp * (tC - 100)) / (WATER_LATENT_J_KG + WATER_CP_J_KGK * 75));
  if (!(boil > 0)) return;
  tr.water_kg -= boil;
  if (tr.water_kg < 1e-9) tr.water_kg = 0;
  const steamE = boil * (WATER_LATENT_J_KG + WATER_CP_J_KGK * 75);
  tr.energy_J -= steamE; // the product pays for the steam
  s.acc.steam_J += steamE;
  s.acc.waterVented_kg += boil;
  const steam_m3_s = ((boil / dt) * STEAM_EXPANSION) / 1000;
  if (steam_m3_s <= TRUCK_HATCH_STEAM_M3_S) return;
  // foam carries product out of the hatch onto the gantry and the truck
  const spill = Math.min(FROTH_PRODUCT_PER_STEAM * boil, tr.mass_kg);
  const e = (spill * tr.energy_J) / tr.mass_kg;
  tr.mass_kg -= spill;
  tr.energy_J -= e;
  s.acc.spilled_kg += spill;
  s.acc.spilled_J += e;
  if (as.frothOver) return;
  as.frothOver = true;
  const pump = m.arms[a].pump;
  // the foam reaches the overfill probe: the loading stops on it
  as.overfillTrip = true;
  s.loadingPumps[pump].running = false;
  s.events.push({
    type: 'trip',
    t_s: s.t_s,
    tag: m.plant.loading.pumps[pump].tag,
    cause: `froth-over at ${m.arms[a].tag}: water in the truck flashed to steam under hot product`,
  });
}

/** A `truckWater` fault puts its water into the truck standing at its arm, once per truck. */
function wetTruckFromFaults(m: Model, s: SimState, a: number): void {
  const tr = s.arms[a].truck;
  for (let k = 0; k < s.faults.length; k++) {
    const af = s.faults[k];
    const f = af.fault;
    if (f.kind !== 'truckWater' || m.armIndex.get(f.arm) !== a || tr.wetBy === af.id) continue;
    tr.wetBy = af.id;
    tr.water_kg += f.water_kg;
  }
}
