import { oilDensity, oilKinematicViscosity, oilTemperatureFromEnthalpy } from '../props/thermalOil';
import { frictionFactor, PIPE_ROUGHNESS_M } from './pipe';
import type { Model } from '../plantIndex';
import type { HotOilState, SimState } from '../state';
import { PA_PER_BAR } from '../units';
import { updatePumpSuction } from './hotOilPumps';

// The closed thermal-oil loop: duty/standby centrifugal pumps → fired heater → supply header → ten coil
// branches in parallel (each a control valve plus coil and drop piping) and a fixed bypass → return header
// with the expansion tank → pumps. Two well-mixed oil nodes hold its energy: the heater with the supply
// header (fixed mass) and the return header with the expansion tank (mass falls with a coil leak).

/**
 * Solve the flow split. Branch friction factors lag one step (deterministic; the coil friction changes
 * slowly), which turns the network into a closed form: pump curve Δp0·(1 − (Q/Qmax)²) against the heater's
 * R·Q² in series with the parallel branches, each Δp = K_i·q_i². In Pa and m³/s throughout: a valve of
 * Kv (m³/s, converted from the data sheet's m³/h in the plant index) passes Q = Kv·√(Δp / (1 bar · sg)),
 * so its K = sg · 1 bar / Kv².
 */
export function solveHydraulics(m: Model, s: SimState, anyPumpAllowed: boolean): void {
  const ho = m.plant.hotOil;
  const hd = m.hydraulics;
  const h = s.hotOil;
  const branchK = m.scratch.branchK;
  updatePumpSuction(m, s);
  // the curve shrinks with cavitation or gas (head) and with viscous cold oil (head and flow)
  const headFactor = h.edge.suction_frac * h.edge.viscosityHead_frac;
  const flowFactor = h.edge.viscosityFlow_frac;
  let shutoff_Pa = 0;
  let qMax_m3_s = 0;
  for (let i = 0; i < h.pumps.length; i++) {
    const p = h.pumps[i];
    if (p.running && anyPumpAllowed) {
      shutoff_Pa = Math.max(shutoff_Pa, hd.pumpShutoff_Pa[i] * headFactor);
      qMax_m3_s += hd.pumpMaxFlow_m3_s[i] * flowFactor;
    }
  }
  const rho = oilDensity(h.supply_C);
  const sgBar_Pa = (rho / 1000) * PA_PER_BAR; // the valves' K per Kv⁻²
  const nu = oilKinematicViscosity(h.supply_C);
  let conductance = 0; // Σ 1/√K
  const nT = m.tanks.length;
  for (let i = 0; i < nT; i++) {
    const tm = m.tanks[i];
    const ts = s.tanks[i];
    const x = ts.valvePos_frac * ts.blockPos_frac;
    if (x <= 1e-4) {
      branchK[i] = 0;
      continue;
    }
    const kv = hd.valveKv_m3_s[i] * x; // linear trim
    const id = tm.data.coil.id_m;
    const length = tm.coilLength_m + ho.branchPipe.length_m;
    const area = (Math.PI * id * id) / 4;
    // Δp = f·L/D·ρ/2·(q/A)² → K_pipe in Pa per (m³/s)²
    const f = ts.coilFriction > 0 ? ts.coilFriction : 0.03;
    const kPipe = (((f * length) / id) * (rho / 2)) / (area * area);
    const k = sgBar_Pa / (kv * kv) + kPipe;
    branchK[i] = k;
    conductance += 1 / Math.sqrt(k);
  }
  const kBypass = hd.bypassKv_m3_s > 0 ? sgBar_Pa / (hd.bypassKv_m3_s * hd.bypassKv_m3_s) : 0;
  if (kBypass > 0) conductance += 1 / Math.sqrt(kBypass);

  let q = 0; // m³/s
  if (shutoff_Pa > 0 && qMax_m3_s > 0 && conductance > 0) {
    q = Math.sqrt(
      shutoff_Pa /
        (shutoff_Pa / (qMax_m3_s * qMax_m3_s) + hd.heaterResistance_Pa_s2_m6 + 1 / (conductance * conductance)),
    );
  }
  const dpBranches_Pa = conductance > 0 ? (q / conductance) ** 2 : 0;
  h.headerDp_Pa = dpBranches_Pa;
  h.flow_kg_s = q * rho;
  h.bypassFlow_kg_s = kBypass > 0 ? Math.sqrt(dpBranches_Pa / kBypass) * rho : 0;
  for (let i = 0; i < h.pumps.length; i++) {
    const p = h.pumps[i];
    const on = p.running && anyPumpAllowed;
    p.flow_m3_s = on && qMax_m3_s > 0 ? (q * hd.pumpMaxFlow_m3_s[i] * flowFactor) / qMax_m3_s : 0;
    p.dp_Pa = on && qMax_m3_s > 0 ? shutoff_Pa * (1 - (q / qMax_m3_s) ** 2) : 0;
  }
  for (let i = 0; i < nT; i++) {
    const ts = s.tanks[i];
    if (branchK[i] === 0) {
      ts.coilFlow_kg_s = 0;
      continue;
    }
    const qi = Math.sqrt(dpBranches_Pa / branchK[i]);
    ts.coilFlow_kg_s = qi * rho;
    // the friction factor follows the flow every 10 steps (and at once from rest): valves stroke over 30 s
    if (ts.coilFriction === 0 || s.step % 10 === 0) {
      const id = m.tanks[i].data.coil.id_m;
      const v = qi / ((Math.PI * id * id) / 4);
      ts.coilFriction = frictionFactor((v * id) / nu, PIPE_ROUGHNESS_M / id);
    }
  }
}

