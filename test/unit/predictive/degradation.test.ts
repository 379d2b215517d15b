import { describe, expect, it } from 'vitest';
import { plantCopy } from '../helpers';
import { nextGaussian, nextRandom } from '../../../src/sim/rng';
import { pumpHealth } from '../../../src/predictive/pumpHealth';
import { heaterEfficiency } from '../../../src/predictive/heaterEfficiency';
import { align, type Sample } from '../../../src/predictive/series';

// Synthetic histories made straight from the plant data's curves, a sample a minute for 30 days, with a
// known loss: the checks must find it, size it and leave a healthy asset alone.

const T0 = Date.UTC(2026, 9, 1);
const MIN = 60_000;
const DAYS = 30;

/** P-201A alone on the loop; its shut-off head falls by `loss(d)`; flow wanders 120–200 m³/h. */
function pumpHistory(loss: (d: number) => number, seed: number): Map<string, Sample[]> {
  const p = plantCopy();
  const pump = p.hotOil.pumps[0];
  const r = { rng: seed };
  const m = new Map<string, Sample[]>([
    ['HO.header_dp', []],
    ['H-201.return_temp', []],
    ['P-201A.flow', []],
    ['P-201B.flow', []],
  ]);
  for (let k = 0; k < DAYS * 24 * 60; k++) {
    const t = T0 + k * MIN;
    const d = k / (24 * 60);
    const q = 160 + 40 * Math.sin(k / 700) + 3 * nextRandom(r);
    const curve_bar = pump.shutoff_bar * (1 - loss(d)) * (1 - (q / pump.maxFlow_m3h) ** 2);
    const heater_bar = p.hotOil.heaterResistance_bar_per_m3h2 * q * q;
    m.get('HO.header_dp')!.push({ t_ms: t, v: curve_bar - heater_bar + 0.01 * nextGaussian(r) });
    m.get('H-201.return_temp')!.push({ t_ms: t, v: 225 });
    m.get('P-201A.flow')!.push({ t_ms: t, v: q + 0.3 * nextGaussian(r) });
    m.get('P-201B.flow')!.push({ t_ms: t, v: 0 });
  }
  return m;
}

/** The heater firing 30–80 % with efficiency design − loss(d); duty measured with 1 % noise. */
function heaterHistory(loss: (d: number) => number, seed: number): Map<string, Sample[]> {
  const h = plantCopy().hotOil.heater;
  const r = { rng: seed };
  const m = new Map<string, Sample[]>([
    ['H-201.duty', []],
    ['H-201.firing', []],
  ]);
  for (let k = 0; k < DAYS * 24 * 60; k++) {
    const t = T0 + k * MIN;
    const f = 0.55 + 0.25 * Math.sin(k / 300);
    const duty_kW = ((f * h.capacity_W) / 1000) * ((h.efficiency - loss(k / 1440)) / h.efficiency);
    m.get('H-201.duty')!.push({ t_ms: t, v: duty_kW * (1 + 0.01 * nextGaussian(r)) });
    m.get('H-201.firing')!.push({ t_ms: t, v: 100 * f });
  }
  return m;
}

const src = (m: Map<string, Sample[]>) => (tag: string) => m.get(tag) ?? [];

describe('hot-oil pump health', () => {
  it('measures a head deficit that grows 0.4 %/d and finds the pump degraded', () => {
    const res = pumpHealth(plantCopy(), src(pumpHistory((d) => 0.004 * d, 11)));
    const a = res.find((r) => r.pump === 'P-201A')!;
    expect(a.current!.value).toBeCloseTo(0.12, 2);
    expect(a.trend!.slope_per_s * 86400).toBeCloseTo(0.004, 3);
    expect(a.finding).toMatchObject({ kind: 'pumpDegradation', asset: 'P-201A', priority: 'high' });
    expect(res.find((r) => r.pump === 'P-201B')!.finding).toBeNull(); // never ran alone: nothing to say
  });

  it('leaves a healthy pump alone', () => {
    const a = pumpHealth(plantCopy(), src(pumpHistory(() => 0, 12)))[0];
    expect(Math.abs(a.current!.value)).toBeLessThan(0.005);
    expect(a.finding).toBeNull();
  });

  it('warns of a rising deficit before it passes the threshold', () => {
    // 0.15 %/d: 4.5 % after 30 days (below the 8 % threshold) the 20 % limit about 100 days on
    const a = pumpHealth(plantCopy(), src(pumpHistory((d) => 0.0015 * d, 13)), { horizon_ms: 150 * 86_400_000 })[0];
    expect(a.verdict?.degradedNow).toBe(false);
    expect(a.finding?.finding).toMatch(/rising/);
  });
});

describe('heater efficiency drift', () => {
  it('finds an efficiency that drifts 5 points over 30 days', () => {
    const res = heaterEfficiency(plantCopy(), src(heaterHistory((d) => (0.05 * d) / DAYS, 21)));
    expect(res.current!.value).toBeCloseTo(0.05, 2);
    expect(res.finding).toMatchObject({ kind: 'heaterEfficiency', asset: 'H-201' });
    expect(res.finding!.finding).toMatch(/80\.\d % against 85 % design/);
  });

  it('leaves a steady heater alone', () => {
    const res = heaterEfficiency(plantCopy(), src(heaterHistory(() => 0, 22)));
    expect(Math.abs(res.current!.value)).toBeLessThan(0.003);
    expect(res.finding).toBeNull();
  });
});

describe('aligning tag histories', () => {
  it('pairs each base sample with the latest of the others, and drops rows with a stale tag', () => {
    const rows = align(
      [
        [
          { t_ms: 10, v: 1 },
          { t_ms: 20, v: 2 },
          { t_ms: 100, v: 3 },
        ],
        [
          { t_ms: 5, v: 10 },
          { t_ms: 19, v: 20 },
        ],
      ],
      30,
    );
    expect(rows).toEqual([
      { t_ms: 10, v: [1, 10] },
      { t_ms: 20, v: [2, 20] },
    ]);
  });
});
