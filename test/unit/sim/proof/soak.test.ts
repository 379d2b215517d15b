import { describe, expect, it } from 'vitest';
import { plantCopy } from '../../helpers';
import { Simulation } from '../../../../src/sim/simulation';
import { FAULT_KINDS } from '../../../../src/sim/faults';
import { faultCases } from '../../../../src/cli/soak/faultCases';
import { checkTags, soak, type SoakResult, type TagWatch } from '../../../../src/cli/soak/soakRun';
import { tagRanges } from '../../../../src/cli/soak/tagRanges';

// The plant left alone with its faults: every tag finite and physically possible, mass and energy closed.
// The quick version of `npm run soak` (each fault 2 days at dt 10; all at once 30 days at dt 10 and dt 1).

const DAY_S = 86400;
const BALANCE_REL = 1e-6;
const LONG_MS = 900_000; // thirty plant days at dt 1 take minutes on a loaded machine

function expectHealthy(r: SoakResult): void {
  expect(r.finite).toBe(true);
  expect(r.offenders).toEqual([]);
  expect(r.mass.rel).toBeLessThan(BALANCE_REL);
  expect(r.energy.rel).toBeLessThan(BALANCE_REL);
}

describe('soak: faults left unattended', () => {
  const plant = plantCopy();
  const cases = faultCases(plant);

  it('has one valid instance of every fault kind in the schema, accepted by the plant', () => {
    expect(cases.map((f) => f.kind)).toEqual([...FAULT_KINDS]);
    const s = new Simulation(plantCopy());
    for (const fault of [...cases, ...faultCases(plant, true)])
      expect(s.command({ type: 'injectFault', fault }, 'instructor')).toEqual({ ok: true });
  });

  it('catches a non-finite and an impossible tag, naming it and the time', () => {
    const s = new Simulation(plantCopy(), { dt_s: 10 });
    const w: TagWatch = { ranges: tagRanges(s.model, s.tags), seen: new Set(), offenders: [], finite: true };
    checkTags(s, w);
    expect(w).toMatchObject({ finite: true, offenders: [] });
    s.step(6);
    s.state.tanks[2].T_C[9] = 1e6;
    s.state.hotOil.mReturn_kg = NaN;
    checkTags(s, w);
    expect(w.finite).toBe(false);
    expect(w.offenders.map((o) => [o.tag, o.t_s])).toEqual([
      ['TK-103.layer9', 60],
      ['V-201.inventory', 60],
    ]);
  });

  it.each(cases.map((f) => [f.kind, f] as const))(
    '%s for 2 days at dt 10',
    (_k, fault) => {
      expectHealthy(soak(plant, { days: 2, dt_s: 10, faults: [fault] }));
    },
    LONG_MS,
  );

  it(
    'all at once, spread over the plant, for 30 days at dt 10 (and without the site power)',
    () => {
      const all = faultCases(plant, true);
      expectHealthy(soak(plant, { days: 30, dt_s: 10, faults: all }));
      const r = soak(plant, { days: 30, dt_s: 10, faults: all.filter((f) => f.kind !== 'powerFailure') });
      expectHealthy(r);
      expect(r.mass.throughput_kg).toBeGreaterThan(1e5); // the overfill and the leak really moved product
    },
    LONG_MS,
  );

  it(
    'all at once for 30 days at dt 1',
    () => {
      const all = faultCases(plant, true).filter((f) => f.kind !== 'powerFailure');
      const r = soak(plant, { days: 30, dt_s: 1, faults: all, checkEvery_s: DAY_S / 24 });
      expectHealthy(r);
    },
    LONG_MS,
  );
});
