import { G_M_S2 } from '../units';

// Heat-jacketed external gear pump on a VFD (PHYSICS.md §6): Q = displacement·speed·η_vol, with slip back
// through the clearances growing with Δp and falling with viscosity, and a relief valve that recirculates
// whatever the line cannot take at the relief setting.

export const SLIP_REFERENCE_VISCOSITY_PA_S = 0.1; // η_vol quoted at 0.1 Pa·s, pump makers' data (typical)

export function volumetricEfficiency(slipCoefficient: number, dp_Pa: number, relief_Pa: number, muPaS: number): number {
  const slip = slipCoefficient * (dp_Pa / relief_Pa) * Math.sqrt(SLIP_REFERENCE_VISCOSITY_PA_S / Math.max(muPaS, 1e-4));
  return Math.min(0.99, Math.max(0.3, 1 - slip));
}

/** A gear pump's operating point: flow, differential pressure, and whether the relief valve passes. */
export interface GearPumpPoint {
  q_m3_s: number;
  dp_Pa: number;
  relief: boolean;
}

/**
 * Operating point of the pump against a line Δp(Q) (Pa, Q in m³/s), the relief valve set at relief_Pa.
 * Bisection keeps it allocation-free and bounded.
 */
export function gearPumpPoint(
  displacement_m3_rev: number,
  speed_rpm: number,
  slipCoefficient: number,
  relief_Pa: number,
  muPaS: number,
  lineDp_Pa: (q_m3_s: number) => number,
  out: GearPumpPoint,
): void {
  const qTheory = (displacement_m3_rev * speed_rpm) / 60;
  out.relief = false;
  if (qTheory <= 0) {
    out.q_m3_s = 0;
    out.dp_Pa = 0;
    return;
  }
  let dp = lineDp_Pa(qTheory);
  const q = qTheory * volumetricEfficiency(slipCoefficient, Math.min(dp, relief_Pa), relief_Pa, muPaS);
  dp = lineDp_Pa(q);
  if (dp <= relief_Pa) {
    out.q_m3_s = q;
    out.dp_Pa = Math.max(dp, 0);
    return;
  }
  // relief passing: the line takes the flow whose Δp equals the relief setting
  let lo = 0;
  let hi = q;
  for (let i = 0; i < 30; i++) {
    const mid = 0.5 * (lo + hi);
    if (lineDp_Pa(mid) > relief_Pa) hi = mid;
    else lo = mid;
  }
  out.q_m3_s = lo;
  out.dp_Pa = relief_Pa;
  out.relief = true;
}

/** Atmospheric pressure at the tank's liquid surface with a free vent, Pa (standard atmosphere). */
export const P_ATM_PA = 101325;
/** NPSH a loading gear pump needs on viscous product, m of liquid (typical of makers' data, 2–4 m). */
export const GEAR_NPSHR_M = 3;

/**
 * NPSH available at a pump drawing from a tank (PHYSICS.md §8): (p_surface − p_vapour)/(ρg) + static head −
 * suction losses. Bitumen's vapour pressure at storage temperature is negligible; the vapour space may be
 * above or below atmosphere when the vent is blocked. `head_m` is the liquid above the nozzle.
 */
export function npshAvailable_m(gauge_Pa: number, rho_kg_m3: number, head_m: number, suctionLoss_Pa: number): number {
  return (P_ATM_PA + gauge_Pa - suctionLoss_Pa) / (rho_kg_m3 * G_M_S2) + head_m;
}

/**
 * Share of the displacement the pump fills at this NPSH: 1 with margin, falling linearly to 0 at none
 * (cavitation starves a positive-displacement pump rather than cutting it off at once).
 */
export function fillFraction(npsha_m: number): number {
  return Math.max(0, Math.min(1, npsha_m / GEAR_NPSHR_M));
}
