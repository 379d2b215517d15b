import type { PlantData } from './schema';
import type { FieldError } from './load';
import { viscosity, type BitumenProps } from '../props/bitumen';
import { STEEL_CP_J_KGK, STEEL_RHO_KG_M3 } from '../plantIndex';

// Plant values that pass the schema one by one but break the model's numbers: each is refused at load
// with the field named, so that a plant that loads never yields a NaN or an Infinity.

/** The longest step the model takes (simulation.ts MAX_STABLE_DT_S); the roof node is explicit in it. */
const STEP_MAX_S = 10;
/** Linearised radiation between the liquid and the roof at 250 °C, 4σT³ rounded up (PHYSICS.md §3). */
const ROOF_RADIATION_MAX_W_M2K = 40;
/** The outside film in a hurricane with the cladding's radiation, McAdams at 60 m/s rounded up (PHYSICS.md §3). */
const OUTSIDE_FILM_MAX_W_M2K = 300;
/** A vapour-side film beyond this is a typing error, not a gas film (W/m²K): blame it rather than the plate. */
const VAPOUR_FILM_PLAUSIBLE_W_M2K = 100;
/** Pumpable and meaningful at 135 °C (Pa·s): hot-mix bitumen is 0.1–3, a PMA up to ~10 (PHYSICS.md §1). */
const VISC_135_MIN_PA_S = 1e-3;
const VISC_135_MAX_PA_S = 1e4;
/** No heating coil is a pipe wider than this (m, DN900); beyond it the coil's area overflows. */
const COIL_OD_MAX_M = 1;
/** Taller than any expansion tank (m): its level, NPSH and alarms divide by its cross-section. */
const EXPANSION_TANK_HEIGHT_MAX_M = 50;
/** Hot-oil cp for the loss bound, J/kg·K (PHYSICS.md §2, T66 near 250 °C). */
const OIL_CP_J_KGK = 2300;
/** The coldest product temperature the model reaches (°C): the viscosity must stay a number there. */
const COLDEST_C = -60;

function productViscosity(x: PlantData['products'][number], tC: number): number {
  return viscosity({ viscA: x.viscosity.A, viscB: x.viscosity.B } as BitumenProps, tC);
}

export function checkEdges(p: PlantData): FieldError[] {
  const errors: FieldError[] = [];
  p.products.forEach((x, i) => {
    const eta135 = productViscosity(x, 135);
    const cold = productViscosity(x, COLDEST_C);
    if (!(eta135 >= VISC_135_MIN_PA_S && eta135 <= VISC_135_MAX_PA_S && Number.isFinite(cold)))
      errors.push({
        path: `products[${i}].viscosity`,
        message:
          `A ${x.viscosity.A}, B ${x.viscosity.B} give ${eta135.toPrecision(3)} Pa·s at 135 °C and ` +
          `${cold.toPrecision(3)} Pa·s at ${COLDEST_C} °C; a bitumen has ${VISC_135_MIN_PA_S}–${VISC_135_MAX_PA_S} ` +
          `Pa·s at 135 °C and a finite viscosity when cold`,
      });
  });
  // the oil nodes lose heat explicitly: half the loop's UA on each node, within one step of its heat capacity
  const ho = p.hotOil;
  const nodeKg = Math.min(ho.heater.holdup_kg, ho.inventory_kg - ho.heater.holdup_kg);
  const uaMax = (2 * nodeKg * OIL_CP_J_KGK) / STEP_MAX_S;
  if (nodeKg > 0 && ho.loopLossUA_W_K > uaMax)
    errors.push({
      path: 'hotOil.loopLossUA_W_K',
      message: `${ho.loopLossUA_W_K} W/K would cool the oil nodes (${nodeKg.toFixed(0)} kg) faster than one ${STEP_MAX_S} s step; at most ${uaMax.toPrecision(3)} W/K`,
    });
  const x = p.hotOil.expansionTank;
  const height_m = x.volume_m3 / ((Math.PI * x.diameter_m ** 2) / 4);
  if (!(height_m <= EXPANSION_TANK_HEIGHT_MAX_M))
    errors.push({
      path: 'hotOil.expansionTank.diameter_m',
      message: `${x.volume_m3} m³ in a ${x.diameter_m} m vessel stands ${height_m.toPrecision(3)} m tall; an expansion tank is at most ${EXPANSION_TANK_HEIGHT_MAX_M} m`,
    });
  p.tanks.forEach((t, i) => {
    if (t.coil.od_m > COIL_OD_MAX_M)
      errors.push({
        path: `tanks[${i}].coil.od_m`,
        message: `${t.coil.od_m} m is no coil pipe; a heating coil is at most ${COIL_OD_MAX_M} m across`,
      });
    // the roof node is stepped explicitly: its time constant must exceed the longest step
    const area = (Math.PI * t.diameter_m ** 2) / 4;
    const roofArea = area / Math.cos((t.roof.slope_deg * Math.PI) / 180);
    const c_J_K = roofArea * t.roof.steelThickness_m * STEEL_RHO_KG_M3 * STEEL_CP_J_KGK;
    const uOut = 1 / (t.insulation.thickness_m / t.insulation.k_W_mK + 1 / OUTSIDE_FILM_MAX_W_M2K);
    const shell = Math.PI * t.diameter_m * t.shellHeight_m;
    const g_W_K = area * (t.roof.vapourFilm_W_m2K + ROOF_RADIATION_MAX_W_M2K) + (roofArea + shell) * uOut;
    const tau_s = c_J_K / g_W_K;
    if (!(tau_s >= STEP_MAX_S)) {
      const film = t.roof.vapourFilm_W_m2K > VAPOUR_FILM_PLAUSIBLE_W_M2K;
      errors.push({
        path: `tanks[${i}].roof.${film ? 'vapourFilm_W_m2K' : 'steelThickness_m'}`,
        message:
          `the roof's time constant is ${tau_s.toPrecision(3)} s, below the ${STEP_MAX_S} s step; ` +
          (film
            ? `a vapour-space gas film is a few W/m²K (at most ${VAPOUR_FILM_PLAUSIBLE_W_M2K})`
            : `a roof plate of ${t.roof.steelThickness_m} m is too thin to be a roof`),
      });
    }
  });
  return errors;
}
