import { cToK } from '../units';
import { oilConductivity, oilCp, oilDensity, oilKinematicViscosity } from '../props/thermalOil';
import type { TankModel } from '../plantIndex';
import { RE_LAMINAR_MAX } from './pipe';
import { gridKey, gridValue } from '../props/grid';
import type { TankState } from '../state';

// A hot-oil ring coil of several turns on the tank floor. Oil enters the bottom turn and leaves from the
// top one. Each turn exchanges heat with the layer it sits in, by ε-NTU for a tube in a well-stirred bath,
// in either direction. The site's calibration factor (coil.heatTransferFactor) scales the outside film.

/**
 * A coil's coefficients on their grids (props/grid.ts), one per tank, kept in the step's scratch: the inside
 * film's Re^0.8 on 12 bits (Nu within 1e-4), and per turn the outside coefficient on the film temperature
 * (16 bits, 3 mK at 420 K: μ^−0.4 within 1e-4) and the oil-to-product ΔT (10 bits: ΔT^0.14 within 1e-4), and
 * ε on NTU (12 bits: within 1.2e-4); the duty within 3e-4 of the exact chain (test/unit/sim/components/coil.test.ts
 * measures 1.7e-4 at worst over the service range). The correlations themselves are good to ±15 % (PHYSICS.md
 * §4); what the grids buy is that a coil in steady service does its transcendental work only when a cell is
 * crossed (its temperatures move by millikelvins a step), not ten times a tank a step.
 */
export interface CoilGrid {
  reKey: number;
  re08: number;
  /** The product's Walther constants the outside coefficients were computed for (a blend changes them). */
  viscA: number;
  viscB: number;
  filmKey: Float64Array;
  dTKey: Float64Array;
  uo: Float64Array;
  ntuKey: Float64Array;
  eff: Float64Array;
}
const RE_BITS = 12;
const FILM_T_BITS = 16;
const DT_BITS = 10;
const NTU_BITS = 12;

export function newCoilGrid(turns: number): CoilGrid {
  return {
    reKey: -1,
    re08: 0,
    viscA: Number.NaN,
    viscB: Number.NaN,
    filmKey: new Float64Array(turns).fill(-1),
    dTKey: new Float64Array(turns).fill(-1),
    uo: new Float64Array(turns),
    ntuKey: new Float64Array(turns).fill(-1),
    eff: new Float64Array(turns),
  };
}

/** Inside film, Dittus–Boelter above Re 1e4, laminar Nu 3.66 below 2300, linear in between (PHYSICS.md §4). */
const film = { tC: Number.NaN, mu: 0, k: 0, pr03: 0, re08: 0, h_W_m2K: 0 };
/** The exact correlation, for callers outside the step (the step's coils read Re^0.8 on their grid). */
export function insideFilm_W_m2K(mFlow: number, idM: number, tOilC: number): number {
  updateInsideFilm(mFlow, idM, tOilC, null);
  return film.h_W_m2K;
}
/** The inside film into film.h_W_m2K: a double left in a field, not returned, is not boxed per call. */
function updateInsideFilm(mFlow: number, idM: number, tOilC: number, g: CoilGrid | null): void {
  if (tOilC !== film.tC) {
    // every coil sees the same supply temperature in a step: oil properties once per step
    const rho = oilDensity(tOilC);
    film.tC = tOilC;
    film.mu = oilKinematicViscosity(tOilC) * rho;
    film.k = oilConductivity(tOilC);
    film.pr03 = ((oilCp(tOilC) * film.mu) / film.k) ** 0.3;
  }
  const { mu, k } = film;
  const re = (4 * mFlow) / (Math.PI * idM * mu);
  const nuLam = 3.66;
  // the turbulent Nu is only ever read at Re ≥ 1e4, or blended from there
  const reTurb = Math.max(re, 1e4);
  if (g === null) film.re08 = Math.exp(0.8 * Math.log(reTurb));
  else {
    const reKey = gridKey(reTurb, RE_BITS);
    if (reKey !== g.reKey) {
      g.reKey = reKey;
      g.re08 = Math.exp(0.8 * Math.log(gridValue(reKey, RE_BITS)));
    }
    film.re08 = g.re08;
  }
  const nuTurb = 0.023 * film.re08 * film.pr03;
  const nu =
    re <= RE_LAMINAR_MAX
      ? nuLam
      : re >= 1e4
        ? nuTurb
        : nuLam + ((re - RE_LAMINAR_MAX) / (1e4 - RE_LAMINAR_MAX)) * (nuTurb - nuLam);
  film.h_W_m2K = (nu * k) / idM;
}

