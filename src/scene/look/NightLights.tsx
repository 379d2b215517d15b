import { useLayoutEffect, useMemo, useRef } from 'react';
import { useDisposable } from '../useDisposable';
import { useFrame } from '@react-three/fiber';
import {
  AdditiveBlending,
  DataTexture,
  LinearFilter,
  PlaneGeometry,
  RGBAFormat,
  type InstancedMesh,
  type MeshBasicMaterial,
  type MeshStandardMaterial,
  type Object3D,
  type PointLight,
  type SpotLight,
} from 'three';
import type { PlantData } from '../../sim/plant/schema';
import { setInstance } from '../instancing';
import { grain } from './textures';
import { look } from './lookState';
import type { LookQuality } from './quality';
import { MAST_HEIGHT_M, POST_HEIGHT_M, WALK_WIDTH_M, siteLighting } from './lampLayout';

// The site after dark: walkways along the bund and to the buildings, lamp posts along them with glowing
// heads and pools of light on the ground beneath (an additive decal: the look of many area lights for one
// draw call and no per-pixel lighting), two floodlight masts over the tank farm and a light over the
// loading bays (the only real lights, a fixed number so that no shader recompiles at dusk). The photocell
// (daylight().lampsOn) switches them; by day the heads are dark and the pools are not drawn.

const POOL_RADIUS_M = 7;
const FLOOD_CANDELA = 600;
const BAY_CANDELA = 90;
const LAMP_COLOR = '#ffd6a0';

