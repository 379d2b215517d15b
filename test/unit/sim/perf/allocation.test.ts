import { Session } from 'node:inspector/promises';
import { describe, expect, it } from 'vitest';
import { defaultPlant } from '../../../../src/sim/plant/default';
import { Simulation } from '../../../../src/sim/simulation';
import { copyProps } from '../../../../src/sim/props/bitumen';

// The step allocates (almost) nothing: V8's sampling heap profiler, keeping the samples of objects the
// young-generation GC has already collected, counts every byte the step allocates, however short-lived.
// What is left (≈ 4 kB a step here, ≈ 1.8 kB in the minified bundle the worker runs) are numbers boxed
// where a double crosses a call that the optimiser did not inline. The bound catches a regression of the
// kind that once cost 10 kB a step: every tank's product properties in one of two hidden classes, so each
// read of a double field through both boxed a new number, and an alarm value merged from a typed read and
// an untyped closure result boxed every instrument's reading.

const SAMPLING_INTERVAL_B = 256;

interface ProfileNode {
  selfSize: number;
  children: ProfileNode[];
}

function total(n: ProfileNode): number {
  return n.children.reduce((sum, c) => sum + total(c), n.selfSize);
}

/** Bytes allocated per step over `steps` steps, after a warm-up that lets the optimiser settle. */
async function allocationPerStep_B(sim: Simulation, steps: number): Promise<number> {
  sim.step(3 * 3600);
  const session = new Session();
  session.connect();
  try {
    await session.post('HeapProfiler.enable');
    await session.post('HeapProfiler.startSampling', {
      samplingInterval: SAMPLING_INTERVAL_B,
      includeObjectsCollectedByMinorGC: true,
      includeObjectsCollectedByMajorGC: true,
    } as never);
    sim.step(steps);
    const { profile } = (await session.post('HeapProfiler.stopSampling')) as unknown as {
      profile: { head: ProfileNode };
    };
    return total(profile.head) / steps;
  } finally {
    session.disconnect();
  }
}

describe('allocation in the step', () => {
  it('stays under 6 kB a step on the default plant at dt 1 (it was 10 kB here, 8 kB in the bundled build)', async () => {
    const perStep = await allocationPerStep_B(new Simulation(defaultPlant(), { dt_s: 1 }), 20_000);
    expect(perStep).toBeLessThan(6000);
  });

  it('keeps every tank’s product properties in one hidden class of doubles', () => {
    // two products whose data differ only by integer against fractional values
    const a = copyProps({ ...copyProps(defaultPlant().products[0] as never), rho25_kg_m3: 1030 });
    const b = copyProps({ ...a, rho25_kg_m3: 1030.5, powerLawIndex: 0.7 });
    expect(Object.keys(a)).toEqual(Object.keys(b));
  });
});
