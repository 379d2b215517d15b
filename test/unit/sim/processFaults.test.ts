import { describe, expect, it } from 'vitest';
import { defaultPlant } from '../../../src/sim/plant/default';
import { Simulation } from '../../../src/sim/simulation';
import { heaterEfficiency, wallResistance } from '../../../src/sim/faultEffects';
import { describeFault } from '../../../src/sim/faults';
import { faultSchema } from '../../../src/sim/commandSchema';

// The process faults a diagnosis needs (insulation damage, a fouling step, heater degradation), checked
// against numbers worked by hand from the default plant file.

function sim(): Simulation {
  return new Simulation(defaultPlant(), { dt_s: 1 });
}

describe('insulationDamage', () => {
  it('divides the lagging share of the wall resistance by the factor', () => {
    const s = sim();
    const tm = s.model.tanks[0]; // TK-101: 0.1 m of lagging at 0.05 W/mK, 12 mm of steel
    // 1/50 (inside film) + 0.012/45 (steel) + 0.1/0.05 (lagging) = 0.02 + 0.000267 + 2 = 2.020267 m²K/W
    expect(wallResistance(s.state, tm)).toBeCloseTo(2.020267, 6);
    expect(s.command({ type: 'injectFault', fault: { kind: 'insulationDamage', tank: 'TK-101', factor: 4 } })).toEqual({
      ok: true,
    });
    // the lagging conducts 4×: 2/4 = 0.5, so 0.02 + 0.000267 + 0.5 = 0.520267
    expect(wallResistance(s.state, tm)).toBeCloseTo(0.520267, 6);
    expect(wallResistance(s.state, s.model.tanks[1])).toBeCloseTo(wallResistance(s.state, s.model.tanks[1]), 12);
  });

  it('raises the tank loss about as the wall conductance rises', () => {
    const a = sim();
    const b = sim();
    b.command({ type: 'injectFault', fault: { kind: 'insulationDamage', tank: 'TK-101', factor: 4 } });
    a.step(1);
    b.step(1);
    const la = a.state.tanks[0].heatLoss_W;
    const lb = b.state.tanks[0].heatLoss_W;
    // wall U = 1/(r + 1/h_out) with h_out ≈ 10 W/m²K: 1/(2.02 + 0.1) = 0.47 → 1/(0.52 + 0.1) = 1.6 W/m²K (×3.4);
    // the floor (not lagged) keeps its share, so the whole loss rises by less than that but by well over 2×
    expect(lb / la).toBeGreaterThan(2);
    expect(lb / la).toBeLessThan(3.5);
    expect(b.state.tanks[1].heatLoss_W).toBe(a.state.tanks[1].heatLoss_W);
  });
});

describe('foulingStep', () => {
  it('adds its resistance to the coil at once, and it stays when the fault is cleared', () => {
    const s = sim();
    s.state.tanks[1].fouling_m2K_W = 0.001;
    s.command({ type: 'injectFault', fault: { kind: 'foulingStep', tank: 'TK-102', add_m2K_W: 0.004 } });
    expect(s.state.tanks[1].fouling_m2K_W).toBeCloseTo(0.005, 12); // 0.001 + 0.004
    expect(s.read('TK-102.fouling')).toBeCloseTo(0.005, 12);
    s.command({ type: 'clearAllFaults' });
    expect(s.state.tanks[1].fouling_m2K_W).toBeCloseTo(0.005, 12); // a deposit is cleaned, not cleared
  });

  it('cuts the coil duty as 1/U grows by the step', () => {
    const duty = (add: number): number => {
      const s = sim();
      if (add > 0) s.command({ type: 'injectFault', fault: { kind: 'foulingStep', tank: 'TK-101', add_m2K_W: add } });
      s.step(1);
      return s.state.tanks[0].coilDuty_W;
    };
    const q0 = duty(0);
    const r1 = duty(0.02) / q0;
    const r2 = duty(0.04) / q0;
    // at low NTU the duty goes as U: q/q0 = R0/(R0 + add), so 1/(q/q0) − 1 = add/R0 is linear in the added resistance
    // and twice the step doubles it; R0 = 0.02/(1/r1 − 1) is the clean coil's 1/U, 10–40 W/m²K (PHYSICS.md §4)
    expect(q0).toBeGreaterThan(0);
    // (within 10 %: the NTU is not quite small, and the outside film moves with the oil's ΔT)
    expect((1 / r2 - 1) / (1 / r1 - 1)).toBeGreaterThan(1.8);
    expect((1 / r2 - 1) / (1 / r1 - 1)).toBeLessThan(2.2);
    const u0 = (1 / r1 - 1) / 0.02;
    expect(u0).toBeGreaterThan(10);
    expect(u0).toBeLessThan(40);
  });
});

describe('heaterDegradation', () => {
  it('passes (η − loss)/η of the design duty at the same firing, and the fuel meter sees the same fuel', () => {
    const s = sim();
    s.step(60);
    expect(s.state.hotOil.bms.flame).toBe(true);
    s.command({ type: 'injectFault', fault: { kind: 'heaterDegradation', efficiencyLoss_frac: 0.05 } });
    expect(heaterEfficiency(s.state, s.model)).toBeCloseTo(0.8, 12); // 0.85 − 0.05
    s.step(1);
    const h = s.state.hotOil;
    // 2.5 MW at full fire with η 0.85; with η 0.80 the oil gets 0.80/0.85 = 0.941176 of it
    expect(h.duty_W / (h.firing_frac * 2.5e6)).toBeCloseTo(0.941176, 6);
    // fuel = duty/η = firing × 2.5 MW / 0.85, as before the fault
    expect(s.read('H-201.fuel')).toBeCloseTo((h.firing_frac * 2.5e6) / 0.85 / 1000, 6);
  });

  it('refuses a loss the heater does not have and ranges the schema does not allow', () => {
    const s = sim();
    expect(faultSchema.safeParse({ kind: 'heaterDegradation', efficiencyLoss_frac: 0.6 }).success).toBe(false);
    expect(faultSchema.safeParse({ kind: 'insulationDamage', tank: 'TK-101', factor: 1 }).success).toBe(false);
    expect(s.command({ type: 'injectFault', fault: { kind: 'foulingStep', tank: 'TK-999', add_m2K_W: 0.01 } })).toEqual(
      { ok: false, reason: 'unknown tank TK-999' },
    );
    expect(describeFault({ kind: 'heaterDegradation', efficiencyLoss_frac: 0.05 })).toBe(
      'heater efficiency down 5 points',
    );
  });
});
