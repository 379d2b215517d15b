import type { Model } from './plantIndex';
import type { SimState, TankState } from './state';
import type { StepScratch } from './scratch';
import { exchangeAtBottom, heelMass_kg, mixUnstable, refreshTemperatures, rezone } from './components/tank';
import { viscosity } from './props/bitumen';

// Product movements as masses and energies per tank for one step: receipts in, the tank-to-tank
// transfer, and hot oil leaking from a coil into the product. `mv.out_kg`/`mv.in_kg` gather what each
// tank gives and takes; the tanks give first (so a transfer carries the source's energy) and take last.
// A tank gives only what lies above its outlet nozzle: below it is the heel, where the pumps lose suction.
// What a tank gives is split between the loading header and the transfer in proportion to what each
// asked, so a tank lined up to both feeds each its own share.

/** Top of the pumping window: the transfer pump loses flow above 7.5 Pa·s (PHYSICS.md §1). */
export const TRANSFER_MAX_VISCOSITY_PA_S = 7.5;
/** A leak never takes more than this share of the oil node's inventory in one step. */
const MAX_DRAW_FRAC = 0.5;

/** Specific enthalpy of received product at tC, J/kg relative to 25 °C: receipts are of the tank's own grade. */
function enthalpyOfReceipt(tank: TankState, tC: number): number {
  const d = tC - 25;
  return tank.props.cp25_J_kgK * d + 0.5 * tank.props.cpSlope_J_kgK2 * d * d;
}

/** Clear the step's movement arrays and add the receipts. */
export function beginMovements(s: SimState, dt: number, mv: StepScratch): void {
  const nT = s.tanks.length;
  for (let i = 0; i < nT; i++) {
    mv.out_kg[i] = 0;
    mv.in_kg[i] = 0;
    mv.inE_J[i] = 0;
    mv.load_kg[i] = 0;
    mv.loadE_J[i] = 0;
  }
  mv.transfer_kg = 0;
  mv.transferE_J = 0;
  for (let i = 0; i < nT; i++) {
    const tank = s.tanks[i];
    if (tank.receiptPos_frac > 0 && tank.receiptFlow_kg_s > 0) {
      const mk = tank.receiptFlow_kg_s * tank.receiptPos_frac * dt;
      const e = mk * enthalpyOfReceipt(tank, tank.receiptTemp_C);
      mv.in_kg[i] += mk;
      mv.inE_J[i] += e;
      s.acc.receiptIn_kg += mk;
      s.acc.receiptIn_J += e;
    }
  }
}

/** The transfer pump draws from its source; viscous product slows it. */
export function drawTransfer(s: SimState, dt: number, motorsAllowed: boolean, mv: StepScratch): void {
  const tr = s.transfer;
  if (!tr.active) {
    tr.actual_kg_s = 0;
    return;
  }
  const src = s.tanks[tr.from];
  const mu = viscosity(src.props, src.T_C[0]);
  tr.actual_kg_s = motorsAllowed ? tr.flow_kg_s * Math.min(1, TRANSFER_MAX_VISCOSITY_PA_S / mu) : 0;
  mv.transfer_kg = tr.actual_kg_s * dt;
  mv.out_kg[tr.from] += mv.transfer_kg;
}

/** Coil leaks: oil leaves the return node and enters the product at the floor. */
export function leakCoils(m: Model, s: SimState, dt: number, mv: StepScratch): void {
  const ho = s.hotOil;
  if (!(ho.flow_kg_s > 0)) return; // an unpressurised loop does not leak
  for (let k = 0; k < s.faults.length; k++) {
    const f = s.faults[k].fault;
    if (f.kind !== 'coilLeak') continue;
    const i = m.tankIndex.get(f.tank)!;
    if (s.tanks[i].coilFlow_kg_s <= 0) continue; // an isolated coil holds no pressure and stops leaking
    const leak = Math.min(f.rate_kg_s * dt, ho.mReturn_kg * MAX_DRAW_FRAC);
    ho.mReturn_kg -= leak; // leaves at the node's own enthalpy, so hReturn is unchanged
    mv.in_kg[i] += leak;
    mv.inE_J[i] += leak * ho.hReturn_J_kg;
    s.oilIngress[i].oil_kg += leak;
  }
}

