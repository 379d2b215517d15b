import { describe, expect, it } from 'vitest';
import { Simulation } from '../../../../src/sim/simulation';
import { defaultPlant } from '../../../../src/sim/plant/default';
import { defaultPlantRaw } from '../../../../src/sim/plant/default';
import { density } from '../../../../src/sim/props/bitumen';
import { oilEnthalpy } from '../../../../src/sim/props/thermalOil';
import { SIGMA_W_M2K4, MCADAMS_EMISSIVITY } from '../../../../src/sim/components/radiation';
import { ShadowDriver } from '../../../../src/live/shadow/drive';
import { classifyTags } from '../../../../src/live/shadow/classify';
import { FLAG_UNCERTAIN } from '../../../../src/live/shadow/residuals';
import { Engine } from '../../../../src/worker/engine';
import { batchOf, T0, type S } from './batch';

const STILL: S[] = [
  ['AMB.solar', 0, T0],
  ['AMB.wind', 2, T0],
  ['AMB.rain', 0, T0],
];

function shadow(samples: S[]): { sim: Simulation; d: ShadowDriver } {
  const sim = new Simulation(defaultPlant());
  const d = new ShadowDriver(sim);
  d.start(batchOf(sim, samples));
  return { sim, d };
}

/** Samples of one tag every `every_s` seconds from t0 for `n` samples. */
function series(tag: string, v: (k: number) => number, n: number, every_s = 1, from = T0): S[] {
  return Array.from({ length: n }, (_, k) => [tag, v(k), from + (k + 1) * every_s * 1000] as S);
}

