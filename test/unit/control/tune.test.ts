import { describe, expect, it } from 'vitest';
import { modelGains, relayCycle, relayKu, ruleGains } from '../../../src/sim/control/tune/rules';
import type { LoopModel } from '../../../src/sim/control/tune/types';
import { autotune, heaterStepModel, lineFit, settledHeater, settledTank } from './tuneFixture';

// The relay auto-tuner against a reference: the loop's model identified by a step test on the same plant
// from the same start, the tuning rule's gains worked out from that model analytically (the limit cycle
// the relay keeps on it, rules.ts), and the auto-tuner's gains within 20 % of them.

const within = (x: number, ref: number, tol: number) => Math.abs(x / ref - 1) <= tol;

describe('tuning rules and the relay cycle on a model (hand-worked)', () => {
  it('Tyreus–Luyben and Ziegler–Nichols PI from Ku, Pu', () => {
    const tl = ruleGains('tyreus-luyben', 3.2, 100);
    expect(tl.kp).toBeCloseTo(1, 12);
    expect(tl.ti_s).toBeCloseTo(220, 12);
    const zn = ruleGains('ziegler-nichols', 2, 120);
    expect(zn.kp).toBeCloseTo(0.9, 12);
    expect(zn.ti_s).toBeCloseTo(100, 12);
    expect(relayKu(0.1, 0.05)).toBeCloseTo(0.4 / (Math.PI * 0.05), 12); // 2.546
  });

  it('an integrator k = 1e-4 K/s, L = 10 s under a ±0.1 relay with 0.05 K hysteresis: a = 0.0501 K, Pu = 20040 s', () => {
    const m: LoopModel = { kind: 'ipdt', K_K: 0, T_s: 0, k_K_s: 1e-4, L_s: 10 };
    const c = relayCycle(m, 0.1, 0.05)!;
    expect(c.a_K).toBeCloseTo(0.0501, 12); // ε + k·d·L = 0.05 + 1e-5·10
    expect(c.Pu_s).toBeCloseTo(20040, 9); // 4L + 4ε/(k·d) = 40 + 0.2/1e-5
  });

  it('a lag K = 20, T = 100 s under a ±0.1 relay with 1 K hysteresis: a = 1 K, Pu = 200·ln 3 s; no cycle if Kd ≤ ε', () => {
    const m: LoopModel = { kind: 'fopdt', K_K: 20, T_s: 100, k_K_s: 0.2, L_s: 0 };
    const c = relayCycle(m, 0.1, 1)!;
    expect(c.a_K).toBeCloseTo(1, 12);
    expect(c.Pu_s).toBeCloseTo(200 * Math.log(3), 9); // 2T·ln((Kd+a)/(Kd−ε)) = 219.7 s
    // and its Tyreus–Luyben gains: Ku = 0.4/π, kp = Ku/3.2 = 0.0398, Ti = 2.2·219.7 = 483.4 s
    const g = modelGains(m, 0.1, 1, 'tyreus-luyben')!;
    expect(g.kp).toBeCloseTo(0.4 / Math.PI / 3.2, 12);
    expect(g.ti_s).toBeCloseTo(2.2 * 200 * Math.log(3), 9);
    expect(relayCycle({ ...m, K_K: 10 }, 0.1, 1)).toBeNull();
  });
});

