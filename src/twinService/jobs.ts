import { Worker } from 'node:worker_threads';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWorker } from '../node/bundleWorker';
import { TwinHttpError } from './routes/types';
import type { JobAnswer, JobInput, JobKind, JobOutput, JobStart } from './jobTasks';

// The twin's heavy route work (a calibration: ≈ 20 s of CPU per day of history; a root-cause ranking: a few
// hundred replays) runs in a worker thread, so the station's event loop, which carries the in-process SCADA
// bridge, the broker and the twin's filters, never waits on it. The request still awaits its answer (the
// panels fetch and wait, as before). The thread's code is bundled once per process from jobWorker.ts, as the
// plant threads are (../station/plantThreads.ts), so it runs the same under tsx, vitest or built.

const here = dirname(fileURLToPath(import.meta.url));
const bundle = () => bundleWorker(join(here, 'jobWorker.ts'));

/** The message a job threw (in the thread), so a route can answer with it. */
export class JobError extends Error {}

let computing = 0;

/** Job threads computing now (begun, not answered): the station's metrics; a test's probe of the event loop. */
export function jobsComputing(): number {
  return computing;
}

/** Run one job in a thread of its own; resolves with its result, rejects with a JobError carrying what it threw. */
export async function runInThread<K extends JobKind>(kind: K, input: JobInput<K>): Promise<JobOutput<K>> {
  const file = await bundle();
  return new Promise((resolve, reject) => {
    const w = new Worker(file, { workerData: { kind, input } satisfies JobStart });
    // a job left running never holds the station's process open on close
    w.unref();
    let started = false;
    let settled = false;
    const done = (f: () => void) => {
      if (settled) return;
      settled = true;
      if (started) computing--;
      f();
      void w.terminate();
    };
    w.on('message', (a: JobAnswer) => {
      if ('started' in a) {
        if (!started && !settled) computing++;
        started = true;
      } else done(() => (a.ok ? resolve(a.value as JobOutput<K>) : reject(new JobError(a.error))));
    });
    w.on('error', (e) => done(() => reject(new JobError(`${kind} job thread failed: ${e.message}`))));
    w.on('exit', (code) => done(() => reject(new JobError(`${kind} job thread exited with ${code}`))));
  });
}

/**
 * One job of each kind at a time: a request equal to the running one (same key) joins it and gets its
 * answer; a different one is refused with 409 until it finishes.
 */
export class JobSlots {
  private running = new Map<string, { key: string; result: Promise<unknown> }>();

  /** The key of the running job of a kind, or null. */
  current(kind: string): string | null {
    return this.running.get(kind)?.key ?? null;
  }

  run<T>(kind: string, key: string, what: string, work: () => Promise<T>): Promise<T> {
    const r = this.running.get(kind);
    if (r) {
      if (r.key === key) return r.result as Promise<T>;
      return Promise.reject(
        new TwinHttpError(409, `${what} is already running (${r.key}); try again when it has finished`),
      );
    }
    const slot = { key, result: Promise.resolve() as Promise<unknown> };
    this.running.set(kind, slot);
    // the slot is taken before the work starts, so a throw before its first await frees it too
    slot.result = (async () => {
      try {
        return await work();
      } finally {
        this.running.delete(kind);
      }
    })();
    return slot.result as Promise<T>;
  }
}

/** The station's job slots (one process, one station). */
export const twinJobs = new JobSlots();
