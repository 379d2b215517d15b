import type { Model } from '../plantIndex';
import type { BayState, SimState } from '../state';

// Fire at a loading bay: a fire fault makes a pool fire grow, a portable extinguisher knocks it down
// while its agent lasts, and a fire knocked to nothing clears its fault. The bay's flame detector, the
// loading permissive and the fire alarm all use one threshold.

export const FIRE_GROWTH_PER_S = 1 / 60; // a pool fire reaches full size in about a minute, estimate
export const EXTINGUISH_PER_S = 1 / 15; // one 9 kg dry-powder unit knocks a small pool fire down in ~15 s, estimate
/** Fire intensity (0..1) above which the bay's flame detector sees it, estimate. */
export const FIRE_DETECTION_FRAC = 0.05;

export function fireDetected(bay: BayState): boolean {
  return bay.fire_frac > FIRE_DETECTION_FRAC;
}

/** Index into s.faults of the fire burning at this bay, or −1. */
function fireFaultAt(s: SimState, bayTag: string): number {
  for (let k = 0; k < s.faults.length; k++) {
    const f = s.faults[k].fault;
    if (f.kind === 'fire' && f.bay === bayTag) return k;
  }
  return -1;
}

export function stepFire(m: Model, s: SimState, dt: number): void {
  for (let b = 0; b < s.bays.length; b++) {
    const bay = s.bays[b];
    const tag = m.bays[b].tag;
    const burning = fireFaultAt(s, tag);
    if (bay.extinguishing) {
      bay.extinguisherAgent_s -= dt;
      if (bay.extinguisherAgent_s <= 0) {
        bay.extinguisherAgent_s = 0;
        bay.extinguishing = false;
      }
    }
    if (burning >= 0) {
      bay.fire_frac = Math.min(1, bay.fire_frac + (bay.extinguishing ? -EXTINGUISH_PER_S : FIRE_GROWTH_PER_S) * dt);
      if (bay.fire_frac <= 0) {
        bay.fire_frac = 0;
        const [f] = s.faults.splice(burning, 1);
        s.events.push({ type: 'fault', t_s: s.t_s, action: 'clear', id: f.id, fault: f.fault });
        s.events.push({ type: 'info', t_s: s.t_s, tag, message: 'fire extinguished' });
      }
    } else bay.fire_frac = Math.max(0, bay.fire_frac - EXTINGUISH_PER_S * dt);
  }
}
