import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SimClient } from '../../../src/app/client';
import { inProcessWorker } from './inProcessWorker';
import type { InitOptions } from '../../../src/protocol/workerApi';
import { ui } from '../../../src/state/ui';

// The engine-ready gate: a start that fails answers the commands waiting for it, and a worker restarted after
// a crash gets a gate of its own, so commands wait for its init. The worker runs in this process behind a
// MessageChannel; each worker's init waits for the gate the test hands it, so the order is the test's.

type Init = 'fail' | Promise<void>;
const inits: Init[] = [];
const workers: { crash(): void }[] = [];
/** What each worker was asked, in order, and when its init was done. */
const calls: string[] = [];

const InProcessWorker = inProcessWorker((api, worker) => {
  const init = api.init;
  const how = inits.shift() ?? Promise.resolve();
  api.init = async (plant: unknown, opts?: InitOptions) => {
    if (how === 'fail') throw new Error('no plant chunk');
    await how;
    const r = await init(plant, { ...opts, physics: false });
    calls.push('init done');
    return r;
  };
  const { setInput, teleport } = api;
  api.setInput = (i) => (calls.push('setInput'), setInput(i));
  api.teleport = (x, y, z) => (calls.push('teleport'), teleport(x, y, z));
  workers.push(worker);
});

/** A macrotask: long enough for a comlink round trip, had the command been sent. */
const roundTrip = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('the engine-ready gate', () => {
  let client: SimClient | null = null;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    vi.stubGlobal('Worker', InProcessWorker);
    inits.length = 0;
    workers.length = 0;
    calls.length = 0;
    ui.setState({ fatal: null, notice: null });
  });
  afterEach(() => {
    client?.terminate();
    client = null;
    vi.unstubAllGlobals();
    vi.useRealTimers();
    ui.setState({ fatal: null, notice: null });
  });

  it('answers a waiting command and shows why when the start fails', async () => {
    inits.push('fail');
    client = new SimClient(null);
    const started = client.start();
    const result = client.command({ type: 'setValve', tag: 'XV-101', opening: 0.4 });
    expect(await started).toBe(false);
    expect((await result).ok).toBe(false);
    expect(ui.getState().fatal).toMatch(/no plant chunk/);
  });

  it('holds a command given after a crash until the restarted worker has the plant', async () => {
    let openSecond: () => void = () => undefined;
    inits.push(Promise.resolve(), new Promise<void>((resolve) => (openSecond = resolve)));
    client = new SimClient(null);
    expect(await client.start()).toBe(true);
    workers[0].crash();
    expect(workers).toHaveLength(2);
    let settled = false;
    const result = client.command({ type: 'setValve', tag: 'XV-101', opening: 0.4 }).then((r) => {
      settled = true;
      return r;
    });
    await roundTrip();
    await roundTrip();
    expect(settled).toBe(false);
    openSecond();
    // sent before the new worker's init had finished, the engine would have had no plant to apply it to
    expect(await result).toEqual({ ok: true });
    expect(ui.getState().fatal).toBeNull();
  });

  it("keeps the walker's calls from an engine that has no plant yet: input dropped, a move carried out after", async () => {
    let open: () => void = () => undefined;
    inits.push(new Promise<void>((resolve) => (open = resolve)));
    client = new SimClient(null);
    const started = client.start();
    client.setInput({ forward: 1, right: 0, yaw: 0, run: false });
    const moved = client.teleport(1, 0, 2);
    await roundTrip();
    await roundTrip();
    expect(calls).toEqual([]);
    open();
    await started;
    await moved;
    client.setInput({ forward: 1, right: 0, yaw: 0, run: false });
    await roundTrip();
    expect(calls).toEqual(['init done', 'teleport', 'setInput']);
  });
});
