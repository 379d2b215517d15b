import { transfer } from 'comlink';
import { Engine, type InitResult } from './engine';
import type { Command } from '../sim/commands';
import type { CommandResult } from '../sim/apply';
import type { InitialConditions } from '../sim/initial';
import type { Snapshot } from '../sim/snapshot';
import type { Frame, PlayerInput } from '../protocol/frame';

export const TICK_MS = 1000 / 60; // the worker ticks at 60 Hz: walking is smooth and state reaches the page at ≥ 20 Hz

/**
 * What the worker exposes through comlink. The loop runs on the worker's own timer; frames go to the
 * page's callback with their buffer transferred.
 */
export function createWorkerApi(now: () => number = () => performance.now()) {
  const engine = new Engine();
  let listener: ((f: Frame) => void) | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;
  let last = now();
  let crashAt: number | null = null;

  const loop = () => {
    const t = now();
    const wall = (t - last) / 1000;
    last = t;
    if (crashAt !== null && engine.sim.state.t_s >= crashAt) {
      crashAt = null;
      throw new Error('simulated worker crash (requested for testing)');
    }
    engine.tick(wall);
    if (listener) {
      const f = engine.frame();
      listener(transfer(f, [f.values.buffer]));
    }
  };

  return {
    async init(
      plantRaw: unknown,
      opts: { initial?: InitialConditions; seed?: number; snapshot?: Snapshot; physics?: boolean } = {},
    ): Promise<InitResult> {
      const r = await engine.init(plantRaw, opts);
      if (r.ok && !timer) {
        last = now();
        timer = setInterval(loop, TICK_MS);
      }
      return r;
    },
    subscribe(cb: (f: Frame) => void): void {
      listener = cb;
    },
    play(): void {
      engine.running = true;
    },
    pause(): void {
      engine.running = false;
    },
    /** One plant step while paused. */
    step(n = 1): number {
      for (let i = 0; i < Math.max(1, Math.min(n, 86400)); i++) engine.stepOnce();
      return engine.sim.state.t_s;
    },
    setSpeed(x: number): number {
      return engine.setSpeed(x);
    },
    command(c: Command): CommandResult {
      return engine.command(c);
    },
    commands(list: Command[]): CommandResult[] {
      return list.map((c) => engine.command(c));
    },
    setInput(input: PlayerInput): void {
      engine.setInput(input);
    },
    teleport(x: number, y: number, z: number): boolean {
      return engine.teleport(x, y, z);
    },
    snapshot(): Snapshot {
      return engine.snapshot();
    },
    restore(s: Snapshot): void {
      engine.restore(s);
    },
    backtrack(t_s: number): number | null {
      return engine.backtrack(t_s);
    },
    startScenario(raw: unknown, runId: string) {
      return engine.startScenario(raw, runId);
    },
    useHint(): string | null {
      return engine.useHint();
    },
    abandonScenario(): void {
      engine.abandonScenario();
    },
    closeScenario(): void {
      engine.closeScenario();
    },
    holdItem(tag: string, held: boolean): boolean {
      return engine.physics?.holdItem(tag, held) ?? false;
    },
    moveItem(tag: string, x: number, y: number, z: number): void {
      engine.physics?.moveItem(tag, x, y, z);
    },
    snapshotTimes(): number[] {
      return engine.snapshots.map((s) => s.state.t_s);
    },
    /** For tests of crash recovery: throw from the loop once plant time reaches t. */
    crashAt(t_s: number): void {
      crashAt = t_s;
    },
  };
}

export type WorkerApi = ReturnType<typeof createWorkerApi>;
