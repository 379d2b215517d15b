import { describe, expect, it } from 'vitest';
import { ESTIMATE_INFO, TankFeed, estimateTag } from '../../../src/estimate/feed';
import { TankFilter } from '../../../src/estimate/tankFilter';
import { plant, mapping } from './harness';

describe('tank feed', () => {
  it('routes each mapped tag to its tank and field; plant-wide inputs go to every tank', () => {
    const feed = new TankFeed(['TK-101', 'TK-102']);
    feed.take({ tag: 'H-201.supply_temp', v: 250, q: 'good' });
    feed.take({ tag: 'AMB.temp', v: 28 });
    feed.take({ tag: 'TK-102.coil_flow', v: 4.1, q: 'good' });
    feed.take({ tag: 'TK-102.level', v: 8.2, q: 'good' });
    feed.take({ tag: 'TK-101.level', v: 9, q: 'bad' }); // bad quality: not a measurement
    feed.take({ tag: 'TK-101.temp', v: null, q: 'good' });
    feed.take({ tag: 'TK-102.temp_top', v: 161.5 });
    feed.take({ tag: 'XYZ.nothing', v: 1 }); // not the feed's
    expect(feed.inputs(0).supply_C).toBe(250);
    expect(feed.inputs(1).supply_C).toBe(250);
    expect(feed.inputs(1).ambient_C).toBe(28);
    expect(feed.inputs(1).coilFlow_kg_s).toBe(4.1);
    expect(feed.inputs(0).coilFlow_kg_s).toBeNaN();
    expect(feed.obs(1).level_m).toBe(8.2);
    expect(feed.obs(1).tempTop_C).toBe(161.5);
    expect(feed.obs(0).level_m).toBeNaN();
    expect(feed.obs(0).temp_C).toBeNaN();
    feed.take({ tag: 'TK-102.coil_flow', v: 3.9, q: 'good' });
    feed.take({ tag: 'TK-102.coil_flow', v: 5, q: 'bad' });
    expect(feed.inputs(1).coilFlow_kg_s).toBeCloseTo(4, 12); // the interval's mean of the good samples
    feed.clearObs();
    expect(feed.obs(1).level_m).toBeNaN();
    expect(feed.inputs(1).coilFlow_kg_s).toBeNaN(); // none yet in the new interval: the filter holds its own
  });

  it("takes each measurement as the mean of the interval's good samples ('latest' on request)", () => {
    const mean = new TankFeed(['TK-101']);
    const latest = new TankFeed(['TK-101'], { obs: 'latest' });
    for (const feed of [mean, latest]) {
      for (const [v, q] of [
        [160.2, 'good'],
        [160.6, 'good'],
        [999, 'bad'],
        [160.1, 'good'],
      ] as const)
        feed.take({ tag: 'TK-101.temp', v, q });
      feed.take({ tag: 'TK-101.level', v: 9.01 });
      feed.take({ tag: 'TK-101.level', v: 9.03 });
      for (const [flow, out] of [
        [4, 230],
        [4.05, 231],
        [3.95, 229.5],
      ]) {
        feed.take({ tag: 'TK-101.coil_flow', v: flow });
        feed.take({ tag: 'TK-101.coil_out_temp', v: out });
      }
    }
    expect(mean.obs(0).temp_C).toBeCloseTo(160.3, 12);
    expect(mean.obs(0).level_m).toBeCloseTo(9.02, 12);
    expect(mean.samples(0, 'temp_C')).toBe(3);
    // a steady coil flow: the outlet's mean, read at the mean flow
    expect(mean.obs(0).coilOut_C).toBeCloseTo(230.1666666, 6);
    expect(mean.obs(0).coilFlow_kg_s).toBeCloseTo(4, 12);
    expect(latest.obs(0).temp_C).toBe(160.1);
    expect(latest.obs(0).level_m).toBe(9.03);
    expect(latest.obs(0).coilOut_C).toBe(229.5);
    // the coil flow moves within the interval: the outlet's latest reading at the latest flow
    mean.take({ tag: 'TK-101.coil_flow', v: 3 });
    mean.take({ tag: 'TK-101.coil_out_temp', v: 226 });
    expect(mean.obs(0).coilOut_C).toBe(226);
    expect(mean.obs(0).coilFlow_kg_s).toBe(3);
    mean.clearObs();
    expect(mean.obs(0).temp_C).toBeNaN();
    expect(mean.samples(0, 'temp_C')).toBe(0);
  });

  it('reads every tank tag of the virtual plant mapping that a filter uses, and names each estimate', () => {
    const tanks = plant.tanks.map((t) => t.tag);
    const feed = new TankFeed(tanks);
    const mapped = new Set(mapping.tags.map((t) => t.tag));
    for (const t of tanks)
      for (const s of ['coil_flow', 'coil_out_temp', 'level', 'temp']) expect(mapped.has(`${t}.${s}`)).toBe(true);
    expect(feed.tags.filter((t) => mapped.has(t)).length).toBeGreaterThan(50);
    const f = new TankFilter(plant, 'TK-101');
    f.update(0, feed.inputs(0), { ...feed.obs(0), temp_C: 160, level_m: 9 });
    for (const e of f.estimates()) expect(ESTIMATE_INFO[e.name]?.unit, e.name).toBe(e.unit);
    expect(estimateTag('TK-101', 'fouling')).toBe('TK-101.est.fouling');
  });
});
