import { describe, expect, it } from 'vitest';
import { runPlant } from './anomalyHarness';

// Anomaly detection on the virtual plant: the real tank filters' innovations, hidden parameters and noise.

const FAULT_H = 8;

describe('anomaly detection on the virtual plant', () => {
  it('a 0.5 K/h drift of one temperature transmitter is flagged within 60 plant minutes as a fault of that sensor', () => {
    // two tanks at once (independent): TK-101 (five measured points), TK-103 (temperature, level, coil outlet)
    const { raised } = runPlant({
      seed: 1,
      tanks: ['TK-101', 'TK-103'],
      hours: FAULT_H + 1.5,
      at_h: FAULT_H,
      inject: (vp) => {
        vp.injectSensorFault('TK-101.temp', { kind: 'drift', rate_per_h: 0.5 });
        vp.injectSensorFault('TK-103.temp', { kind: 'drift', rate_per_h: -0.5 });
      },
    });
    // both within the hour: each step's readings are the mean of its 1 s samples, so TK-103's noisier pair (its
    // high-high element 0.35 K) is no longer the limit
    for (const [tag, dir] of [
      ['TK-101.temp', 'high'],
      ['TK-103.temp', 'low'],
    ] as const) {
      const tank = tag.slice(0, 6);
      const first = raised.find((a) => a.tank === tank)!;
      expect(first, tank).toBeDefined();
      expect(first.kind).toBe('sensor');
      expect(first.tag).toBe(tag);
      expect(first.cause).toMatch(new RegExp(`^drift: reads ${dir}`));
      const delay_min = (first.raised_s - FAULT_H * 3600) / 60;
      expect(delay_min).toBeGreaterThan(0);
      expect(delay_min).toBeLessThanOrEqual(60);
      // the onset it estimates lies before the raise, not long before the fault
      expect(first.since_s).toBeGreaterThan((FAULT_H - 0.5) * 3600);
      expect(raised.filter((a) => a.tank === tank).every((a) => a.kind === 'sensor')).toBe(true);
      // evidence: the residual trend of the last hours
      expect(first.evidence.t_s.length).toBeGreaterThan(60);
    }
  }, 300_000);

  it('insulation damage is flagged as a process fault, not a sensor fault', () => {
    const { raised } = runPlant({
      seed: 1,
      tanks: ['TK-101', 'TK-103'],
      hours: FAULT_H + 4,
      at_h: FAULT_H,
      inject: (vp) => {
        for (const tank of ['TK-101', 'TK-103'])
          vp.sim.command({ type: 'injectFault', fault: { kind: 'insulationDamage', tank, factor: 5 } }, 'instructor');
      },
    });
    for (const tank of ['TK-101', 'TK-103']) {
      const mine = raised.filter((a) => a.tank === tank);
      expect(mine.length, tank).toBeGreaterThan(0);
      expect(
        mine.filter((a) => a.kind !== 'process').map((a) => `${a.id} ${(a.raised_s / 3600).toFixed(2)} h`),
      ).toEqual([]);
      expect(mine[0].id).toBe(`${tank}.ADV_PROCESS`);
      expect(mine[0].raised_s).toBeGreaterThan(FAULT_H * 3600);
      expect(mine[0].cause).toMatch(/heat balance/);
    }
  }, 300_000);

  it('no advisory in a clean 7-day run (four tanks)', () => {
    const { raised, det } = runPlant({
      seed: 1,
      tanks: ['TK-101', 'TK-103', 'TK-105', 'TK-108'],
      hours: 7 * 24,
      dt_s: 5,
    });
    expect(raised.map((a) => `${a.id} ${a.cause}`)).toEqual([]);
    expect(det.active()).toEqual([]);
  }, 600_000);
});
