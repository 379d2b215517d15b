import { BufferGeometry, Float32BufferAttribute } from 'three';
import type { PlantData } from '../sim/plant/schema';
import { stairSteps } from '../protocol/walking';

/** Every tank's spiral stair treads as one geometry (the same treads the worker's colliders use). */
export function buildStairsGeometry(tanks: PlantData['tanks']): BufferGeometry {
  const g = new BufferGeometry();
  const pos: number[] = [];
  for (const t of tanks) {
    const r = t.diameter_m / 2 + 0.15;
    for (const s of stairSteps(t.shellHeight_m)) {
      const c = Math.cos(s.angle);
      const sn = Math.sin(s.angle);
      const p = (rad: number, along: number) => [
        t.position.x + sn * rad + c * along,
        s.y,
        t.position.z - c * rad + sn * along,
      ];
      const a = p(r, -0.3),
        b = p(r + 1, -0.3),
        d = p(r, 0.3),
        e = p(r + 1, 0.3);
      pos.push(...a, ...d, ...b, ...b, ...d, ...e);
    }
  }
  g.setAttribute('position', new Float32BufferAttribute(pos, 3));
  g.computeVertexNormals();
  return g;
}
