import type { z } from 'zod';
import { faultSchema } from './commandSchema';

// The malfunction library. Each fault is data: it can be injected and cleared at any time, serialised
// into a snapshot, and written into a scenario file. Its fields and ranges are described once, in
// faultSchema (commandSchema.ts); the type is inferred from it.
export type Fault = z.infer<typeof faultSchema>;

export type FaultKind = Fault['kind'];

export interface ActiveFault {
  id: number;
  since_s: number;
  fault: Fault;
}

export const FAULT_KINDS: readonly FaultKind[] = faultSchema.options.map((o) => o.shape.kind.value);

export function describeFault(f: Fault): string {
  switch (f.kind) {
    case 'sensorStuck':
      return `${f.instrument} stuck at its last reading`;
    case 'sensorDrift':
      return `${f.instrument} drifting ${f.rate_per_h}/h`;
    case 'sensorNoise':
      return `${f.instrument} noisy (σ ${f.sigma})`;
    case 'valveStuck':
      return `${f.valve} stuck in position`;
    case 'pumpTrip':
      return `${f.pump} tripped`;
    case 'heaterFlameFailure':
      return 'heater flame failure';
    case 'coilLeak':
      return `hot-oil coil leak in ${f.tank} (${f.rate_kg_s} kg/s)`;
    case 'waterInTank':
      return `${f.water_kg} kg of water in ${f.tank}`;
    case 'receiptOverfill':
      return `uncommanded receipt into ${f.tank} at ${f.flow_kg_s} kg/s`;
    case 'powerFailure':
      return 'site power failure';
    case 'fire':
      return `fire at ${f.bay}`;
    case 'h2sRelease':
      return `H2S release at the hatch of ${f.tank} (${f.ppm} ppm)`;
    case 'lineHeatingFailure':
      return `${f.line} jacket / trace heating failed`;
    case 'truckWater':
      return `${f.water_kg} kg of water in the truck at ${f.arm}`;
    case 'ventBlocked':
      return `${f.tank} vent blocked by sublimate`;
    case 'insulationDamage':
      return `${f.tank} insulation damaged (conducts ×${f.factor})`;
    case 'foulingStep':
      return `${f.tank} coil fouled by ${f.add_m2K_W} m²K/W more`;
    case 'heaterDegradation':
      return `heater efficiency down ${Math.round(f.efficiencyLoss_frac * 1000) / 10} points`;
  }
}
