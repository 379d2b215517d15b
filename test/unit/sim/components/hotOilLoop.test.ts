import { describe, expect, it } from 'vitest';
import { solveHydraulics, stackTemp_C, stepOilNodes } from '../../../../src/sim/components/hotOilLoop';
import { oilEnthalpy } from '../../../../src/sim/props/thermalOil';
import { tankState, type Model, type SimState } from './fixtures';
import { hydraulicData } from '../../../../src/sim/plant/hydraulicData';
import type { PlantData } from '../../../../src/sim/plant/schema';

// One pump (shut-off 6 bar, Q_max 100 m³/h), heater R 1e-4 bar/(m³/h)², one coil branch and the bypass, both
// Kv 20 m³/h; branch pipe length 0 so only the valve resists. Oil at 250 °C: ρ 846.994, sg 0.846994.
// K_valve = sg/Kv² = 0.846994/400 = 2.117485e-3 bar/(m³/h)² → 1/√K = 21.73151; two alike: C = 43.46301.
function loop(valve: number, running = true): { m: Model; s: SimState } {
  const plant = {
    hotOil: {
      pumps: [{ shutoff_bar: 6, maxFlow_m3h: 100, npshRequired_m: 3, speed_rpm: 2950 }],
      expansionTank: { volume_m3: 10, diameter_m: 2, elevation_m: 16 }, // NPSHa ≈ 30 m: no cavitation
      heaterResistance_bar_per_m3h2: 1e-4,
      bypassKv_m3h: 20,
      branchPipe: { length_m: 0 },
    },
    tanks: [{ coil: { valveKv_m3h: 20, id_m: 0.05 } }],
    loading: { pumps: [] },
  } as unknown as PlantData;
  const m = {
    plant,
    hydraulics: hydraulicData(plant), // the data sheet's bar and m³/h in SI, as the plant index holds them
    tanks: [{ data: plant.tanks[0], coilLength_m: 0 }],
    scratch: { branchK: new Float64Array(1) }, // the step's working array, one slot a branch
  } as unknown as Model;
  const s = {
    step: 1,
    hotOil: {
      supply_C: 250,
      return_C: 250, // thin hot oil (0.67 cSt): no viscosity derate
      expansionLevel_frac: 0.5,
      edge: { gas_frac: 0 },
      pumps: [{ running, speed_frac: 1, flow_m3_s: 0, dp_Pa: 0, reliefOpen: false }],
    },
    tanks: [tankState(1000, [160], { valvePos_frac: valve, blockPos_frac: 1, coilFriction: 0.03 })],
  } as unknown as SimState;
  return { m, s };
}

describe('hot-oil hydraulics', () => {
  it('pump curve against heater and parallel branches, in closed form', () => {
    // Q = √(6/(6/100² + 1e-4 + 1/C²)) = √(6/(6e-4 + 1e-4 + 5.29371e-4)) = √4880.544 = 69.8609 m³/h
    // Δp branches = (Q/C)² = 2.583619 bar; each branch (equal K) takes Q/2 = 34.9304 m³/h
    const { m, s } = loop(1);
    solveHydraulics(m, s, true);
    const h = s.hotOil;
    expect(h.headerDp_Pa / 1e5).toBeCloseTo(2.583619, 5);
    expect(h.flow_kg_s).toBeCloseTo((69.86089 * 846.994) / 3600, 4); // 16.4366 kg/s
    expect(s.tanks[0].coilFlow_kg_s).toBeCloseTo((34.93044 * 846.994) / 3600, 4); // 8.2183 kg/s
    expect(h.bypassFlow_kg_s).toBeCloseTo(s.tanks[0].coilFlow_kg_s, 9);
    expect(h.pumps[0].flow_m3_s * 3600).toBeCloseTo(69.86089, 4);
    // pump Δp = 6·(1 − 0.6986089²) = 3.071674 bar = heater 1e-4·4880.544 (0.488054) + branches 2.583619 ✓
    expect(h.pumps[0].dp_Pa / 1e5).toBeCloseTo(3.071674, 5);
    expect(h.pumps[0].dp_Pa / 1e5).toBeCloseTo(1e-4 * 69.86089 ** 2 + h.headerDp_Pa / 1e5, 5);
    expect(s.tanks[0].coilFriction).toBeGreaterThan(0); // re-evaluated from the new flow
  });
  it('a closed coil valve sends everything through the bypass', () => {
    // C = 21.73151: Q = √(6/(6e-4 + 1e-4 + 2.117485e-3)) = 46.1471 m³/h; Δp = (Q/C)² = 4.509309 bar
    const { m, s } = loop(0);
    solveHydraulics(m, s, true);
    expect(s.tanks[0].coilFlow_kg_s).toBe(0);
    expect(s.hotOil.headerDp_Pa / 1e5).toBeCloseTo(4.509309, 5);
    expect(s.hotOil.bypassFlow_kg_s).toBeCloseTo(s.hotOil.flow_kg_s, 12);
  });
  it('no pump allowed (or none running): no flow anywhere', () => {
    for (const [running, allowed] of [
      [true, false],
      [false, true],
    ]) {
      const { m, s } = loop(1, running);
      solveHydraulics(m, s, allowed);
      expect(s.hotOil.flow_kg_s).toBe(0);
      expect(s.tanks[0].coilFlow_kg_s).toBe(0);
      expect(s.hotOil.pumps[0].dp_Pa).toBe(0);
    }
  });
});

