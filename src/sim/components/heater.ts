import type { Model } from '../plantIndex';
import type { SimState } from '../state';
import { piStep } from '../control/pid';
import { hasFault } from '../faultEffects';

// Fired heater H-201: burner management (purge → light-off at minimum fire → modulating), firing-rate PI
// on the supply temperature, and its trips. A trip latches until it is reset with its cause gone.

export const LIGHTOFF_TIME_S = 10; // burner-management light-off period, typical
export const HOT_STANDBY_BAND_K = 15; // burner stops at minimum fire this far above set point, relights below it

export function tripHeater(s: SimState, tag: string, cause: string): void {
  const h = s.hotOil;
  if (h.heaterMode === 'tripped') return;
  h.heaterMode = 'tripped';
  h.tripCause = cause;
  h.firing = 0;
  h.duty_W = 0;
  s.events.push({ type: 'trip', t_s: s.t_s, tag, cause });
}

export function heaterTripCauseNow(m: Model, s: SimState): string | null {
  const h = s.hotOil;
  const hd = m.plant.hotOil.heater;
  if (hasFault(s, 'powerFailure')) return 'power failure';
  if (s.esd) return 'emergency shutdown';
  if (hasFault(s, 'heaterFlameFailure') && (h.heaterMode === 'running' || h.heaterMode === 'lightoff'))
    return 'flame failure';
  if (h.supply_C >= hd.tripOilTemp_C) return 'high oil temperature';
  if (h.stack_C >= hd.tripStackTemp_C) return 'high stack temperature';
  return null;
}

const heaterMem = { integral: 0, output: 0 };

export function stepHeater(m: Model, s: SimState, dt: number): void {
  const h = s.hotOil;
  const hd = m.plant.hotOil.heater;
  if (h.heaterMode !== 'tripped' && h.heaterMode !== 'off') {
    const cause = heaterTripCauseNow(m, s);
    if (cause) tripHeater(s, hd.tag, cause);
    else if (h.flow_kg_s < hd.lowFlowTrip_kg_s) {
      h.lowFlowTimer_s += dt;
      if (h.lowFlowTimer_s >= hd.lowFlowDelay_s) tripHeater(s, hd.tag, 'low hot-oil flow');
    } else h.lowFlowTimer_s = 0;
  }
  switch (h.heaterMode) {
    case 'off':
    case 'tripped':
      h.firing = 0;
      break;
    case 'purge':
      h.firing = 0;
      h.heaterTimer_s += dt;
      if (h.heaterTimer_s >= hd.purgeTime_s) {
        h.heaterMode = 'lightoff';
        h.heaterTimer_s = 0;
        s.events.push({ type: 'info', t_s: s.t_s, tag: hd.tag, message: 'purge complete, lighting off' });
      }
      break;
    case 'lightoff':
      h.firing = hd.minFiring;
      h.heaterTimer_s += dt;
      if (h.heaterTimer_s >= LIGHTOFF_TIME_S) {
        h.heaterMode = 'running';
        h.integral = hd.minFiring;
        s.events.push({ type: 'info', t_s: s.t_s, tag: hd.tag, message: 'flame proven, firing released to control' });
      }
      break;
    case 'running': {
      // hot standby: the burner stops above the band and relights below the set point
      if (h.firing === 0 && h.supply_C > h.setpoint_C) break;
      const mem = heaterMem;
      mem.integral = h.integral;
      mem.output = h.firing;
      let f = piStep(mem, hd, h.setpoint_C, h.supply_C, 0, dt);
      h.integral = mem.integral;
      if (h.supply_C > h.setpoint_C + HOT_STANDBY_BAND_K) f = 0;
      else f = Math.max(f, hd.minFiring);
      h.firing = f;
      break;
    }
  }
  h.duty_W = h.firing * hd.capacity_W;
}
