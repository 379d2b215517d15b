import { describe, expect, it } from 'vitest';
import { sim, plantCopy } from '../helpers';
import { piStep, piTrack, ramp } from '../../../src/sim/control/pid';
import { viscosity } from '../../../src/sim/props/bitumen';

describe('PI controller', () => {
  it('does not wind up while saturated and recovers at once when the error reverses', () => {
    const mem = { integral: 0, output_frac: 0 };
    for (let i = 0; i < 10000; i++) piStep(mem, { kp: 0.25, ti_s: 100 }, 200, 100, 0, 1);
    expect(mem.output_frac).toBe(1);
    expect(mem.integral).toBeLessThan(1.01); // held, not wound up to thousands
    piStep(mem, { kp: 0.25, ti_s: 100 }, 200, 205, 0, 1);
    expect(mem.output_frac).toBeLessThan(1);
  });
  it('tracks for a bumpless transfer and ramps the set point', () => {
    const mem = { integral: 0, output_frac: 0.37 };
    piTrack(mem, { kp: 0.25, ti_s: 100 }, 150, 148, 0.1);
    expect(piStep(mem, { kp: 0.25, ti_s: 100 }, 150, 148, 0.1, 0)).toBeCloseTo(0.37, 12);
    expect(ramp(100, 160, 0.5 / 60, 60)).toBeCloseTo(100.5, 12);
  });
});

describe('tank temperature control in the plant', () => {
  it('auto holds a tank near its set point; manual to auto is bumpless', () => {
    const s = sim(plantCopy(), { tanks: { 'TK-110': { temp_C: 158, mode: 'manual', valve: 0.3 } } });
    s.step(600);
    const before = s.read('TK-110.valve');
    s.command({ type: 'setMode', tag: 'TIC-110', mode: 'auto' });
    s.step(1);
    expect(Math.abs(s.read('TK-110.valve') - before)).toBeLessThan(0.5); // % of stroke: no bump
    s.step(12 * 3600);
    expect(Math.abs(s.read('TK-110.temp') - 160)).toBeLessThan(1);
  });
  it('cascade (temperature → coil oil flow) also holds the set point', () => {
    const s = sim(plantCopy(), { tanks: { 'TK-109': { temp_C: 166, mode: 'cascade' } } });
    s.step(24 * 3600);
    expect(Math.abs(s.read('TK-109.temp') - 170)).toBeLessThan(1.5);
    expect(s.read('TK-109.coil_flow')).toBeGreaterThan(0);
  });
});

describe('transfers blend product properties', () => {
  it('log-log viscosity blending by mass: a PMA transfer stiffens an AC 60/70 tank', () => {
    const s = sim();
    const dst = s.state.tanks[s.model.tankIndex.get('TK-107')!];
    const src = s.state.tanks[s.model.tankIndex.get('TK-108')!];
    const mu0 = viscosity(dst.props, 160);
    const m0 = dst.mass_kg;
    s.command({ type: 'startTransfer', from: 'TK-108', to: 'TK-107', flow_kg_s: 20 });
    s.step(3600);
    const moved = dst.mass_kg - m0;
    expect(moved).toBeCloseTo(72000, -2);
    const w = moved / dst.mass_kg;
    // the Walther form blends linearly in A and B
    expect(dst.props.viscA).toBeCloseTo((1 - w) * 9.6722 + w * src.props.viscA, 2);
    expect(viscosity(dst.props, 160)).toBeGreaterThan(mu0);
    expect(dst.props.powerLawIndex).toBeLessThan(1);
  });
});
