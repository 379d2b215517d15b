import { describe, expect, it } from 'vitest';
import { kpiLines } from '../../../src/ui/energy/kpiView';

describe('the running plant figures as printed', () => {
  it('prints GJ to two decimals, the stored-heat change with its sign, hours, and misses of trucks', () => {
    const l = kpiLines({
      duration_s: 5400,
      fuel_GJ: 3.456,
      storedChange_GJ: -0.5,
      fuelCorrected_GJ: 4.044,
      heaterStarts: 2,
      trucks: 5,
      misses: 1,
      mpcShare_frac: 0.256,
      tanks: [
        {
          tag: 'TK-101',
          bandMin_C: 135,
          bandMax_C: 180,
          outside_s: 1800,
          overshoot_K: -0.3,
          trucks: 5,
          misses: 1,
          mpc_s: 2700,
        },
      ],
    });
    expect(l).toEqual({
      duration_h: '1.5',
      fuel_GJ: '3.46',
      fuelCorrected_GJ: '4.04',
      storedChange_GJ: '-0.50',
      heaterStarts: '2',
      misses: '1 / 5',
      mpcShare: '26 %',
      tanks: [{ tag: 'TK-101', band: '135–180', outside_h: '0.5', overshoot_K: '0.0', misses: '1 / 5', mpc_h: '0.8' }],
    });
    expect(kpiLines({ ...l0, storedChange_GJ: 1.2 }).storedChange_GJ).toBe('+1.20');
  });
});

const l0 = {
  duration_s: 0,
  fuel_GJ: 0,
  storedChange_GJ: 0,
  fuelCorrected_GJ: 0,
  heaterStarts: 0,
  trucks: 0,
  misses: 0,
  mpcShare_frac: 0,
  tanks: [],
};
