import type { Simulation } from '../../../../src/sim/simulation';
import type { LiveInputBatch } from '../../../../src/protocol/workerApi';
import { QUALITIES, type Quality } from '../../../../src/protocol/live';

/** One measured sample as a test writes it: tag, value (null: none), source time ms, quality (default good). */
export type S = [tag: string, v: number | null, ts_ms: number, q?: Quality];

/** Samples → the worker's typed-array batch, tags resolved against the model's tag list. */
export function batchOf(sim: Simulation, samples: readonly S[]): LiveInputBatch {
  const n = samples.length;
  const b: LiveInputBatch = {
    length: n,
    tag: new Int32Array(n),
    v: new Float64Array(n),
    q: new Uint8Array(n),
    ts_ms: new Float64Array(n),
  };
  samples.forEach(([tag, v, ts, q], j) => {
    const i = sim.tagIndex.get(tag);
    if (i === undefined) throw new Error(`no tag ${tag}`);
    b.tag[j] = i;
    b.v[j] = v ?? Number.NaN;
    b.q[j] = QUALITIES.indexOf(q ?? 'good');
    b.ts_ms[j] = ts;
  });
  return b;
}

export const T0 = Date.UTC(2026, 10, 29, 6, 0, 0); // a fixed source time: tests never read the clock
