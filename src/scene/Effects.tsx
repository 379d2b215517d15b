import { useMemo, useRef } from 'react';
import { useFrame } from '@react-three/fiber';
import { Color, type InstancedMesh } from 'three';
import type { PlantData } from '../sim/plant/schema';
import { usePlantConnection } from '../app/PlantConnection';
import { frameValue, hasTagValues } from '../protocol/frame';
import { setInstance, hideInstance } from './instancing';

// Fire, smoke, steam and gas as instanced puffs (three draw calls), driven by the fault states in the
// frame: a bay's fire intensity, a tank's steam rate and froth-over, the H2S reading at a hatch.

const PUFFS = 24;
const color = new Color();

interface Source {
  x: number;
  y: number;
  z: number;
  tag: number;
  kind: 'fire' | 'steam' | 'gas';
}

export function Effects({ plant }: { plant: PlantData }) {
  const conn = usePlantConnection();
  const fire = useRef<InstancedMesh>(null);
  const smoke = useRef<InstancedMesh>(null);
  const steam = useRef<InstancedMesh>(null);
  const sources = useMemo(() => {
    const c = conn;
    const s: Source[] = [];
    for (const st of plant.loading.stations)
      for (const b of st.bays)
        s.push({ x: b.position.x, y: 0.3, z: b.position.z + 4, tag: c.tagIndex.get(`${b.tag}.fire`)!, kind: 'fire' });
    for (const t of plant.tanks) {
      const r = t.diameter_m / 2;
      s.push({
        x: t.position.x,
        y: t.shellHeight_m + t.ringWallHeight_m + r * 0.15,
        z: t.position.z,
        tag: c.tagIndex.get(`${t.tag}.steam`)!,
        kind: 'steam',
      });
      s.push({
        x: t.position.x + r * 0.6,
        y: t.shellHeight_m + t.ringWallHeight_m + r * 0.12,
        z: t.position.z,
        tag: c.tagIndex.get(`${t.tag}.h2s`)!,
        kind: 'gas',
      });
    }
    return s;
  }, [plant, conn]);
  const fires = sources.filter((s) => s.kind === 'fire');
  const vents = sources.filter((s) => s.kind !== 'fire');

  useFrame(({ clock }) => {
    const v = conn.latest;
    if (!hasTagValues(v)) return;
    const t = clock.elapsedTime;
    fires.forEach((s, i) => {
      const intensity = frameValue(v, s.tag);
      for (let k = 0; k < PUFFS; k++) {
        const j = i * PUFFS + k;
        if (intensity <= 0.02) {
          hideInstance(fire.current!, j);
          hideInstance(smoke.current!, j);
          continue;
        }
        const life = (t * 0.8 + k / PUFFS) % 1;
        const a = k * 2.39996;
        const rad = (1 - life) * 2.5 * intensity;
        const size = (0.6 + 1.4 * (1 - life)) * intensity * 1.6;
        setInstance(
          fire.current!,
          j,
          s.x + Math.cos(a) * rad,
          s.y + life * 5 * intensity,
          s.z + Math.sin(a) * rad,
          size,
          size * 1.6,
          size,
        );
        fire.current!.setColorAt(j, color.setRGB(1, 0.35 + 0.5 * (1 - life), 0.05));
        const sl = (t * 0.25 + k / PUFFS) % 1;
        const ss = (1.5 + sl * 5) * intensity;
        setInstance(
          smoke.current!,
          j,
          s.x + Math.cos(a) * sl * 4 + sl * 6,
          s.y + 4 + sl * 22 * intensity,
          s.z + Math.sin(a) * sl * 4,
          ss,
          ss,
          ss,
        );
      }
    });
    vents.forEach((s, i) => {
      const val = frameValue(v, s.tag);
      const on = s.kind === 'steam' ? val > 0.005 : val > 5;
      for (let k = 0; k < 6; k++) {
        const j = i * 6 + k;
        if (!on) {
          hideInstance(steam.current!, j);
          continue;
        }
        const life = (t * 0.5 + k / 6) % 1;
        const size = s.kind === 'steam' ? 0.8 + life * 3 : 0.5 + Math.min(val / 50, 1) * 2 * (0.5 + life);
        setInstance(
          steam.current!,
          j,
          s.x + life * 2,
          s.y + life * (s.kind === 'steam' ? 8 : 2),
          s.z,
          size,
          size,
          size,
        );
        steam.current!.setColorAt(
          j,
          s.kind === 'steam' ? color.setRGB(0.95, 0.95, 0.95) : color.setRGB(0.75, 0.85, 0.2),
        );
      }
    });
    for (const m of [fire, smoke, steam]) {
      m.current!.instanceMatrix.needsUpdate = true;
      if (m.current!.instanceColor) m.current!.instanceColor.needsUpdate = true;
    }
  });

  return (
    <group name="effects">
      <instancedMesh ref={fire} args={[undefined, undefined, fires.length * PUFFS]} name="fire" frustumCulled={false}>
        <sphereGeometry args={[1, 8, 6]} />
        <meshBasicMaterial color="#ffffff" transparent opacity={0.85} depthWrite={false} />
      </instancedMesh>
      <instancedMesh ref={smoke} args={[undefined, undefined, fires.length * PUFFS]} name="smoke" frustumCulled={false}>
        <sphereGeometry args={[1, 8, 6]} />
        <meshBasicMaterial color="#2b2b2b" transparent opacity={0.45} depthWrite={false} />
      </instancedMesh>
      <instancedMesh
        ref={steam}
        args={[undefined, undefined, vents.length * 6]}
        name="steam-and-gas"
        frustumCulled={false}
      >
        <sphereGeometry args={[1, 8, 6]} />
        <meshBasicMaterial color="#ffffff" transparent opacity={0.45} depthWrite={false} />
      </instancedMesh>
    </group>
  );
}
