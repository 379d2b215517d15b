import type { Model } from '../../plantIndex';
import type { SimState } from '../../state';
import { viscosity } from '../../props/bitumen';
import type { GainSchedule } from './types';

// Gain scheduling of a tank loop on level and product viscosity. The loop's process gain (K/s per unit
// valve) is the coil's duty per valve over the product's heat capacity: the heat capacity grows with the
// mass (∝ level) and the coil's outside film, which limits its duty, falls as μ^−0.4 (coil.ts,
// PHYSICS.md §4). Holding the loop gain kp·k constant keeps the closed loop's speed and damping at every
// level and viscosity, so kp ∝ level·μ^0.4 about the point where the gains were found, Ti unchanged.

/** Exponent of the viscosity in the coil's outside coefficient U_o ∝ μ^−0.4 (PHYSICS.md §4, coil.ts). */
export const COIL_FILM_MU_EXP = 0.4;
const LEVELS = [0.05, 0.1, 0.2, 0.35, 0.5, 0.65, 0.8, 0.95];
const MU_FACTORS = [0.1, 0.3, 1, 3, 10];

const point = { level_frac: 0, viscosity_Pa_s: 0 };

/** The tank's level fraction (its level transmitter over the shell height) and viscosity at the PV (shared scratch). */
export function operatingPoint(m: Model, s: SimState, i: number): { level_frac: number; viscosity_Pa_s: number } {
  const tm = m.tanks[i];
  point.level_frac = s.instruments[tm.insLevel].value / tm.H_m;
  point.viscosity_Pa_s = viscosity(s.tanks[i].props, s.instruments[tm.insTemp].value);
  return point;
}

/** The schedule of gains (kp, ti) found at level L0 and viscosity μ0, over the levels and μ0·0.1…10. */
export function buildSchedule(kp: number, ti_s: number, L0: number, mu0: number): GainSchedule {
  const level0 = Math.max(L0, LEVELS[0]);
  const mus = MU_FACTORS.map((f) => f * mu0);
  return {
    level_frac: [...LEVELS],
    viscosity_Pa_s: mus,
    kp: LEVELS.map((L) => mus.map((mu) => kp * (L / level0) * (mu / mu0) ** COIL_FILM_MU_EXP)),
    ti_s: LEVELS.map(() => mus.map(() => ti_s)),
  };
}

/** j + w with x between xs[j] and xs[j+1] at weight w (clamped at the ends). */
function bracket(xs: number[], x: number): number {
  const n = xs.length;
  if (!(x > xs[0])) return 0;
  if (x >= xs[n - 1]) return n - 2 + 0.999999999;
  let j = 0;
  while (x > xs[j + 1]) j++;
  return j + (x - xs[j]) / (xs[j + 1] - xs[j]);
}

const out = { kp: 0, ti_s: 0 };

/** The schedule's gains at level L and viscosity μ: bilinear in level and ln μ, held at the table's edges. */
export function scheduleGains(g: GainSchedule, L: number, mu: number): { kp: number; ti_s: number } {
  const u = bracket(g.level_frac, L);
  const lnMu = Math.log(mu);
  const nv = g.viscosity_Pa_s.length;
  let v = 0;
  if (lnMu >= Math.log(g.viscosity_Pa_s[nv - 1])) v = nv - 2 + 0.999999999;
  else if (lnMu > Math.log(g.viscosity_Pa_s[0])) {
    let j = 0;
    while (lnMu > Math.log(g.viscosity_Pa_s[j + 1])) j++;
    const a = Math.log(g.viscosity_Pa_s[j]);
    v = j + (lnMu - a) / (Math.log(g.viscosity_Pa_s[j + 1]) - a);
  }
  const i0 = Math.floor(u);
  const j0 = Math.floor(v);
  const fu = u - i0;
  const fv = v - j0;
  out.kp = bilinear(g.kp, i0, j0, fu, fv);
  out.ti_s = bilinear(g.ti_s, i0, j0, fu, fv);
  return out;
}

function bilinear(t: number[][], i0: number, j0: number, fu: number, fv: number): number {
  return (
    (1 - fu) * ((1 - fv) * t[i0][j0] + fv * t[i0][j0 + 1]) + fu * ((1 - fv) * t[i0 + 1][j0] + fv * t[i0 + 1][j0 + 1])
  );
}
