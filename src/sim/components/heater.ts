import type { Model } from '../plantIndex';
import type { SimState } from '../state';
import { piStep } from '../control/pid';
import { hasFault, heaterEfficiency } from '../faultEffects';
import { stepBurner, workingSetpoint_C } from './burner';
import { updateTubeFilm } from './heaterTube';
import { heaterIdle, heaterRelay, heaterTuning } from '../control/tune/loops';

// Fired heater H-201: its trips, the burner-management sequence (burner.ts) and the firing-rate PI on the
// supply temperature. A trip latches until it is reset with its cause gone, and is followed by a post-purge.

export const HOT_STANDBY_BAND_K = 15;
/** The tube wall's heat capacity carries a film excursion this long before the trip acts (estimate). */
export const FILM_TRIP_DELAY_S = 10; // burner stops at minimum fire this far above set point, relights below it

export function tripHeater(s: SimState, tag: string, cause: string): void {
  const h = s.hotOil;
  if (h.heaterMode === 'tripped') return;
  h.heaterMode = 'tripped';
  h.tripCause = cause;
  h.firing_frac = 0;
  h.duty_W = 0;
  const b = h.bms;
  // the fan sweeps the furnace after every trip; without power, or with the motors stopped by ESD, it cannot
  b.phase = hasFault(s, 'powerFailure') || s.esd ? 'idle' : 'postPurge';
  b.phaseTimer_s = 0;
  b.flame = false;
  b.flameLoss_s = 0;
  b.warmup = false;
  s.events.push({ type: 'trip', t_s: s.t_s, tag, cause });
}

/** A cause that trips the heater whatever the flame does (the flame's own failure is timed in burner.ts). */
export function heaterHardTripCause(m: Model, s: SimState): string | null {
  const h = s.hotOil;
  const ho = m.plant.hotOil;
  const hd = ho.heater;
  if (hasFault(s, 'powerFailure')) return 'power failure';
  if (s.esd) return 'emergency shutdown';
  if (h.supply_C >= hd.tripOilTemp_C) return 'high oil temperature';
  if (h.stack_C >= hd.tripStackTemp_C) return 'high stack temperature';
  if (h.edge.lowLowTrip) return `${ho.expansionTank.tag} low-low level`;
  if (h.edge.filmHigh_s >= FILM_TRIP_DELAY_S) return 'high tube film temperature';
  return null;
}

export function heaterTripCauseNow(m: Model, s: SimState): string | null {
  const h = s.hotOil;
  const hard = heaterHardTripCause(m, s);
  if (hard) return hard;
  if (hasFault(s, 'heaterFlameFailure') && (h.heaterMode === 'running' || h.heaterMode === 'lightoff'))
    return 'flame failure';
  return null;
}

const heaterMem = { integral: 0, output_frac: 0 };

/** Firing-rate PI on the working set point; the burner goes to standby above the band at minimum fire. */
function modulate(m: Model, s: SimState, dt: number): void {
  const h = s.hotOil;
  const hd = m.plant.hotOil.heater;
  const sp = workingSetpoint_C(hd, s, dt);
  // an auto-tune's relay holds the firing (control/tune/relay.ts); else the PI with the loop's gains
  let f = s.tuning === undefined ? Number.NaN : heaterRelay(m, s, dt);
  if (Number.isNaN(f)) {
    const tuning = heaterTuning(m, s, sp, dt); // first: a change of gains moves the integral
    const mem = heaterMem;
    mem.integral = h.integral;
    mem.output_frac = h.firing_frac;
    f = piStep(mem, tuning, sp, h.supply_C, 0, dt);
    h.integral = mem.integral;
  }
  if (h.supply_C > sp + HOT_STANDBY_BAND_K) {
    f = 0;
    h.bms.phase = 'standby';
    h.bms.flame = false;
  } else f = Math.max(f, hd.minFiring);
  h.firing_frac = f;
}

export function stepHeater(m: Model, s: SimState, dt: number): void {
  const h = s.hotOil;
  const hd = m.plant.hotOil.heater;
  if (h.heaterMode !== 'tripped' && h.heaterMode !== 'off') {
    const cause = heaterHardTripCause(m, s);
    if (cause) tripHeater(s, hd.tag, cause);
    else if (h.flow_kg_s < hd.lowFlowTrip_kg_s) {
      h.lowFlowTimer_s += dt;
      if (h.lowFlowTimer_s >= hd.lowFlowDelay_s) tripHeater(s, hd.tag, 'low hot-oil flow');
    } else h.lowFlowTimer_s = 0;
  }
  if (stepBurner(m, s, dt)) modulate(m, s, dt);
  else if (s.tuning !== undefined) heaterIdle(m, s);
  // capacity is the duty at full fire with the design efficiency; a degraded heater passes less of the same fuel
  const eta = heaterEfficiency(s, m);
  h.duty_W = h.bms.flame ? h.firing_frac * hd.capacity_W * (eta === hd.efficiency ? 1 : eta / hd.efficiency) : 0;
  updateTubeFilm(m, s, dt);
}
