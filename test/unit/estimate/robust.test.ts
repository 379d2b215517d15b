import { describe, expect, it } from 'vitest';
import { hiddenFor, plant, startTwin } from './harness';
import { TankFilter, type TankInputs, type TankObs } from '../../../src/estimate/tankFilter';
import { TankFeed } from '../../../src/estimate/feed';

// Bad inputs never break the filter, and the same inputs give the same estimates bit for bit.

const hidden = hiddenFor(
  { 'TK-101': { fouling_m2K_W: 0.006, insulationFactor: 1.5 } },
  {
    'TK-101.temp': { bias: 0.3, sigma: 0.3 },
    'TK-101.coil_out_temp': { bias: 0.1, sigma: 0.3 },
    'H-201.supply_temp': { bias: 0, sigma: 0.3 },
  },
);

const allFinite = (f: TankFilter) =>
  f.estimates().every((e) => Number.isFinite(e.value) && Number.isFinite(e.sd)) &&
  f.innovations().every((i) => Number.isFinite(i.r) && Number.isFinite(i.sd));

describe('tank filter robustness', () => {
  it('skips NaN, null, infinite and bad measurements and missing inputs, and gates a wild reading', () => {
    const twin = startTwin({ hidden, tanks: ['TK-101'] });
    let k = 0;
    let gatedTop = 0;
    const tamper = (tag: string, v: number | null): number | null => {
      if (tag === 'TK-101.coil_out_temp' && k % 3 === 0) return null; // every third sample lost
      if (tag === 'TK-101.level' && k % 10 === 0) return Number.NaN;
      if (tag === 'TK-101.temp' && k % 17 === 0) return Number.POSITIVE_INFINITY;
      if (tag === 'H-201.supply_temp' && k >= 120 && k < 240) return null; // 20 minutes without the supply
      if (tag === 'TK-101.temp_top' && k >= 300 && k < 330) return (v ?? 0) + 40; // a wild element for 5 min
      return v;
    };
    for (k = 1; k <= 720; k++) {
      twin.advance(10, tamper);
      const f = twin.filters[0];
      expect(allFinite(f)).toBe(true);
      const top = f.innovations().find((i) => i.tag === 'TK-101.temp_top');
      if (k > 300 && k < 330) {
        expect(top?.used).toBe(false); // reported with its innovation, kept out of the update
        expect(top?.r).toBeGreaterThan(30);
        gatedTop++;
      }
      if (k % 3 === 0) expect(f.innovations().some((i) => i.tag === 'TK-101.coil_out_temp')).toBe(false);
    }
    expect(gatedTop).toBe(29);
    const foul = twin.filters[0].estimate('fouling');
    const truth = twin.truth(0).fouling_m2K_W;
    expect(Math.abs(foul.value - truth) / truth).toBeLessThan(0.15);
  });

  it('runs on a mapping without the coil instruments: no fouling information, an honest sd, nothing broken', () => {
    const twin = startTwin({ hidden, tanks: ['TK-101'] });
    const sd0 = twin.filters[0].estimate('fouling').sd;
    for (let k = 0; k < 360; k++) twin.advance(10, (tag, v) => (tag.startsWith('TK-101.coil_') ? null : v));
    const f = twin.filters[0];
    expect(allFinite(f)).toBe(true);
    expect(f.estimate('fouling').sd).toBeGreaterThan(0.5 * sd0);
  });

  it('does not start without a level and a temperature, and takes any garbage before that', () => {
    const f = new TankFilter(plant, 'TK-101');
    const nan = Number.NaN;
    const u: TankInputs = {
      supply_C: nan,
      coilFlow_kg_s: -5,
      ambient_C: nan,
      receipt_kg_s: nan,
      receiptTemp_C: nan,
      outflow_kg_s: nan,
    };
    const y: TankObs = { temp_C: nan, tempBottom_C: Infinity, tempTop_C: nan, level_m: -1, coilOut_C: nan };
    f.update(10, u, y);
    f.update(nan, u, y);
    expect(f.started).toBe(false);
    expect(f.estimates()).toEqual([]);
    expect(f.innovations()).toEqual([]);
    f.update(10, u, { ...y, temp_C: 160, level_m: 9 });
    expect(f.started).toBe(true);
    for (let k = 0; k < 50; k++) f.update(10, u, y);
    expect(allFinite(f)).toBe(true);
    expect(f.estimate('temp_mean').value).toBeGreaterThan(150);
  });

  it('gives the same estimates for the same inputs', () => {
    const twin = startTwin({ hidden, tanks: ['TK-101'] });
    const rec: { u: TankInputs; y: TankObs }[] = [];
    for (let k = 0; k < 240; k++) {
      twin.vp.step(10, 0);
      const feed = new TankFeed(['TK-101']);
      for (const t of twin.vp.tags) feed.take({ tag: t.tag, v: twin.vp.value(t.tag).v });
      rec.push({ u: { ...feed.inputs(0) }, y: { ...feed.obs(0) } });
    }
    const run = () => {
      const f = new TankFilter(plant, 'TK-101');
      const out: unknown[] = [];
      for (const r of rec) {
        f.update(10, r.u, r.y);
        out.push(f.estimates(), f.innovations());
      }
      return out;
    };
    const a = run();
    expect(run()).toEqual(a);
    expect(JSON.stringify(a)).not.toContain('null');
  });
});
