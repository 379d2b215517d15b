import { afterEach, describe, expect, it, vi } from 'vitest';
import { Engine } from '../../../src/worker/engine';
import { createWorkerApi } from '../../../src/worker/api';
import { defaultPlantRaw } from '../../../src/sim/plant/default';
import { H, HEADER_LEN, type Frame } from '../../../src/protocol/frame';
import { stairSteps } from '../../../src/worker/physics';

const tick60 = (e: Engine, seconds: number) => {
  for (let i = 0; i < Math.round(seconds * 60); i++) e.tick(1 / 60);
};

describe('engine (the worker without its timer)', () => {
  it('steps plant time at the asked speed and publishes every tag in the frame', async () => {
    const e = new Engine();
    const r = await e.init(defaultPlantRaw, { physics: false });
    expect(r.ok).toBe(true);
    e.running = true;
    e.setSpeed(100);
    tick60(e, 2);
    expect(e.sim.state.t_s).toBeGreaterThanOrEqual(199);
    expect(e.sim.state.t_s).toBeLessThanOrEqual(200);
    const f = e.frame();
    expect(f.values[H.t_s]).toBe(e.sim.state.t_s);
    expect(f.values[H.speed]).toBe(100);
    expect(f.values.length).toBe(HEADER_LEN + e.sim.tags.length);
    const k = e.sim.tagIndex.get('TK-101.level')!;
    expect(f.values[HEADER_LEN + k]).toBeCloseTo(9, 1);
  });
  it('clamps speed to 0.1–1000× and pausing stops plant time', async () => {
    const e = new Engine();
    await e.init(defaultPlantRaw, { physics: false });
    expect(e.setSpeed(5000)).toBe(1000);
    expect(e.setSpeed(0.01)).toBe(0.1);
    e.running = false;
    tick60(e, 1);
    expect(e.sim.state.t_s).toBe(0);
  });
  it('sends new events and the alarm list only when they change', async () => {
    const e = new Engine();
    await e.init(defaultPlantRaw, { physics: false });
    e.frame();
    expect(e.command({ type: 'injectFault', fault: { kind: 'h2sRelease', tank: 'TK-102', ppm: 40 } })).toEqual({
      ok: true,
    });
    e.running = true;
    e.setSpeed(60);
    tick60(e, 1);
    const f = e.frame();
    expect(f.events.some((x) => x.type === 'fault')).toBe(true);
    expect(f.alarms?.map((a) => a.id)).toEqual(expect.arrayContaining(['TK-102.AAH', 'TK-102.AAHH']));
    expect(e.frame().alarms).toBeUndefined();
    e.command({ type: 'ackAll' });
    expect(e.frame().alarms?.every((a) => a.state === 'ack')).toBe(true);
  });
  it('a malformed command or plant is answered, never thrown', async () => {
    const e = new Engine();
    const bad = structuredClone(defaultPlantRaw) as { tanks: { diameter_m: unknown }[] };
    bad.tanks[4].diameter_m = 'wide';
    const r = await e.init(bad, { physics: false });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/tanks\[4\]\.diameter_m/);
    await e.init(defaultPlantRaw, { physics: false });
    expect(e.command({ type: 'setValve', tag: 'XV-999', opening: 1 })).toEqual({
      ok: false,
      reason: 'unknown valve XV-999',
    });
    expect(e.command(null as never).ok).toBe(false);
  });
  it('keeps a snapshot per plant minute and backtracks to any earlier minute', async () => {
    const e = new Engine();
    await e.init(defaultPlantRaw, { physics: false });
    for (let i = 0; i < 600; i++) e.stepOnce();
    expect(e.snapshots.map((s) => s.state.t_s)).toEqual([0, 60, 120, 180, 240, 300, 360, 420, 480, 540, 600]);
    const at300 = structuredClone(e.snapshots[5].state);
    expect(e.backtrack(330)).toBe(300);
    expect(e.sim.state).toEqual(at300);
  });
});

