import { describe, expect, it } from 'vitest';
import { buildSchedule, scheduleGains } from '../../../src/sim/control/tune/schedule';
import { createRls, rlsFeed, rlsModel, rlsUpdate, RLS_TRACE_MAX } from '../../../src/sim/control/tune/rls';
import { modelGains } from '../../../src/sim/control/tune/rules';
import { autotune, heaterStepModel, settledHeater, settledTank, settling } from './tuneFixture';

// Gain scheduling on level and viscosity, the RLS estimator of adaptive mode (on a first-order system worked
// by hand, then on the plant), and what the auto-tuner is for: a sluggish loop, tuned, settles faster.

describe('gain schedule', () => {
  it('kp ∝ level·μ^0.4 about the point of the gains, bilinear in level and ln μ, held at the edges (hand-worked)', () => {
    const g = buildSchedule(0.5, 1000, 0.5, 1);
    const at = (L: number, mu: number) => ({ ...scheduleGains(g, L, mu) });
    expect(at(0.5, 1).kp).toBeCloseTo(0.5, 12);
    expect(at(0.25, 1).kp).toBeCloseTo(0.25, 12); // half the level, half the gain
    expect(at(0.5, 3).kp).toBeCloseTo(0.5 * 3 ** 0.4, 12); // 0.7760
    // between μ 1 and 3 at the middle of ln μ: the mean of the two
    expect(at(0.5, Math.sqrt(3)).kp).toBeCloseTo((0.5 * (1 + 3 ** 0.4)) / 2, 12); // 0.6380
    expect(at(1, 1).kp).toBeCloseTo(0.95, 6); // held at the table's top level, 0.95
    expect(at(0.5, 1000).kp).toBeCloseTo(0.5 * 10 ** 0.4, 6); // held at 10·μ0
    expect(at(0.3, 2).ti_s).toBeCloseTo(1000, 12); // Ti unchanged
  });

  it('TIC-101 scheduled while a transfer empties it: kp follows the level, a fixed loop keeps its gain', () => {
    const sim = settledTank();
    expect(sim.command({ type: 'setTuningMode', tag: 'TIC-101', mode: 'scheduled' }).ok).toBe(true);
    expect(sim.command({ type: 'setTuningMode', tag: 'TIC-102', mode: 'fixed' }).ok).toBe(true);
    expect(sim.command({ type: 'startTransfer', from: 'TK-101', to: 'TK-102', flow_kg_s: 20 }).ok).toBe(true);
    sim.step(1);
    const L0 = sim.read('TK-101.level');
    const kp0 = sim.read('TK-101.kp');
    expect(sim.read('TK-101.tune_mode')).toBe(1);
    sim.runUntil(sim.state.t_s + 12 * 3600);
    const L1 = sim.read('TK-101.level');
    expect(L1 / L0).toBeLessThan(0.65); // 9 m → 5.4 m
    expect(sim.read('TK-101.kp') / kp0).toBeCloseTo(L1 / L0, 2); // the viscosity held with the temperature
    expect(Math.abs(sim.read('TK-101.temp') - 160)).toBeLessThan(0.1); // and the loop held its set point
    expect(sim.read('TK-102.kp')).toBe(0.25);
  });
});

