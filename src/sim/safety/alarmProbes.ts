import type { SimState } from '../state';
import { MPC_FALLBACK } from '../control/mpc/state';

// The common alarm inputs as data (a probe code and an index) instead of a closure each: evaluateAlarms
// reads ~300 alarms every step, and ~200 different closures called from its one call site cost a
// megamorphic call apiece. A probe is read through one switch the optimiser inlines; its `read`
// closure (probeReader) goes through the same switch, so the value has one definition.

export const PROBE_NONE = -1;
export const PROBE_COIL_EXPOSED = 0; // s.tanks[k].coilExposed
export const PROBE_TANK_FROTH = 1; // s.tanks[k].frothOver
export const PROBE_OIL_FLAMMABLE = 2; // s.oilIngress[k].flammable
export const PROBE_OIL_FIRE = 3; // s.oilIngress[k].fire
export const PROBE_OVERFLOWING = 4; // s.tanks[k].vessel.overflowing
export const PROBE_LAGGING = 5; // s.tanks[k].vessel.laggingFireRisk
export const PROBE_ROOF_TORN = 6; // s.tanks[k].vessel.roofSeamTorn
export const PROBE_BUCKLED = 7; // s.tanks[k].vessel.shellBuckled
export const PROBE_LOADING_STOP = 8; // s.tanks[k].vessel.loadingStop
export const PROBE_VAPOUR_GAUGE = 9; // s.tanks[k].vessel.vapourGauge_Pa, a value
export const PROBE_INSTRUMENT_BAD = 10; // s.instruments[k].bad
export const PROBE_LINE_PLUGGED = 11; // s.productLines[k].plugged
export const PROBE_ARM_FROTH = 12; // s.arms[k].frothOver
export const PROBE_MPC_FALLBACK = 13; // s.mpc.tanks[k] fell back to PI
export const PROBE_TEMP_DEVIATION = 14; // instruments k and k2 (both good) more than TEMP_DEVIATION_K apart
export const PROBE_LOADING_LEVEL = 15; // instrument k2, the level of tank k, while k is lined up to loading

/** The control PV and the independent element read the same points: more apart than this is a fault. */
export const TEMP_DEVIATION_K = 5; // estimate: a few kelvin above the two elements' combined tolerance
/** A tank's outlet counts as lined up to the header above this opening (as in loading.ts). */
export const LINED_UP_FRAC = 0.05;

/** The value of probe `p` at index k (and k2): 1 or 0 for a flag, the reading for a value. */
export function probeValue(s: SimState, p: number, k: number, k2 = 0): number {
  switch (p) {
    case PROBE_COIL_EXPOSED:
      return s.tanks[k].coilExposed ? 1 : 0;
    case PROBE_TANK_FROTH:
      return s.tanks[k].frothOver ? 1 : 0;
    case PROBE_OIL_FLAMMABLE:
      return s.oilIngress[k].flammable ? 1 : 0;
    case PROBE_OIL_FIRE:
      return s.oilIngress[k].fire ? 1 : 0;
    case PROBE_OVERFLOWING:
      return s.tanks[k].vessel.overflowing ? 1 : 0;
    case PROBE_LAGGING:
      return s.tanks[k].vessel.laggingFireRisk ? 1 : 0;
    case PROBE_ROOF_TORN:
      return s.tanks[k].vessel.roofSeamTorn ? 1 : 0;
    case PROBE_BUCKLED:
      return s.tanks[k].vessel.shellBuckled ? 1 : 0;
    case PROBE_LOADING_STOP:
      return s.tanks[k].vessel.loadingStop ? 1 : 0;
    case PROBE_VAPOUR_GAUGE:
      return s.tanks[k].vessel.vapourGauge_Pa;
    case PROBE_INSTRUMENT_BAD:
      return s.instruments[k].bad ? 1 : 0;
    case PROBE_LINE_PLUGGED:
      return s.productLines[k].plugged ? 1 : 0;
    case PROBE_ARM_FROTH:
      return s.arms[k].frothOver ? 1 : 0;
    case PROBE_MPC_FALLBACK:
      return s.mpc?.tanks[k].status === MPC_FALLBACK ? 1 : 0;
    case PROBE_TEMP_DEVIATION: {
      const a = s.instruments[k];
      const b = s.instruments[k2];
      return !a.bad && !b.bad && Math.abs(a.value - b.value) > TEMP_DEVIATION_K ? 1 : 0;
    }
    case PROBE_LOADING_LEVEL:
      return s.tanks[k].outletPos_frac > LINED_UP_FRAC ? s.instruments[k2].value : Number.MAX_VALUE;
  }
  return 0;
}

/** A reader of probe `p` at k (and k2), marked with them so that the alarm list resolves them (alarmDefs.ts). */
export function probeReader(p: number, k: number, k2 = 0): (s: SimState) => number {
  const read = (s: SimState) => probeValue(s, p, k, k2);
  read.probe = p;
  read.probeIndex = k;
  read.probeIndex2 = k2;
  return read;
}
