import { describe, expect, it } from 'vitest';
import {
  chartWidth,
  downsample,
  fuelLine,
  joinPlanAndMeasured,
  loadingMarks,
  tankChartData,
} from '../../../src/ui/energy/planView';
import type { PlanChart, PlanFuel } from '../../../src/ui/energy/planTypes';

const chart: PlanChart = {
  t0_s: 3600,
  step_s: 3600,
  times_s: [3600, 7200, 10800],
  supply_C: [240, 235, 250],
  heaterDuty_W: [1e6, 1e6, 1e6],
  heaterMax_W: 2.5e6,
  tanks: [
    {
      tag: 'TK-101',
      product: 'AC60/70',
      target_C: [150, 152, 155],
      min_C: [135, 140, 153],
      max_C: [180, 180, 180],
      duty_W: [0, 0, 0],
      loadings: [
        { at_s: 0, bay: 'BAY-1', product: 'AC60/70', quantity_m3: 30, min_C: 153 },
        { at_s: 9000, bay: 'BAY-1', product: 'AC60/70', quantity_m3: 30, min_C: 153 },
      ],
    },
  ],
};

describe('the heating plan as the Energy panel draws it', () => {
  it('joins the plan and the measured line on one time axis, null where a series has no sample', () => {
    const d = tankChartData(chart, 0, { times_s: [0, 3600, 5000], values: [149, 150.5, 151] });
    expect(d[0]).toEqual([0, 3600, 5000, 7200, 10800]);
    expect(d[1]).toEqual([null, 150, null, 152, 155]);
    expect(d[2]).toEqual([null, 135, null, 140, 153]);
    expect(d[3]).toEqual([null, 180, null, 180, 180]);
    expect(d[4]).toEqual([149, 150.5, 151, null, null]);
  });

  it('draws at most a few hundred measured points and drops unreadable ones', () => {
    const n = 10_000;
    const times = Array.from({ length: n }, (_, i) => i);
    const values = times.map((i) => (i === 5 ? Number.NaN : i));
    const m = downsample({ times_s: times, values }, 400);
    expect(m.t.length).toBeLessThanOrEqual(401);
    expect(m.t[m.t.length - 1]).toBe(n - 1); // the latest value is always drawn
    const all = downsample({ times_s: [1, 2, 3], values: [1, Number.NaN, 3] });
    expect(all).toEqual({ t: [1, 3], v: [1, 3] });
    const supply = joinPlanAndMeasured(chart.times_s, [chart.supply_C], { times_s: [], values: [] });
    expect(supply).toEqual([chart.times_s, chart.supply_C, [null, null, null]]);
  });

  it('sets the charts two to a row on a wide panel, else one filling it', () => {
    expect(chartWidth(906)).toBe(450);
    expect(chartWidth(575)).toBe(575);
    expect(chartWidth(120)).toBe(300);
  });

  it('marks only the loadings inside the plan', () => {
    expect(loadingMarks(chart, 0)).toEqual([9000]);
  });

  it('prints the expected fuel in GJ and its cost', () => {
    const fuel: PlanFuel = {
      fuel_J: 123.44e9,
      cost: 59251.2,
      currency: 'THB',
      heat_J: 104.9e9,
      storedChange_J: -2e9,
      fuelCorrected_J: 125.8e9,
      baseline: { fuel_J: 150e9, cost: 72000, storedChange_J: 0, fuelCorrected_J: 150e9 },
      saved_pct: 16.13,
    };
    expect(fuelLine(fuel, chart)).toEqual({
      fuel_GJ: '123.4',
      cost: '59,251 THB',
      corrected_GJ: '125.8',
      baseline_GJ: '150.0',
      saved: '16.1 %',
      horizon_h: '2',
    });
  });
});
