import { describe, expect, it } from 'vitest';
import { defaultPlant } from '../../../src/sim/plant/default';
import { LAMP_SPACING_M, WALK_OFFSET_M, siteLighting } from '../../../src/scene/look/lampLayout';

const plant = defaultPlant();

describe('walkways and lamps of the default plant', () => {
  const s = siteLighting(plant);
  it('rings the bund with walkways and joins the control room and heater house to them', () => {
    const b = plant.bund;
    const [x0, x1, z0, z1] = [b.x0 - WALK_OFFSET_M, b.x1 + WALK_OFFSET_M, b.z0 - WALK_OFFSET_M, b.z1 + WALK_OFFSET_M];
    expect(s.walks.slice(0, 4)).toEqual([
      { x0, z0, x1, z1: z0 },
      { x0, z0: z1, x1, z1 },
      { x0, z0, x1: x0, z1 },
      { x0: x1, z0, x1, z1 },
    ]);
    // one path leaves each building beside the bund (the muster point has none)
    const buildings = plant.buildings.filter((bd) => bd.kind !== 'musterPoint');
    for (const bd of buildings)
      expect(s.walks.some((w) => w.z0 === bd.position.z && Math.abs(w.x0 - bd.position.x) <= bd.size.x / 2)).toBe(true);
  });

  it('puts a lamp near every point of every walkway, no two posts on one spot', () => {
    for (const w of s.walks) {
      const len = Math.hypot(w.x1 - w.x0, w.z1 - w.z0);
      for (let d = 0; d <= len; d += 1) {
        const x = w.x0 + ((w.x1 - w.x0) * d) / len;
        const z = w.z0 + ((w.z1 - w.z0) * d) / len;
        const nearest = Math.min(...s.lamps.map((l) => Math.hypot(l.hx - x, l.hz - z)));
        expect(nearest).toBeLessThanOrEqual(LAMP_SPACING_M * 0.75);
      }
    }
    for (let i = 0; i < s.lamps.length; i++)
      for (let j = i + 1; j < s.lamps.length; j++)
        expect(Math.hypot(s.lamps[i].x - s.lamps[j].x, s.lamps[i].z - s.lamps[j].z)).toBeGreaterThan(2);
  });

  it('has a few real lights only: two floodlight masts and the loading bays', () => {
    expect(s.masts).toHaveLength(2);
    expect(s.bays.length).toBeGreaterThan(0);
  });
});
