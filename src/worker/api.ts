import { transfer } from 'comlink';
import { Engine } from './engine';
import type { Command, CommandOrigin } from '../sim/commands';
import type { CommandResult } from '../sim/apply';
import type { Snapshot } from '../sim/snapshot';
import type { Frame, PlayerInput } from '../protocol/frame';
import type { InitOptions, InitResult, LiveInputBatch, ShadowReport, WorkerApi } from '../protocol/workerApi';

export type { WorkerApi } from '../protocol/workerApi';

export const TICK_MS = 1000 / 60; // the worker ticks at 60 Hz: walking is smooth and state reaches the page at ≥ 20 Hz

/**
 * The worker's side of WorkerApi. The loop runs on the worker's own timer; frames go to the page's callback
 * with their buffer transferred. `now` (ms) is the time source for both the loop and the engine's clock.
 */
export function createWorkerApi(now: () => number = () => performance.now()): WorkerApi {
  const engine = new Engine({ now });
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
    async init(plantRaw: unknown, opts: InitOptions = {}): Promise<InitResult> {
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
    command(c: Command, by?: CommandOrigin): CommandResult {
      return engine.command(c, by);
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
      return engine.walk.holdItem(tag, held);
    },
    moveItem(tag: string, x: number, y: number, z: number): void {
      engine.walk.moveItem(tag, x, y, z);
    },
    snapshotTimes(): number[] {
      return engine.ring.times();
    },
    /** For tests of crash recovery: throw from the loop once plant time reaches t. */
    crashAt(t_s: number): void {
      crashAt = t_s;
    },
    shadowStart(snap: LiveInputBatch) {
      return engine.shadowStart(snap);
    },
    shadowPush(batch: LiveInputBatch): ShadowReport | null {
      const r = engine.shadowPush(batch);
      return (
        r && transfer(r, [r.measured.buffer, r.model.buffer, r.flags.buffer, r.rms.buffer, r.corr.buffer, r.n.buffer])
      );
    },
    shadowWhatIf() {
      return engine.shadowWhatIf();
    },
  };
}