export function NightLights({ plant, quality }: { plant: PlantData; quality: LookQuality }) {
  const layout = useMemo(() => siteLighting(plant), [plant]);
  const walks = useRef<InstancedMesh>(null);
  const posts = useRef<InstancedMesh>(null);
  const heads = useRef<InstancedMesh>(null);
  const pools = useRef<InstancedMesh>(null);
  const headMat = useRef<MeshStandardMaterial>(null);
  const poolMat = useRef<MeshBasicMaterial>(null);
  const floods = useRef<(SpotLight | null)[]>([]);
  const floodTargets = useRef<(Object3D | null)[]>([]);
  const bay = useRef<PointLight>(null);
  const seen = useRef(-1);
  const poolTexture = useDisposable(() => radialFalloff(), []);
  const walkTexture = useDisposable(() => grain(7, 0.12), []);
  const poolGeometry = useDisposable(() => new PlaneGeometry(1, 1).rotateX(-Math.PI / 2), []);
  const nLamps = layout.lamps.length;
  const nMasts = layout.masts.length;
  const bayCentre = useMemo(() => {
    const n = Math.max(1, layout.bays.length);
    return [layout.bays.reduce((s, b) => s + b.x, 0) / n, layout.bays.reduce((s, b) => s + b.z, 0) / n];
  }, [layout]);

  useLayoutEffect(() => {
    layout.walks.forEach((w, i) => {
      const along = Math.hypot(w.x1 - w.x0, w.z1 - w.z0) + WALK_WIDTH_M;
      const sx = w.x0 === w.x1 ? WALK_WIDTH_M : along;
      const sz = w.x0 === w.x1 ? along : WALK_WIDTH_M;
      setInstance(walks.current!, i, (w.x0 + w.x1) / 2, 0.04, (w.z0 + w.z1) / 2, sx, 0.08, sz);
    });
    walks.current!.instanceMatrix.needsUpdate = true;
    let k = 0;
    for (const l of layout.lamps) {
      setInstance(posts.current!, k++, l.x, POST_HEIGHT_M / 2, l.z, 0.12, POST_HEIGHT_M, 0.12);
      const arm = Math.atan2(l.hx - l.x, l.hz - l.z);
      const reach = Math.hypot(l.hx - l.x, l.hz - l.z);
      setInstance(posts.current!, k++, (l.x + l.hx) / 2, POST_HEIGHT_M, (l.z + l.hz) / 2, 0.08, 0.08, reach + 0.1, arm);
    }
    for (const m of layout.masts)
      setInstance(posts.current!, k++, m.x, MAST_HEIGHT_M / 2, m.z, 0.5, MAST_HEIGHT_M, 0.5);
    posts.current!.instanceMatrix.needsUpdate = true;
    layout.lamps.forEach((l, i) => {
      setInstance(heads.current!, i, l.hx, POST_HEIGHT_M - 0.08, l.hz, 0.5, 0.12, 0.5);
      setInstance(pools.current!, i, l.hx, 0.09, l.hz, POOL_RADIUS_M * 2, 1, POOL_RADIUS_M * 2);
    });
    layout.masts.forEach((m, i) => setInstance(heads.current!, nLamps + i, m.x, MAST_HEIGHT_M, m.z, 2.4, 0.6, 1.2));
    heads.current!.instanceMatrix.needsUpdate = true;
    pools.current!.instanceMatrix.needsUpdate = true;
    if (quality !== 'full') return;
    layout.masts.forEach((m, i) => {
      const t = floodTargets.current[i]!;
      t.position.set(m.tx, 0, m.tz);
      t.updateMatrixWorld();
      floods.current[i]!.target = t;
    });
  }, [layout, nLamps, quality]);

  useFrame(() => {
    if (seen.current === look.version) return;
    seen.current = look.version;
    const on = look.daylight.lampsOn;
    // the lamps are as bright at dusk as at midnight: only how much they stand out changes
    headMat.current!.emissiveIntensity = on ? 6 : 0;
    poolMat.current!.opacity = 0.2 + 0.35 * look.daylight.night;
    pools.current!.visible = on;
    for (const f of floods.current) if (f) f.intensity = on ? FLOOD_CANDELA : 0;
    if (bay.current) bay.current.intensity = on ? BAY_CANDELA : 0;
  });

  return (
    <group name="night-lights">
      <instancedMesh
        ref={walks}
        args={[undefined, undefined, layout.walks.length]}
        name="walkways"
        frustumCulled={false}
        receiveShadow
      >
        <boxGeometry />
        <meshStandardMaterial color="#b9b5ab" roughness={0.85} map={walkTexture} />
      </instancedMesh>
      <instancedMesh
        ref={posts}
        args={[undefined, undefined, nLamps * 2 + nMasts]}
        name="lamp-posts"
        frustumCulled={false}
        castShadow
      >
        <boxGeometry />
        <meshStandardMaterial color="#8e979f" metalness={0.8} roughness={0.5} />
      </instancedMesh>
      <instancedMesh ref={heads} args={[undefined, undefined, nLamps + nMasts]} name="lamp-heads" frustumCulled={false}>
        <boxGeometry />
        <meshStandardMaterial ref={headMat} color="#3a3d40" emissive={LAMP_COLOR} emissiveIntensity={0} />
      </instancedMesh>
      <instancedMesh ref={pools} args={[poolGeometry, undefined, nLamps]} name="lamp-pools" frustumCulled={false}>
        <meshBasicMaterial
          ref={poolMat}
          color={LAMP_COLOR}
          map={poolTexture}
          transparent
          depthWrite={false}
          blending={AdditiveBlending}
        />
      </instancedMesh>
      {quality === 'full' &&
        layout.masts.map((m, i) => (
          <group key={i}>
            <spotLight
              ref={(l) => {
                floods.current[i] = l;
              }}
              position={[m.x, MAST_HEIGHT_M - 0.5, m.z]}
              angle={1.05}
              penumbra={0.6}
              decay={2}
              distance={110}
              color={LAMP_COLOR}
              intensity={0}
            />
            <object3D
              ref={(o) => {
                floodTargets.current[i] = o;
              }}
            />
          </group>
        ))}
      {quality === 'full' && (
        <pointLight
          ref={bay}
          position={[bayCentre[0], 7.5, bayCentre[1]]}
          distance={45}
          decay={2}
          color={LAMP_COLOR}
          intensity={0}
        />
      )}
    </group>
  );
}

/** A soft disc: bright in the middle, fading to nothing at the rim (alpha and colour alike, for additive use). */
function radialFalloff(): DataTexture {
  const n = 64;
  const data = new Uint8Array(n * n * 4);
  for (let y = 0; y < n; y++)
    for (let x = 0; x < n; x++) {
      const r = Math.hypot(x + 0.5 - n / 2, y + 0.5 - n / 2) / (n / 2);
      const a = Math.max(0, 1 - r) ** 1.6;
      const o = (y * n + x) * 4;
      data[o] = data[o + 1] = data[o + 2] = a * 255;
      data[o + 3] = a * 255;
    }
  const t = new DataTexture(data, n, n, RGBAFormat);
  t.magFilter = t.minFilter = LinearFilter;
  t.needsUpdate = true;
  return t;
}
