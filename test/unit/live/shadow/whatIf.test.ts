import { afterEach, describe, expect, it, vi } from 'vitest';
import { expose } from 'comlink';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { Engine } from '../../../../src/worker/engine';
import { createWorkerApi } from '../../../../src/worker/api';
import { defaultPlantRaw } from '../../../../src/sim/plant/default';
import { SimClient } from '../../../../src/app/client';
import { LiveClient } from '../../../../src/live/LiveClient';
import type { Snapshot } from '../../../../src/sim/snapshot';
import {
  closeWhatIf,
  newSimulatedPlant,
  startWhatIf,
  whatIfStore,
  type SimulatedPlantFactory,
} from '../../../../src/live/shadow/whatIf';
import { batchOf, T0 } from './batch';

// "What-if from now": a separate simulated plant from the shadow's state, made from plain data only, on its
// own worker: nothing it does reaches the live connection, its broker link or the shadow.

/** A Worker stand-in: the real worker API, in-process, behind a MessageChannel (comlink as in the page). */
const workers: { ports: MessagePort[]; terminated: boolean }[] = [];
class InProcessWorker {
  private readonly w: { ports: MessagePort[]; terminated: boolean };
  private readonly port: MessagePort;
  constructor() {
    const { port1, port2 } = new MessageChannel();
    expose(
      createWorkerApi(() => 0),
      port2 as never,
    );
    this.port = port1;
    this.w = { ports: [port1, port2], terminated: false };
    workers.push(this.w);
  }
  postMessage(m: unknown, t?: Transferable[]) {
    this.port.postMessage(m, t as never);
  }
  addEventListener(type: string, fn: (e: unknown) => void) {
    if (type === 'message') this.port.on('message', (data) => fn({ data }));
  }
  removeEventListener() {}
  terminate() {
    this.w.terminated = true;
    this.w.ports.forEach((p) => p.close());
  }
}

async function shadowEngine(): Promise<Engine> {
  const e = new Engine();
  expect((await e.init(defaultPlantRaw, { physics: false })).ok).toBe(true);
  e.shadowStart(
    batchOf(e.sim, [
      ['AMB.temp', 18, T0],
      ['TK-101.level', 8, T0],
      ['TK-101.temp', 150, T0],
      ['TK-101.valve', 35, T0],
      ['TK-101.receipt_flow', 12, T0],
      ['H-201.setpoint', 245, T0],
    ]),
  );
  e.shadowPush(batchOf(e.sim, [['TK-101.receipt_flow', 12, T0 + 120_000]]));
  return e;
}

afterEach(() => {
  closeWhatIf();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('what-if from now', () => {
  it('hands the factory plain data only: the plant and an unforced snapshot of the shadow now', async () => {
    const e = await shadowEngine();
    const hashBefore = e.sim.hash();
    let args: unknown[] = [];
    const made = new SimClient(null);
    const factory: SimulatedPlantFactory = async (...a) => {
      args = a;
      return made;
    };
    const c = await startWhatIf({ whatIfSnapshot: async () => e.shadowWhatIf() }, e.info().plant, T0, factory);
    expect(c).toBe(made);
    expect(whatIfStore.getState().client).toBe(made);
    expect(args).toHaveLength(2);
    // data only: a JSON round trip keeps all of it (a function, a socket or a client object would not survive)
    expect(JSON.parse(JSON.stringify(args))).toEqual(args);
    const snap = args[1] as Snapshot;
    expect(snap.state.t_s).toBe(120);
    expect(snap.state.weather.forced).toBeUndefined();
    expect(snap.state.weather.ambientMean_C).toBe(18);
    expect(snap.state.tanks[0].pid.mode).toBe(e.sim.model.tanks[0].data.control.mode);
    expect(snap.state.tanks[0].receiptFlow_kg_s).toBe(0);
    expect(snap.state.hotOil.setpoint_C).toBe(245);
    expect(e.sim.hash()).toBe(hashBefore); // taking it leaves the shadow as it was
  });

  it('the default factory makes a plain SimClient on its own worker; its commands never reach the live link', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] }); // the worker loop and snapshot timer stay still
    vi.stubGlobal('Worker', InProcessWorker);
    const e = await shadowEngine();
    const live = new LiveClient(null, 'http://station.invalid', { now: () => T0 });
    const publish = vi.fn();
    (live as unknown as { mqtt: unknown }).mqtt = { publish, end: vi.fn() };
    const liveCommand = vi.spyOn(live, 'command');
    const made: SimClient[] = [];
    const factory: SimulatedPlantFactory = async (p, s) => {
      const c = await newSimulatedPlant(p, s);
      made.push(c);
      return c;
    };
    const c = (await startWhatIf({ whatIfSnapshot: async () => e.shadowWhatIf() }, e.info().plant, T0, factory))!;
    expect(c).not.toBeNull();
    expect(Object.getPrototypeOf(c)).toBe(SimClient.prototype);
    expect(c).not.toBeInstanceOf(LiveClient);
    expect(c.quality).toBeNull();
    expect(workers).toHaveLength(1); // a worker of its own
    const r = await c.command({ type: 'setSetpoint', tag: 'TIC-101', value_C: 170 });
    expect(r.ok).toBe(true);
    const snap = await c.api.snapshot();
    expect(snap.state.tanks[0].pid.setpoint_C).toBe(170);
    expect(snap.state.t_s).toBe(120); // it starts where the shadow stood
    expect(publish).not.toHaveBeenCalled();
    expect(liveCommand).not.toHaveBeenCalled();
    expect(e.sim.state.tanks[0].pid.setpoint_C).not.toBe(170);
    closeWhatIf();
    expect(workers[0].terminated).toBe(true);
    expect(whatIfStore.getState().client).toBeNull();
  });

  it('says why when the shadow has not started', async () => {
    const c = await startWhatIf({ whatIfSnapshot: async () => null }, {}, null, async () => new SimClient(null));
    expect(c).toBeNull();
    expect(whatIfStore.getState().error).toMatch(/not started/);
  });
});
