// The heating planner's result as the Energy panel reads it: the chart and the fuel of src/energy/plan.ts.
export type { PlanChart, PlanFuel } from '../../energy/plan';
