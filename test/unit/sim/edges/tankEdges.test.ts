import { describe, expect, it } from 'vitest';
import { Simulation } from '../../../../src/sim/simulation';
import { plantCopy, sim, totalMass } from '../../helpers';

// The tanks at their edges: empty, at the heel, overflowing; a transfer source also lined up to loading.

const finiteTags = (s: Simulation) => s.tags.filter((t) => !Number.isFinite(t.read(s.state))).map((t) => t.name);

describe('a nearly empty tank', () => {
  it('a transfer from a tank with a stuck level transmitter stops at the heel; the destination stays sane', () => {
    // before: TK-109 was drawn down to grams and TK-101 read 7e6 °C
    const s = new Simulation(plantCopy(), { dt_s: 10 });
    s.command({ type: 'injectFault', fault: { kind: 'sensorStuck', instrument: 'LT-109' } });
    s.step(10);
    s.command({ type: 'startTransfer', from: 'TK-109', to: 'TK-101', flow_kg_s: 30 });
    s.step(4 * 3600);
    expect(finiteTags(s)).toEqual([]);
    for (let l = 0; l < s.model.layers; l++) {
      expect(s.read(`TK-101.layer${l}`)).toBeGreaterThan(140);
      expect(s.read(`TK-101.layer${l}`)).toBeLessThan(175);
    }
    // the pump lost suction at the heel (0.25 m above the floor) and tripped
    expect(s.read('TK-109.level_true')).toBeCloseTo(0.25, 1);
    expect(s.read('P-401.flow')).toBe(0);
    expect(s.state.transfer.active).toBe(false);
    expect(s.state.events.some((e) => e.type === 'trip' && e.cause.includes('lost suction: TK-109'))).toBe(true);
  });
  it('with the nozzle at the floor a tank empties to exactly zero, and the flow is what was there', () => {
    const p = plantCopy();
    p.tanks[8].vessel = { outletNozzle_m: 0 };
    const s = new Simulation(p, { dt_s: 10 });
    const m0 = totalMass(s);
    const src0 = s.state.tanks[8].mass_kg;
    const dst0 = s.state.tanks[0].mass_kg;
    s.command({ type: 'injectFault', fault: { kind: 'sensorStuck', instrument: 'LT-109' } });
    s.step(10);
    s.command({ type: 'startTransfer', from: 'TK-109', to: 'TK-101', flow_kg_s: 30 });
    s.step(4 * 3600);
    expect(s.state.tanks[8].mass_kg).toBe(0);
    expect(s.state.tanks[0].mass_kg - dst0).toBeCloseTo(src0, 3);
    expect(Math.abs(totalMass(s) - m0) / m0).toBeLessThan(1e-12);
    expect(finiteTags(s)).toEqual([]);
  });
  it('every level from empty to the top gives finite physics at dt 1 and dt 10', () => {
    // before: a level of 1e-200 m gave NaN in three steps
    for (const dt of [1, 10])
      for (const level of [0, 1e-200, 1e-12, 1e-6, 1e-3, 0.05, 0.3, 1, 9.9]) {
        const s = new Simulation(plantCopy(), {
          dt_s: dt,
          initial: { tanks: { 'TK-110': { level_m: level }, 'TK-108': { level_m: level, water_kg: 200 } } },
        });
        s.step(1800);
        expect(finiteTags(s), `level ${level} m, dt ${dt} s`).toEqual([]);
        for (const T of ['TK-110', 'TK-108'])
          for (let l = 0; l < s.model.layers; l++) {
            const t = s.read(`${T}.layer${l}`);
            expect(t, `${T} layer ${l} at level ${level} m, dt ${dt} s`).toBeGreaterThan(-50);
            expect(t).toBeLessThan(260);
          }
      }
  });
});