/**
 * Outside coefficient in viscous bitumen: U_o ≈ 11.7·ΔT^0.14/μ^0.4 W/m²K, μ in Pa·s at the film temperature
 * (PHYSICS.md §4, an empirical correlation for coils in heavy oil; gives ≈ 50 W/m²K at storage temperature).
 */
export function outsideCoefficient_W_m2K(tOilC: number, tBulkC: number, muFilmPaS: number): number {
  return outsideCoefficientLn(tOilC, tBulkC, Math.log(muFilmPaS));
}
/** Same, from ln μ: 11.7·exp(0.14·ln ΔT − 0.4·ln μ). */
export function outsideCoefficientLn(tOilC: number, tBulkC: number, lnMu: number): number {
  // free convection works the same way round when the oil is the colder side: the magnitude of ΔT drives it
  const dT = Math.max(Math.abs(tOilC - tBulkC), 0.1);
  return 11.7 * Math.exp(0.14 * Math.log(dT) - 0.4 * lnMu);
}

/**
 * Where between bulk and oil the viscosity of the correlation is taken. 0.1 (near the bulk: the viscous
 * boundary layer is mostly cool product) reproduces PHYSICS.md §4's 17 / 28 / 40 / 54 W/m²K within ~15 %.
 */
export const FILM_FRACTION = 0.1;

/**
 * outsideCoefficientLn(tOil, tb, lnViscosity(product, film temperature)) from the film temperature in kelvin
 * and |ΔT| ≥ 0.1 K, written out with the product's Walther constants: 11.7·exp(0.14·ln ΔT − 0.4·ln μ).
 */
function outsideU(viscA: number, viscB: number, film_K: number, dT: number): number {
  const x = viscA + viscB * Math.log(film_K) * Math.LOG10E;
  const lnMu = Math.LN10 * (Math.exp(Math.LN10 * x) - 3);
  return 11.7 * Math.exp(0.14 * Math.log(dT) - 0.4 * lnMu);
}

export interface CoilResult {
  duty_W: number;
  outEnthalpyDrop_J_kg: number;
  exposed: boolean;
}

const result: CoilResult = { duty_W: 0, outEnthalpyDrop_J_kg: 0, exposed: false };

/**
 * Heat from the coil into the layers during dt. `tops` are the layer tops (m). Energy goes into tank.h
 * directly; returns the duty and the oil's enthalpy drop (J/kg) so the loop can close its balance.
 */
