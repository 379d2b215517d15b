import type { Planner } from './week';

// The heating planner the week's 'mpc' strategy calls (the plan made from the trucks ahead, the weather ahead and
// the fuel price). Until the heating plan is in this build the strategy is refused with this reason.

export const weekPlanner: Planner = () => {
  throw new Error('the heating plan is not available in this build, so the mpc strategy cannot run');
};
