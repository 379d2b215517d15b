import type { PlantData } from '../../sim/plant/schema';
import type { SimState } from '../../sim/state';
import { restoreSnapshot, type Snapshot } from '../../sim/snapshot';
import { parseSchedule, type Schedule } from '../../productQuality/schedule';
import type { FieldError } from '../../sim/plant/load';
import type { HeatingPlan } from '../../sim/control/mpc/schema';
import type { PlanChart, PlanFuel } from './planTypes';

// The heating plan computed in the page (the trainer's simulated plant), as the quality panel's forecast is
// (src/productQuality/runner.ts localQualityRunner): from the simulation's snapshot, the shipped loading
// schedule read with hours counted from now, and the fuel price. The planner itself is passed in, so the
// panel's wiring is tested on a stand-in and the page gives it src/energy/plan.ts.

export interface PlannerInput {
  plant: PlantData;
  state: SimState;
  schedule: Schedule;
  fuelPrice: { per_GJ: number; currency?: string };
}

export interface PlannerResult {
  heatingPlan: HeatingPlan;
  chart: PlanChart;
  fuel: PlanFuel;
  warnings: string[];
}

export type Planner = (input: PlannerInput) => PlannerResult;

export type PlanAnswer = { ok: true; value: PlannerResult } | { ok: false; errors: FieldError[] };

export interface PlanRequest {
  plant: PlantData;
  snapshot: Snapshot | null;
  /** The schedule file's JSON (models/schedules/); numeric hours count from the plant's now. */
  schedule: unknown;
  price_per_GJ: number;
  currency?: string;
}

export function computePlan(req: PlanRequest, planner: Planner): PlanAnswer {
  if (!req.snapshot)
    return { ok: false, errors: [{ path: 'simulation', message: 'the simulated plant has not started' }] };
  if (!(Number.isFinite(req.price_per_GJ) && req.price_per_GJ >= 0))
    return { ok: false, errors: [{ path: 'fuel price', message: 'must be a number ≥ 0' }] };
  const sched = parseSchedule(req.schedule, req.plant);
  if (!sched.ok) return { ok: false, errors: sched.errors };
  // the schedule's start date is not the simulated plant's: its numeric hours are read as hours from now
  const { start: _start, ...fromNow } = sched.value;
  try {
    const value = planner({
      plant: req.plant,
      state: restoreSnapshot(req.snapshot),
      schedule: fromNow,
      fuelPrice: { per_GJ: req.price_per_GJ, currency: req.currency },
    });
    return { ok: true, value };
  } catch (e) {
    return { ok: false, errors: [{ path: 'plan', message: (e as Error).message }] };
  }
}
