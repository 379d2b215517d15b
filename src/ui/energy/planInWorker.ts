import { wrap, type Remote } from 'comlink';
import type { PlanAnswer, PlanRequest } from './computePlan';
import type { PlanWorkerApi } from './plan.worker';

// The page's handle on the plan worker (plan.worker.ts): started on the first plan, kept for the next. A worker
// that fails (its script could not load, it threw while starting) is let go, so the next plan starts a fresh one,
// and this plan's answer is the failure named.

let worker: Worker | null = null;
let api: Remote<PlanWorkerApi> | null = null;

function start(): Remote<PlanWorkerApi> {
  worker = new Worker(new URL('./plan.worker.ts', import.meta.url), { type: 'module' });
  api = wrap<PlanWorkerApi>(worker);
  return api;
}

function stop(): void {
  worker?.terminate();
  worker = null;
  api = null;
}

export async function computePlanInWorker(req: PlanRequest): Promise<PlanAnswer> {
  const remote = api ?? start();
  const w = worker!;
  // a worker that dies never answers its call: its error event settles it instead (and is let go after)
  let onError: (e: ErrorEvent) => void = () => undefined;
  const failed = new Promise<PlanAnswer>((resolve) => {
    onError = (e) => {
      e.preventDefault();
      stop();
      resolve({
        ok: false,
        errors: [{ path: 'plan', message: `the planner stopped: ${e.message || 'worker error'}` }],
      });
    };
  });
  w.addEventListener('error', onError);
  try {
    return await Promise.race([remote.computePlan(req), failed]);
  } catch (e) {
    stop();
    return { ok: false, errors: [{ path: 'plan', message: (e as Error).message }] };
  } finally {
    w.removeEventListener('error', onError);
  }
}
