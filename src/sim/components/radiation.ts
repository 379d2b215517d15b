// Radiation at the tank's two surfaces that see something at another temperature: the cladding to the
// surroundings, and the liquid surface to the roof and dry shell above it (PHYSICS.md §8).

export const SIGMA_W_M2K4 = 5.67e-8; // Stefan–Boltzmann, PHYSICS.md §8
const K0 = 273.15;

/**
 * The emissivity McAdams' h_out ≈ 5.7 + 3.8·v already carries: its still-air term was measured on a plate
 * that radiates, and PHYSICS.md §3 says so. We read it as weathered cladding (ε ≈ 0.3, PHYSICS.md §8) and
 * add h_rad = ε·σ·(Ts² + Ta²)(Ts + Ta) only for the emissivity above that (painted cladding loses more) or
 * take it off below (new aluminium, ε 0.15, less): the §3 reference check stays where it was, and the
 * cladding's ε moves the loss the way it should.
 */
export const MCADAMS_EMISSIVITY = 0.3;

/** Radiative film of the cladding beyond what McAdams carries, W/m²K (negative for shiny cladding). */
export function claddingRadiation_W_m2K(emissivity: number, surface_C: number, ambient_C: number): number {
  const ts = surface_C + K0;
  const ta = ambient_C + K0;
  return (emissivity - MCADAMS_EMISSIVITY) * SIGMA_W_M2K4 * (ts * ts + ta * ta) * (ts + ta);
}

export const LIQUID_EMISSIVITY = 0.9; // bitumen surface, PHYSICS.md §8
export const STEEL_EMISSIVITY = 0.8; // roof plate and dry shell inside, PHYSICS.md §8
const GREY_PAIR = 1 / (1 / LIQUID_EMISSIVITY + 1 / STEEL_EMISSIVITY - 1);

/** Net radiation from the liquid surface to the roof, two parallel grey surfaces: σ(T1⁴ − T2⁴)/(1/ε1 + 1/ε2 − 1), W/m². */
export function surfaceToRoof_W_m2(liquid_C: number, roof_C: number): number {
  const t1 = liquid_C + K0;
  const t2 = roof_C + K0;
  const t1s = t1 * t1;
  const t2s = t2 * t2;
  return GREY_PAIR * SIGMA_W_M2K4 * (t1s * t1s - t2s * t2s);
}
