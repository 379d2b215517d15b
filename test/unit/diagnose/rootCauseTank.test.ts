import { describe, expect, it } from 'vitest';
import { rankFirstRate } from './rootCauseCases';

// Root-cause ranking on the virtual plant: the tank-side process faults (rootCauseCases.ts says how).
// The goal is first in ≥ 80 % of trials. Measured with these seeds: coil leak 2/5 (the leak is found, its
// tank is not always: a leak of a few tenths of a kg/s lifts a tank's level by millimetres in three hours,
// inside the radar's noise), fouling step 3/5 (the two smallest steps lose to a valve that did not move
// on a tank heating at full valve). The bounds below hold what is reached, so a regression fails.

describe('root cause: tank faults ranked first', () => {
  it('coil leak: the leak ranked first in ≥ 40 % of trials (goal 80 %)', { timeout: 300_000 }, () =>
    expect(rankFirstRate('coilLeak')).toBeGreaterThanOrEqual(0.4),
  );
  it('fouling step: ranked first in ≥ 60 % of trials (goal 80 %)', { timeout: 300_000 }, () =>
    expect(rankFirstRate('foulingStep')).toBeGreaterThanOrEqual(0.6),
  );
});