/** Stack temperature: a derived estimate, flue gas leaves ≈ 60 K above the returning oil plus 120 K at full fire. */
export function stackTemp_C(h: HotOilState): number {
  return h.return_C + (h.heaterMode === 'running' || h.heaterMode === 'lightoff' ? 60 + 120 * h.firing_frac : 0);
}

/**
 * Advance the two oil nodes by dt, explicitly: every stream leaves a node at the node's enthalpy from the
 * start of the step, the same value its receiver used, so every joule is counted once. Stable while
 * ṁ·dt is well below each node's mass (35 kg/s × 10 s against 6 t in the default plant).
 * `coilReturn_J` is Σ ṁ_i·h_out,i·dt from the coils, which took their oil at the old supply enthalpy.
 */
export function stepOilNodes(
  m: Model,
  s: SimState,
  coilReturn_J: number,
  coilFlowSum_kg_s: number,
  dt: number,
): number {
  const ho = m.plant.hotOil;
  const h = s.hotOil;
  const mH = ho.heater.holdup_kg;
  const mFlow = h.flow_kg_s;
  const uaHalf = ho.loopLossUA_W_K / 2;
  const amb = s.weather.ambient_C;
  const lossH = uaHalf * (h.supply_C - amb) * dt;
  const lossR = uaHalf * (h.return_C - amb) * dt;
  const hRetOld = h.hReturn_J_kg;
  const hSupOld = h.hHeater_J_kg;
  h.hHeater_J_kg = hSupOld + (h.duty_W * dt + mFlow * dt * (hRetOld - hSupOld) - lossH) / mH;
  // return node: in from the coils (their outlet enthalpy) and the bypass (at supply), out to the pumps
  const bypass = Math.max(mFlow - coilFlowSum_kg_s, 0);
  const eR = h.mReturn_kg * hRetOld + coilReturn_J + bypass * dt * hSupOld - mFlow * dt * hRetOld - lossR;
  // the pumps lose suction long before the node empties (hotOilPumps.ts); the guard keeps a drained loop finite
  if (h.mReturn_kg > 1) h.hReturn_J_kg = eR / h.mReturn_kg;
  h.supply_C = oilTemperatureFromEnthalpy(h.hHeater_J_kg, h.supply_C);
  h.return_C = oilTemperatureFromEnthalpy(h.hReturn_J_kg, h.return_C);
  h.stack_C = stackTemp_C(h);
  // expansion tank: inventory at its mass-mean temperature minus the loop's fixed volume
  const mTot = mH + h.mReturn_kg;
  const hMean = (mH * h.hHeater_J_kg + h.mReturn_kg * h.hReturn_J_kg) / mTot;
  const tMean = oilTemperatureFromEnthalpy(hMean, 0.5 * (h.supply_C + h.return_C));
  const vExp = mTot / oilDensity(tMean) - ho.loopVolume_m3;
  h.expansionLevel_frac = Math.min(Math.max(vExp / ho.expansionTank.volume_m3, 0), 1);
  h.edge.gas_frac = vExp < 0 ? -vExp / ho.loopVolume_m3 : 0; // the expansion tank is empty: the loop drains
  return lossH + lossR;
}

export function oilEnergy_J(m: Model, s: SimState): number {
  return m.plant.hotOil.heater.holdup_kg * s.hotOil.hHeater_J_kg + s.hotOil.mReturn_kg * s.hotOil.hReturn_J_kg;
}