describe('an overfill', () => {
  const overfill = () => {
    const s = new Simulation(plantCopy(), { dt_s: 10 });
    s.command({ type: 'injectFault', fault: { kind: 'sensorStuck', instrument: 'LSHH-110' } });
    s.command({ type: 'startReceipt', tank: 'TK-110', flow_kg_s: 30, temp_C: 165 });
    return s;
  };
  it('runs over into the bund: the level stops at the overflow and the mass is conserved', () => {
    // before: TK-110 reached a true level far above its shell and nothing spilled
    const s = overfill();
    const m0 = totalMass(s);
    s.step(6 * 3600);
    const shell = s.model.tanks[9].H_m;
    expect(s.read('TK-110.level_true')).toBeLessThanOrEqual(shell);
    expect(s.read('TK-110.level_true')).toBeCloseTo(s.model.tanks[9].overflow_m, 2);
    expect(s.read('TK-110.overflow')).toBeCloseTo(30, 0);
    const bund = s.read('BUND.mass');
    const soaked = s.read('TK-110.lagging_soaked');
    expect(bund).toBeGreaterThan(100000);
    expect(bund + soaked).toBeCloseTo(s.state.acc.spilled_kg, 3);
    expect(Math.abs(totalMass(s) - m0) / m0).toBeLessThan(1e-12);
    const active = (id: string) => s.state.alarms[s.model.alarmIndex.get(id)!].active;
    expect(active('TK-110.XA_OVERFLOW')).toBe(true);
    expect(active('TK-110.XA_LAGGING')).toBe(true);
    expect(active('SITE.XA_BUND')).toBe(true);
    expect(s.read('TK-110.lagging_fire_risk')).toBe(1);
  });
  it('the product in the bund cools and sets', () => {
    const s = overfill();
    s.step(5 * 3600);
    s.command({ type: 'stopReceipt', tank: 'TK-110' });
    s.step(600);
    expect(s.read('BUND.temp')).toBeGreaterThan(60);
    expect(s.read('BUND.solid')).toBe(0);
    s.step(86400);
    expect(s.read('BUND.temp')).toBeLessThan(49);
    expect(s.read('BUND.solid')).toBe(1);
    expect(s.read('TK-110.overflow')).toBe(0);
    expect(s.state.alarms[s.model.alarmIndex.get('TK-110.XA_OVERFLOW')!].active).toBe(false);
  });
});

describe('a transfer source also lined up to loading', () => {
  it('gives the transfer its flow and the trucks theirs; each arrives where it was sent', () => {
    // before: the loading flow went to the transfer destination and the trucks got nothing
    const s = sim();
    s.command({ type: 'setValve', tag: 'XV-103', opening: 1 });
    s.command({ type: 'truckArrive', arm: 'LA-1A' });
    s.command({ type: 'setArm', arm: 'LA-1A', position: 'lowered' });
    s.step(40);
    const src0 = s.state.tanks[2].mass_kg;
    const dst0 = s.state.tanks[6].mass_kg;
    s.command({ type: 'startTransfer', from: 'TK-103', to: 'TK-107', flow_kg_s: 15 });
    expect(s.command({ type: 'setPump', tag: 'P-301', run: true })).toEqual({ ok: true });
    s.step(600);
    const truck = s.state.arms[0].truck.mass_kg;
    const toDst = s.state.tanks[6].mass_kg - dst0;
    expect(truck).toBeGreaterThan(10000);
    expect(toDst).toBeCloseTo(15 * 600, 3);
    expect(src0 - s.state.tanks[2].mass_kg).toBeCloseTo(truck + toDst, 3);
  });
});

describe('the receipt-overfill scenario', () => {
  it("the bad run's failed high-high switch lets TK-107 run over into the bund", async () => {
    const { readFileSync } = await import('node:fs');
    const { parseScenario } = await import('../../../../src/scenario/load');
    const { parseActions, replayScenario } = await import('../../../../src/scenario/replay');
    const plant = plantCopy();
    const ref = new Simulation(plant);
    const sc = parseScenario(
      JSON.parse(readFileSync('scenarios/receipt-overfill.json', 'utf8')),
      ref.model,
      new Set(ref.tagIndex.keys()),
    );
    const acts = parseActions(JSON.parse(readFileSync('test/scenarios/receipt-overfill.bad.json', 'utf8')));
    if (!sc.ok || !acts.ok) throw new Error('invalid scenario or actions');
    const { result, sim: s } = replayScenario(plant, sc.value, acts.value);
    expect(result.violations.map((v) => v.id)).toEqual(['hit-hh', 'overflow']);
    expect(s.read('BUND.mass')).toBeGreaterThan(10000);
    expect(s.read('TK-107.level_true')).toBeCloseTo(s.model.tanks[6].overflow_m, 2);
    expect(s.state.events.some((e) => e.type === 'alarm' && e.id === 'TK-107.XA_OVERFLOW')).toBe(true);
  });
});
