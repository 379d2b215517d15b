// How active faults act on the plant: lookups the step uses (is a pump tripped, a valve stuck) and
// what a faulty instrument reports.
import type { Fault } from './faults';
import type { Model, TankModel } from './plantIndex';
import type { SimState } from './state';
import { nextGaussian } from './rng';
import { productLineDefs } from './productLines';

/**
 * Check that a fault names equipment the plant has; returns the problem or null. Fields and ranges are
 * faultSchema's (commandSchema.ts) and were checked where the fault came in.
 */
export function validateFault(m: Model, f: Fault): string | null {
  switch (f.kind) {
    case 'sensorStuck':
    case 'sensorDrift':
    case 'sensorNoise':
      return m.instrumentIndex.has(f.instrument) ? null : `unknown instrument ${f.instrument}`;
    case 'valveStuck':
      return m.valves.has(f.valve) ? null : `unknown valve ${f.valve}`;
    case 'pumpTrip':
      return m.hotOilPumpIndex.has(f.pump) || m.loadingPumpIndex.has(f.pump) ? null : `unknown pump ${f.pump}`;
    case 'heaterFlameFailure':
    case 'powerFailure':
      return null;
    case 'coilLeak':
    case 'waterInTank':
    case 'receiptOverfill':
    case 'h2sRelease':
    case 'ventBlocked':
    case 'insulationDamage':
    case 'foulingStep':
      return m.tankIndex.has(f.tank) ? null : `unknown tank ${f.tank}`;
    case 'heaterDegradation':
      return f.efficiencyLoss_frac < m.plant.hotOil.heater.efficiency
        ? null
        : `an efficiency loss of ${f.efficiencyLoss_frac} is more than the heater's efficiency`;
    case 'truckWater':
      return m.armIndex.has(f.arm) ? null : `unknown arm ${f.arm}`;
    case 'lineHeatingFailure':
      return productLineDefs(m).some((d) => d.tag === f.line) ? null : `unknown product line or arm ${f.line}`;
    case 'fire':
      return m.bayIndex.has(f.bay) ? null : `unknown bay ${f.bay}`;
    default:
      return `unknown fault kind ${(f as { kind: string }).kind}`;
  }
}

export function hasFault(s: SimState, kind: Fault['kind']): boolean {
  for (let i = 0; i < s.faults.length; i++) if (s.faults[i].fault.kind === kind) return true;
  return false;
}

export function valveStuck(s: SimState, tag: string): boolean {
  for (let i = 0; i < s.faults.length; i++) {
    const f = s.faults[i].fault;
    if (f.kind === 'valveStuck' && f.valve === tag) return true;
  }
  return false;
}

export function pumpTripped(s: SimState, tag: string): boolean {
  for (let i = 0; i < s.faults.length; i++) {
    const f = s.faults[i].fault;
    if (f.kind === 'pumpTrip' && f.pump === tag) return true;
  }
  return false;
}

/**
 * The tank's wall resistance (m²K/W) with any insulation damage: the lagging's share of rWallFixed divided
 * by the damage factor. The plant's own value, unchanged, when there is none.
 */
export function wallResistance(s: SimState, tm: TankModel): number {
  let factor = 1;
  for (let i = 0; i < s.faults.length; i++) {
    const f = s.faults[i].fault;
    if (f.kind === 'insulationDamage' && f.tank === tm.tag) factor *= f.factor;
  }
  if (factor === 1) return tm.rWallFixed;
  const rIns = tm.data.insulation.thickness_m / tm.data.insulation.k_W_mK;
  return tm.rWallFixed - rIns + rIns / factor;
}

/** The fired heater's efficiency now: the plant's, less any degradation (never below 5 %). */
export function heaterEfficiency(s: SimState, m: Model): number {
  const eta = m.plant.hotOil.heater.efficiency;
  let loss = 0;
  for (let i = 0; i < s.faults.length; i++) {
    const f = s.faults[i].fault;
    if (f.kind === 'heaterDegradation') loss += f.efficiencyLoss_frac;
  }
  return loss === 0 ? eta : Math.max(eta - loss, MIN_HEATER_EFFICIENCY);
}
const MIN_HEATER_EFFICIENCY = 0.05;

/** Turn the true value of an instrument into what it reports, through any sensor fault on it. */
export function measure(s: SimState, m: Model, k: number, truth: number, dt: number): number {
  const rt = s.instruments[k];
  if (s.faults.length === 0) {
    rt.drift = 0;
    return truth;
  }
  const tag = m.instruments[k].tag;
  let stuck = false;
  let noise = 0;
  let drifting = false;
  for (let i = 0; i < s.faults.length; i++) {
    const f = s.faults[i].fault;
    if (f.kind === 'sensorStuck' && f.instrument === tag) stuck = true;
    else if (f.kind === 'sensorDrift' && f.instrument === tag) {
      rt.drift += (f.rate_per_h * dt) / 3600;
      drifting = true;
    } else if (f.kind === 'sensorNoise' && f.instrument === tag) noise += f.sigma * nextGaussian(s);
  }
  if (!drifting) rt.drift = 0;
  if (stuck) return rt.value;
  return truth + rt.drift + noise;
}
