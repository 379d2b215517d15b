import type { TankModel } from '../plantIndex';
import type { SimState, TankState } from '../state';
import { outsideFilm_W_m2K, solAir_C } from './weather';
import { wallResistance } from '../faultEffects';
import { claddingRadiation_W_m2K, surfaceToRoof_W_m2 } from './radiation';

/**
 * The mass guard: an exchange of conductance g (W/K) with a layer of heat capacity c (J/K) over dt, taken
 * implicitly in the layer's temperature, is the explicit one times 1/(1 + g·dt/c). A layer of any mass,
 * down to grams, then relaxes towards what it exchanges with and never overshoots it.
 */
export function massGuard(g_W_K: number, dt: number, c_J_K: number): number {
  if (!(c_J_K > 0)) return 0;
  const a = (g_W_K * dt) / c_J_K;
  return a < MASS_GUARD_FROM ? 1 : 1 / (1 + a); // an ordinary layer keeps the explicit step exactly
}
/** Below this g·dt/c the explicit step is within 0.1 % of the implicit one and is kept as it is. */
export const MASS_GUARD_FROM = 1e-3;

/**
 * Losses of one tank during dt (PHYSICS.md §3): wetted wall per layer through insulation, floor to ground
 * from the bottom layer to the ground, and the roof: a vapour-space node (roof plate + dry shell) coupled to
 * the top layer by a vapour-side film and by radiation from the liquid surface, and losing through the
 * insulated roof and dry shell. The roof assumption moves the total by ~25 %; the reference case gives
 * 6–9 kW. The outside film is McAdams plus the cladding's radiation (radiation.ts says how).
 * Conduction between layers uses the bitumen's k over the layer pitch. Returns the loss to ambient, W.
 */
export function stepTankLosses(
  tm: TankModel,
  tank: TankState,
  s: SimState,
  tops: Float64Array,
  level: number,
  dt: number,
): number {
  const n = tank.h_J_kg.length;
  const mass = tank.mass_kg;
  const f = tank.layerMass_frac;
  const cMass_J_K = mass * tank.props.cp25_J_kgK; // times a layer's share: the mass guard's heat capacity
  const ins = tm.data.insulation;
  const hConv = outsideFilm_W_m2K(s);
  // cladding temperature from the convective film alone, then its radiation at that temperature
  const tSky0 = solAir_C(s, ins.claddingAbsorptivity, hConv);
  const tIn = mass > 0 ? 0.5 * (tank.T_C[0] + tank.T_C[n - 1]) : tank.roof_C;
  const rWall = wallResistance(s, tm); // insulation damage, if any
  const tSurf = tSky0 + (tIn - tSky0) / (hConv * rWall + 1);
  const hOut = Math.max(hConv + claddingRadiation_W_m2K(ins.claddingEmissivity, tSurf, s.weather.ambient_C), 1);
  const tSky = solAir_C(s, ins.claddingAbsorptivity, hOut);
  const u = 1 / (rWall + 1 / hOut);
  const perimeter = Math.PI * tm.D_m;
  let loss = 0;
  if (mass > 0) {
    let z0 = 0;
    for (let i = 0; i < n; i++) {
      const g = u * perimeter * (tops[i] - z0);
      const q = g * (tank.T_C[i] - tSky) * massGuard(g, dt, cMass_J_K * f[i]);
      tank.h_J_kg[i] -= (q * dt) / (mass * f[i]);
      loss += q;
      z0 = tops[i];
    }
    // floor to ground
    const qf =
      massGuard(tm.floorH_W_m2K * tm.area_m2, dt, cMass_J_K * f[0]) *
      tm.floorH_W_m2K *
      tm.area_m2 *
      (tank.T_C[0] - s.weather.ground_C);
    tank.h_J_kg[0] -= (qf * dt) / (mass * f[0]);
    loss += qf;
    // conduction between layers
    const k = tank.props.k_W_mK;
    for (let i = 0; i < n - 1; i++) {
      const dz = 0.5 * (tops[i + 1] - (i > 0 ? tops[i - 1] : 0));
      if (dz <= 0) continue;
      const g = (k * tm.area_m2) / dz;
      // the guard on the smaller of the pair: conduction never overshoots the thinner layer
      const q = g * (tank.T_C[i] - tank.T_C[i + 1]) * massGuard(2 * g, dt, cMass_J_K * Math.min(f[i], f[i + 1]));
      tank.h_J_kg[i] -= (q * dt) / (mass * f[i]);
      tank.h_J_kg[i + 1] += (q * dt) / (mass * f[i + 1]);
    }
  }
  // roof / vapour-space node
  const dryArea = perimeter * Math.max(tm.H_m - level, 0);
  const qRoofOut = u * (tm.roofArea_m2 + dryArea) * (tank.roof_C - tSky);
  let qIn = 0;
  if (mass > 0) {
    // gas film plus radiation from the liquid surface to the roof and dry shell (PHYSICS.md §8)
    const top_C = tank.T_C[n - 1];
    qIn = tm.area_m2 * (tm.data.roof.vapourFilm_W_m2K * (top_C - tank.roof_C) + surfaceToRoof_W_m2(top_C, tank.roof_C));
    const dTop = tank.T_C[n - 1] - tank.roof_C;
    if (dTop !== 0) qIn *= massGuard(Math.abs(qIn / dTop), dt, cMass_J_K * f[n - 1]);
    tank.h_J_kg[n - 1] -= (qIn * dt) / (mass * f[n - 1]);
  }
  tank.roof_C += ((qIn - qRoofOut) * dt) / tm.roofC_J_K;
  loss += qRoofOut;
  tank.heatLoss_W = loss;
  return loss;
}

