// Therminol 66 correlations from the manufacturer's data sheet (PHYSICS.md §2), T in °C.

/** ρ = 1020.62 − 0.614254·T − 3.21e-4·T² kg/m³ */
export function oilDensity(tC: number): number {
  return 1020.62 - 0.614254 * tC - 3.21e-4 * tC * tC;
}

/** cp = 1.496005 + 3.313e-3·T + 8.970785e-7·T² kJ/kg·K, returned in J/kg·K */
export function oilCp(tC: number): number {
  return (1.496005 + 3.313e-3 * tC + 8.970785e-7 * tC * tC) * 1000;
}

/** ∫cp dT from 25 °C, J/kg: the conserved quantity of the oil nodes. */
const cpIntegral = (t: number): number =>
  (1.496005 * t + (3.313e-3 / 2) * t * t + (8.970785e-7 / 3) * t * t * t) * 1000;
const CP_INTEGRAL_25 = cpIntegral(25);
export function oilEnthalpy(tC: number): number {
  return cpIntegral(tC) - CP_INTEGRAL_25;
}

/** Inverse of oilEnthalpy by Newton's method from a linear guess; converges in 2–3 steps. */
export function oilTemperatureFromEnthalpy(h: number, guessC = 150): number {
  let t = guessC;
  for (let i = 0; i < 4; i++) t -= (oilEnthalpy(t) - h) / oilCp(t);
  return t;
}

/** k = 0.118294 − 3.3e-5·T − 1.5e-7·T² W/m·K */
export function oilConductivity(tC: number): number {
  return 0.118294 - 3.3e-5 * tC - 1.5e-7 * tC * tC;
}

/** ν = exp(586.375/(T + 62.5) − 2.2809) cSt, returned in m²/s */
export function oilKinematicViscosity(tC: number): number {
  return Math.exp(586.375 / (tC + 62.5) - 2.2809) * 1e-6;
}
