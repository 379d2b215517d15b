import { H_INSIDE_WALL_W_M2K, type Model } from './plantIndex';
import type { SimState } from './state';
import { ELEMENTS_PER_TANK, type StepScratch } from './scratch';
import { layerTops } from './components/tank';
import { measure } from './faultEffects';

// What the instruments report at the end of a step. First the true values each tank's instruments need
// (level, and the temperatures at the element heights) go into the scratch arrays; then every
// instrument reads its tank's entry there, through any sensor fault, and its quality is judged against
// its range (NAMUR NE 43). Also the wall-crust flag.

const STILL_AIR_H_W_M2K = 5.7; // outside film in still air, McAdams (PHYSICS.md §3)
/** Calibrated range of the tank temperature transmitters, typical for bitumen service. */
export const TEMP_RANGE_LO_C = 0;
export const TEMP_RANGE_HI_C = 300;
// NAMUR NE 43: a 4–20 mA signal below 3.8 mA or above 20.5 mA is a failure, i.e. 1.25 % under / 3.125 % over span
const NE43_UNDER_FRAC = 0.0125;
const NE43_OVER_FRAC = 0.03125;
// and cannot signal beyond its failure currents, 3.6 mA and 21 mA: 2.5 % under / 6.25 % over span, so a
// drifting transmitter pins there (bad) instead of reading −1000 °C
const SIGNAL_UNDER_FRAC = 0.025;
const SIGNAL_OVER_FRAC = 0.0625;

/** Quality of a reading against its range [lo, hi]: bad outside the NE 43 limits. */
export function outOfRange(v: number, lo: number, hi: number): boolean {
  const span = hi - lo;
  return !(v >= lo - NE43_UNDER_FRAC * span && v <= hi + NE43_OVER_FRAC * span);
}

const BOTTOM_ELEMENT_M = 0.5; // the lowest temperature element, above the floor

/** True level and element temperatures of every tank into mv.level_m and mv.elementT_C. */
function trueReadings(m: Model, s: SimState, mv: StepScratch): void {
  const tops = mv.tops_m;
  for (let i = 0; i < m.tanks.length; i++) {
    const tank = s.tanks[i];
    layerTops(m.tanks[i], tank, tops);
    const level_m = tank.mass_kg > 0 ? tops[tank.h_J_kg.length - 1] : 0;
    mv.level_m[i] = level_m;
    const e = i * ELEMENTS_PER_TANK;
    const n = tank.h_J_kg.length;
    // 0.5 m above the floor, then 25/50/75 % of the liquid height (0.25·k is exact for k = 1…3); the layer
    // found here in the loop, not by a call: a height passed to a call that is not inlined is boxed
    for (let k = 0; k < ELEMENTS_PER_TANK; k++) {
      const z = k === 0 ? BOTTOM_ELEMENT_M : 0.25 * k * level_m;
      if (tank.mass_kg <= 0 || z > tops[n - 1]) {
        mv.elementT_C[e + k] = tank.roof_C; // above the liquid: the vapour space
        continue;
      }
      let j = 0;
      while (j < n - 1 && !(z <= tops[j])) j++;
      mv.elementT_C[e + k] = tank.T_C[j];
    }
  }
}

// What each instrument reads, as codes and plant-constant bounds resolved once per model: the step then
// compares numbers, not kind strings, and does not rebuild a range's limits from its span per reading.
const READ_LEVEL = 0;
const READ_SWITCH = 1; // the level against the tank's high-high trip
const READ_TEMP_MEAN = 2; // the 25/50/75 % points: the control PV and the safety element
const READ_ELEMENT = 3; // one point in mv.elementT_C
const READ_ROOF = 4; // the vapour-space point
const READ_H2S = 5;
interface InstrumentTable {
  read: Int8Array;
  /** The instrument's tank. */
  tank: Int32Array;
  /** The tank's entry in mv.elementT_C for READ_ELEMENT. */
  element: Int32Array;
  /** READ_SWITCH: the trip level, m. */
  trip_m: Float64Array;
  /** 1 where the reading passes a 4–20 mA range (level, temperatures), with the signal's and NE 43's limits. */
  ranged: Uint8Array;
  signalLo: Float64Array;
  signalHi: Float64Array;
  goodLo: Float64Array;
  goodHi: Float64Array;
  /** Per tank: this step's mean of the 25/50/75 % points (READ_TEMP_MEAN), once for both its readers. */
  meanT_C: Float64Array;
  /** Per tank: the wall's U for the crust test, inside film and still air (plant constants). */
  crustU_W_m2K: Float64Array;
}
const tables = new WeakMap<Model, InstrumentTable>();

