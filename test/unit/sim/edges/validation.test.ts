import { describe, expect, it } from 'vitest';
import { parsePlant } from '../../../../src/sim/plant/load';
import { commandSchema } from '../../../../src/sim/commandSchema';
import { plantCopy } from '../../helpers';

// Inputs that would break the model or quietly wire the plant wrong are refused where they come in.

describe('setWeather is bounded by physical ranges', () => {
  it.each([
    { ambientMean_C: -300 },
    { ambientMean_C: 1e6 },
    { wind_m_s: 1e6 },
    { rain_mm_h: 1e6 },
    { solarPeak_W_m2: 1e6 },
    { ambientSwing_K: 1e6 },
  ])('refuses %o', (w) => {
    expect(commandSchema.safeParse({ type: 'setWeather', ...w }).success).toBe(false);
  });
  it('accepts a hot, windy, wet afternoon', () => {
    const c = { type: 'setWeather', ambientMean_C: 40, wind_m_s: 25, rain_mm_h: 80, solarPeak_W_m2: 1100 };
    expect(commandSchema.safeParse(c).success).toBe(true);
  });
});

describe('the plant loader refuses shared tags with the path of the second use', () => {
  const errorsOf = (p: ReturnType<typeof plantCopy>) => {
    const r = parsePlant(p);
    return r.ok ? [] : r.errors;
  };
  it('TK-102 reusing TT-101 (it would make TK-101 control on TK-102’s sensor)', () => {
    const p = plantCopy();
    p.tanks[1].instruments.temperature = p.tanks[0].instruments.temperature;
    const e = errorsOf(p);
    expect(e.map((x) => x.path)).toContain('tanks[1].instruments.temperature');
    expect(e[0].message).toMatch(/tanks\[0\]\.instruments\.temperature/);
  });
  it('a temperature point, the level, the H2S detector and the controller', () => {
    const p = plantCopy();
    p.tanks[2].instruments.tempPoints[3] = p.tanks[0].instruments.tempPoints[3];
    p.tanks[3].instruments.level = p.tanks[0].instruments.level;
    p.tanks[4].instruments.h2s = p.tanks[0].instruments.h2s;
    p.tanks[5].control.tag = p.tanks[0].control.tag;
    expect(errorsOf(p).map((x) => x.path)).toEqual(
      expect.arrayContaining([
        'tanks[2].instruments.tempPoints[3]',
        'tanks[3].instruments.level',
        'tanks[4].instruments.h2s',
        'tanks[5].control.tag',
      ]),
    );
  });
  it('a product defined twice and a portable sharing a tag', () => {
    const p = plantCopy();
    p.products.push({ ...p.products[0] });
    p.portables.push({ ...p.portables[0] });
    const paths = errorsOf(p).map((x) => x.path);
    expect(paths).toContain(`products[${p.products.length - 1}].id`);
    expect(paths).toContain(`portables[${p.portables.length - 1}].tag`);
  });
});
