import { describe, expect, it } from 'vitest';
import { defaultPlant } from '../../../src/sim/plant/default';
import { Simulation } from '../../../src/sim/simulation';
import { coilDuty_W, identifyTank, tankLoss_W } from '../../../src/sim/control/mpc/identify';
import { meanTemp_C } from '../../../src/sim/components/tank';

// The tank energy model identified from the plant's own functions, checked against the plant it came from.

function settled(): Simulation {
  const sim = new Simulation(defaultPlant(), { dt_s: 10 });
  sim.step(360); // an hour on the plant's PI loops
  return sim;
}

describe('identifyTank', () => {
  it('heat capacity is Σ m·cp(T): for TK-101 (AC60/70, cp = 1740 + 3.4·(T − 25) J/kg·K) at its layers', () => {
    const sim = settled();
    const tank = sim.state.tanks[0];
    const e = identifyTank(sim.model, sim.state, 0, tank.valvePos_frac);
    let hand = 0;
    tank.T_C.forEach((t, j) => (hand += tank.mass_kg * tank.layerMass_frac[j] * (1740 + 3.4 * (t - 25))));
    expect(e.heatCapacity_J_K / hand).toBeCloseTo(1, 12);
    // ≈ 2000 t of product: about 4–5 GJ/K (the plant facts)
    expect(e.heatCapacity_J_K).toBeGreaterThan(4e9);
    expect(e.heatCapacity_J_K).toBeLessThan(5e9);
  });

  it('the coil duty at the operating point is the plant’s own, and the valve slope predicts a small move', () => {
    const sim = settled();
    const s = sim.state;
    const tank = s.tanks[0];
    sim.command({ type: 'setMode', tag: 'TIC-101', mode: 'manual' });
    sim.command({ type: 'setOutput', tag: 'TIC-101', output: 0.3 });
    sim.step(30); // the valve there, the flow and duty solved
    const e = identifyTank(sim.model, s, 0, tank.valvePos_frac);
    expect(e.duty0_W / tank.coilDuty_W).toBeCloseTo(1, 2);
    const predicted = coilDuty_W(e, 0.35, s.hotOil.supply_C, meanTemp_C(tank));
    sim.command({ type: 'setOutput', tag: 'TIC-101', output: 0.35 });
    sim.step(30);
    expect(Math.abs(predicted - tank.coilDuty_W) / tank.coilDuty_W).toBeLessThan(0.05);
    expect(e.dutyPerValve_W).toBeGreaterThan(0);
    expect(e.dutyPerSupply_W_K).toBeGreaterThan(0); // hotter oil, more heat
    expect(e.dutyFullOpen_W).toBeGreaterThan(e.duty0_W);
  });

  it('the loss model gives the plant’s cooling of a closed tank over a day within 10 %', () => {
    const sim = settled();
    const s = sim.state;
    const tank = s.tanks[2]; // TK-103
    sim.command({ type: 'setMode', tag: 'TIC-103', mode: 'manual' });
    sim.command({ type: 'setOutput', tag: 'TIC-103', output: 0 });
    sim.step(60); // the valve shut
    const e = identifyTank(sim.model, s, 2, 0);
    const T0 = meanTemp_C(tank);
    // the model's day: C·dT/dt = −L(T, weather), the sim's own weather ahead, hourly steps
    let T = T0;
    const w = { ...s.weather };
    const t0 = s.t_s;
    for (let h = 0; h < 24; h++) {
      const hour = (s.startHour_h + (t0 + (h + 0.5) * 3600) / 3600) % 24;
      const amb = w.ambientMean_C + w.ambientSwing_K * Math.sin((2 * Math.PI * (hour - 9)) / 24);
      const sun = hour > 6 && hour < 18 ? Math.sin((Math.PI * (hour - 6)) / 12) : 0;
      const solar = w.solarPeak_W_m2 * sun * (1 - 0.75 * w.cloudCover_frac);
      T -= (tankLoss_W(e, T, amb, solar) * 3600) / e.heatCapacity_J_K;
    }
    sim.step(24 * 360);
    const plantDrop = T0 - meanTemp_C(tank);
    const modelDrop = T0 - T;
    expect(plantDrop).toBeGreaterThan(0.3); // ≈ 1 K/day (plant facts)
    expect(Math.abs(modelDrop - plantDrop) / plantDrop).toBeLessThan(0.1);
    expect(e.lossUA_W_K).toBeGreaterThan(0);
    expect(e.lossPerAmbient_W_K).toBeGreaterThan(0);
  });
});
