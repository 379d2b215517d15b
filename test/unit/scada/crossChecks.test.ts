import { describe, expect, it } from 'vitest';
import { QualityEngine, type Reading } from '../../../src/scada/quality';
import { CrossChecker } from '../../../src/scada/crossChecks';
import { mapping, tag } from './fixtures';

const good = (v: number, ts_ms: number): Reading => ({ v, ts_ms, status: 'good' });

describe('cross-checks', () => {
  // A 10 m² tank of a product at 1000 kg/m³ whatever its temperature: 1 m of level is 10,000 kg.
  const tanks = (name: string) => (name === 'TK1' ? { area_m2: 10, density_kg_m3: () => 1000 } : undefined);
  const balance = () =>
    mapping({
      tags: [
        tag('TK1.level'),
        tag('TK1.receipt_flow', { unit: 'kg/s', range: [0, 100] }),
        tag('P1.flow', { unit: 'kg/s', range: [0, 100] }),
      ],
      crossChecks: [
        {
          kind: 'levelMassBalance',
          id: 'tk1-balance',
          levelTag: 'TK1.level',
          tank: 'TK1',
          inflowTags: ['TK1.receipt_flow'],
          outflowTags: ['P1.flow'],
          tolerance_m: 0.05,
        },
      ],
    });

  it('levelMassBalance: radar level against the level from integrated metered flows', () => {
    const q = new QualityEngine(balance(), 0, tanks);
    q.assess('TK1.receipt_flow', good(30, 0), 0);
    q.assess('P1.flow', good(10, 0), 0);
    expect(q.assess('TK1.level', good(5, 0), 0)[0].q).toBe('good'); // the reference: 50,000 kg
    // 100 s at net +20 kg/s = 2,000 kg = +0.2 m → 5.2 m expected
    expect(q.assess('TK1.level', good(5.22, 100_000), 100_000)[0].q).toBe('good');
    // the outflow stops at 100 s; 100 s more at +30 kg/s = +0.3 m → 5.5 m expected; radar stuck at 5.22
    q.assess('P1.flow', good(0, 100_000), 100_000);
    expect(q.assess('TK1.level', good(5.22, 200_000), 200_000)[0]).toMatchObject({
      q: 'uncertain',
      reason: 'level 5.22 m but 5.5 m from the mass balance of metered flows (±0.05 m)',
    });
    // the radar catches up: good again
    expect(q.assess('TK1.level', good(5.51, 210_000), 210_000)[0]).toMatchObject({ q: 'good' });
    expect(q.sample('TK1.level').reason).toBeUndefined();
  });

  it('levelMassBalance: a flow that goes bad suspends the balance (no verdict), then it re-references', () => {
    const q = new QualityEngine(balance(), 0, tanks);
    q.assess('TK1.receipt_flow', good(30, 0), 0);
    q.assess('P1.flow', good(10, 0), 0);
    q.assess('TK1.level', good(5, 0), 0);
    q.assess('P1.flow', { v: null, ts_ms: 50_000, status: 'bad', reason: 'timeout' }, 50_000);
    expect(q.assess('TK1.level', good(9, 100_000), 100_000)[0].q).toBe('good');
    q.assess('P1.flow', good(30, 100_000), 100_000);
    expect(q.assess('TK1.level', good(9, 110_000), 110_000)[0].q).toBe('good'); // new reference 9 m
    expect(q.assess('TK1.level', good(9, 210_000), 210_000)[0].q).toBe('good'); // net 0: still 9 m
  });

  it('an unknown tank skips the level balance and says so', () => {
    const m = balance();
    expect(CrossChecker.skipped(m.crossChecks, () => undefined)).toEqual(['tk1-balance']);
    expect(CrossChecker.skipped(m.crossChecks, tanks)).toEqual([]);
  });

  it('tempProfile: the control TT within [min − tol, max + tol] of the layer profile', () => {
    const m = mapping({
      tags: ['TK1.temp', 'TK1.layer0', 'TK1.layer1', 'TK1.layer2'].map((t) => tag(t, { unit: '°C', range: [0, 300] })),
      crossChecks: [
        {
          kind: 'tempProfile',
          id: 'tk1-profile',
          controlTag: 'TK1.temp',
          profileTags: ['TK1.layer0', 'TK1.layer1', 'TK1.layer2'],
          tolerance_K: 2,
        },
      ],
    });
    const q = new QualityEngine(m, 0);
    q.assess('TK1.layer0', good(150, 0), 0);
    q.assess('TK1.layer1', good(160, 0), 0);
    q.assess('TK1.layer2', good(170, 0), 0);
    expect(q.assess('TK1.temp', good(171.9, 0), 0)[0].q).toBe('good'); // ≤ 172
    expect(q.assess('TK1.temp', good(172.5, 1000), 1000)[0]).toMatchObject({
      q: 'uncertain',
      reason: '172.5 °C outside the layer profile 148–172 °C (±2 K)',
    });
    // the profile warms: the control TT is inside again, and its sample is republished by the layer's update
    const out = q.assess('TK1.layer2', good(171, 2000), 2000);
    expect(out.map((s) => [s.tag, s.q])).toEqual([
      ['TK1.layer2', 'good'],
      ['TK1.temp', 'good'],
    ]);
    // a bad layer suspends the check
    q.assess('TK1.layer0', good(400, 3000), 3000);
    expect(q.assess('TK1.temp', good(100, 3000), 3000)[0].q).toBe('good');
  });

  it('heaterDuty: duty against flow × cp × ΔT within tolerance_frac', () => {
    const m = mapping({
      tags: [
        tag('H.duty', { unit: 'kW', range: [0, 5000] }),
        tag('H.flow', { unit: 'kg/s', range: [0, 100] }),
        tag('H.supply_temp', { unit: '°C', range: [0, 350] }),
        tag('H.return_temp', { unit: '°C', range: [0, 350] }),
      ],
      crossChecks: [
        {
          kind: 'heaterDuty',
          id: 'h-duty',
          dutyTag: 'H.duty',
          flowTag: 'H.flow',
          supplyTag: 'H.supply_temp',
          returnTag: 'H.return_temp',
          cp_J_kgK: 2500,
          tolerance_frac: 0.1,
        },
      ],
    });
    const q = new QualityEngine(m, 0);
    // 10 kg/s × 2500 J/(kg·K) × 20 K = 500 kW; ±10 % = 450…550 kW
    q.assess('H.flow', good(10, 0), 0);
    q.assess('H.supply_temp', good(260, 0), 0);
    q.assess('H.return_temp', good(240, 0), 0);
    expect(q.assess('H.duty', good(545, 0), 0)[0].q).toBe('good');
    expect(q.assess('H.duty', good(560, 1), 1)[0]).toMatchObject({
      q: 'uncertain',
      reason: 'duty 560 kW but 500 kW from flow × cp × ΔT (±10 %)',
    });
    expect(q.assess('H.duty', good(451, 2), 2)[0].q).toBe('good');
  });
});
