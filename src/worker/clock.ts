import { SPEED_MAX, SPEED_MIN } from '../protocol/frame';

export const MAX_STEPS_PER_TICK = 5000; // bounds a tick's work; at 1000× and 60 Hz only ~17 are needed

/** A source of milliseconds; tests pass their own so nothing depends on the wall clock. */
export type TimeSource = () => number;

/**
 * Plant time accounting: run/pause, speed, and how many fixed steps a span of wall time is worth.
 * The fraction of a step left over is carried to the next tick so speed is exact over time.
 */
export class Clock {
  running = false;
  speed = 1;
  /** Wall milliseconds the last tick spent stepping the plant (shown as the worker's load). */
  lastTickMs = 0;
  private carry_s = 0;
  private t0_ms = 0;

  constructor(readonly now: TimeSource = () => performance.now()) {}

  setSpeed(x: number): number {
    if (!Number.isFinite(x)) return this.speed;
    this.speed = Math.min(SPEED_MAX, Math.max(SPEED_MIN, x));
    return this.speed;
  }

  /** Plant steps of dt_s that wall_s of wall time is worth at the current speed (0 while paused). */
  stepsFor(wall_s: number, dt_s: number): number {
    if (!this.running || !(wall_s > 0)) return 0;
    this.carry_s += wall_s * this.speed;
    const steps = Math.min(Math.floor(this.carry_s / dt_s), MAX_STEPS_PER_TICK);
    this.carry_s -= steps * dt_s;
    if (this.carry_s > dt_s * MAX_STEPS_PER_TICK) this.carry_s = 0; // fell behind: drop the backlog rather than spiral
    return steps;
  }

  beginWork(): void {
    this.t0_ms = this.now();
  }

  endWork(): void {
    this.lastTickMs = this.now() - this.t0_ms;
  }
}
