import type { Model } from '../plantIndex';
import type { SimState } from '../state';
import { oilDensity, oilKinematicViscosity } from '../props/thermalOil';
import { G_M_S2, m3sToM3h } from '../units';

// The hot-oil pumps' suction and the oil's viscosity, as factors on the pump curve (hotOilLoop.ts):
// - NPSH available = (p_surface − p_vapour)/(ρ·g) + static head − suction loss (PHYSICS.md §8), the static
//   head from the expansion tank at its elevation; below the required NPSH the pump cavitates and loses head.
// - Once the expansion tank is empty the loop itself drains: gas collects at the high points, the free
//   surface falls through the return piping and the pump ingests gas; a few per cent gas and it loses prime.
// - Cold oil derates a centrifugal pump (ANSI/HI 9.6.7, PHYSICS.md §8): B from the best-efficiency point,
//   C_Q = 2.71^(−0.165·(log10 B)^3.15), C_H = 1 − (1 − C_Q) at that point, for 1 < B < 40.

const P_ATM_PA = 101325; // the expansion tank is vented (or blanketed) at atmospheric pressure, handbook value
/** T66 vapour pressure by Clausius–Clapeyron through its normal boiling point 359 °C (PHYSICS.md §8). */
const T66_NBP_K = 359 + 273.15;
const T66_HVAP_OVER_R_K = 9100; // ≈ 300 kJ/kg × 0.252 kg/mol / R, estimate
/** Gas fraction of the loop volume at which a centrifugal pump loses prime (typical 3–8 %, estimate). */
export const GAS_LOCK_FRAC = 0.05;
/** Suction-side friction at the pumps' maximum flow, m of oil (estimate). */
const SUCTION_LOSS_M = 1;
const BEP_FLOW_FRAC = 0.75; // best-efficiency flow against maximum flow, typical
const BEP_HEAD_FRAC = 0.8; // head at best efficiency against shut-off, typical

export function oilVapourPressure_Pa(t_C: number): number {
  return P_ATM_PA * Math.exp(T66_HVAP_OVER_R_K * (1 / T66_NBP_K - 1 / (t_C + 273.15)));
}

/** HI 9.6.7 flow factor C_Q for ν cSt, BEP flow m³/h, BEP head m, speed rpm (SI form, coefficient 16.5). */
export function viscosityFlowFactor(nu_cSt: number, q_m3h: number, head_m: number, rpm: number): number {
  const bParam = (16.5 * Math.sqrt(nu_cSt) * Math.pow(head_m, 0.0625)) / pumpSizeTerm(q_m3h, rpm);
  if (!(bParam > 1)) return 1;
  const lb = Math.log10(Math.min(bParam, 40));
  return Math.pow(2.71, -0.165 * Math.pow(lb, 3.15));
}

// Q^0.375·n^0.25 of the lead pump's data sheet: the same pump step after step, so its two powers are kept
// until the pump changes (the same expression, so the same double)
const sizeTerm = { q_m3h: Number.NaN, rpm: Number.NaN, value: 0 };
function pumpSizeTerm(q_m3h: number, rpm: number): number {
  if (q_m3h !== sizeTerm.q_m3h || rpm !== sizeTerm.rpm) {
    sizeTerm.q_m3h = q_m3h;
    sizeTerm.rpm = rpm;
    sizeTerm.value = Math.pow(q_m3h, 0.375) * Math.pow(rpm, 0.25);
  }
  return sizeTerm.value;
}

/** Update s.hotOil.edge's suction and viscosity factors from the last step's loop state. */
export function updatePumpSuction(m: Model, s: SimState): void {
  const ho = m.plant.hotOil;
  const h = s.hotOil;
  const e = h.edge;
  let npshR = 0;
  let lead = -1;
  let qMax_m3_s = 0;
  for (let i = 0; i < h.pumps.length; i++) {
    if (!h.pumps[i].running) continue;
    if (lead < 0) lead = i;
    npshR = Math.max(npshR, ho.pumps[i].npshRequired_m);
    qMax_m3_s += m.hydraulics.pumpMaxFlow_m3_s[i];
  }
  const x = ho.expansionTank;
  const t = h.return_C;
  const rho = oilDensity(t);
  const tankHeight_m = x.volume_m3 / ((Math.PI * x.diameter_m * x.diameter_m) / 4);
  const gasOpen = Math.max(1 - e.gas_frac / GAS_LOCK_FRAC, 0);
  const static_m = e.gas_frac > 0 ? x.elevation_m * gasOpen : x.elevation_m + h.expansionLevel_frac * tankHeight_m;
  let qFrac = 0;
  if (qMax_m3_s > 0) {
    let q = 0;
    for (let i = 0; i < h.pumps.length; i++) q += h.pumps[i].flow_m3_s;
    qFrac = Math.min(q / qMax_m3_s, 1);
  }
  e.npshA_m = (P_ATM_PA - oilVapourPressure_Pa(t)) / (rho * G_M_S2) + static_m - SUCTION_LOSS_M * qFrac * qFrac;
  // head holds until NPSHa falls to NPSHr, then collapses by the time it is half of it
  const npshFactor = npshR > 0 ? Math.min(Math.max((e.npshA_m - 0.5 * npshR) / (0.5 * npshR), 0), 1) : 1;
  e.suction_frac = npshFactor * gasOpen;
  if (lead < 0) {
    e.viscosityFlow_frac = 1;
    e.viscosityHead_frac = 1;
    return;
  }
  const p = ho.pumps[lead];
  const head_m = (BEP_HEAD_FRAC * m.hydraulics.pumpShutoff_Pa[lead]) / (rho * G_M_S2);
  // the HI chart's correlation is written for m³/h: converted at its edge
  const qBep_m3h = m3sToM3h(BEP_FLOW_FRAC * m.hydraulics.pumpMaxFlow_m3_s[lead]);
  const cq = viscosityFlowFactor(oilKinematicViscosity(t) * 1e6, qBep_m3h, head_m, p.speed_rpm);
  e.viscosityFlow_frac = cq;
  e.viscosityHead_frac = cq; // C_H = 1 − (1 − C_Q)·(Q/Q_BEP)^0.75 is C_Q at the best-efficiency point
}
