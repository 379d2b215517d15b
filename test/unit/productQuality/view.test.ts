import { describe, expect, it } from 'vitest';
import { plantCopy } from '../helpers';
import { forecastQuality } from '../../../src/productQuality/forecast';
import { adviceLines, fitRows, forecastRows, pm, whenText } from '../../../src/productQuality/view';
import type { Advice } from '../../../src/productQuality/advice';
import type { WaltherFit } from '../../../src/productQuality/waltherFit';

describe('quality panel rows', () => {
  it('a truck row shows the clock time, the outlet with its minimum, and marks a truck the tank cannot fill', () => {
    const plant = plantCopy();
    const fc = forecastQuality({
      plant,
      schedule: {
        schemaVersion: 1,
        name: 'x',
        loadings: [
          { bay: 'BAY-1', tank: 'TK-101', at: 0.25 },
          // TK-110 holds about 200 m³ of slop: the third 90 m³ truck takes it to the heel
          { bay: 'BAY-2', tank: 'TK-110', at: 0.5, quantity_m3: 90, rate_m3_h: 300, trucksPerHour: 3, until: 1.5 },
        ],
      },
      now_ms: Date.parse('2026-12-01T06:00:00Z'),
    });
    const rows = forecastRows(fc.loadings, fc.now_ms);
    expect(rows[0]).toMatchObject({ when: '06:15', where: 'BAY-1 LA-1A', tank: 'TK-101', status: 'ok', bad: false });
    expect(rows[0].outlet).toMatch(/^1\d\d\.\d \(min 1\d\d\.\d\)$/);
    expect(rows.slice(1).map((r) => [r.tank, r.status, r.bad])).toEqual([
      ['TK-110', 'unknown', false], // slop has no spec
      ['TK-110', 'unknown', false],
      ['TK-110', 'short', true],
    ]);
    expect(rows[3].warning).toMatch(/TK-110 reaches its heel: \d+\.\d of 90 m³ delivered/);
    expect(whenText(5400, Number.NaN)).toBe('+1.50 h');
  });
  it('a fit row gives A and B with their 95 % half-widths, or says B was held', () => {
    const f = { product: 'AC60/70', A: 9.6722, B: -3.547, ci95A: 0.0612, ci95B: 0.024, fixedB: false, n: 8 };
    const base = { tempMin_C: 60, tempMax_C: 160, rmsLnBefore: 0.42, rmsLnAfter: 0.028 };
    const rows = fitRows([
      { ...f, ...base } as WaltherFit,
      { ...f, ...base, fixedB: true, ci95B: Number.NaN } as WaltherFit,
    ]);
    expect(rows[0]).toMatchObject({ A: '9.672 ± 0.061', B: '-3.547 ± 0.024', range: '60–160 °C', rms: '42 % → 2.8 %' });
    expect(rows[1].B).toMatch(/held/);
    expect(pm(1, Number.NaN)).toBe('1.000 (σ unknown)');
    const adv = (tank: string, verified: boolean) => ({ tank, verified, text: tank }) as Advice;
    expect(adviceLines([adv('a', false), adv('b', true)])).toEqual(['b', 'a']);
  });
});
