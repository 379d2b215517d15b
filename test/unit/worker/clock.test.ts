import { describe, expect, it } from 'vitest';
import { Clock, MAX_STEPS_PER_TICK } from '../../../src/worker/clock';

// The step-count logic of the worker's clock, driven with chosen wall spans and a fake time source.

describe('worker clock', () => {
  it('turns wall time × speed into whole steps and carries the fraction', () => {
    const c = new Clock(() => 0);
    c.running = true;
    c.setSpeed(10);
    // 10× at 60 Hz: 0.25 s of plant time a tick (wall 1/40 s) → 0, 0, 0, 1 steps of dt 1 s… exactly 10 a second
    expect(c.stepsFor(0.025, 1)).toBe(0); // carry 0.25
    expect(c.stepsFor(0.025, 1)).toBe(0); // 0.5
    expect(c.stepsFor(0.025, 1)).toBe(0); // 0.75
    expect(c.stepsFor(0.025, 1)).toBe(1); // 1.0 → one step, carry 0
    let total = 1;
    for (let i = 0; i < 36; i++) total += c.stepsFor(0.025, 1); // 40 ticks = 1 s in all
    expect(total).toBe(10);
  });
  it('takes nothing while paused or for a non-positive span, and keeps no carry from it', () => {
    const c = new Clock(() => 0);
    c.setSpeed(100);
    expect(c.stepsFor(1, 1)).toBe(0); // paused
    c.running = true;
    expect(c.stepsFor(0, 1)).toBe(0);
    expect(c.stepsFor(-1, 1)).toBe(0);
    expect(c.stepsFor(Number.NaN, 1)).toBe(0);
    expect(c.stepsFor(0.01, 1)).toBe(1); // 100 × 0.01 = 1 step: nothing stored from the paused call
  });
  it('bounds a tick and drops a backlog rather than spiral', () => {
    const c = new Clock(() => 0);
    c.running = true;
    c.setSpeed(1000);
    expect(c.stepsFor(60, 1)).toBe(MAX_STEPS_PER_TICK); // 60 000 steps asked
    expect(c.stepsFor(0.001, 1)).toBe(1); // the 55 000-step backlog was dropped: only this tick's 1 s
  });
  it('clamps speed and measures work with the time source it was given', () => {
    let t = 100;
    const c = new Clock(() => t);
    expect(c.setSpeed(5000)).toBe(1000);
    expect(c.setSpeed(0.01)).toBe(0.1);
    expect(c.setSpeed(Number.NaN)).toBe(0.1);
    c.beginWork();
    t = 112.5;
    c.endWork();
    expect(c.lastTickMs).toBe(12.5);
  });
});
