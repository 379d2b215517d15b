import { describe, expect, it } from 'vitest';
import { oneTankPlant, STILL_WEATHER, sim } from '../helpers';
import { viscosity } from '../../../src/sim/props/bitumen';
import { productProps } from '../../../src/sim/plantIndex';
import { pressureDrop_Pa, pressureDrop_bar } from '../../../src/sim/components/pipe';
import { outsideCoefficient_W_m2K, FILM_FRACTION } from '../../../src/sim/components/coil';
import {
  oilCp,
  oilDensity,
  oilEnthalpy,
  oilKinematicViscosity,
  oilTemperatureFromEnthalpy,
} from '../../../src/sim/props/thermalOil';
import { enthalpy, temperatureFromEnthalpy, density } from '../../../src/sim/props/bitumen';
import { plantCopy } from '../helpers';

const ac6070 = productProps(plantCopy().products[0]);

describe('bitumen properties (PHYSICS.md §1)', () => {
  it.each([
    [60, 200],
    [100, 3.5],
    [120, 0.88],
    [135, 0.38],
    [150, 0.19],
    [160, 0.12],
    [170, 0.085],
    [180, 0.06],
  ])('viscosity at %d °C is %f Pa·s (Walther fit, ±3 %)', (t, eta) => {
    expect(viscosity(ac6070, t)).toBeGreaterThan(eta * 0.97);
    expect(viscosity(ac6070, t)).toBeLessThan(eta * 1.03);
  });
  it('density follows ρ25·(1 − 6.1e-4·(T − 25))', () => {
    expect(density(ac6070, 25)).toBe(1030);
    expect(density(ac6070, 160)).toBeCloseTo(1030 * (1 - 6.1e-4 * 135), 9);
  });
  it('enthalpy and its inverse agree and cp(150 °C) ≈ 2.16 kJ/kg·K', () => {
    for (const t of [0, 25, 60, 160, 230])
      expect(temperatureFromEnthalpy(ac6070, enthalpy(ac6070, t))).toBeCloseTo(t, 9);
    expect((enthalpy(ac6070, 150.5) - enthalpy(ac6070, 149.5)) / 1000).toBeCloseTo(2.165, 2);
  });
});

describe('thermal oil (Therminol 66, PHYSICS.md §2)', () => {
  it('matches the sheet at 250 °C', () => {
    expect(oilDensity(250)).toBeCloseTo(847, 0);
    expect(oilCp(250) / 1000).toBeCloseTo(2.38, 2);
    expect(oilKinematicViscosity(250) * 1e6).toBeCloseTo(0.67, 2);
    expect(oilKinematicViscosity(100) * 1e6).toBeCloseTo(3.8, 1);
    expect(oilTemperatureFromEnthalpy(oilEnthalpy(237.3))).toBeCloseTo(237.3, 8);
  });
});

describe('pipe pressure drop (PHYSICS.md §6)', () => {
  it('laminar flow equals Hagen–Poiseuille 128·μ·L·Q/(π·D⁴)', () => {
    const mu = 2.0;
    const q = 0.01;
    const L = 100;
    const D = 0.15;
    expect(pressureDrop_Pa(q, L, D, 1000, mu, 1)).toBeCloseTo((128 * mu * L * q) / (Math.PI * D ** 4), 6);
  });
  it('100 m³/h in DN150 at 160 °C loses ≈ 0.25 bar per 100 m, ≈ 0.6 at 140 °C', () => {
    const q = 100 / 3600;
    const at = (t: number) => pressureDrop_bar(q, 100, 0.1541, density(ac6070, t), viscosity(ac6070, t), 1);
    expect(at(160)).toBeGreaterThan(0.2);
    expect(at(160)).toBeLessThan(0.3);
    expect(at(140)).toBeGreaterThan(0.5);
    expect(at(140)).toBeLessThan(0.75);
  });
  it('a shear-thinning fluid (n < 1) loses less than a Newtonian one of the same consistency at high shear', () => {
    expect(pressureDrop_Pa(0.02, 50, 0.1, 1000, 1, 0.75)).toBeLessThan(pressureDrop_Pa(0.02, 50, 0.1, 1000, 1, 1));
  });
});

describe('coil outside coefficient (PHYSICS.md §4)', () => {
  it.each([
    [100, 17],
    [120, 28],
    [140, 40],
    [160, 54],
  ])('with 235 °C oil at %d °C bulk ≈ %d W/m²K (±25 %)', (tb, u) => {
    const got = outsideCoefficient_W_m2K(235, tb, viscosity(ac6070, tb + FILM_FRACTION * (235 - tb)));
    expect(got).toBeGreaterThan(u * 0.75);
    expect(got).toBeLessThan(u * 1.25);
  });
});

describe('lumped cooling of an insulated tank with heating off (PHYSICS.md §3 reference check)', () => {
  const run = (insulation: number, level = 10, wind = 2) => {
    const p = oneTankPlant({ D: 10, H: 12, level, temp: 160, insulation_m: insulation });
    const s = sim(p, {
      weather: { ...STILL_WEATHER, wind_m_s: wind },
      hotOil: { heaterRunning: false, pumps: { 'P-201A': false } },
      tanks: { 'TK-101': { mode: 'manual', valve: 0 } },
    });
    s.state.tanks[0].roof_C = 137; // start the roof node near its steady state
    const t0 = s.read('TK-101.temp_mean');
    s.step(86400);
    return { drop: t0 - s.read('TK-101.temp_mean'), loss: s.read('TK-101.heat_loss'), mass: s.state.tanks[0].mass_kg };
  };
  it('D 10 m, 10 m fill, 100 mm at 0.05 W/m·K, 160 °C in 10 °C air, wind 2 m/s: 1.7–1.85 K/day, ≈ 32–35 kW', () => {
    const r = run(0.1);
    expect(r.mass / 1000).toBeGreaterThan(730);
    expect(r.mass / 1000).toBeLessThan(750);
    expect(r.drop).toBeGreaterThan(1.7);
    expect(r.drop).toBeLessThan(1.85);
    expect(r.loss).toBeGreaterThan(31);
    expect(r.loss).toBeLessThan(35);
  });
  it('50 mm ≈ 3.3 K/day, 150 mm ≈ 1.3 K/day (±12 %), half fill ≈ 3.6 K/day (±15 %: the dry shell then couples through the roof node)', () => {
    expect(run(0.05).drop).toBeGreaterThan(3.3 * 0.88);
    expect(run(0.05).drop).toBeLessThan(3.3 * 1.12);
    expect(run(0.15).drop).toBeGreaterThan(1.3 * 0.88);
    expect(run(0.15).drop).toBeLessThan(1.3 * 1.12);
    expect(run(0.1, 5).drop).toBeGreaterThan(3.6 * 0.85);
    expect(run(0.1, 5).drop).toBeLessThan(3.6 * 1.15);
  });
  it('wind 0.5 → 10 m/s raises the loss of an insulated tank by only a few per cent', () => {
    const ratio = run(0.1, 10, 10).loss / run(0.1, 10, 0.5).loss;
    expect(ratio).toBeGreaterThan(1.01);
    expect(ratio).toBeLessThan(1.08);
  });
});