export function stepCoil(
  tm: TankModel,
  tank: TankState,
  tops: Float64Array,
  level: number,
  supplyC: number,
  dt: number,
  g?: CoilGrid,
): CoilResult {
  const mFlow = tank.coilFlow_kg_s;
  const n = tank.h_J_kg.length;
  result.duty_W = 0;
  result.outEnthalpyDrop_J_kg = 0;
  result.exposed = false;
  const heights = tm.turnHeights_m;
  for (let k = 0; k < heights.length; k++) if (heights[k] > level) result.exposed = true;
  if (mFlow <= 1e-6 || !(tank.mass_kg > 0)) return result;
  const cp = oilCp(supplyC);
  const d = tm.data.coil;
  // a tank model built by hand (a component test) gets its grid on first use
  // g: the plant's step passes the tank's grids; without them (the estimator, the capacity search, the MPC's
  // identification, which differentiate or bisect the duty and want it smooth) the exact correlations
  updateInsideFilm(mFlow, d.id_m, supplyC, g ?? null);
  const rInside = d.od_m / d.id_m / film.h_W_m2K;
  const factor = d.heatTransferFactor ?? 1; // site calibration of the outside correlation
  const p = tank.props;
  if (g !== undefined && (p.viscA !== g.viscA || p.viscB !== g.viscB)) {
    // another product in the tank: its outside coefficients are not the cells' any more
    g.viscA = p.viscA;
    g.viscB = p.viscB;
    g.filmKey.fill(-1);
  }
  const h = tank.h_J_kg;
  const T = tank.T_C;
  let tOil = supplyC;
  let duty = 0;
  let lastLayer = -1;
  let effectiveness = 0;
  for (let k = 0; k < heights.length; k++) {
    const z = heights[k];
    if (z > level) continue; // a turn above the liquid sits in vapour: it transfers (almost) nothing
    let j = 0;
    while (j < n - 1 && tops[j] < z) j++;
    const tb = T[j];
    // oil colder than the product (heater off, pumps running) takes heat back: q < 0 cools the layer
    if (j !== lastLayer) {
      // turns in the same layer share one film coefficient: the oil cools only a few kelvin per turn
      lastLayer = j;
      const film_K = cToK(tb + FILM_FRACTION * (tOil - tb));
      const dT = Math.max(Math.abs(tOil - tb), 0.1);
      if (g === undefined) {
        const u = 1 / (1 / (factor * outsideU(p.viscA, p.viscB, film_K, dT)) + rInside + tank.fouling_m2K_W);
        effectiveness = 1 - Math.exp(-(u * tm.turnArea_m2) / (mFlow * cp));
      } else {
        const filmKey = gridKey(film_K, FILM_T_BITS);
        const dTKey = gridKey(dT, DT_BITS);
        if (filmKey !== g.filmKey[k] || dTKey !== g.dTKey[k]) {
          g.filmKey[k] = filmKey;
          g.dTKey[k] = dTKey;
          g.uo[k] = outsideU(p.viscA, p.viscB, gridValue(filmKey, FILM_T_BITS), gridValue(dTKey, DT_BITS));
        }
        const u = 1 / (1 / (factor * g.uo[k]) + rInside + tank.fouling_m2K_W);
        // and so one NTU and one ε: the same u, area, flow and cp give the same exp(−NTU) for each of them
        const ntuKey = gridKey((u * tm.turnArea_m2) / (mFlow * cp), NTU_BITS);
        if (ntuKey !== g.ntuKey[k]) {
          g.ntuKey[k] = ntuKey;
          g.eff[k] = 1 - Math.exp(-gridValue(ntuKey, NTU_BITS));
        }
        effectiveness = g.eff[k];
      }
    }
    const q = effectiveness * mFlow * cp * (tOil - tb);
    h[j] += (q * dt) / (tank.mass_kg * tank.layerMass_frac[j]); // the layer the turn sits in
    duty += q;
    tOil -= q / (mFlow * cp);
  }
  result.duty_W = duty;
  result.outEnthalpyDrop_J_kg = duty / mFlow;
  return result;
}

/** Fouling (coking) grows while the oil film is hotter than 200 °C; maintenance resets it. Estimate: 1e-3 m²K/W a year at 250 °C. */
export const FOULING_RATE_M2K_W_PER_S_AT_250 = 1e-3 / (365 * 86400);
export function growFouling(tank: TankState, supplyC: number, dt: number): void {
  if (tank.coilFlow_kg_s > 0 && supplyC > 200)
    tank.fouling_m2K_W += FOULING_RATE_M2K_W_PER_S_AT_250 * ((supplyC - 200) / 50) * dt;
}
