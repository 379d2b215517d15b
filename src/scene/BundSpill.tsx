import { useMemo, useRef } from 'react';
import { useFrame } from '@react-three/fiber';
import { Color, DoubleSide, type Mesh, type MeshStandardMaterial } from 'three';
import type { PlantData } from '../sim/plant/schema';
import { usePlantConnection } from '../app/PlantConnection';
import { frameValue, hasTagValues } from '../protocol/frame';

// An overfill made visible: while a tank overflows, product runs down its shell from the overflow nozzle
// (a dark sheet on the cladding), and what collected in the bund lies as a pool at the foot of the tank that
// spilled it, its size from the bund's mass, glossy while hot and dull grey once it has set.

const POOL_DEPTH_M = 0.05; // as the model's pool (components/vessel.ts)
const POOL_RHO_KG_M3 = 1000;
const HOT = new Color('#0d0d0d');
const SET = new Color('#4a4a48');

export function BundSpill({ plant }: { plant: PlantData }) {
  const conn = usePlantConnection();
  const pool = useRef<Mesh>(null);
  const sheet = useRef<Mesh>(null);
  const last = useRef(-1); // the tank that last overflowed: the pool lies at its foot
  const idx = useMemo(
    () => ({
      mass: conn.tagIndex.get('BUND.mass') ?? -1,
      solid: conn.tagIndex.get('BUND.solid') ?? -1,
      overflow: plant.tanks.map((t) => conn.tagIndex.get(`${t.tag}.overflow`) ?? -1),
    }),
    [plant, conn],
  );
  const b = plant.bund;
  const maxR = Math.min(b.x1 - b.x0, b.z1 - b.z0) / 2;

  useFrame(() => {
    const v = conn.latest;
    const p = pool.current;
    const sh = sheet.current;
    if (!p || !sh) return;
    if (!hasTagValues(v) || idx.mass < 0) {
      p.visible = false;
      sh.visible = false;
      return;
    }
    let flowing = -1;
    for (let i = 0; i < idx.overflow.length; i++)
      if (idx.overflow[i] >= 0 && frameValue(v, idx.overflow[i]) > 0) flowing = i;
    if (flowing >= 0) last.current = flowing;
    const t = last.current >= 0 ? plant.tanks[last.current] : null;
    const mass = frameValue(v, idx.mass);
    p.visible = mass > 0 && t !== null;
    if (p.visible && t) {
      const r = Math.min(Math.sqrt(mass / (POOL_RHO_KG_M3 * POOL_DEPTH_M) / Math.PI), maxR);
      const rTank = t.diameter_m / 2;
      // a ring around the tank's foot, widening as the bund fills
      const outer = Math.sqrt(r * r + rTank * rTank);
      p.position.set(t.position.x, 0.03, t.position.z);
      p.scale.set(outer, outer, 1);
      const solid = idx.solid >= 0 && frameValue(v, idx.solid) > 0.5;
      (p.material as MeshStandardMaterial).color.copy(solid ? SET : HOT);
      (p.material as MeshStandardMaterial).roughness = solid ? 0.95 : 0.15;
    }
    sh.visible = flowing >= 0;
    if (flowing >= 0) {
      const ft = plant.tanks[flowing];
      const h = ft.ringWallHeight_m + ft.shellHeight_m;
      sh.position.set(ft.position.x, h / 2, ft.position.z);
      sh.scale.set(ft.diameter_m / 2 + 0.16, h, ft.diameter_m / 2 + 0.16);
    }
  });

  return (
    <group name="bund-spill">
      <mesh ref={pool} rotation-x={-Math.PI / 2} visible={false} name="bund-pool">
        <circleGeometry args={[1, 48]} />
        <meshStandardMaterial color={HOT} roughness={0.15} metalness={0.1} />
      </mesh>
      <mesh ref={sheet} visible={false} name="overflow-sheet">
        {/* a third of the circumference, open-ended: the run-down on the side of the overflow nozzle */}
        <cylinderGeometry args={[1, 1, 1, 24, 1, true, 0, (2 * Math.PI) / 3]} />
        <meshStandardMaterial color={HOT} roughness={0.2} side={DoubleSide} />
      </mesh>
    </group>
  );
}