describe('walking physics (rapier in the worker)', () => {
  it('the player cannot walk through a tank', async () => {
    const e = new Engine();
    await e.init(defaultPlantRaw);
    // TK-101 stands at x 15, z 15, D 18: start west of it and walk east
    expect(e.teleport(1, 0, 15)).toBe(true); // inside the bund, west of the tank
    e.setInput({ forward: 1, right: 0, yaw: -Math.PI / 2, run: true });
    tick60(e, 8);
    const f = e.frame();
    expect(f.values[H.playerX]).toBeGreaterThan(4); // it did walk
    expect(f.values[H.playerX]).toBeLessThan(15 - 9 - 0.2); // and stopped at the shell
    expect(Math.abs(f.values[H.playerY])).toBeLessThan(0.2);
  });
  it('climbs the spiral stair', async () => {
    const e = new Engine();
    await e.init(defaultPlantRaw);
    const steps = stairSteps(14);
    const r = 9 + 0.15 + 0.5;
    const a0 = steps[0].angle - 0.1;
    e.teleport(15 + Math.sin(a0) * r, 0, 15 - Math.cos(a0) * r);
    let maxY = 0;
    for (let i = 0; i < 60 * 20; i++) {
      const f = e.frame();
      const ang = Math.atan2(f.values[H.playerX] - 15, -(f.values[H.playerZ] - 15));
      // walk tangentially (clockwise seen from above), nudged back towards the tread line
      const radial = Math.hypot(f.values[H.playerX] - 15, f.values[H.playerZ] - 15) - r;
      e.setInput({ forward: 1, right: Math.max(-1, Math.min(1, radial * 2)), yaw: -ang - Math.PI / 2, run: false });
      e.tick(1 / 60);
      maxY = Math.max(maxY, f.values[H.playerY]);
    }
    expect(maxY).toBeGreaterThan(2);
  });
});

describe('worker API (the module the worker exposes)', () => {
  // The loop runs on setInterval and reads the injected clock; fake timers drive both, so the plant time
  // reached depends only on the simulated wall time (the real-time figure is `npm run bench -- --only worker`).
  afterEach(() => {
    vi.useRealTimers();
  });
  it('runs its own loop, publishes frames at ≥ 20 Hz and advances plant time by wall time × speed', async () => {
    vi.useFakeTimers({ now: 0 });
    // the loop's time source is the fake timers' clock, which only advanceTimersByTime moves
    const simulatedMs = () => vi.getMockedSystemTime()!.getTime();
    const api = createWorkerApi(simulatedMs);
    const frames: Frame[] = [];
    api.subscribe((f) => frames.push(f));
    expect((await api.init(defaultPlantRaw, { physics: false })).ok).toBe(true);
    api.setSpeed(100);
    api.play();
    const start = simulatedMs();
    vi.advanceTimersByTime(1000);
    api.pause();
    const wall_s = (simulatedMs() - start) / 1000;
    expect(wall_s).toBeGreaterThan(0.95); // the last tick of the interval (TICK_MS ≈ 16.7 ms) lies within 1 s
    expect(frames.length).toBeGreaterThan(20);
    const t = frames[frames.length - 1].values[H.t_s];
    // 100× for wall_s seconds at dt 1 s: floor(100·wall_s) steps; one step may still sit in the carry when
    // the summed wall deltas round just below a whole step
    expect(t).toBeLessThanOrEqual(Math.floor(100 * wall_s));
    expect(t).toBeGreaterThanOrEqual(Math.floor(100 * wall_s) - 1);
    // paused: more wall time moves nothing
    vi.advanceTimersByTime(500);
    expect(frames[frames.length - 1].values[H.t_s]).toBe(t);
    expect(api.step(3)).toBe(t + 3);
  });
});

describe('teleport', () => {
  it('puts the walker on open ground or in the control room but refuses a spot inside a tank or a wall', async () => {
    const e = new Engine();
    await e.init(defaultPlantRaw);
    expect(e.teleport(170, 0, 15)).toBe(true);
    expect(e.frame().values[H.playerX]).toBeCloseTo(170, 1);
    expect(e.teleport(15, 0, 15)).toBe(false); // TK-101's centre
    expect(e.teleport(-30, 0, -19.9)).toBe(false); // the control room's north wall
    expect(e.frame().values[H.playerX]).toBeCloseTo(170, 1);
    // the control room is walked into: its console's place is open floor
    expect(e.teleport(-25.35, 0, -15)).toBe(true);
  });
});