describe('the shadow: measured inputs drive the model', () => {
  it('classifies each tag once: inputs and outputs do not overlap, every output depends on the weather', () => {
    const c = classifyTags(defaultPlant());
    const ins = new Set(c.inputs.map((x) => x.tag));
    expect(ins.size).toBe(c.inputs.length);
    expect(c.outputs.some((o) => ins.has(o.tag))).toBe(false);
    expect(ins.has('AMB.temp') && ins.has('H-201.supply_temp') && ins.has('TK-101.receipt_flow')).toBe(true);
    expect(c.outputIndex.has('TK-101.level') && c.outputIndex.has('H-201.return_temp')).toBe(true);
    const amb = c.inputIndex.get('AMB.temp')!;
    for (const o of c.outputs) expect(o.dependsOn).toContain(amb);
  });

  it('ambient forced to 10 °C instead of 30 °C raises TK-101’s loss by U·(πDH + A_roof)·20 K (hand-worked)', () => {
    const loss: number[] = [];
    let tm = null as unknown as Simulation['model']['tanks'][number];
    for (const amb of [10, 30]) {
      const { sim, d } = shadow([['AMB.temp', amb, T0], ...STILL, ['TK-101.level', 8, T0], ['TK-101.temp', 150, T0]]);
      d.push(batchOf(sim, [['AMB.temp', amb, T0 + 1000]])); // one step of 1 s
      expect(sim.state.t_s).toBe(1);
      expect(sim.read('AMB.temp')).toBe(amb);
      loss.push(sim.read('TK-101.heat_loss'));
      tm = sim.model.tanks[0];
    }
    // outside film: McAdams 5.7 + 3.8·2 m/s, less the shiny cladding's radiation (ε 0.15 against 0.3) near 20 °C
    const ta = 293.15;
    const hOut = 5.7 + 3.8 * 2 + (0.15 - MCADAMS_EMISSIVITY) * SIGMA_W_M2K4 * 4 * ta ** 3; // ≈ 12.44 W/m²K
    const u = 1 / (tm.rWallFixed + 1 / hOut); // rWall 2.02 m²K/W (100 mm insulation) → ≈ 0.476 W/m²K
    // wetted wall and dry shell together are the whole shell, plus the roof: 791.7 + 258.0 m²
    const area = Math.PI * tm.D_m * tm.H_m + tm.roofArea_m2;
    const hand_kW = (u * area * 20) / 1000; // ≈ 9.99 kW
    expect(hand_kW).toBeCloseTo(9.99, 1);
    expect(loss[0] - loss[1]).toBeGreaterThan(hand_kW * 0.98);
    expect(loss[0] - loss[1]).toBeLessThan(hand_kW * 1.02);
  });

  it('starts from the live snapshot: mass from the radar level and ρ at the measured profile, layers from the profile', () => {
    const { sim } = shadow([
      ['TK-101.level', 8, T0],
      ['TK-101.temp_bottom', 120, T0],
      ['TK-101.temp', 150, T0],
      ['TK-101.temp_top', 160, T0],
    ]);
    const tank = sim.state.tanks[0];
    const tm = sim.model.tanks[0];
    const n = tank.T_C.length;
    // the product lies between 120 and 160 °C, so its mass lies between L·A·ρ(160) and L·A·ρ(120)
    expect(tank.mass_kg).toBeGreaterThan(8 * tm.area_m2 * density(tank.props, 160));
    expect(tank.mass_kg).toBeLessThan(8 * tm.area_m2 * density(tank.props, 120));
    expect(sim.read('TK-101.level_true')).toBeCloseTo(8, 3);
    expect(tank.T_C[0]).toBeCloseTo(120, 0); // flat below the bottom element
    expect(tank.T_C[n - 1]).toBeCloseTo(160, 6); // flat above 75 % of the liquid
    for (let l = 1; l < n; l++) expect(tank.T_C[l]).toBeGreaterThanOrEqual(tank.T_C[l - 1] - 1e-9);
    expect(sim.read('TK-101.temp')).toBeGreaterThan(145);
    expect(sim.read('TK-101.temp')).toBeLessThan(156);
  });

  it('metered receipt and draw move the mass by Σ flow·dt: +20 kg/s in, −10 kg/s out for 600 s = +6000 kg', () => {
    const { sim, d } = shadow([
      ['TK-101.level', 8, T0],
      ['TK-101.temp', 150, T0],
    ]);
    const m0 = sim.state.tanks[0].mass_kg;
    const samples: S[] = [];
    for (let k = 0; k < 600; k++)
      samples.push(['TK-101.receipt_flow', 20, T0 + k * 1000], ['TK-101.outlet_flow', 10, T0 + k * 1000]);
    samples.push(['TK-101.receipt_flow', 0, T0 + 600_000], ['TK-101.outlet_flow', 0, T0 + 600_000]);
    d.push(batchOf(sim, samples));
    d.push(batchOf(sim, [['AMB.temp', 30, T0 + 700_000]]));
    expect(sim.state.t_s).toBe(700);
    // 600 steps with the flows held (the step landing on 600 s takes the zero first)
    expect(sim.state.tanks[0].mass_kg - m0).toBeCloseTo(600 * (20 - 10), 3);
    expect(sim.read('TK-101.receipt_flow')).toBe(0);
  });

  it('forces the hot-oil supply node and the coil valve', () => {
    const { sim, d } = shadow([
      ['H-201.supply_temp', 200, T0],
      ['TK-101.valve', 0, T0],
    ]);
    expect(sim.state.hotOil.hHeater_J_kg).toBe(oilEnthalpy(200));
    d.push(batchOf(sim, [...series('H-201.supply_temp', () => 200, 300), ...series('TK-101.valve', () => 0, 300)]));
    expect(sim.state.hotOil.setpoint_C).toBe(200);
    expect(Math.abs(sim.state.hotOil.supply_C - 200)).toBeLessThan(3);
    expect(sim.state.tanks[0].pid.mode).toBe('manual');
    expect(sim.read('TK-101.coil_flow')).toBe(0);
    d.push(
      batchOf(
        sim,
        series('TK-101.valve', () => 100, 120, 1, T0 + 300_000),
      ),
    );
    expect(sim.read('TK-101.valve')).toBe(100);
    expect(sim.read('TK-101.coil_flow')).toBeGreaterThan(0.5);
  });

  it('a bad or stale input holds its last good value and marks the outputs depending on it uncertain', () => {
    const { sim, d } = shadow([['AMB.temp', 10, T0], ...STILL]);
    const k = d.tags.outputIndex.get('TK-101.temp')!;
    d.push(batchOf(sim, [['TK-101.temp', 150, T0 + 1000]]));
    expect(d.book.flags[k]).toBe(0);
    expect(d.book.score(k).n).toBe(1);
    d.push(
      batchOf(sim, [
        ['AMB.temp', null, T0 + 2000, 'bad'],
        ['AMB.temp', 55, T0 + 2500, 'stale'],
      ]),
    );
    d.push(batchOf(sim, [['TK-101.temp', 150, T0 + 5000]]));
    expect(sim.state.weather.ambient_C).toBe(10);
    expect(d.book.flags[k] & FLAG_UNCERTAIN).toBe(FLAG_UNCERTAIN);
    expect(d.book.score(k).n).toBe(1); // kept out of the score
    d.push(
      batchOf(sim, [
        ['AMB.temp', 12, T0 + 6000],
        ['TK-101.temp', 150, T0 + 7000],
      ]),
    );
    expect(sim.state.weather.ambient_C).toBe(12);
    expect(d.book.flags[k]).toBe(0);
    expect(d.book.score(k).n).toBe(2);
  });

  it('is deterministic: the same samples give the same hash however they are batched; other samples another', () => {
    const start: S[] = [['AMB.temp', 25, T0], ...STILL, ['TK-101.level', 8, T0], ['TK-101.temp', 150, T0]];
    const feed: S[] = [
      ...series('AMB.temp', (k) => 25 + Math.sin(k / 50), 900),
      ...series('TK-102.receipt_flow', (k) => (k > 300 ? 15 : 0), 900),
      ...series('TK-101.temp', () => 150, 900),
    ].sort((a, b) => a[2] - b[2]);
    const run = (cuts: number[], f = feed) => {
      const { sim, d } = shadow(start);
      let from = 0;
      for (const c of [...cuts, f.length]) {
        d.push(batchOf(sim, f.slice(from, c)));
        from = c;
      }
      return sim.hash();
    };
    const one = run([]);
    expect(run([1, 77, 1000, 2699])).toBe(one);
    expect(run([450])).toBe(one);
    const other = feed.map((s) => (s[0] === 'AMB.temp' ? ([s[0], (s[1] as number) - 5, s[2]] as S) : s));
    expect(run([], other)).not.toBe(one);
  });

  it('in the worker engine: the clock never steps the shadow, pushes do, and the report has a row per output', async () => {
    const e = new Engine();
    expect((await e.init(defaultPlantRaw, { physics: false })).ok).toBe(true);
    const r = e.shadowStart(batchOf(e.sim, [['AMB.temp', 20, T0]]));
    expect(r.ok).toBe(true);
    e.running = true;
    for (let i = 0; i < 60; i++) e.tick(1 / 60);
    expect(e.sim.state.t_s).toBe(0);
    const rep = e.shadowPush(batchOf(e.sim, [['TK-101.temp', 140, T0 + 10_000]]))!;
    expect(e.sim.state.t_s).toBe(10);
    if (!r.ok) return;
    const k = r.outputs.indexOf('TK-101.temp');
    expect(rep.measured.length).toBe(r.outputs.length);
    expect(rep.measured[k]).toBe(140);
    expect(rep.model[k]).toBe(e.sim.read('TK-101.temp'));
    expect(rep.n[k]).toBe(1);
  });
});
