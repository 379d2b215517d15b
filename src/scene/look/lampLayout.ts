import type { PlantData } from '../../sim/plant/schema';

// Where the walkways and the lamps go, from the plant data alone: a walkway ring just outside the bund
// wall, a path from each building (control room, heater house) to that ring, a lamp post every
// LAMP_SPACING_M along every walkway, and two high-mast floodlights over the tank farm between the rows.

export const WALK_OFFSET_M = 1.8; // walkway centre line outside the bund wall
export const WALK_WIDTH_M = 1.5;
export const LAMP_SPACING_M = 20;
export const POST_HEIGHT_M = 6;
export const MAST_HEIGHT_M = 28;

/** A straight walkway from (x0, z0) to (x1, z1) (axis-aligned). */
export interface Walk {
  x0: number;
  z0: number;
  x1: number;
  z1: number;
}

export interface Lamp {
  /** Foot of the post. */
  x: number;
  z: number;
  /** Where the head hangs and shines down, over the walkway. */
  hx: number;
  hz: number;
}

export interface Mast {
  x: number;
  z: number;
  /** Where its floodlight aims, on the ground. */
  tx: number;
  tz: number;
}

export interface SiteLighting {
  walks: Walk[];
  lamps: Lamp[];
  masts: Mast[];
  /** A light under the loading-bay canopies, where trucks are filled at any hour. */
  bays: { x: number; z: number }[];
}

export function siteLighting(plant: PlantData): SiteLighting {
  const b = plant.bund;
  const [wx0, wx1, wz0, wz1] = [b.x0 - WALK_OFFSET_M, b.x1 + WALK_OFFSET_M, b.z0 - WALK_OFFSET_M, b.z1 + WALK_OFFSET_M];
  const walks: Walk[] = [
    { x0: wx0, z0: wz0, x1: wx1, z1: wz0 },
    { x0: wx0, z0: wz1, x1: wx1, z1: wz1 },
    { x0: wx0, z0: wz0, x1: wx0, z1: wz1 },
    { x0: wx1, z0: wz0, x1: wx1, z1: wz1 },
  ];
  for (const bd of plant.buildings) {
    if (bd.kind === 'musterPoint') continue;
    // leave by the face towards the bund, along the building's centre line, then turn onto the ring
    const west = bd.position.x < b.x0;
    const east = bd.position.x > b.x1;
    if (!west && !east) continue;
    const face = bd.position.x + ((west ? 1 : -1) * bd.size.x) / 2;
    const ringX = west ? wx0 : wx1;
    const z = bd.position.z;
    walks.push({ x0: face, z0: z, x1: ringX, z1: z });
    if (z < wz0 || z > wz1) walks.push({ x0: ringX, z0: z, x1: ringX, z1: z < wz0 ? wz0 : wz1 });
  }
  const lamps: Lamp[] = [];
  const seen = new Set<string>();
  for (const w of walks) {
    const len = Math.hypot(w.x1 - w.x0, w.z1 - w.z0);
    const n = Math.max(1, Math.round(len / LAMP_SPACING_M));
    const [ux, uz] = [(w.x1 - w.x0) / len, (w.z1 - w.z0) / len];
    for (let k = 0; k <= n; k++) {
      const cx = w.x0 + (ux * (len * k)) / n;
      const cz = w.z0 + (uz * (len * k)) / n;
      const key = `${Math.round(cx / 4)},${Math.round(cz / 4)}`; // corners and junctions get one post
      if (seen.has(key)) continue;
      seen.add(key);
      // the post stands beside the walkway (on its left going along it), the head reaches over it
      const [nx, nz] = [-uz, ux];
      const side = WALK_WIDTH_M / 2 + 0.4;
      lamps.push({ x: cx + nx * side, z: cz + nz * side, hx: cx, hz: cz });
    }
  }
  // floodlight masts on the pipe-rack line between the two tank rows, a third of the way in from each end
  const zr = plant.pipeRack.z;
  const masts: Mast[] = [1 / 4, 3 / 4].map((f) => {
    const x = b.x0 + (b.x1 - b.x0) * f;
    return { x, z: zr + 3, tx: x, tz: zr };
  });
  const bays = plant.loading.stations.flatMap((s) => s.bays.map((bay) => ({ x: bay.position.x, z: bay.position.z })));
  return { walks, lamps, masts, bays };
}
