import { describe, expect, it } from 'vitest';
import { defaultPlant } from '../../../src/sim/plant/default';
import { Simulation } from '../../../src/sim/simulation';
import { autotune, settledHeater, settledTank } from './tuneFixture';

// The relay experiment's edges: it aborts safely (PV out of its band, time limit, operator, loop taken from
// under it) with the loop's gains untouched, the loop comes back without a bump, and the experiment
// snapshots with the plant.

const info = (sim: Simulation) =>
  sim.state.events.filter((e) => e.type === 'info').map((e) => (e as { message: string }).message);

describe('auto-tune aborts safely', () => {
  it('H-201 with a relay of ±30 % and a hysteresis as wide as its safe band: aborted on the band, no trip, gains kept', () => {
    const sim = settledHeater();
    const sp = sim.state.hotOil.setpoint_C;
    let maxDev = 0;
    sim.command({ type: 'startAutotune', tag: 'H-201', relay_frac: 0.3, hysteresis_K: 10 });
    while (sim.state.tuning!['H-201'].relay) {
      sim.step(1);
      maxDev = Math.max(maxDev, Math.abs(sim.state.hotOil.supply_C - sp));
    }
    const t = sim.state.tuning!['H-201'];
    expect(t.report!.outcome).toBe('aborted');
    expect(t.report!.reason).toMatch(/safe band of ±10 K/);
    expect(t.report!.applied).toBeUndefined();
    expect([t.kp, t.ti_s]).toEqual([0.05, 120]); // the plant file's, kept
    expect(sim.read('H-201.tune')).toBe(3);
    expect(maxDev).toBeLessThan(11); // stopped within a step of the band
    expect(sim.state.hotOil.heaterMode).toBe('running');
    expect(sim.state.hotOil.bms.phase).toBe('modulating'); // not thrown to standby (sp + 15 K)
    expect(info(sim).at(-1)).toMatch(/^auto-tune aborted: the PV left the safe band/);
    // and back under its PI: the supply returns to the set point
    sim.runUntil(sim.state.t_s + 1800);
    expect(Math.abs(sim.state.hotOil.supply_C - sp)).toBeLessThan(0.5);
  });

  it('TIC-101 with a relay too small to cycle: aborted at the 72 h limit', () => {
    const sim = settledTank();
    const t0 = sim.state.t_s;
    const rep = autotune(sim, 'TIC-101', 80 * 3600, { relay_frac: 0.005 });
    expect(rep.outcome).toBe('aborted');
    expect(rep.reason).toBe('no steady limit cycle within 72 h');
    expect(rep.t1_s - t0).toBeGreaterThan(72 * 3600);
    expect(rep.t1_s - t0).toBeLessThan(72 * 3600 + 60);
    expect(sim.state.tanks[0].pid.mode).toBe('auto');
  });

  it('TIC-101: the operator stops it, or takes the loop to manual: aborted, saying so', () => {
    const sim = settledTank();
    const start = sim.snapshot();
    sim.command({ type: 'startAutotune', tag: 'TIC-101' });
    expect(sim.command({ type: 'startAutotune', tag: 'TIC-101' })).toEqual({
      ok: false,
      reason: 'an auto-tune is already running on this loop',
    });
    expect(sim.command({ type: 'setTuning', tag: 'TIC-101', kp: 1, ti_s: 100 }).ok).toBe(false);
    sim.runUntil(sim.state.t_s + 3 * 3600);
    expect(sim.read('TK-101.tune')).toBe(1);
    expect(sim.command({ type: 'stopAutotune', tag: 'TIC-101' }).ok).toBe(true);
    expect(sim.state.tuning!['TIC-101'].report!.reason).toBe('stopped by the operator');
    expect(sim.command({ type: 'stopAutotune', tag: 'TIC-101' }).ok).toBe(false);
    sim.restore(start);
    sim.command({ type: 'startAutotune', tag: 'TIC-101' });
    sim.runUntil(sim.state.t_s + 3600);
    sim.command({ type: 'setMode', tag: 'TIC-101', mode: 'manual' });
    sim.step(1);
    expect(sim.state.tuning!['TIC-101'].report!.reason).toBe('the controller went to manual');
    expect(sim.state.tuning!['TIC-101'].relay).toBeUndefined();
  });

  it('H-201: the heater stopped under it: aborted', () => {
    const sim = settledHeater();
    sim.command({ type: 'startAutotune', tag: 'H-201' });
    sim.runUntil(sim.state.t_s + 60);
    sim.command({ type: 'heaterStop' });
    sim.step(2);
    expect(sim.state.tuning!['H-201'].report!.reason).toBe('the heater stopped firing');
  });

  it('refusals: an unknown loop, scheduling the heater, a loop far from its set point', () => {
    const sim = settledHeater();
    expect(sim.command({ type: 'startAutotune', tag: 'TIC-999' })).toEqual({
      ok: false,
      reason: 'unknown loop TIC-999',
    });
    expect(sim.command({ type: 'setTuningMode', tag: 'H-201', mode: 'scheduled' }).ok).toBe(false);
    sim.command({ type: 'setSetpoint', tag: 'H-201', value_C: 240 });
    expect(sim.command({ type: 'startAutotune', tag: 'H-201' }).ok).toBe(false);
    expect(sim.state.tuning).toBeUndefined(); // nothing was created by the refusals
  });
});

