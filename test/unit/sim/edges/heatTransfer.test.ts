import { describe, expect, it } from 'vitest';
import { oneTankPlant, STILL_WEATHER, sim } from '../../helpers';
import { claddingRadiation_W_m2K, surfaceToRoof_W_m2 } from '../../../../src/sim/components/radiation';

// Heat paths at the tank's edges: the floor to the ground, the cladding's radiation, the liquid surface to
// the roof, and a coil whose oil is colder than the product.

const coolingRun = (over: { level?: number; ground_C?: number; emissivity?: number } = {}) => {
  const p = oneTankPlant({ D: 10, H: 12, level: over.level ?? 10, temp: 160, insulation_m: 0.1 });
  if (over.emissivity !== undefined) p.tanks[0].insulation.claddingEmissivity = over.emissivity;
  const s = sim(p, {
    weather: { ...STILL_WEATHER, ground_C: over.ground_C ?? 10 },
    hotOil: { heaterRunning: false, pumps: { 'P-201A': false } },
    tanks: { 'TK-101': { mode: 'manual', valve: 0 } },
  });
  s.state.tanks[0].roof_C = 150;
  const t0 = s.read('TK-101.temp_mean');
  s.step(86400);
  return { drop: t0 - s.read('TK-101.temp_mean'), loss_kW: s.read('TK-101.heat_loss') };
};

describe('tank losses at the edges (PHYSICS.md §3, §8)', () => {
  it('the floor loses to the ground temperature, not the air: warm ground, smaller loss', () => {
    const cold = coolingRun({ ground_C: 10 });
    const warm = coolingRun({ ground_C: 40 });
    // floor h = 8·1/(π·10) = 0.255 W/m²K over 78.5 m²: 30 K less difference ≈ 0.6 kW
    expect(cold.loss_kW - warm.loss_kW).toBeGreaterThan(0.45);
    expect(cold.loss_kW - warm.loss_kW).toBeLessThan(0.75);
  });
  it('painted cladding (ε 0.9) loses more than aluminium (ε 0.15), by little when insulated', () => {
    const alu = coolingRun({ emissivity: 0.15 });
    const paint = coolingRun({ emissivity: 0.9 });
    expect(paint.loss_kW).toBeGreaterThan(alu.loss_kW);
    expect(paint.loss_kW / alu.loss_kW).toBeLessThan(1.03);
  });
  it('half full, the liquid surface radiates to the roof: ≈ 3.6 K/day (it was 3.1 without radiation)', () => {
    const r = coolingRun({ level: 5 });
    expect(r.drop).toBeGreaterThan(3.4);
    expect(r.drop).toBeLessThan(3.8);
  });
  it('radiation formulas: grey pair 160 → 140 °C and cladding h_rad relative to McAdams', () => {
    // σ(433.15⁴ − 413.15⁴)/(1/0.9 + 1/0.8 − 1) = 5.67e-8·6.064e9/1.3611 = 252.6 W/m²
    expect(surfaceToRoof_W_m2(160, 140)).toBeCloseTo(252.6, 0);
    expect(surfaceToRoof_W_m2(140, 160)).toBeCloseTo(-252.6, 0);
    // ε 0.3 is what McAdams carries: no change; ε 0.9 at 20/10 °C: 0.6·σ·(293.15² + 283.15²)(576.3) = 3.257
    expect(claddingRadiation_W_m2K(0.3, 20, 10)).toBe(0);
    expect(claddingRadiation_W_m2K(0.9, 20, 10)).toBeCloseTo(3.257, 2);
  });
});

describe('a coil with oil colder than the product', () => {
  it('cools the product: heater off, pump on, valve open', () => {
    const p = oneTankPlant({ level: 6, temp: 170 });
    const s = sim(p, {
      weather: STILL_WEATHER,
      hotOil: { heaterRunning: false, supply_C: 60, return_C: 60 },
      tanks: { 'TK-101': { mode: 'manual', valve: 1 } },
    });
    s.step(600);
    expect(s.read('TK-101.coil_flow')).toBeGreaterThan(0.5);
    expect(s.state.tanks[0].coilDuty_W).toBeLessThan(-10000);
    expect(s.state.tanks[0].coilOut_C).toBeGreaterThan(s.read('H-201.supply_temp'));
  });
});
