import { cToK } from '../units';

/** Properties of a (possibly blended) bitumen, mass-weighted as a tank's contents change. */
export interface BitumenProps {
  rho25_kg_m3: number;
  expansion_1_K: number; // Shell Bitumen Handbook App. 1: 6.1e-4 1/K, 15–200 °C
  cp25_J_kgK: number; // Cragoe, NBS Misc. Pub. 97: 1740 J/kg·K at 25 °C
  cpSlope_J_kgK2: number; // Cragoe: +3.4 J/kg·K per K
  k_W_mK: number; // 0.13 W/m·K, uncertain (PHYSICS.md §1)
  viscA: number; // Walther / ASTM D341: log10 log10 η[mPa·s] = A + B·log10 T[K]
  viscB: number;
  powerLawIndex: number; // n = 1 Newtonian; < 1 shear-thinning (PMA)
  referenceShearRate_1_s: number; // shear rate at which the Walther fit gives the apparent viscosity
  softeningPoint_C: number;
  flashPoint_C: number;
}

/**
 * A copy of p in one fixed shape. Every tank's props then share one hidden class whose fields are all held
 * as doubles (the first record made here is all NaN), so the step's reads of them stay monomorphic and
 * allocate nothing; products whose data differ only by an integer (ρ 1030 against 1030.5) would
 * otherwise give two shapes, and each read of a double field through both boxes a new number.
 */
export function copyProps(p: BitumenProps): BitumenProps {
  return {
    rho25_kg_m3: p.rho25_kg_m3,
    expansion_1_K: p.expansion_1_K,
    cp25_J_kgK: p.cp25_J_kgK,
    cpSlope_J_kgK2: p.cpSlope_J_kgK2,
    k_W_mK: p.k_W_mK,
    viscA: p.viscA,
    viscB: p.viscB,
    powerLawIndex: p.powerLawIndex,
    referenceShearRate_1_s: p.referenceShearRate_1_s,
    softeningPoint_C: p.softeningPoint_C,
    flashPoint_C: p.flashPoint_C,
  };
}
// the first record of the shape, all NaN: it makes every field of the shape a double
copyProps(new Proxy({} as BitumenProps, { get: () => Number.NaN }));

/** ρ(T) = ρ25·(1 − β·(T − 25)), PHYSICS.md §1. */
export function density(p: BitumenProps, tC: number): number {
  return p.rho25_kg_m3 * (1 - p.expansion_1_K * (tC - 25));
}

/** cp(T) = cp25 + s·(T − 25) J/kg·K (Cragoe 1929). */
export function specificHeat(p: BitumenProps, tC: number): number {
  return p.cp25_J_kgK + p.cpSlope_J_kgK2 * (tC - 25);
}

/** Specific enthalpy relative to 25 °C, the integral of cp: the conserved quantity of every layer. */
export function enthalpy(p: BitumenProps, tC: number): number {
  const d = tC - 25;
  return p.cp25_J_kgK * d + 0.5 * p.cpSlope_J_kgK2 * d * d;
}

/** Inverse of enthalpy(): the root of ½s·d² + a·d − h = 0 that is continuous through d = 0. */
export function temperatureFromEnthalpy(p: BitumenProps, h: number): number {
  const a = p.cp25_J_kgK;
  const s = p.cpSlope_J_kgK2;
  if (s === 0) return 25 + h / a;
  // 2h / (a + sqrt(a² + 2sh)) avoids cancellation for small h
  const disc = a * a + 2 * s * h;
  return 25 + (2 * h) / (a + Math.sqrt(disc > 0 ? disc : 0));
}

/** Newtonian (or apparent, at the reference shear rate) dynamic viscosity in Pa·s, Walther form. */
export function viscosity(p: BitumenProps, tC: number): number {
  return Math.exp(lnViscosity(p, tC));
}

const LN10 = Math.LN10;
/** ln η[Pa·s], the form the coil correlation needs: ln η = ln10·(10^(A + B·log10 T) − 3). Uses exp/log only (hot path). */
export function lnViscosity(p: BitumenProps, tC: number): number {
  const x = p.viscA + p.viscB * Math.log(cToK(tC)) * Math.LOG10E;
  return LN10 * (Math.exp(LN10 * x) - 3);
}

/** Power-law consistency K (Pa·sⁿ) so that K·γ̇ref^(n−1) equals the Walther viscosity. */
export function consistency(p: BitumenProps, tC: number): number {
  return viscosity(p, tC) * p.referenceShearRate_1_s ** (1 - p.powerLawIndex);
}

/**
 * Blend two bitumens by mass: log-log (Walther/Refutas-style) viscosity blending, which for the Walther
 * form is a mass-weighted mean of A and B; density volume-additive; the rest mass-weighted.
 */
export function blend(a: BitumenProps, ma: number, b: BitumenProps, mb: number, out: BitumenProps): BitumenProps {
  const m = ma + mb;
  if (m <= 0) return Object.assign(out, a);
  const wa = ma / m;
  const wb = mb / m;
  out.rho25_kg_m3 = 1 / (wa / a.rho25_kg_m3 + wb / b.rho25_kg_m3);
  out.expansion_1_K = wa * a.expansion_1_K + wb * b.expansion_1_K;
  out.cp25_J_kgK = wa * a.cp25_J_kgK + wb * b.cp25_J_kgK;
  out.cpSlope_J_kgK2 = wa * a.cpSlope_J_kgK2 + wb * b.cpSlope_J_kgK2;
  out.k_W_mK = wa * a.k_W_mK + wb * b.k_W_mK;
  out.viscA = wa * a.viscA + wb * b.viscA;
  out.viscB = wa * a.viscB + wb * b.viscB;
  out.powerLawIndex = wa * a.powerLawIndex + wb * b.powerLawIndex;
  out.referenceShearRate_1_s = wa * a.referenceShearRate_1_s + wb * b.referenceShearRate_1_s;
  out.softeningPoint_C = wa * a.softeningPoint_C + wb * b.softeningPoint_C;
  out.flashPoint_C = Math.min(a.flashPoint_C, b.flashPoint_C);
  return out;
}
