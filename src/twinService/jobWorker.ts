import { parentPort, workerData } from 'node:worker_threads';
import { jobTasks, type JobAnswer, type JobStart } from './jobTasks';

// A job thread: runs one twin job (jobTasks.ts) given in workerData, answers its result or the message it
// threw, and ends. A thread per job: a calibration's heap is gone with it, and a job that dies takes nothing
// of the station along.

const { kind, input } = workerData as JobStart;
// the station counts the job as computing from here (its metrics; a test's probe of the event loop)
parentPort!.postMessage({ started: true } satisfies JobAnswer);
let answer: JobAnswer;
try {
  const run = jobTasks[kind] as (i: unknown) => unknown;
  if (typeof run !== 'function') throw new Error(`no twin job "${String(kind)}"`);
  answer = { ok: true, value: run(input) };
} catch (e) {
  answer = { ok: false, error: e instanceof Error ? e.message : String(e) };
}
parentPort!.postMessage(answer);
