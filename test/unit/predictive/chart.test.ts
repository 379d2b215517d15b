import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { foulingChart, type FoulingChartInput } from '../../../src/predictive/chart';
import { FoulingTrend } from '../../../src/live/twin/MaintenancePanel';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 9, 1);

// 0.002 + 1e-4/d over 20 days, limit 0.006 reached at day 40 (band 34–49): the hand-worked case of capacity.test.ts
const input: FoulingChartInput & { tank: string; current: null } = {
  tank: 'TK-101',
  current: null,
  points: [0, 10, 20].map((d) => ({ t_ms: T0 + d * DAY, value: 0.002 + 1e-4 * d, sd: 2e-4 })),
  trend: {
    t0_s: (T0 + 10 * DAY) / 1000,
    intercept: 0.003,
    slope_per_s: 1e-4 / 86400,
    from_s: T0 / 1000,
    to_s: (T0 + 20 * DAY) / 1000,
  },
  capacity: { criticalFouling_m2K_W: 0.006 },
  limitRange: { low: 0.0055, high: 0.0065 },
  crossing: { t_ms: T0 + 40 * DAY, early_ms: T0 + 34 * DAY, late_ms: T0 + 49 * DAY },
};

describe('fouling chart', () => {
  it('places the trend, its projection to the crossing, the limit and the band', () => {
    const g = foulingChart(input, 500, 100);
    // x runs to the band's late edge plus 5 % of the data span: 49 + 1 = 50 days over 500 px
    expect(g.x1_ms).toBe(T0 + 50 * DAY);
    expect(g.crossingX).toBeCloseTo(400, 9);
    expect(g.band).toEqual({ x1: 340, x2: 490 });
    expect(g.yMax).toBeCloseTo(1.1 * 0.0065, 12);
    expect(g.limit!.y).toBeCloseTo(100 - (0.006 / g.yMax) * 100, 9);
    // the projection ends on the limit line where it crosses it
    expect(g.projection!.x2).toBeCloseTo(400, 9);
    expect(g.projection!.y2).toBeCloseTo(g.limit!.y, 9);
    expect(g.fit!.x1).toBe(0);
    expect(g.bars).toHaveLength(3);
  });

  it('draws no crossing and runs a quarter span ahead when the limit is never reached', () => {
    const g = foulingChart(
      {
        ...input,
        crossing: { t_ms: null, early_ms: null, late_ms: null },
        capacity: { criticalFouling_m2K_W: null },
        limitRange: { low: null, high: null },
      },
      500,
      100,
    );
    expect(g.crossingX).toBeNull();
    expect(g.band).toBeNull();
    expect(g.limit).toBeNull();
    expect(g.x1_ms).toBe(T0 + 26 * DAY);
  });

  it('renders as SVG with the band, the limit and the crossing', () => {
    const html = renderToStaticMarkup(
      createElement(FoulingTrend, {
        f: { ...input, capacity: { ...input.capacity, netLoss_W: 7e4, cleanDuty_W: 1.5e5, ambient_C: 25 } },
      }),
    );
    expect(html).toContain('data-testid="maintenance-fouling-chart"');
    expect(html).toMatch(/class="mt-band" x="[\d.]+" width="[\d.]+"/);
    expect(html).toContain('class="mt-limit"');
    expect(html).toContain('class="mt-cross"');
    expect(html.match(/class="mt-point"/g)).toHaveLength(3);
  });
});
