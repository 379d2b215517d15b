import { describe, expect, it } from 'vitest';
import { defaultPlant } from '../../../../src/sim/plant/default';
import { MAX_STABLE_DT_S, Simulation } from '../../../../src/sim/simulation';
import { LOSS_INTERVAL_S, lossStep_s } from '../../../../src/sim/heatBalance';
import { stepTankLosses } from '../../../../src/sim/components/tankThermal';
import { layerTops, refreshTemperatures } from '../../../../src/sim/components/tank';

// A tank's losses, inner conduction and vapour-space node are integrated every 10 s of plant time, not every
// step (src/sim/heatBalance.ts): the step that reaches a multiple of 10 s applies the 10 s behind it.

describe('the loss interval', () => {
  it('the step reaching a multiple of 10 s applies the 10 s behind it; steps of 10 s or more their own dt', () => {
    expect(LOSS_INTERVAL_S).toBe(10);
    expect(LOSS_INTERVAL_S).toBeLessThanOrEqual(MAX_STABLE_DT_S); // a lump no longer than the model's longest step
    expect([0, 1, 5, 8, 9, 10, 19].map((t) => lossStep_s(t, 1))).toEqual([0, 0, 0, 0, 10, 0, 10]);
    expect(lossStep_s(0, 1e-9)).toBe(0); // the instruments' settling step at start applies nothing
    expect(lossStep_s(8, 3)).toBe(10); // 8 → 11 crosses 10 s
    expect(lossStep_s(10, 3)).toBe(0); // 10 → 13 does not reach 20 s
    expect(lossStep_s(0, 10)).toBe(10);
    expect(lossStep_s(3.7, 10)).toBe(10);
  });

  it('over a run the time applied is the time elapsed, within one interval, at any step', () => {
    for (const dt of [0.25, 1, 2, 3, 4.5, 6, 10]) {
      let t = 0;
      let applied = 0;
      for (let k = 0; k < 2000; k++) {
        applied += lossStep_s(t, dt);
        t += dt;
      }
      expect(Math.abs(applied - t), `dt ${dt}`).toBeLessThanOrEqual(LOSS_INTERVAL_S);
    }
  });

  it('an hour of a tank cooling, losses every 10 s against every second: the heat lost within 1e-4, layers within 1 mK', () => {
    const sim = new Simulation(defaultPlant(), { dt_s: 1 });
    const tm = sim.model.tanks[0];
    const run = (dt: number): { lost_J: number; T: number[]; roof_C: number } => {
      const s = structuredClone(sim.state);
      const tank = s.tanks[0];
      const tops = new Float64Array(tank.h_J_kg.length);
      let lost = 0;
      for (let t = 0; t < 3600; t += dt) {
        layerTops(tm, tank, tops);
        lost += stepTankLosses(tm, tank, s, tops, tops[tops.length - 1], dt) * dt;
        refreshTemperatures(tank);
      }
      return { lost_J: lost, T: [...tank.T_C], roof_C: tank.roof_C };
    };
    const every1 = run(1);
    const every10 = run(10);
    expect(every1.lost_J).toBeGreaterThan(1e7); // ~6–9 kW for an hour: there is heat to lose
    expect(Math.abs(every10.lost_J / every1.lost_J - 1)).toBeLessThan(1e-4);
    for (let i = 0; i < every1.T.length; i++) expect(Math.abs(every10.T[i] - every1.T[i])).toBeLessThan(1e-3);
    expect(Math.abs(every10.roof_C - every1.roof_C)).toBeLessThan(0.05);
  });

  it('the heat loss is shown from the first step, and between the 10 s steps it holds its last value', () => {
    const sim = new Simulation(defaultPlant(), { dt_s: 1 });
    sim.step(1);
    const first = sim.read('TK-101.heat_loss');
    expect(first).toBeGreaterThan(1); // kW
    sim.step(7); // t = 8 s: no loss step since the first
    expect(sim.read('TK-101.heat_loss')).toBe(first);
    sim.step(2); // t = 10 s: the first 10 s step
    expect(sim.read('TK-101.heat_loss')).not.toBe(first);
  });
});
