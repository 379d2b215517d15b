import type { Fault } from './faults';
import type { Model } from './plantIndex';
import type { SimState } from './state';
import { nextGaussian } from './rng';

/** Check that a fault names equipment the plant has; returns the problem or null. */
export function validateFault(m: Model, f: Fault): string | null {
  const tank = (t: string) => (m.tankIndex.has(t) ? null : `unknown tank ${t}`);
  switch (f.kind) {
    case 'sensorStuck':
    case 'sensorDrift':
    case 'sensorNoise':
      if (!m.instrumentIndex.has(f.instrument)) return `unknown instrument ${f.instrument}`;
      if (f.kind === 'sensorDrift' && !Number.isFinite(f.rate_per_h)) return 'rate_per_h must be a number';
      if (f.kind === 'sensorNoise' && !(f.sigma >= 0)) return 'sigma must be ≥ 0';
      return null;
    case 'valveStuck':
      return m.valves.has(f.valve) ? null : `unknown valve ${f.valve}`;
    case 'pumpTrip':
      return m.hotOilPumpIndex.has(f.pump) || m.loadingPumpIndex.has(f.pump) ? null : `unknown pump ${f.pump}`;
    case 'heaterFlameFailure':
    case 'powerFailure':
      return null;
    case 'coilLeak':
      return tank(f.tank) ?? (f.rate_kg_s > 0 && f.rate_kg_s <= 5 ? null : 'rate_kg_s must be 0–5');
    case 'waterInTank':
      return tank(f.tank) ?? (f.water_kg > 0 && f.water_kg <= 10000 ? null : 'water_kg must be 0–10 000');
    case 'receiptOverfill':
      return tank(f.tank) ?? (f.flow_kg_s > 0 && f.flow_kg_s <= 100 ? null : 'flow_kg_s must be 0–100');
    case 'fire':
      return m.bayIndex.has(f.bay) ? null : `unknown bay ${f.bay}`;
    case 'h2sRelease':
      return tank(f.tank) ?? (f.ppm > 0 && f.ppm <= 2000 ? null : 'ppm must be 0–2000');
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
