import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Group, Mesh, Scene } from 'three';
import { SimClient } from '../../../src/app/client';
import { beforeEngine } from '../../../src/app/PlantConnection';
import { plantDrawn } from '../../../src/state/renderStats';
import { inProcessWorker } from './inProcessWorker';
import { hasTagValues } from '../../../src/protocol/frame';
import type { InitOptions } from '../../../src/protocol/workerApi';

// The page's start-up: the static plant is there to draw before the worker has the plant running, and a
// command given meanwhile waits for the engine instead of being lost. The worker runs in this process
// behind a MessageChannel (comlink on both ends, as in the page); its init is held back by a gate the test
// opens, so the order of events is the test's, not the machine's speed.

let openGate: () => void = () => undefined;
let gate: Promise<void> = Promise.resolve();
let inits = 0;

const InProcessWorker = inProcessWorker((api) => {
  const init = api.init;
  api.init = async (plant: unknown, opts?: InitOptions) => {
    inits++;
    await gate;
    return init(plant, { ...opts, physics: false });
  };
});

describe('start-up before the worker is ready', () => {
  let client: SimClient | null = null;
  beforeEach(() => {
    // the worker's 60 Hz loop and the page's snapshot timer stay still: no wall clock in this test
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    vi.stubGlobal('Worker', InProcessWorker);
    gate = new Promise((resolve) => (openGate = resolve));
    inits = 0;
  });
  afterEach(() => {
    client?.terminate();
    client = null;
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('has the static plant to draw while the worker has not answered, and keeps that object after', async () => {
    client = new SimClient(null);
    const started = client.start();
    await client.preview();
    const early = client.store.getState();
    expect(early.info).toBeNull();
    expect(early.preview?.tanks.length).toBeGreaterThan(0);
    openGate();
    expect(await started).toBe(true);
    const late = client.store.getState();
    expect(late.info).not.toBeNull();
    // the same plant object: the scene's geometry, built per plant, is not built again
    expect(late.info!.plant).toBe(early.preview);
  });

  it('holds a command given before the worker is ready and applies it once the plant runs', async () => {
    client = new SimClient(null);
    const started = client.start();
    await client.preview();
    let settled = false;
    const result = client.command({ type: 'setValve', tag: 'XV-101', opening: 0.4 }).then((r) => {
      settled = true;
      return r;
    });
    await Promise.resolve();
    expect(settled).toBe(false);
    openGate();
    await started;
    // an engine with no plant yet would have refused it ("malformed command")
    expect(await result).toEqual({ ok: true });
    expect(inits).toBe(1);
  });

  it('shows the scene a connection with no tags and no values until the engine answers', async () => {
    client = new SimClient(null);
    const started = client.start();
    const early = beforeEngine(client);
    expect(early).not.toBe(client);
    expect(early.store).toBe(client.store); // the slow state is the connection's own
    openGate();
    await started;
    client.latest = new Float64Array(client.latest.length + 3).fill(1);
    expect(client.tagIndex.size).toBeGreaterThan(0);
    expect(early.tagIndex.size).toBe(0);
    expect(early.info).toBeNull();
    expect(hasTagValues(early.latest)).toBe(false);
    expect(hasTagValues(client.latest)).toBe(true);
  });
});

describe('the first plant frame', () => {
  it('counts only a scene with the plant and a visible mesh in it', () => {
    const scene = new Scene();
    expect(plantDrawn(scene)).toBe(false);
    const plant = new Group();
    plant.name = 'plant';
    scene.add(plant);
    expect(plantDrawn(scene)).toBe(false); // the group and its lights alone are an empty canvas
    const tank = new Mesh();
    plant.add(tank);
    expect(plantDrawn(scene)).toBe(true);
    tank.visible = false;
    expect(plantDrawn(scene)).toBe(false);
  });
});