export const WATER_LATENT_J_KG = 2.257e6; // at 100 °C, steam tables
export const WATER_CP_J_KGK = 4186; // steam tables
export const STEAM_EXPANSION = 1600; // PHYSICS.md §7: ~1600× expansion
export const BOIL_H_W_M2K = 5000; // nucleate boiling of a water film on the floor under hot product, estimate
export const WATER_CONTACT_UA_W_K = 150; // free water warming through a settled sludge layer, estimate
export const DRAIN_KG_S = 1; // water draw-off valve, typical small bore
export const VENT_CAPACITY_M3_S = 0.5; // free vent of a cone-roof tank, estimate

/**
 * Water at the bottom boils once the bottom layer passes 100 °C; steam that the vent cannot pass
 * froths product over the roof. Returns the steam energy vented (J) and spilled mass (kg).
 */
export function stepWater(
  tank: TankState,
  floorArea_m2: number,
  dt: number,
  out: { steam_J: number; spill_kg: number; spill_J: number; vented_kg: number; water_J: number },
): void {
  out.steam_J = 0;
  out.spill_kg = 0;
  out.spill_J = 0;
  out.vented_kg = 0;
  out.water_J = 0;
  tank.steam_kg_s = 0;
  tank.frothOver = false;
  if (tank.water_kg <= 0 || tank.mass_kg <= 0) return;
  const n = tank.h_J_kg.length;
  const mLayer = tank.mass_kg * tank.layerMass_frac[0]; // the bottom layer, which the water lies under
  if (tank.drainOpen) {
    // drained water leaves at its own temperature: its enthalpy goes with it
    const d = Math.min(tank.water_kg, DRAIN_KG_S * dt);
    tank.water_kg -= d;
    out.vented_kg += d;
    out.water_J += d * WATER_CP_J_KGK * (tank.water_C - 25);
    if (tank.water_kg <= 1e-9) {
      tank.water_kg = 0;
      return;
    }
  }
  const tb = tank.T_C[0];
  // the water warms from the product above it; while below 100 °C it only takes sensible heat
  if (tank.water_C < 100) {
    const cWater_J_K = tank.water_kg * WATER_CP_J_KGK;
    const c_J_K = (mLayer * tank.props.cp25_J_kgK * cWater_J_K) / (mLayer * tank.props.cp25_J_kgK + cWater_J_K);
    const q = WATER_CONTACT_UA_W_K * (tb - tank.water_C) * dt * massGuard(WATER_CONTACT_UA_W_K, dt, c_J_K);
    tank.h_J_kg[0] -= q / mLayer;
    tank.water_C = Math.min(100, tank.water_C + q / (tank.water_kg * WATER_CP_J_KGK));
    return;
  }
  if (tb <= 100) return;
  // at 100 °C it boils against the product's superheat: the stored heat flashes it (PHYSICS.md §7)
  // no more than the bottom layer's superheat over 100 °C can flash in one step (the mass guard)
  const rate = Math.min(
    tank.water_kg / dt,
    (BOIL_H_W_M2K * floorArea_m2 * (tb - 100)) / WATER_LATENT_J_KG,
    (mLayer * tank.props.cp25_J_kgK * (tb - 100)) / (WATER_LATENT_J_KG * dt),
  );
  tank.water_kg -= rate * dt;
  tank.h_J_kg[0] -= (rate * WATER_LATENT_J_KG * dt) / mLayer;
  tank.steam_kg_s = rate;
  out.steam_J = rate * (WATER_LATENT_J_KG + WATER_CP_J_KGK * 75) * dt;
  out.vented_kg += rate * dt;
  const steamVolume = (rate / 1000) * STEAM_EXPANSION;
  if (steamVolume > VENT_CAPACITY_M3_S) {
    tank.frothOver = true;
    // foam carries product out through the vent and over the roof: 5 kg of product per kg of steam (estimate)
    const spill = Math.min(5 * rate * dt, (tank.mass_kg / n) * 0.5); // at most half an average layer a step
    out.spill_kg = spill;
    out.spill_J = spill * tank.h_J_kg[n - 1];
  }
}