describe('auto-tune of the default plant against a step test', () => {
  it('TIC-101: the applied (Ziegler–Nichols) gains within 20 % of the rule on the integrator a step test identifies', () => {
    const sim = settledTank();
    const start = sim.snapshot();
    const rep = autotune(sim, 'TIC-101', 72 * 3600);
    expect(rep.outcome).toBe('done');
    expect(rep.Pu_s! / 3600).toBeGreaterThan(2); // the tank loop is slow: hours
    expect(rep.Pu_s! / 3600).toBeLessThan(8);
    expect(rep.Ku).toBeCloseTo((4 * rep.relay_frac) / (Math.PI * rep.amplitude_K!), 12);
    expect(rep.rule).toBe('ziegler-nichols');
    expect(rep.applied).toEqual(rep.suggested!['ziegler-nichols']);
    expect(rep.old).toEqual({ kp: 0.25, ti_s: 1800 });
    // step test: the valve held at the relay's centre ± d for 4 h from the same start; the difference of the
    // two responses is 2·k·d·(t − L) (the load cancels)
    const b = rep.bias_frac;
    const d = rep.relay_frac;
    const run = (u: number) => {
      sim.restore(start);
      sim.command({ type: 'setMode', tag: 'TIC-101', mode: 'manual' });
      sim.command({ type: 'setOutput', tag: 'TIC-101', output: u });
      const y0 = sim.read('TK-101.temp');
      const ys: number[] = [];
      for (let k = 1; k <= 240; k++) {
        sim.runUntil(start.state.t_s + 60 * k);
        ys.push(sim.read('TK-101.temp') - y0);
      }
      return ys;
    };
    const up = run(b + d);
    const down = run(b - d);
    const t = up.map((_, k) => 60 * (k + 1)).slice(30);
    const fit = lineFit(
      t,
      up.slice(30).map((y, k) => y - down[k + 30]),
    );
    const k_K_s = fit.slope / (2 * d);
    const L_s = Math.max(0, -fit.intercept / fit.slope);
    const model: LoopModel = { kind: 'ipdt', K_K: 0, T_s: 0, k_K_s, L_s };
    const ref = modelGains(model, d, rep.hysteresis_K, rep.rule)!;
    console.log(
      `TIC-101 step test: k ${k_K_s.toExponential(3)} K/s per unit valve, L ${L_s.toFixed(0)} s → kp ${ref.kp.toFixed(3)}, Ti ${(ref.ti_s / 3600).toFixed(2)} h; relay: Ku ${rep.Ku!.toFixed(3)}, Pu ${(rep.Pu_s! / 3600).toFixed(2)} h, a ${rep.amplitude_K!.toFixed(4)} K → kp ${rep.applied!.kp.toFixed(3)}, Ti ${(rep.applied!.ti_s / 3600).toFixed(2)} h`,
    );
    expect(within(rep.applied!.kp, ref.kp, 0.2)).toBe(true);
    expect(within(rep.applied!.ti_s, ref.ti_s, 0.2)).toBe(true);
    // the relay record's own model agrees with the step test's slope
    expect(within(rep.model!.k_K_s, k_K_s, 0.2)).toBe(true);
  });

  it('H-201: the applied (Ziegler–Nichols) gains within 20 % of the rule on the FOPDT a step test identifies', () => {
    const sim = settledHeater();
    const start = sim.snapshot();
    const rep = autotune(sim, 'H-201', 2 * 3600);
    expect(rep.outcome).toBe('done');
    expect(rep.Pu_s! / 60).toBeGreaterThan(1); // the heater loop is fast: minutes
    expect(rep.Pu_s! / 60).toBeLessThan(20);
    // step test from the same start: the firing held at the relay's centre, then + d (10 min: the heater's lag)
    sim.restore(start);
    const d = rep.relay_frac;
    const model = heaterStepModel(sim, rep.bias_frac, d);
    const ref = modelGains(model, d, rep.hysteresis_K, rep.rule)!;
    console.log(
      `H-201 step test: K ${model.K_K.toFixed(1)} K per unit firing, T ${model.T_s.toFixed(0)} s, L ${model.L_s} s → kp ${ref.kp.toFixed(4)}, Ti ${ref.ti_s.toFixed(0)} s; relay: Ku ${rep.Ku!.toFixed(4)}, Pu ${rep.Pu_s!.toFixed(0)} s, a ${rep.amplitude_K!.toFixed(3)} K → kp ${rep.applied!.kp.toFixed(4)}, Ti ${rep.applied!.ti_s.toFixed(0)} s`,
    );
    expect(within(rep.applied!.kp, ref.kp, 0.2)).toBe(true);
    expect(within(rep.applied!.ti_s, ref.ti_s, 0.2)).toBe(true);
  });
});
