import type { Model } from '../plantIndex';
import type { PlantData } from '../plant/schema';
import type { SimState } from '../state';
import { hasFault } from '../faultEffects';
import { PURGE_VOLUME_CHANGES } from '../plant/hotOilChecks';
import { tripHeater } from './heater';
import { mpcSupplySetpoint_C } from '../control/mpc/farm';

// Burner management of the fired heater (NFPA 86/87, EN 746-2 practice, PHYSICS.md §8), on every start
// including a relight from hot standby: pre-purge of ≥ 4 furnace volumes at full air → pilot trial for
// ignition → main-flame trial at low fire → low-fire hold → release to modulation. A flame that is not
// proven in its trial locks the burner out until reset; a flame lost in service shuts the fuel after the
// flame-failure response time; a post-purge follows every trip and stop. A cold start ramps the working
// set point at a few tens of K per hour with a hold near 110 °C while water boils off.

/** Fuel shut within this time of a flame loss (PHYSICS.md §8). */
export const FLAME_FAILURE_RESPONSE_S = 4;
/** Purge air as a fraction of the fan's full flow: the damper fully open, ≥ 25 % required (PHYSICS.md §8). */
export const PURGE_AIR_FRAC = 1;

type HeaterData = PlantData['hotOil']['heater'];

function info(s: SimState, tag: string, message: string): void {
  s.events.push({ type: 'info', t_s: s.t_s, tag, message });
}

/** The set point the firing PI works to: the operator's, or the cold-start ramp below it. */
export function workingSetpoint_C(hd: HeaterData, s: SimState, dt: number): number {
  const h = s.hotOil;
  const b = h.bms;
  if (!b.warmup) return mpcSupplySetpoint_C(s, h.setpoint_C); // the farm MPC's, where it holds the supply
  const rate_K_s = hd.warmupRate_K_h / 3600;
  if (b.warmupSetpoint_C < hd.warmupHold_C)
    b.warmupSetpoint_C = Math.min(b.warmupSetpoint_C + rate_K_s * dt, hd.warmupHold_C);
  else if (b.warmupHold_s < hd.warmupHold_s && h.supply_C >= hd.warmupHold_C - 5) b.warmupHold_s += dt;
  else if (b.warmupHold_s >= hd.warmupHold_s) b.warmupSetpoint_C += rate_K_s * dt;
  if (b.warmupSetpoint_C >= h.setpoint_C) {
    b.warmup = false;
    return mpcSupplySetpoint_C(s, h.setpoint_C);
  }
  return b.warmupSetpoint_C;
}

/** Begin a pre-purge (start command, or a relight from standby). */
export function beginPurge(s: SimState): void {
  const h = s.hotOil;
  h.heaterMode = 'purge';
  h.heaterTimer_s = 0;
  h.bms.phase = 'prePurge';
  h.bms.phaseTimer_s = 0;
  h.bms.purgeVolumes = 0;
  h.bms.flame = false;
  h.bms.flameLoss_s = 0;
}

function nextPhase(s: SimState, phase: SimState['hotOil']['bms']['phase']): void {
  s.hotOil.bms.phase = phase;
  s.hotOil.bms.phaseTimer_s = 0;
}

/** Advance the sequence by dt. Returns true when the firing is released to the PI this step. */
export function stepBurner(m: Model, s: SimState, dt: number): boolean {
  const h = s.hotOil;
  const b = h.bms;
  const hd = m.plant.hotOil.heater;
  const noFlame = hasFault(s, 'heaterFlameFailure');
  b.phaseTimer_s += dt;
  if (h.heaterMode === 'off' || h.heaterMode === 'tripped') {
    h.firing_frac = 0;
    b.flame = false;
    if (b.phase === 'postPurge' && b.phaseTimer_s >= hd.postPurge_s) nextPhase(s, 'idle');
    else if (b.phase !== 'postPurge' && b.phase !== 'idle') nextPhase(s, 'idle');
    return false;
  }
  if (h.heaterMode === 'purge') {
    h.firing_frac = 0;
    h.heaterTimer_s += dt;
    b.purgeVolumes += (PURGE_AIR_FRAC * hd.purgeAirFlow_m3_s * dt) / hd.furnaceVolume_m3;
    if (h.heaterTimer_s >= hd.purgeTime_s && b.purgeVolumes >= PURGE_VOLUME_CHANGES) {
      h.heaterMode = 'lightoff';
      h.heaterTimer_s = 0;
      nextPhase(s, 'pilot');
      info(s, hd.tag, 'purge complete, pilot trial for ignition');
    }
    return false;
  }
  if (h.heaterMode === 'lightoff') {
    h.heaterTimer_s += dt;
    if (b.phase === 'pilot') {
      h.firing_frac = 0; // the pilot's heat is negligible
      if (b.phaseTimer_s < hd.pilotTrial_s) return false;
      if (noFlame) {
        tripHeater(s, hd.tag, 'pilot flame not proven: burner locked out');
        return false;
      }
      nextPhase(s, 'mainTrial');
      info(s, hd.tag, 'pilot proven, main-flame trial at low fire');
      return false;
    }
    h.firing_frac = hd.minFiring;
    b.flame = !noFlame;
    if (b.phase === 'mainTrial') {
      if (b.phaseTimer_s < hd.mainFlameTrial_s) return false;
      if (noFlame) {
        tripHeater(s, hd.tag, 'main flame not proven: burner locked out');
        return false;
      }
      nextPhase(s, 'lowFireHold');
      return false;
    }
    // low-fire hold
    if (lostFlame(s, hd.tag, noFlame, dt)) return false;
    if (b.phaseTimer_s < hd.lowFireHold_s) return false;
    h.heaterMode = 'running';
    h.integral = hd.minFiring;
    nextPhase(s, 'modulating');
    // a cold start ramps slowly and holds near 110 °C (PHYSICS.md §8); a warm relight goes straight to control
    b.warmup = h.supply_C < hd.warmupHold_C && h.setpoint_C > hd.warmupHold_C;
    b.warmupSetpoint_C = h.supply_C;
    b.warmupHold_s = 0;
    info(s, hd.tag, b.warmup ? 'flame proven, cold start: warm-up ramp' : 'flame proven, firing released to control');
    return false;
  }
  // running
  if (b.phase === 'standby') {
    h.firing_frac = 0;
    b.flame = false;
    if (h.supply_C < workingSetpoint_C(hd, s, 0)) beginPurge(s); // every relight goes through a purge
    return false;
  }
  b.flame = !noFlame;
  if (lostFlame(s, hd.tag, noFlame, dt)) return false;
  return true;
}

/** A flame lost in service: no heat at once, the fuel shut (a trip) after the response time. */
function lostFlame(s: SimState, tag: string, noFlame: boolean, dt: number): boolean {
  const b = s.hotOil.bms;
  if (!noFlame) {
    b.flameLoss_s = 0;
    return false;
  }
  b.flameLoss_s += dt;
  if (b.flameLoss_s >= FLAME_FAILURE_RESPONSE_S) tripHeater(s, tag, 'flame failure');
  return true;
}