describe('hot-oil nodes', () => {
  it('stack temperature: 60 K over the return plus 120 K at full fire, only while fired', () => {
    const h = { return_C: 230, heaterMode: 'running', firing_frac: 0.5 } as SimState['hotOil'];
    expect(stackTemp_C(h)).toBe(230 + 60 + 60);
    expect(stackTemp_C({ ...h, heaterMode: 'tripped' })).toBe(230);
  });
  it('with no flow each node loses UA/2·(T − ambient)·dt; with duty the heater node gains Q·dt/m', () => {
    // UA 200 W/K → 100 W/K a node; supply 250, return 200, ambient 10, dt 10 s:
    // losses 100·240·10 = 240 000 J and 100·190·10 = 190 000 J; duty 1 MW·10 s = 1e7 J into 5000 kg
    const m = {
      plant: {
        hotOil: {
          heater: { holdup_kg: 5000 },
          loopLossUA_W_K: 200,
          expansionTank: { volume_m3: 10 },
          loopVolume_m3: 1,
        },
      },
    } as unknown as Model;
    const hSup = oilEnthalpy(250);
    const hRet = oilEnthalpy(200);
    const s = {
      weather: { ambient_C: 10 },
      hotOil: {
        supply_C: 250,
        return_C: 200,
        hHeater_J_kg: hSup,
        hReturn_J_kg: hRet,
        mReturn_kg: 10000,
        flow_kg_s: 0,
        duty_W: 1e6,
        heaterMode: 'running',
        firing_frac: 0.4,
        edge: { gas_frac: 0 },
      },
    } as unknown as SimState;
    const loss = stepOilNodes(m, s, 0, 0, 10);
    expect(loss).toBeCloseTo(430000, 6);
    expect(s.hotOil.hHeater_J_kg - hSup).toBeCloseTo((1e7 - 240000) / 5000, 6); // +1952 J/kg
    expect(s.hotOil.hReturn_J_kg - hRet).toBeCloseTo(-190000 / 10000, 6); // −19 J/kg
    expect(s.hotOil.supply_C).toBeGreaterThan(250.7); // ≈ +1952/2380 = +0.82 K
    expect(s.hotOil.supply_C).toBeLessThan(250.9);
  });
});

describe('the data sheets in SI', () => {
  it('bar, m³/h and Kv in m³/h become Pa, m³/s and Kv in m³/s once, in the plant index', () => {
    const plant = {
      hotOil: {
        pumps: [{ shutoff_bar: 6, maxFlow_m3h: 90 }],
        heaterResistance_bar_per_m3h2: 1e-4,
        bypassKv_m3h: 36,
      },
      tanks: [{ coil: { valveKv_m3h: 18 } }],
      loading: { pumps: [{ reliefSetting_bar: 10 }] },
    } as unknown as PlantData;
    const hd = hydraulicData(plant);
    expect(hd.pumpShutoff_Pa[0]).toBe(6e5);
    expect(hd.pumpMaxFlow_m3_s[0]).toBeCloseTo(0.025, 15); // 90 / 3600
    // R·Q²: 1e-4 bar per (m³/h)² = 1e-4 · 1e5 Pa per (1/3600 m³/s)² = 1e1 · 3600² = 1.296e8 Pa·s²/m⁶
    expect(hd.heaterResistance_Pa_s2_m6).toBeCloseTo(1.296e8, 3);
    expect(hd.bypassKv_m3_s).toBeCloseTo(0.01, 15);
    expect(hd.valveKv_m3_s[0]).toBeCloseTo(0.005, 15);
    expect(hd.loadingRelief_Pa[0]).toBe(1e6);
  });
});
