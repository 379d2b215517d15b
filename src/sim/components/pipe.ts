import { barToPa } from '../units';

// Pressure drop in a full pipe (PHYSICS.md §6): Darcy–Weisbach with f = 64/Re (Hagen–Poiseuille) in
// laminar flow, Swamee–Jain (an explicit Colebrook) above; a power-law fluid through the Metzner–Reed
// Reynolds number.

/** Reynolds number below which pipe flow is laminar (PHYSICS.md §6). */
export const RE_LAMINAR_MAX = 2300;
/** Reynolds number above which pipe flow is taken as fully turbulent; linear in between. */
export const RE_TURBULENT_MIN = 4000;

/**
 * Darcy factor for the hot-path (coil branches every step): laminar 64/Re below 2300, Swamee–Jain
 * (within 1 % of Colebrook) above 4000, linear in between. One log and one power per call.
 */
export function frictionFactor(re: number, relRoughness: number): number {
  if (re <= 0) return 0;
  if (re < RE_LAMINAR_MAX) return 64 / re;
  if (re >= RE_TURBULENT_MIN) return swameeJain(re, relRoughness);
  const fl = 64 / RE_LAMINAR_MAX;
  return (
    fl +
    ((re - RE_LAMINAR_MAX) / (RE_TURBULENT_MIN - RE_LAMINAR_MAX)) * (swameeJain(RE_TURBULENT_MIN, relRoughness) - fl)
  );
}

function swameeJain(re: number, relRoughness: number): number {
  const l = Math.log10(relRoughness / 3.7 + 5.74 * Math.exp(-0.9 * Math.log(re)));
  return 0.25 / (l * l);
}

export const PIPE_ROUGHNESS_M = 4.5e-5; // commercial steel, Moody chart

/**
 * Δp (Pa) for volumetric flow q (m³/s) of a power-law fluid (K Pa·sⁿ, n; Newtonian when n = 1, K = μ)
 * of density rho through length L and inner diameter D.
 */
export function pressureDrop_Pa(q: number, L: number, D: number, rho: number, K: number, n: number): number {
  if (q <= 0) return 0;
  const area = (Math.PI * D * D) / 4;
  const v = q / area;
  // Metzner–Reed: Re = ρ v^(2−n) Dⁿ / (K·((3n+1)/(4n))ⁿ · 8^(n−1)); equals ρvD/μ when n = 1
  const re = (rho * v ** (2 - n) * D ** n) / (K * ((3 * n + 1) / (4 * n)) ** n * 8 ** (n - 1));
  const f = frictionFactor(re, PIPE_ROUGHNESS_M / D);
  return (f * L * rho * v * v) / (2 * D);
}

export function pressureDrop_bar(q: number, L: number, D: number, rho: number, K: number, n: number): number {
  return pressureDrop_Pa(q, L, D, rho, K, n) / barToPa(1);
}
