import type { PlantData } from '../../sim/plant/schema';
import { buildEquipment } from '../../plantView/equipmentCatalog';

/** The plant's extent on the ground (x east, z south) with a margin, and its tanks, for the roster's map. */
export function plantBounds(plant: PlantData) {
  const eq = buildEquipment(plant);
  const xs = eq.map((e) => e.position[0]);
  const zs = eq.map((e) => e.position[2]);
  const m = 20;
  const x0 = Math.min(...xs, -10) - m;
  const z0 = Math.min(...zs, 25) - m;
  const tanks = eq
    .filter((e) => e.kind === 'tank')
    .map((e) => ({ tag: e.tag, x: e.position[0], z: e.position[2], r: 6 }));
  return { x0, z0, w: Math.max(...xs, -10) + m - x0, h: Math.max(...zs, 25) + m - z0, tanks };
}
