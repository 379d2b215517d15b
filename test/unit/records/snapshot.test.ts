import { describe, expect, it } from 'vitest';
import { Engine } from '../../../src/worker/engine';
import { defaultPlantRaw } from '../../../src/sim/plant/default';
import { HEADER_LEN } from '../../../src/protocol/frame';
import { SNAPSHOT_VERSION, SnapshotError, type Snapshot } from '../../../src/sim/snapshot';
import { oneTankPlant, plantCopy } from '../helpers';

// Snapshots know where they came from: restoring one from another plant, an edited plant file or a newer
// app is refused with a message; an older one missing fields is migrated. Never NaN, never a TypeError.

async function engine(plant: unknown = defaultPlantRaw): Promise<Engine> {
  const e = new Engine();
  const r = await e.init(plant, { physics: false });
  expect(r.ok).toBe(true);
  return e;
}

function tagsAfterRunning(e: Engine): number[] {
  for (let i = 0; i < 30; i++) e.stepOnce();
  return Array.from(e.frame().values.slice(HEADER_LEN));
}

const expectRefused = (e: Engine, snap: unknown, why: RegExp) => {
  let err: unknown;
  try {
    e.restore(snap as Snapshot);
  } catch (x) {
    err = x;
  }
  expect(err).toBeInstanceOf(SnapshotError);
  expect((err as Error).message).toMatch(why);
};

describe('snapshot identity and version', () => {
  it('carries the format version and the plant name and content hash', async () => {
    const e = await engine();
    const s = e.snapshot();
    expect(s.version).toBe(SNAPSHOT_VERSION);
    expect(s.plantName).toBe(e.sim.model.plant.name);
    expect(s.plantHash).toMatch(/^[0-9a-f]{16}$/);
    // the same plant file, parsed again, has the same identity
    expect((await engine()).snapshot().plantHash).toBe(s.plantHash);
  });

  it('restores its own snapshot exactly', async () => {
    const e = await engine();
    for (let i = 0; i < 90; i++) e.stepOnce();
    const snap = JSON.parse(JSON.stringify(e.snapshot())) as Snapshot;
    const before = structuredClone(e.sim.state);
    for (let i = 0; i < 50; i++) e.stepOnce();
    e.restore(snap);
    expect(e.sim.state).toEqual(before);
  });

  it('refuses a snapshot from another plant with a message (it threw a TypeError in the loop)', async () => {
    const small = oneTankPlant();
    small.name = 'One tank';
    const other = (await engine(small)).snapshot();
    const e = await engine();
    expectRefused(e, other, /taken on the plant "One tank"/);
    // the same shape under the default plant's name: refused for its shape, not crashed
    expectRefused(e, { ...other, plantName: e.sim.model.plant.name, plantHash: undefined }, /does not fit the plant/);
    expect(tagsAfterRunning(e).every(Number.isFinite)).toBe(true);
  });

  it('refuses a snapshot taken on an edited plant file', async () => {
    const edited = plantCopy();
    edited.tanks[0].initial.temp_C += 1;
    const snap = (await engine(edited)).snapshot();
    const e = await engine();
    expectRefused(e, snap, /another version of the plant/);
  });

  it('refuses version 99 and things that are not snapshots', async () => {
    const e = await engine();
    expectRefused(e, { ...e.snapshot(), version: 99 }, /version 99, newer than this app/);
    expectRefused(e, { ...e.snapshot(), version: 'x' }, /no valid format version/);
    expectRefused(e, { hello: 1 }, /not a TankTwin snapshot/);
    expectRefused(e, null, /not a TankTwin snapshot/);
    expectRefused(e, { ...e.snapshot(), state: { ...e.snapshot().state, t_s: 'soon' } }, /state\.t_s/);
    expectRefused(e, { ...e.snapshot(), state: { ...e.snapshot().state, t_s: Number.NaN } }, /state\.t_s/);
  });

  it('migrates a version-1 snapshot missing a field (it gave NaN on hundreds of tags)', async () => {
    const e = await engine();
    for (let i = 0; i < 60; i++) e.stepOnce();
    const v1 = JSON.parse(JSON.stringify(e.snapshot())) as Record<string, unknown> & Snapshot;
    v1.version = 1;
    delete v1.plantHash;
    const st = v1.state as unknown as Record<string, unknown>;
    const tank0 = (st.tanks as Record<string, unknown>[])[0];
    delete tank0.T_C; // a field the older app did not write
    delete st.hotOil;
    const fresh = await engine();
    fresh.restore(v1);
    expect(fresh.sim.state.t_s).toBe(60 * e.sim.dt_s);
    expect(Array.isArray(fresh.sim.state.tanks[0].T_C)).toBe(true);
    const values = tagsAfterRunning(fresh);
    expect(values.filter((v) => !Number.isFinite(v))).toEqual([]);
  });

  it('carries a version-2 snapshot’s bare fields over to their unit-suffixed names', async () => {
    const e = await engine();
    for (let i = 0; i < 60; i++) e.stepOnce();
    e.sim.state.tanks[0].valvePos_frac = 0.375; // values a fresh state does not have
    e.sim.state.hotOil.firing_frac = 0.625;
    const v2 = JSON.parse(JSON.stringify(e.snapshot())) as Snapshot;
    v2.version = 2;
    const rename = (o: Record<string, unknown>, from: string, to: string) => {
      o[to] = o[from];
      delete o[from];
    };
    const st = v2.state as unknown as Record<string, unknown>;
    const tank0 = (st.tanks as Record<string, unknown>[])[0];
    rename(tank0, 'valvePos_frac', 'valvePos');
    rename(tank0, 'h_J_kg', 'h');
    rename(st.hotOil as Record<string, unknown>, 'firing_frac', 'firing');
    rename(st.hotOil as Record<string, unknown>, 'hHeater_J_kg', 'hHeater');
    rename(st, 'startHour_h', 'startHour');
    const fresh = await engine();
    fresh.restore(v2);
    const s = fresh.sim.state;
    expect(s.tanks[0].valvePos_frac).toBe(0.375);
    expect(s.hotOil.firing_frac).toBe(0.625);
    expect(s.tanks[0].h_J_kg).toEqual(e.sim.state.tanks[0].h_J_kg);
    expect(s.hotOil.hHeater_J_kg).toBe(e.sim.state.hotOil.hHeater_J_kg);
    expect(s.startHour_h).toBe(e.sim.state.startHour_h);
    expect('valvePos' in s.tanks[0] || 'firing' in s.hotOil).toBe(false);
  });

  it('a refused snapshot at start-up is a message, not a crash', async () => {
    const small = oneTankPlant();
    small.name = 'One tank';
    const other = (await engine(small)).snapshot();
    const e = new Engine();
    const r = await e.init(defaultPlantRaw, { physics: false, snapshot: other });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/cannot be resumed: the snapshot was taken on the plant "One tank"/);
  });
});
