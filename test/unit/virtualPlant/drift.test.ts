import { describe, expect, it } from 'vitest';
import { sensorFaultSchema } from '../../../src/virtualPlant/control';
import { makePlant, T0_MS } from './harness';

describe('virtual plant: a drifting instrument', () => {
  it('reads off by rate × plant time since the fault came, on top of its own bias and noise', () => {
    // two plants of one seed draw the same noise: the difference is the drift alone
    const clean = makePlant({ seed: 5 });
    const faulty = makePlant({ seed: 5 });
    const steps = 600;
    const dt_s = faulty.sim.dt_s;
    clean.step(steps, T0_MS);
    faulty.step(steps, T0_MS);
    faulty.injectSensorFault('TK-101.temp_top', { kind: 'drift', rate_per_h: 0.5 }, T0_MS);
    clean.sample(T0_MS); // injecting samples at once: keep the two noise sequences in step
    expect(faulty.value('TK-101.temp_top').v).toBe(clean.value('TK-101.temp_top').v);
    for (let i = 1; i <= 3; i++) {
      clean.step(steps, T0_MS + i * 1000);
      faulty.step(steps, T0_MS + i * 1000);
      const off = faulty.value('TK-101.temp_top').v! - clean.value('TK-101.temp_top').v!;
      expect(off).toBeCloseTo((0.5 * i * steps * dt_s) / 3600, 9);
      // the other instruments read the same
      expect(faulty.value('TK-101.temp').v).toBe(clean.value('TK-101.temp').v);
    }
    faulty.clearSensorFault('TK-101.temp_top', T0_MS + 4000);
    clean.sample(T0_MS + 4000);
    expect(faulty.value('TK-101.temp_top').v).toBe(clean.value('TK-101.temp_top').v);
  });

  it('the control port accepts a drift with a finite rate only', () => {
    expect(sensorFaultSchema.safeParse({ kind: 'drift', rate_per_h: -0.5 }).success).toBe(true);
    expect(sensorFaultSchema.safeParse({ kind: 'drift' }).success).toBe(false);
    expect(sensorFaultSchema.safeParse({ kind: 'drift', rate_per_h: Infinity }).success).toBe(false);
  });
});
