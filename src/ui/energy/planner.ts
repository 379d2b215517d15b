import type { Planner } from './computePlan';

/** The heating planner the page runs (src/energy/plan.ts); null while the build has none. */
export const planner: Planner | null = null;
