import type { Planner } from './week';
import { planHeating } from './plan';

// The heating planner the week's 'mpc' strategy calls each day: the plan (plan.ts) made from the state reached,
// the trucks still ahead, the week's weather ahead and its fuel price, over the plan's own horizon.

export const weekPlanner: Planner = (req) =>
  planHeating({
    plant: req.plant,
    state: req.state,
    schedule: req.schedule,
    weather: req.weather,
    fuelPrice: { per_GJ: req.fuelPrice_per_GJ },
  }).heatingPlan;