describe('auto-tune returns without a bump', () => {
  it('H-201: the PI starts at the relay centre and holds the supply within the cycle’s amplitude', () => {
    const sim = settledHeater();
    const rep = autotune(sim, 'H-201', 2 * 3600);
    expect(rep.outcome).toBe('done');
    const sp = sim.state.hotOil.setpoint_C;
    expect(sim.state.hotOil.firing_frac).toBeCloseTo(rep.bias_frac, 3); // the step it ended in
    let maxDev = 0;
    let maxStep = 0;
    let f = sim.state.hotOil.firing_frac;
    for (let k = 0; k < 1200; k++) {
      sim.step(1);
      maxDev = Math.max(maxDev, Math.abs(sim.state.hotOil.supply_C - sp));
      maxStep = Math.max(maxStep, Math.abs(sim.state.hotOil.firing_frac - f));
      f = sim.state.hotOil.firing_frac;
    }
    expect(maxDev).toBeLessThan(rep.amplitude_K! + 0.2);
    expect(maxStep).toBeLessThan(0.02); // no jump of the firing on the way back (the relay moved it by 0.2)
    expect(sim.read('H-201.kp')).toBeCloseTo(rep.applied!.kp, 12);
    expect(sim.read('H-201.ti')).toBeCloseTo(rep.applied!.ti_s, 12);
    expect(sim.read('H-201.tune')).toBe(2);
  });

  it('TIC-101: back in auto with the valve at the relay centre, moving smoothly', () => {
    const sim = settledTank();
    const rep = autotune(sim, 'TIC-101', 72 * 3600);
    expect(rep.outcome).toBe('done');
    const tank = sim.state.tanks[0];
    expect(tank.pid.mode).toBe('auto');
    expect(tank.valveTarget_frac).toBeCloseTo(rep.bias_frac, 3); // the PI's first output
    let maxStep = 0;
    let v = tank.valveTarget_frac;
    for (let k = 0; k < 360; k++) {
      sim.step(1);
      maxStep = Math.max(maxStep, Math.abs(sim.state.tanks[0].valveTarget_frac - v));
      v = sim.state.tanks[0].valveTarget_frac;
    }
    expect(maxStep).toBeLessThan(0.01);
    expect(Math.abs(sim.read('TK-101.temp') - sim.state.tanks[0].pid.setpoint_C)).toBeLessThan(0.1);
  });
});

describe('new gains by hand', () => {
  it('setTuning and a change of mode move the PI integral with kp: the output does not jump', () => {
    const sim = settledHeater();
    sim.command({ type: 'setSetpoint', tag: 'H-201', value_C: 252 }); // an error for kp to act on
    sim.runUntil(sim.state.t_s + 20);
    const f0 = sim.state.hotOil.firing_frac;
    const e = 252 - sim.state.hotOil.supply_C;
    expect(Math.abs(e)).toBeGreaterThan(0.5);
    sim.command({ type: 'setTuning', tag: 'H-201', kp: 0.5, ti_s: 100 }); // ten times the gain
    sim.step(1);
    // without the move the firing would jump by (0.5 − 0.05)·e; with it, only the step's own change
    expect(Math.abs(sim.state.hotOil.firing_frac - f0)).toBeLessThan(0.05 * Math.abs(e));
    expect(sim.read('H-201.kp')).toBe(0.5);
    const tank = settledTank();
    tank.command({ type: 'setSetpoint', tag: 'TIC-101', value_C: 160.3 });
    tank.runUntil(tank.state.t_s + 600);
    tank.command({ type: 'setTuning', tag: 'TIC-101', kp: 2, ti_s: 3600 });
    tank.command({ type: 'setTuningMode', tag: 'TIC-101', mode: 'scheduled' });
    const v0 = tank.state.tanks[0].pid.output_frac;
    tank.step(1);
    expect(Math.abs(tank.state.tanks[0].pid.output_frac - v0)).toBeLessThan(0.01);
    tank.command({ type: 'setTuningMode', tag: 'TIC-101', mode: 'fixed' });
    const v1 = tank.state.tanks[0].pid.output_frac;
    tank.step(1);
    expect(Math.abs(tank.state.tanks[0].pid.output_frac - v1)).toBeLessThan(0.01);
  });
});

describe('an unsettled start', () => {
  it('TIC-101 twelve hours into cascade, its valve far above the load: the relay pushes with its whole range, then finds its cycle', () => {
    const sim = settledTank();
    sim.command({ type: 'setMode', tag: 'TIC-101', mode: 'cascade' });
    sim.runUntil(sim.state.t_s + 12 * 3600);
    expect(sim.state.tanks[0].valveTarget_frac).toBeGreaterThan(0.25); // the load needs ≈ 0.05
    const rep = autotune(sim, 'TIC-101', 72 * 3600);
    expect(rep.outcome).toBe('done');
    expect(rep.Pu_s! / 3600).toBeCloseTo(4, 0); // the settled start's 4.0 h
    expect(sim.state.tanks[0].pid.mode).toBe('cascade');
  });
});

describe('the experiment snapshots with the plant', () => {
  it('a run restored mid-relay from a JSON snapshot ends exactly as the one that never stopped', () => {
    const a = settledHeater();
    a.command({ type: 'startAutotune', tag: 'H-201' });
    a.runUntil(a.state.t_s + 300);
    const b = new Simulation(defaultPlant(), { dt_s: 1 });
    b.restore(JSON.parse(JSON.stringify(a.snapshot())));
    for (const s of [a, b]) while (s.state.tuning!['H-201'].relay) s.step(1);
    a.runUntil(a.state.t_s + 600);
    b.runUntil(b.state.t_s + 600);
    expect(b.hash()).toBe(a.hash());
    expect(b.state.tuning!['H-201'].report).toEqual(a.state.tuning!['H-201'].report);
  });
});