describe('RLS estimator', () => {
  // y[k] = 0.9·y[k−1] + 0.5·u[k−1] + 0.2 sampled every 1 s: K = 0.5/(1 − 0.9) = 5, T = −1/ln 0.9 = 9.4912 s
  const prbs = (k: number) => ((k * 7919) % 13 < 6 ? 1 : -1); // a deterministic ±1 sequence
  it('finds a known first-order system from a PRBS (θ to 1e-5), and its K and T (hand-worked)', () => {
    const r = createRls(1, 1, 0, 0);
    let y = 0;
    for (let k = 0; k < 200; k++) {
      const u = prbs(k);
      y = 0.9 * y + 0.5 * u + 0.2;
      rlsFeed(r, u, y, 1); // the output held over the sample, and the y it ended with (the first only starts it)
    }
    // exact but for the weak prior (P0 = 1e4) of the start: ≈ 1e-6 after 200 samples
    expect(r.theta[0]).toBeCloseTo(0.9, 5);
    expect(r.theta[1]).toBeCloseTo(0.5, 5);
    expect(r.theta[2]).toBeCloseTo(0.2, 5);
    const m = rlsModel(r)!;
    expect(m.kind).toBe('fopdt');
    expect(m.K_K).toBeCloseTo(5, 3); // b/(1 − a) magnifies θ's 1e-6 tenfold
    expect(m.T_s).toBeCloseTo(9.4912, 3);
  });

  it('with forgetting (λ 0.95) follows a change of gain; without excitation it holds and its covariance stays bounded', () => {
    const r = createRls(1, 0.95, 0, 0);
    let y = 0;
    for (let k = 0; k < 400; k++) {
      const u = prbs(k);
      const y1 = y;
      y = 0.9 * y + (k < 200 ? 0.5 : 1) * u;
      rlsUpdate(r, y1, u, y);
    }
    expect(r.theta[1]).toBeCloseTo(1, 4); // the old gain's weight is 0.95^200 = 3.5e-5
    const n = r.n;
    for (let k = 0; k < 5000; k++) rlsFeed(r, 0, 0, 1, 1e-3); // a settled loop: nothing moves
    expect(r.n).toBe(n);
    for (let k = 0; k < 5000; k++) rlsUpdate(r, 0, 0, 0); // forced updates without excitation
    expect(r.P[0] + r.P[4] + r.P[8]).toBeLessThanOrEqual(RLS_TRACE_MAX * (1 + 1e-9));
    expect(r.theta[1]).toBeCloseTo(1, 4);
  });

  it('an integrator y[k] = y[k−1] + 0.01·u[k−1] is told as one: k = 0.01/h', () => {
    const r = createRls(60, 1, 0, 0);
    let y = 0;
    for (let k = 0; k < 100; k++) {
      const u = prbs(k);
      const y1 = y;
      y += 0.01 * u;
      rlsUpdate(r, y1, u, y);
    }
    const m = rlsModel(r)!;
    expect(m.kind).toBe('ipdt');
    expect(m.k_K_s).toBeCloseTo(0.01 / 60, 9);
  });

  it('H-201 adaptive under set-point steps: its estimate and gains within 20 % of a step test’s', () => {
    const sim = settledHeater();
    const start = sim.snapshot();
    expect(sim.command({ type: 'setTuningMode', tag: 'H-201', mode: 'adaptive' }).ok).toBe(true);
    for (let k = 0; k < 12; k++) {
      sim.command({ type: 'setSetpoint', tag: 'H-201', value_C: k % 2 ? 250 : 255 });
      sim.runUntil(sim.state.t_s + 600);
    }
    const t = sim.state.tuning!['H-201'];
    const est = rlsModel(t.rls!)!;
    expect(sim.read('H-201.tune_mode')).toBe(2);
    expect(sim.read('H-201.kp')).toBe(t.kpNow);
    sim.restore(start);
    const step = heaterStepModel(sim, sim.state.hotOil.firing_frac, 0.1);
    const ref = modelGains(step, 0.1, 1, 'ziegler-nichols')!;
    console.log(
      `H-201 adaptive: RLS K ${est.K_K.toFixed(1)}, T ${est.T_s.toFixed(0)} s, k ${est.k_K_s.toFixed(4)} K/s → kp ${t.kpNow.toFixed(4)}, Ti ${t.tiNow_s.toFixed(0)} s; step test K ${step.K_K.toFixed(1)}, T ${step.T_s.toFixed(0)} s, k ${step.k_K_s.toFixed(4)} → kp ${ref.kp.toFixed(4)}, Ti ${ref.ti_s.toFixed(0)} s`,
    );
    expect(Math.abs(est.k_K_s / step.k_K_s - 1)).toBeLessThan(0.2);
    expect(Math.abs(t.kpNow / ref.kp - 1)).toBeLessThan(0.2);
    expect(Math.abs(t.tiNow_s / ref.ti_s - 1)).toBeLessThan(0.2);
  });
});

describe('a sluggish loop, auto-tuned, settles a set-point step faster', () => {
  it('H-201 at kp 0.005, Ti 600 s: a 5 K step', () => {
    const sim = settledHeater();
    sim.command({ type: 'setTuning', tag: 'H-201', kp: 0.005, ti_s: 600 });
    sim.runUntil(sim.state.t_s + 1800);
    const start = sim.snapshot();
    const slow = settling(sim, 'H-201', 'H-201.supply_temp', 255, 0.5, 3 * 3600);
    sim.restore(start);
    const rep = autotune(sim, 'H-201', 2 * 3600);
    expect(rep.old).toEqual({ kp: 0.005, ti_s: 600 });
    sim.runUntil(sim.state.t_s + 1800);
    const fast = settling(sim, 'H-201', 'H-201.supply_temp', 255, 0.5, 3 * 3600);
    console.log(
      `H-201 5 K step: sluggish settles in ${slow.settle_s} s (overshoot ${slow.overshoot_K.toFixed(2)} K), auto-tuned in ${fast.settle_s} s (${fast.overshoot_K.toFixed(2)} K)`,
    );
    expect(fast.settle_s).toBeLessThan(slow.settle_s / 5);
    expect(fast.overshoot_K).toBeLessThan(1);
  });

  it('TIC-101 at kp 0.02, Ti 1800 s: a 0.5 K step', () => {
    const sim = settledTank();
    sim.command({ type: 'setTuning', tag: 'TIC-101', kp: 0.02, ti_s: 1800 });
    const start = sim.snapshot();
    const slow = settling(sim, 'TIC-101', 'TK-101.temp', 160.5, 0.1, 60 * 3600);
    sim.restore(start);
    const rep = autotune(sim, 'TIC-101', 72 * 3600);
    expect(rep.outcome).toBe('done');
    const fast = settling(sim, 'TIC-101', 'TK-101.temp', 160.5, 0.1, 60 * 3600);
    console.log(
      `TIC-101 0.5 K step: sluggish ${(slow.settle_s / 3600).toFixed(1)} h (overshoot ${slow.overshoot_K.toFixed(2)} K), auto-tuned ${(fast.settle_s / 3600).toFixed(1)} h (${fast.overshoot_K.toFixed(2)} K)`,
    );
    expect(fast.settle_s).toBeLessThan(slow.settle_s / 2);
  });
});
