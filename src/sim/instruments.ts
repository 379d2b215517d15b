import { H_INSIDE_WALL_W_M2K, type Model } from './plantIndex';
import type { SimState, TankState } from './state';
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

/** What the 4–20 mA loop can carry of a reading v on the range [lo, hi]. */
function signal(v: number, lo: number, hi: number): number {
  const span = hi - lo;
  return Math.min(hi + SIGNAL_OVER_FRAC * span, Math.max(lo - SIGNAL_UNDER_FRAC * span, v));
}
const BOTTOM_ELEMENT_M = 0.5; // the lowest temperature element, above the floor

/**
 * The layer an element at height z sits in, given the tank's layer tops; −1 above the liquid, where it
 * reads the vapour space. An index, not a temperature: a call that is not inlined returns an integer
 * without boxing it, so the step allocates nothing here.
 */
function layerAt(tank: TankState, tops: Float64Array, z: number): number {
  const n = tank.h_J_kg.length;
  if (tank.mass_kg <= 0 || z > tops[n - 1]) return -1;
  for (let j = 0; j < n; j++) if (z <= tops[j]) return j;
  return n - 1;
}

/** True level and element temperatures of every tank into mv.level_m and mv.elementT_C. */
function trueReadings(m: Model, s: SimState, mv: StepScratch): void {
  const tops = mv.tops_m;
  for (let i = 0; i < m.tanks.length; i++) {
    const tank = s.tanks[i];
    layerTops(m.tanks[i], tank, tops);
    const level_m = tank.mass_kg > 0 ? tops[tank.h_J_kg.length - 1] : 0;
    mv.level_m[i] = level_m;
    const e = i * ELEMENTS_PER_TANK;
    // 0.5 m above the floor, then 25/50/75 % of the liquid height (0.25·k is exact for k = 1…3)
    for (let k = 0; k < ELEMENTS_PER_TANK; k++) {
      const j = layerAt(tank, tops, k === 0 ? BOTTOM_ELEMENT_M : 0.25 * k * level_m);
      mv.elementT_C[e + k] = j < 0 ? tank.roof_C : tank.T_C[j];
    }
  }
}

export function stepInstruments(m: Model, s: SimState, dt: number, mv: StepScratch): void {
  trueReadings(m, s, mv);
  for (let k = 0; k < m.instruments.length; k++) {
    const d = m.instruments[k];
    const level_m = mv.level_m[d.tank];
    const e = d.tank * ELEMENTS_PER_TANK;
    let truth = 0;
    switch (d.kind) {
      case 'level':
        truth = level_m;
        break;
      case 'levelSwitch':
        truth = level_m >= m.tanks[d.tank].levelHH_m ? 1 : 0;
        break;
      case 'temp':
      case 'tempSafety':
        // the control PV, and the safety system's own multipoint element in its own thermowell: mean of
        // the 25/50/75 % points, so the two agree while both are healthy (a deviation means a fault)
        truth = (mv.elementT_C[e + 1] + mv.elementT_C[e + 2] + mv.elementT_C[e + 3]) / 3;
        break;
      case 'tempPoint':
        truth = d.point === 4 ? s.tanks[d.tank].roof_C : mv.elementT_C[e + d.point];
        break;
      case 'h2s':
        truth = s.tanks[d.tank].h2s_ppm;
        break;
    }
    const rt = s.instruments[k];
    // without faults a reading is its truth: no call, so the double is never boxed to cross one
    if (s.faults.length === 0) {
      rt.drift = 0;
      rt.value = truth;
    } else rt.value = measure(s, m, k, truth, dt);
    if (d.kind === 'level') {
      rt.value = signal(rt.value, 0, m.tanks[d.tank].H_m);
      rt.bad = outOfRange(rt.value, 0, m.tanks[d.tank].H_m);
    } else if (d.kind === 'temp' || d.kind === 'tempPoint' || d.kind === 'tempSafety') {
      rt.value = signal(rt.value, TEMP_RANGE_LO_C, TEMP_RANGE_HI_C);
      rt.bad = outOfRange(rt.value, TEMP_RANGE_LO_C, TEMP_RANGE_HI_C);
    }
  }
  // crust: the wall film of the coldest layer below the softening point (inside film, still air outside)
  for (let i = 0; i < m.tanks.length; i++) {
    const tank = s.tanks[i];
    let tMin = tank.T_C[0];
    for (let j = 1; j < tank.T_C.length; j++) if (tank.T_C[j] < tMin) tMin = tank.T_C[j];
    const u = 1 / (m.tanks[i].rWallFixed + 1 / STILL_AIR_H_W_M2K);
    tank.crust =
      tank.mass_kg > 0 && tMin - (u * (tMin - s.weather.ambient_C)) / H_INSIDE_WALL_W_M2K < tank.props.softeningPoint_C;
  }
}
