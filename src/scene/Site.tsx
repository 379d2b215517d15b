import { useLayoutEffect, useMemo, useRef } from 'react';
import { useDisposable } from './useDisposable';
import { BufferGeometry, Float32BufferAttribute, type InstancedMesh } from 'three';
import { grain } from './look/textures';
import type { PlantData } from '../sim/plant/schema';
import { setInstance } from './instancing';

// The ground, roads, bund wall, pipe rack and buildings: static, built once from the plant data.

export function Site({ plant }: { plant: PlantData }) {
  const boxes = useRef<InstancedMesh>(null);
  const rack = useRef<InstancedMesh>(null);
  const b = plant.bund;
  const bundBoxes = useMemo(() => {
    const h = b.height_m;
    return [
      [(b.x0 + b.x1) / 2, h / 2, b.z0, b.x1 - b.x0, h, 0.3],
      [(b.x0 + b.x1) / 2, h / 2, b.z1, b.x1 - b.x0, h, 0.3],
      [b.x0, h / 2, (b.z0 + b.z1) / 2, 0.3, h, b.z1 - b.z0],
      [b.x1, h / 2, (b.z0 + b.z1) / 2, 0.3, h, b.z1 - b.z0],
    ];
  }, [b]);
  // a heater house is an open shed (roof on posts) so the heater inside stays visible
  const buildings = plant.buildings;
  // the control room's walls, door and windows are drawn with its console (src/console)
  const solid = buildings.filter((bd) => bd.kind !== 'heaterHouse' && bd.kind !== 'controlRoom');
  const sheds = buildings.filter((bd) => bd.kind === 'heaterHouse');
  const rackParts = useMemo(() => {
    const r = plant.pipeRack;
    const out: number[][] = [];
    for (let x = r.x0; x <= r.x1; x += 6) {
      out.push([x, r.height_m / 2, r.z - r.width_m / 2, 0.3, r.height_m, 0.3]);
      out.push([x, r.height_m / 2, r.z + r.width_m / 2, 0.3, r.height_m, 0.3]);
      out.push([x, r.height_m - 0.6, r.z, 0.25, 0.25, r.width_m]);
    }
    out.push([(r.x0 + r.x1) / 2, r.height_m - 0.6, r.z - r.width_m / 2, r.x1 - r.x0, 0.25, 0.25]);
    out.push([(r.x0 + r.x1) / 2, r.height_m - 0.6, r.z + r.width_m / 2, r.x1 - r.x0, 0.25, 0.25]);
    return out;
  }, [plant.pipeRack]);
  const roads = useMemo(() => {
    const pos: number[] = [];
    for (const rd of plant.roads) {
      for (let i = 1; i < rd.route.length; i++) {
        const [a, c] = [rd.route[i - 1], rd.route[i]];
        const dx = c[0] - a[0];
        const dz = c[2] - a[2];
        const len = Math.hypot(dx, dz) || 1;
        const nx = (-dz / len) * (rd.width_m / 2);
        const nz = (dx / len) * (rd.width_m / 2);
        const y = 0.02;
        const p = [a[0] + nx, y, a[2] + nz, a[0] - nx, y, a[2] - nz, c[0] + nx, y, c[2] + nz, c[0] - nx, y, c[2] - nz];
        pos.push(
          p[0],
          p[1],
          p[2],
          p[6],
          p[7],
          p[8],
          p[3],
          p[4],
          p[5],
          p[3],
          p[4],
          p[5],
          p[6],
          p[7],
          p[8],
          p[9],
          p[10],
          p[11],
        );
      }
    }
    const g = new BufferGeometry();
    g.setAttribute('position', new Float32BufferAttribute(pos, 3));
    // texture coordinates from the plan position: the asphalt's grain has one size everywhere
    const uv: number[] = [];
    for (let i = 0; i < pos.length; i += 3) uv.push(pos[i] / 6, pos[i + 2] / 6);
    g.setAttribute('uv', new Float32BufferAttribute(uv, 2));
    g.computeVertexNormals();
    return g;
  }, [plant.roads]);

  useLayoutEffect(() => {
    let k = 0;
    for (const [x, y, z, sx, sy, sz] of bundBoxes) setInstance(boxes.current!, k++, x, y, z, sx, sy, sz);
    for (const bd of solid)
      setInstance(boxes.current!, k++, bd.position.x, bd.size.y / 2, bd.position.z, bd.size.x, bd.size.y, bd.size.z);
    for (const bd of sheds) {
      setInstance(boxes.current!, k++, bd.position.x, bd.size.y, bd.position.z, bd.size.x, 0.3, bd.size.z);
      for (const [dx, dz] of [
        [-1, -1],
        [1, -1],
        [-1, 1],
        [1, 1],
      ])
        setInstance(
          boxes.current!,
          k++,
          bd.position.x + (dx * bd.size.x) / 2,
          bd.size.y / 2,
          bd.position.z + (dz * bd.size.z) / 2,
          0.3,
          bd.size.y,
          0.3,
        );
    }
    boxes.current!.instanceMatrix.needsUpdate = true;
    rackParts.forEach(([x, y, z, sx, sy, sz], i) => setInstance(rack.current!, i, x, y, z, sx, sy, sz));
    rack.current!.instanceMatrix.needsUpdate = true;
  }, [bundBoxes, solid, sheds, rackParts]);

  const cx = (b.x0 + b.x1) / 2;
  const cz = (b.z0 + b.z1) / 2;
  // grain textures (src/scene/look/textures.ts) with repeats sized to each surface, ≈ 4–6 m a tile
  const tex = useDisposable(() => {
    const ground = grain(11, 0.3);
    ground.repeat.set(70, 44);
    const floor = grain(5);
    floor.repeat.set((b.x1 - b.x0) / 5, (b.z1 - b.z0) / 5);
    return { ground, floor, asphalt: grain(13, 0.25), concrete: grain(3) };
  }, [b]);
  return (
    <group name="site">
      {/* rough grass and gravel */}
      <mesh rotation-x={-Math.PI / 2} position={[cx + 20, 0, cz]} name="ground" receiveShadow>
        <planeGeometry args={[420, 260]} />
        <meshStandardMaterial color="#6f7a5c" roughness={1} map={tex.ground} />
      </mesh>
      {/* the bund's concrete floor */}
      <mesh rotation-x={-Math.PI / 2} position={[cx, 0.01, cz]} name="bund-floor" receiveShadow>
        <planeGeometry args={[b.x1 - b.x0, b.z1 - b.z0]} />
        <meshStandardMaterial color="#a19d94" roughness={0.9} map={tex.floor} />
      </mesh>
      {/* asphalt: dark, rough, a faint sheen */}
      <mesh geometry={roads} name="roads" receiveShadow>
        <meshStandardMaterial color="#34363a" roughness={0.88} map={tex.asphalt} />
      </mesh>
      <instancedMesh
        ref={boxes}
        args={[undefined, undefined, bundBoxes.length + solid.length + sheds.length * 5]}
        name="bund-and-buildings"
        frustumCulled={false}
        castShadow
        receiveShadow
      >
        <boxGeometry />
        {/* cast concrete (bund walls, buildings) */}
        <meshStandardMaterial color="#b8b4aa" roughness={0.9} metalness={0} map={tex.concrete} />
      </instancedMesh>
      <instancedMesh
        ref={rack}
        args={[undefined, undefined, rackParts.length]}
        name="pipe-rack"
        frustumCulled={false}
        castShadow
      >
        <boxGeometry />
        {/* painted structural steel */}
        <meshStandardMaterial color="#5b6b7a" metalness={0.2} roughness={0.55} />
      </instancedMesh>
    </group>
  );
}
