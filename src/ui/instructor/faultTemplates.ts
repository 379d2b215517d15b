import type { Fault } from '../../sim/faults';

/** A filled-in example of each fault kind, edited in the console before it is injected. */
export const FAULT_TEMPLATES: Record<string, Fault> = {
  pumpTrip: { kind: 'pumpTrip', pump: 'P-301' },
  heaterFlameFailure: { kind: 'heaterFlameFailure' },
  valveStuck: { kind: 'valveStuck', valve: 'XV-101' },
  sensorStuck: { kind: 'sensorStuck', instrument: 'TT-101' },
  sensorDrift: { kind: 'sensorDrift', instrument: 'TT-101', rate_per_h: 5 },
  sensorNoise: { kind: 'sensorNoise', instrument: 'TT-101', sigma: 1 },
  coilLeak: { kind: 'coilLeak', tank: 'TK-101', rate_kg_s: 0.5 },
  waterInTank: { kind: 'waterInTank', tank: 'TK-101', water_kg: 200 },
  receiptOverfill: { kind: 'receiptOverfill', tank: 'TK-101', flow_kg_s: 20, temp_C: 180 },
  powerFailure: { kind: 'powerFailure' },
  fire: { kind: 'fire', bay: 'BAY-1' },
  h2sRelease: { kind: 'h2sRelease', tank: 'TK-101', ppm: 50 },
  truckWater: { kind: 'truckWater', arm: 'LA-1A', water_kg: 50 },
  ventBlocked: { kind: 'ventBlocked', tank: 'TK-101' },
  insulationDamage: { kind: 'insulationDamage', tank: 'TK-101', factor: 3 },
  foulingStep: { kind: 'foulingStep', tank: 'TK-101', add_m2K_W: 0.005 },
  heaterDegradation: { kind: 'heaterDegradation', efficiencyLoss_frac: 0.05 },
};