/**
 * Every tank gives what is asked of it from its bottom, but no more than lies above the outlet nozzle;
 * the loading header and the transfer get their shares of what was given. A tank at its heel loses
 * suction: the transfer pump stops on it, the loading pumps see it at their next step.
 */
export function drawFromTanks(m: Model, s: SimState, dt: number, mv: StepScratch): void {
  const tr = s.transfer;
  for (let i = 0; i < s.tanks.length; i++) {
    const tank = s.tanks[i];
    const asked = mv.out_kg[i];
    if (!(asked > 0)) {
      mv.outE_J[i] = 0;
      tank.outFlow_kg_s = 0;
      tank.vessel.suctionLost = false;
      continue;
    }
    const available = Math.max(0, tank.mass_kg - heelMass_kg(m.tanks[i], tank));
    const given = Math.min(asked, available);
    const e = given > 0 ? exchangeAtBottom(tank, given, 0, 0) : 0;
    const f = given / asked;
    mv.out_kg[i] = given;
    mv.outE_J[i] = e;
    mv.load_kg[i] *= f;
    mv.loadE_J[i] = given > 0 ? (e * mv.load_kg[i]) / given : 0;
    if (tr.active && tr.from === i) {
      mv.transfer_kg = given - mv.load_kg[i]; // the rest of what was given, so the two shares sum exactly
      mv.transferE_J = e - mv.loadE_J[i];
      tr.actual_kg_s = mv.transfer_kg / dt;
    }
    tank.outFlow_kg_s = given / dt;
    tank.vessel.suctionLost = given < asked;
    if (tank.vessel.suctionLost && tr.active && tr.from === i) {
      tr.active = false;
      s.events.push({
        type: 'trip',
        t_s: s.t_s,
        tag: m.plant.transfer.pump,
        cause: `lost suction: ${m.tanks[i].tag} at its heel`,
      });
    }
  }
}

/** The transfer's product arrives at its destination, carrying the source's energy and grade. */
export function deliverTransfer(s: SimState, mv: StepScratch): void {
  const tr = s.transfer;
  if (!(mv.transfer_kg > 0)) return;
  mv.in_kg[tr.to] += mv.transfer_kg;
  mv.inE_J[tr.to] += mv.transferE_J;
  blendInto(s.tanks[tr.to], s.tanks[tr.from], mv.transfer_kg);
}

/**
 * Every tank takes what it receives at the bottom; its layers go back on the coil geometry when the level
 * has moved them off it, then settle by buoyancy.
 */
export function fillTanks(m: Model, s: SimState, mv: StepScratch): void {
  for (let i = 0; i < s.tanks.length; i++) {
    const tank = s.tanks[i];
    if (mv.in_kg[i] > 0) exchangeAtBottom(tank, 0, mv.in_kg[i], mv.inE_J[i]);
    if (mv.in_kg[i] > 0 || mv.out_kg[i] > 0) rezone(m.tanks[i], tank); // only a level that moved moves the layers
    mixUnstable(tank);
    refreshTemperatures(tank);
  }
}

const blendScratch = { ...({} as TankState['props']) };
/** Blend the properties of `addKg` of src's product into dst's (a transfer between grades). */
function blendInto(dst: TankState, src: TankState, addKg: number): void {
  if (addKg <= 0) return;
  const p = dst.props;
  const q = src.props;
  const wa = dst.mass_kg / (dst.mass_kg + addKg);
  const wb = 1 - wa;
  Object.assign(blendScratch, p);
  blendScratch.rho25_kg_m3 = 1 / (wa / p.rho25_kg_m3 + wb / q.rho25_kg_m3);
  blendScratch.viscA = wa * p.viscA + wb * q.viscA; // log-log (Walther) blending of viscosity
  blendScratch.viscB = wa * p.viscB + wb * q.viscB;
  blendScratch.powerLawIndex = wa * p.powerLawIndex + wb * q.powerLawIndex;
  blendScratch.softeningPoint_C = wa * p.softeningPoint_C + wb * q.softeningPoint_C;
  blendScratch.flashPoint_C = Math.min(p.flashPoint_C, q.flashPoint_C);
  // cp and expansion are grade-independent in PHYSICS.md §1, so enthalpies stay consistent
  Object.assign(p, blendScratch);
}
