import { describe, expect, it } from 'vitest';
import { KpiFeed, type Accumulator } from '../../../src/ui/energy/kpiFeed';
import type { SimState } from '../../../src/sim/state';
import { sim } from '../helpers';

// A stand-in accumulator that records what it was fed: the feed's job is the order and the spans.
function recorder() {
  const calls: string[] = [];
  const acc: Accumulator<{ at_s: number }> = {
    start: (s: SimState) => void calls.push(`start ${s.t_s}`),
    observe: (s: SimState, dt: number) => void calls.push(`observe ${s.t_s} ${dt}`),
    report: (s: SimState) => ({ at_s: s.t_s }),
  };
  return { calls, acc };
}

describe('the running plant figures fed from snapshots', () => {
  it('starts on the first state, counts each span of plant time once, skips a paused plant', async () => {
    const plant = sim();
    const { calls, acc } = recorder();
    let made = 0;
    const feed = new KpiFeed(
      () => (made++, acc),
      () => Promise.resolve(plant.snapshot()),
    );
    await feed.tick();
    plant.step();
    plant.step();
    await feed.tick();
    await feed.tick(); // no step between: nothing counted
    plant.step();
    await feed.tick();
    const dt = plant.dt_s;
    expect(calls).toEqual(['start 0', `observe ${2 * dt} ${2 * dt}`, `observe ${3 * dt} ${dt}`]);
    expect(feed.store.getState()).toEqual({ report: { at_s: 3 * dt }, since_s: 0 });
    expect(made).toBe(1);
  });

  it('starts again when the plant goes back in time or when asked', async () => {
    const plant = sim();
    const { calls, acc } = recorder();
    const early = plant.snapshot();
    plant.step();
    let snap = plant.snapshot();
    const feed = new KpiFeed(
      () => acc,
      () => Promise.resolve(snap),
    );
    await feed.tick();
    snap = early; // restored to an earlier snapshot
    await feed.tick();
    plant.step();
    snap = plant.snapshot();
    await feed.restart();
    const dt = plant.dt_s;
    expect(calls).toEqual([`start ${dt}`, 'start 0', `start ${2 * dt}`]);
    expect(feed.store.getState().since_s).toBe(2 * dt);
  });

  it('never queues a second snapshot behind a slow one, and shows nothing without a plant', async () => {
    const { calls, acc } = recorder();
    let asked = 0;
    const feed = new KpiFeed(
      () => acc,
      () => (asked++, Promise.resolve(null)),
    );
    await Promise.all([feed.tick(), feed.tick()]);
    expect(asked).toBe(1);
    expect(calls).toEqual([]);
    expect(feed.store.getState().report).toBeNull();
  });
});

describe('the panel wiring with the plant accumulator', () => {
  it('counts the fuel the plant burned between two states, as the accumulator does step by step', async () => {
    const { makeKpi } = await import('../../../src/ui/energy/kpiSource');
    const { plantCopy } = await import('../helpers');
    const data = plantCopy();
    const plant = sim(data);
    const feed = new KpiFeed(
      () => makeKpi(data),
      () => Promise.resolve(plant.snapshot()),
    );
    await feed.tick();
    const fuel0_J = plant.state.acc.fuel_J;
    for (let i = 0; i < 3600 / plant.dt_s; i++) plant.step(); // an hour
    await feed.tick();
    const r = feed.store.getState().report!;
    expect(r.duration_s).toBeCloseTo(3600, 6);
    expect(r.fuel_GJ).toBeGreaterThan(0);
    expect(r.fuel_GJ * 1e9).toBeCloseTo(plant.state.acc.fuel_J - fuel0_J, 0);
    expect(r.tanks.map((t) => t.tag)).toEqual(data.tanks.map((t) => t.tag));
  });
});
