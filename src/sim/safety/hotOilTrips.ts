import type { Model } from '../plantIndex';
import type { SimState } from '../state';
import { tripHeater } from '../components/heater';

// The hot-oil system's own protections and the consequence of oil lost into a tank, on the last step's
// state: the expansion tank's low-low level trips the heater and stops the pumps (its low alarm is the
// pre-alarm); a pump that cavitates or runs on gas is stopped by its protection; thermal oil in a tank
// makes the vapour space flammable once the liquid surface is above the oil's flash point, and a coil
// exposed above the liquid ignites it when its oil is above the autoignition temperature.

/** Therminol 66 flash point, closed cup (PHYSICS.md §8). */
export const T66_FLASH_C = 170;
/** Therminol 66 autoignition temperature (PHYSICS.md §8). */
export const T66_AUTOIGNITION_C = 374;
/** Oil in the product, as a mass fraction, from which its vapour reaches the lower flammable limit (estimate). */
export const OIL_FLAMMABLE_FRAC = 1e-3;
/** A pump left with less than this share of its head is cavitating or gas-bound (estimate). */
const CAVITATION_HEAD_FRAC = 0.5;
/** Time a pump's protection (low discharge pressure / vibration) lets it cavitate before it stops it (estimate). */
export const CAVITATION_TRIP_S = 30;
/** The low-low trip resets itself once the level is this far above its limit. */
const LOW_LOW_RESET_FRAC = 0.02;

function stopPumps(m: Model, s: SimState, cause: string): void {
  const ho = s.hotOil;
  for (let i = 0; i < ho.pumps.length; i++) {
    if (!ho.pumps[i].running) continue;
    ho.pumps[i].running = false;
    s.events.push({ type: 'trip', t_s: s.t_s, tag: m.plant.hotOil.pumps[i].tag, cause });
  }
}

function stepLowLow(m: Model, s: SimState): void {
  const ho = s.hotOil;
  const x = m.plant.hotOil.expansionTank;
  const e = ho.edge;
  if (!e.lowLowTrip && ho.expansionLevel_frac <= x.lowLowLevel_frac && s.step > 0) {
    e.lowLowTrip = true;
    ho.changeoverTimer_s = 0;
    s.events.push({
      type: 'interlock',
      t_s: s.t_s,
      tag: x.tag,
      action: 'low-low level: heater tripped, pumps stopped',
    });
    tripHeater(s, m.plant.hotOil.heater.tag, `${x.tag} low-low level`);
    stopPumps(m, s, `${x.tag} low-low level`);
  } else if (e.lowLowTrip && ho.expansionLevel_frac > x.lowLowLevel_frac + LOW_LOW_RESET_FRAC) e.lowLowTrip = false;
}

function stepCavitation(m: Model, s: SimState, dt: number): void {
  const ho = s.hotOil;
  const e = ho.edge;
  let running = false;
  for (let i = 0; i < ho.pumps.length; i++) if (ho.pumps[i].running) running = true;
  if (!running || e.suction_frac >= CAVITATION_HEAD_FRAC) {
    e.cavitation_s = 0;
    return;
  }
  e.cavitation_s += dt;
  if (e.cavitation_s < CAVITATION_TRIP_S) return;
  e.cavitation_s = 0;
  stopPumps(m, s, 'loss of suction: cavitation');
  const hp = m.plant.hotOil;
  if (hp.autoChangeover && !e.lowLowTrip) ho.changeoverTimer_s = hp.changeoverDelay_s + dt;
}

function stepOilInTanks(m: Model, s: SimState): void {
  const supply_C = s.hotOil.supply_C;
  for (let i = 0; i < s.oilIngress.length; i++) {
    const o = s.oilIngress[i];
    if (!(o.oil_kg > 0)) continue;
    const tank = s.tanks[i];
    const surface_C = tank.T_C[tank.T_C.length - 1];
    const frac = tank.mass_kg > 0 ? o.oil_kg / tank.mass_kg : 1;
    const flammable = frac >= OIL_FLAMMABLE_FRAC && surface_C >= T66_FLASH_C;
    const tag = m.tanks[i].tag;
    if (flammable && !o.flammable)
      s.events.push({ type: 'info', t_s: s.t_s, tag, message: 'thermal oil in the product: vapour space flammable' });
    o.flammable = flammable;
    const coilHot = tank.coilExposed && tank.coilFlow_kg_s > 0 && supply_C >= T66_AUTOIGNITION_C;
    if (flammable && coilHot && !o.fire) {
      o.fire = true;
      tank.highTempTrip = true; // the fire's heat on the shell: heating tripped
      s.events.push({ type: 'trip', t_s: s.t_s, tag, cause: 'tank fire: oil vapour ignited by an exposed hot coil' });
    }
  }
}

export function stepHotOilTrips(m: Model, s: SimState, dt: number): void {
  stepLowLow(m, s);
  stepCavitation(m, s, dt);
  stepOilInTanks(m, s);
}
