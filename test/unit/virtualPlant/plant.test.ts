import { describe, expect, it } from 'vitest';
import { defaultPlant } from '../../../src/sim/plant/default';
import { hiddenFromSeed, parseHidden, type Hidden } from '../../../src/virtualPlant/hidden';
import { RealTimeRunner } from '../../../src/virtualPlant/runner';
import { makePlant, T0_MS, virtualPlantMapping } from './harness';

const mapping = virtualPlantMapping();
const plant = defaultPlant();

/** No bias and no noise anywhere: the served values are the model's. */
function clean(tanks: Hidden['tanks'] = {}): Hidden {
  return { tanks, sensors: {} };
}

describe('hidden parameters', () => {
  it('are the same for the same seed and differ between seeds', () => {
    const a = hiddenFromSeed(42, plant, mapping);
    expect(hiddenFromSeed(42, plant, mapping)).toEqual(a);
    const b = hiddenFromSeed(43, plant, mapping);
    expect(b.tanks['TK-101']).not.toEqual(a.tanks['TK-101']);
    expect(Object.keys(a.tanks)).toHaveLength(10);
    for (const t of Object.values(a.tanks)) {
      expect(t.fouling_m2K_W).toBeGreaterThanOrEqual(0);
      expect(t.fouling_m2K_W).toBeLessThanOrEqual(0.01);
      expect(t.insulationFactor).toBeGreaterThanOrEqual(1);
      expect(t.insulationFactor).toBeLessThanOrEqual(3);
    }
    // instruments only: no bias on a set point or a pump's running bit
    expect(a.sensors['TK-101.temp']).toBeDefined();
    expect(a.sensors['TK-101.setpoint']).toBeUndefined();
    expect(a.sensors['P-201A.running']).toBeUndefined();
  });

  it('serve the same values for the same seed, different for another', () => {
    const run = (seed: number) => {
      const vp = makePlant({ seed });
      vp.step(30, T0_MS + 30_000);
      return vp.tags.map((t) => vp.value(t.tag).v);
    };
    expect(run(5)).toEqual(run(5));
    expect(run(6)).not.toEqual(run(5));
  });

  it('a hidden file is checked field by field, errors named by path', () => {
    const r = parseHidden(
      {
        tanks: {
          'TK-999': { fouling_m2K_W: 0.001 },
          'TK-101': { insulationFactor: 19 },
          'TK-102': { fouling_m2K_W: -1 },
        },
        sensors: {},
      },
      plant,
      mapping,
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.path)).toEqual(['tanks.TK-102.fouling_m2K_W']);
    // a plant whose lagging already conducts 0.1 W/mK: 19× would pass the plant file's 1 W/mK
    const leaky = structuredClone(plant);
    leaky.tanks[0].insulation.k_W_mK = 0.1;
    const r2 = parseHidden(
      { tanks: { 'TK-999': {}, 'TK-101': { insulationFactor: 19 } }, sensors: { 'TK-101.mass': { bias: 1 } } },
      leaky,
      mapping,
    );
    expect(r2.ok).toBe(false);
    if (!r2.ok)
      expect(r2.errors.map((e) => e.path)).toEqual([
        'tanks.TK-999',
        'tanks.TK-101.insulationFactor',
        'sensors.TK-101.mass',
      ]);
    const r3 = parseHidden({ tanks: { 'TK-101': { fouling_m2K_W: 0.002 } } }, plant, mapping);
    expect(r3.ok && r3.value.tanks['TK-101'].insulationFactor).toBe(1);
  });

  it('a fouled coil heats its tank slower than a clean one', () => {
    // TK-110 starts 20 K under its set point: the coil runs flat out for hours
    const heat = (fouling: number) => {
      const vp = makePlant({ hidden: clean({ 'TK-110': { fouling_m2K_W: fouling, insulationFactor: 1 } }), dt_s: 10 });
      const t0 = vp.value('TK-110.temp').v!;
      vp.step(720, T0_MS + 7_200_000);
      return { rise: vp.value('TK-110.temp').v! - t0, duty: vp.sim.read('TK-110.coil_duty') };
    };
    const cleanCoil = heat(0);
    const fouled = heat(0.05);
    expect(cleanCoil.rise).toBeGreaterThan(0.5);
    expect(fouled.rise).toBeLessThan(0.8 * cleanCoil.rise);
    expect(fouled.duty).toBeLessThan(cleanCoil.duty);
  });

  it('damaged insulation loses more heat', () => {
    const loss = (factor: number) => {
      const vp = makePlant({ hidden: clean({ 'TK-101': { fouling_m2K_W: 0, insulationFactor: factor } }), dt_s: 10 });
      vp.step(6, T0_MS + 60_000);
      return vp.sim.read('TK-101.heat_loss');
    };
    expect(loss(3)).toBeGreaterThan(1.5 * loss(1));
  });

  it('bias and noise are on what is served, never on the model', () => {
    const h: Hidden = {
      tanks: {},
      sensors: { 'TK-101.temp': { bias: 2, sigma: 0 }, 'TK-102.temp': { bias: 0, sigma: 1 } },
    };
    const vp = makePlant({ hidden: h });
    expect(vp.value('TK-101.temp').v).toBeCloseTo(vp.sim.read('TK-101.temp') + 2, 9);
    const xs: number[] = [];
    for (let i = 0; i < 200; i++) {
      vp.sample(T0_MS + i);
      xs.push(vp.value('TK-102.temp').v! - vp.sim.read('TK-102.temp'));
    }
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
    expect(Math.abs(mean)).toBeLessThan(0.3);
    expect(sd).toBeGreaterThan(0.7);
    expect(sd).toBeLessThan(1.3);
    expect(JSON.stringify(vp.reveal())).toContain('"bias":2');
  });
});

