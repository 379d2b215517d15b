import type { VirtualPlant } from './plant';

// Runs the virtual plant against the wall clock: a fixed model step, `speed` plant seconds per wall
// second. The timer fires at most every MIN_TICK_MS; a fast run takes several steps per tick. Steps owed
// after a stall (a slow GC, a suspended laptop) are capped, so the plant never races to catch up.

const MIN_TICK_MS = 50;
const MAX_CATCH_UP_STEPS = 1000;

export interface RunnerOptions {
  /** Plant seconds per wall second (default 1). */
  speed?: number;
  now?: () => number;
}

export class RealTimeRunner {
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly speed: number;
  private readonly now: () => number;
  /** Wall time the next step is due. */
  private due_ms = 0;

  constructor(
    private readonly plant: VirtualPlant,
    o: RunnerOptions = {},
  ) {
    this.speed = o.speed ?? 1;
    if (!(this.speed > 0 && this.speed <= 10_000)) throw new RangeError('--speed must be above 0 and at most 10000');
    this.now = o.now ?? Date.now;
  }

  /** Wall milliseconds per model step. */
  get stepWall_ms(): number {
    return (this.plant.sim.dt_s * 1000) / this.speed;
  }

  start(): void {
    if (this.timer) return;
    this.due_ms = this.now() + this.stepWall_ms;
    this.timer = setInterval(() => this.tick(), Math.max(MIN_TICK_MS, Math.min(1000, this.stepWall_ms)));
  }

  /** Take every step that is due by the clock now (exposed for tests with a fake clock). */
  tick(): number {
    const now = this.now();
    let n = 0;
    while (this.due_ms <= now && n < MAX_CATCH_UP_STEPS) {
      this.due_ms += this.stepWall_ms;
      n++;
    }
    if (this.due_ms <= now) this.due_ms = now + this.stepWall_ms;
    if (n > 0) this.plant.step(n, now);
    return n;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
