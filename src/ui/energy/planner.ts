import { planHeating } from '../../energy/plan';
import type { Planner } from './computePlan';

/** The heating planner the page runs: src/energy/plan.ts, on the sim's own weather ahead. */
export const planner: Planner = (input) => planHeating(input);