describe('sensor faults and writes', () => {
  it('out of range, stuck, noisy and bad, then cleared', () => {
    const vp = makePlant({ hidden: clean(), dt_s: 10 });
    vp.injectSensorFault('TK-101.level', { kind: 'outOfRange' });
    expect(vp.value('TK-101.level')).toMatchObject({ v: 14 + 1.4, status: 'good' });
    vp.injectSensorFault('TK-101.level', { kind: 'outOfRange', value: -3 });
    expect(vp.value('TK-101.level').v).toBe(-3);

    vp.injectSensorFault('TK-110.temp', { kind: 'stuck' });
    const held = vp.value('TK-110.temp').v;
    vp.step(360, T0_MS + 3_600_000);
    expect(vp.sim.read('TK-110.temp')).not.toBeCloseTo(held!, 2);
    expect(vp.value('TK-110.temp').v).toBe(held);

    vp.injectSensorFault('H-201.supply_temp', { kind: 'noisy', sigma: 5 });
    const ys = Array.from({ length: 50 }, (_, i) => (vp.sample(T0_MS + i), vp.value('H-201.supply_temp').v!));
    expect(Math.max(...ys) - Math.min(...ys)).toBeGreaterThan(10);

    vp.injectSensorFault('TK-103.temp_hh', { kind: 'bad' });
    expect(vp.value('TK-103.temp_hh')).toMatchObject({ v: null, status: 'bad', reason: 'BadSensorFailure' });
    vp.injectSensorFault('TK-103.temp_hh', { kind: 'bad', reason: 'BadCommunicationError' });
    expect(vp.value('TK-103.temp_hh').reason).toBe('BadCommunicationError');

    vp.clearSensorFault('TK-103.temp_hh');
    expect(vp.value('TK-103.temp_hh').status).toBe('good');
    vp.clearSensorFault();
    expect(vp.value('TK-110.temp').v).toBeCloseTo(vp.sim.read('TK-110.temp'), 9);
    expect(() => vp.injectSensorFault('TK-999.temp', { kind: 'stuck' })).toThrow(/TK-999/);
  });

  it('a write to a writable tag is a plant command; a read-only tag or a refused value is not', () => {
    const vp = makePlant({ hidden: clean() });
    expect(vp.write('TK-101.setpoint', 170)).toEqual({ ok: true });
    expect(vp.sim.state.tanks[0].pid.setpoint_C).toBe(170);
    expect(vp.value('TK-101.setpoint').v).toBe(170);
    expect(vp.write('H-201.setpoint', 245)).toEqual({ ok: true });
    expect(vp.sim.state.hotOil.setpoint_C).toBe(245);
    expect(vp.write('P-201B.running', 1)).toEqual({ ok: true });
    const refused = vp.write('TK-101.setpoint', 260);
    expect(refused.ok).toBe(false);
    expect(vp.sim.state.tanks[0].pid.setpoint_C).toBe(170);
    expect(vp.write('TK-101.temp', 100)).toEqual({ ok: false, reason: 'TK-101.temp is read-only' });
  });

  it('the real-time runner steps by the clock it is given, speed plant seconds per second', () => {
    const vp = makePlant({ hidden: clean() });
    let now = T0_MS;
    const r = new RealTimeRunner(vp, { speed: 10, now: () => now });
    r.start();
    r.stop(); // the timer is not needed: tick() is driven by hand
    now += 1000;
    expect(r.tick()).toBe(10);
    expect(vp.t_s).toBeCloseTo(10, 9);
    expect(vp.value('TK-101.temp').ts_ms).toBe(now);
    now += 50;
    expect(r.tick()).toBe(0);
    now += 60;
    expect(r.tick()).toBe(1);
    // after a long stall it does not race to catch up past its cap
    now += 3_600_000;
    expect(r.tick()).toBe(1000);
    now += 100;
    expect(r.tick()).toBe(1);
    expect(() => new RealTimeRunner(vp, { speed: 0 })).toThrow(/speed/);
  });
});
