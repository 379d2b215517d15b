import type { Model } from '../plantIndex';
import type { SimState } from '../state';
import { oilConductivity, oilCp, oilDensity, oilKinematicViscosity } from '../props/thermalOil';

// Heater tube inside-film temperature: the oil at the hottest tube wall (radiant section, peak flux at the
// outlet bulk temperature) must stay below its film limit (T66 375 °C, PHYSICS.md §8), which is why the
// tube velocity is kept above ~2 m/s. Film = T_bulk,out + q''_peak / h_i, h_i by Dittus–Boelter.

/** Dittus–Boelter, heating: Nu = 0.023·Re^0.8·Pr^0.4 (handbook value), turbulent flow. */
const DB_COEFF = 0.023;
/** Fully developed laminar flow at constant flux, Nu = 4.36 (handbook value): the floor with no flow. */
const NU_LAMINAR = 4.36;
/** Above this the oil is cracking at the wall; the reading is held here (estimate: a tube wall near red heat). */
const FILM_CEILING_C = 900;

export function updateTubeFilm(m: Model, s: SimState, dt: number): void {
  const h = s.hotOil;
  const hd = m.plant.hotOil.heater;
  const id = hd.tubeId_m;
  const area = (hd.tubePasses * Math.PI * id * id) / 4;
  const t = h.supply_C;
  const rho = oilDensity(t);
  const nu = oilKinematicViscosity(t);
  const k = oilConductivity(t);
  const v = h.flow_kg_s > 0 ? h.flow_kg_s / rho / area : 0;
  h.edge.tubeVelocity_m_s = v;
  if (!(h.duty_W > 0)) {
    h.edge.film_C = t;
    h.edge.filmHigh_s = 0;
    return;
  }
  const re = (v * id) / nu;
  const pr = (nu * rho * oilCp(t)) / k;
  const nuss = Math.max(DB_COEFF * Math.pow(re, 0.8) * Math.pow(pr, 0.4), NU_LAMINAR);
  const hi = (nuss * k) / id;
  const qPeak = (h.duty_W * hd.peakFluxFactor) / hd.radiantArea_m2;
  h.edge.film_C = Math.min(t + qPeak / hi, FILM_CEILING_C);
  h.edge.filmHigh_s = h.edge.film_C >= hd.maxFilm_C ? h.edge.filmHigh_s + dt : 0;
}
