import '../../protocol/zodConfig'; // before any schema: zod's JIT probe is a CSP violation
import { expose } from 'comlink';
import { computePlan, type PlanAnswer, type PlanRequest } from './computePlan';
import { planner } from './planner';

// The Energy panel's heating plan off the page's thread: a plan over the day ahead simulates the farm for
// every candidate and takes a few hundred milliseconds, which on the page would freeze the 3D view and the
// HMI for as long.

export interface PlanWorkerApi {
  computePlan(req: PlanRequest): PlanAnswer;
}

expose({ computePlan: (req: PlanRequest) => computePlan(req, planner) } satisfies PlanWorkerApi);