function instrumentTable(m: Model): InstrumentTable {
  let t = tables.get(m);
  if (t) return t;
  const n = m.instruments.length;
  t = {
    read: new Int8Array(n),
    tank: new Int32Array(n),
    element: new Int32Array(n),
    trip_m: new Float64Array(n),
    ranged: new Uint8Array(n),
    signalLo: new Float64Array(n),
    signalHi: new Float64Array(n),
    goodLo: new Float64Array(n),
    goodHi: new Float64Array(n),
    meanT_C: new Float64Array(m.tanks.length),
    crustU_W_m2K: new Float64Array(m.tanks.length),
  };
  for (let i = 0; i < m.tanks.length; i++) t.crustU_W_m2K[i] = 1 / (m.tanks[i].rWallFixed + 1 / STILL_AIR_H_W_M2K);
  for (let k = 0; k < n; k++) {
    const d = m.instruments[k];
    const tm = m.tanks[d.tank];
    t.tank[k] = d.tank;
    let lo = TEMP_RANGE_LO_C;
    let hi = TEMP_RANGE_HI_C;
    t.ranged[k] = 1;
    if (d.kind === 'level') {
      t.read[k] = READ_LEVEL;
      lo = 0;
      hi = tm.H_m;
    } else if (d.kind === 'levelSwitch') {
      t.read[k] = READ_SWITCH;
      t.trip_m[k] = tm.levelHH_m;
      t.ranged[k] = 0;
    } else if (d.kind === 'temp' || d.kind === 'tempSafety') t.read[k] = READ_TEMP_MEAN;
    else if (d.kind === 'tempPoint') {
      t.read[k] = d.point === 4 ? READ_ROOF : READ_ELEMENT;
      t.element[k] = d.tank * ELEMENTS_PER_TANK + d.point;
    } else {
      t.read[k] = READ_H2S;
      t.ranged[k] = 0;
    }
    // the same expressions as outOfRange()'s, so the same bounds to the last bit
    const span = hi - lo;
    t.signalLo[k] = lo - SIGNAL_UNDER_FRAC * span;
    t.signalHi[k] = hi + SIGNAL_OVER_FRAC * span;
    t.goodLo[k] = lo - NE43_UNDER_FRAC * span;
    t.goodHi[k] = hi + NE43_OVER_FRAC * span;
  }
  tables.set(m, t);
  return t;
}

export function stepInstruments(m: Model, s: SimState, dt: number, mv: StepScratch): void {
  trueReadings(m, s, mv);
  const t = instrumentTable(m);
  // the control PV, and the safety system's own multipoint element in its own thermowell: mean of the
  // 25/50/75 % points, so the two agree while both are healthy (a deviation means a fault)
  for (let i = 0, e = 0; i < m.tanks.length; i++, e += ELEMENTS_PER_TANK)
    t.meanT_C[i] = (mv.elementT_C[e + 1] + mv.elementT_C[e + 2] + mv.elementT_C[e + 3]) / 3;
  const faulted = s.faults.length > 0;
  const instruments = s.instruments;
  for (let k = 0; k < t.read.length; k++) {
    const tank = t.tank[k];
    const read = t.read[k];
    let truth: number;
    if (read === READ_LEVEL) truth = mv.level_m[tank];
    else if (read === READ_SWITCH) truth = mv.level_m[tank] >= t.trip_m[k] ? 1 : 0;
    else if (read === READ_TEMP_MEAN) truth = t.meanT_C[tank];
    else if (read === READ_ELEMENT) truth = mv.elementT_C[t.element[k]];
    else if (read === READ_ROOF) truth = s.tanks[tank].roof_C;
    else truth = s.tanks[tank].h2s_ppm;
    const rt = instruments[k];
    // without faults a reading is its truth: no call, so the double is never boxed to cross one
    let v = truth;
    if (!faulted) rt.drift = 0;
    else v = measure(s, m, k, truth, dt);
    if (t.ranged[k] === 1) {
      // what the 4–20 mA loop can carry (it pins at its failure currents), then its quality against NE 43
      v = Math.min(t.signalHi[k], Math.max(t.signalLo[k], v));
      rt.bad = !(v >= t.goodLo[k] && v <= t.goodHi[k]);
    }
    rt.value = v; // written once: the field is a heap box the reading would otherwise go through twice
  }
  // crust: the wall film of the coldest layer below the softening point (inside film, still air outside)
  const ambient_C = s.weather.ambient_C;
  for (let i = 0; i < m.tanks.length; i++) {
    const tank = s.tanks[i];
    const T = tank.T_C;
    let tMin = T[0];
    for (let j = 1; j < T.length; j++) if (T[j] < tMin) tMin = T[j];
    const u = t.crustU_W_m2K[i];
    tank.crust =
      tank.mass_kg > 0 && tMin - (u * (tMin - ambient_C)) / H_INSIDE_WALL_W_M2K < tank.props.softeningPoint_C;
  }
}
