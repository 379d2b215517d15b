import { useLayoutEffect, useMemo, useRef } from 'react';
import { useDisposable } from './useDisposable';
import { useFrame, type ThreeEvent } from '@react-three/fiber';
import {
  Color,
  DoubleSide,
  Euler,
  Matrix4,
  MeshStandardMaterial,
  Quaternion,
  Vector3,
  type InstancedMesh,
} from 'three';
import type { PlantData } from '../sim/plant/schema';
import { coilZone } from '../sim/plant/coilZone';
import { zonedFractions } from '../sim/components/tank';
import { usePlantConnection } from '../app/PlantConnection';
import { heatColor } from './colors';
import { setInstance, hideInstance } from './instancing';
import { ui } from '../state/ui';
import { buildStairsGeometry } from './stairs';
import { frameValue, hasTagValues } from '../protocol/frame';
import { alarmedEquipment } from './alarmed';
import { useCamera } from '../state/camera';
import { claddingBump, grain } from './look/textures';
import { withGlow } from './look/glow';

// Every tank from the plant data, in a handful of draw calls: shells, roofs, ring walls, the heat-map
// layers (one instance per layer, coloured by its temperature, shown up to the level), hatches, and all
// the spiral stairs merged into one mesh.

const color = new Color();
const CLADDING = new Color('#c9ccd1');
const ALARM = new Color('#e0301e');
const WARN = new Color('#f0a020');

export function Tanks({ plant }: { plant: PlantData }) {
  const conn = usePlantConnection();
  const tanks = plant.tanks;
  const layers = plant.simulation.layers;
  const shells = useRef<InstancedMesh>(null);
  const roofs = useRef<InstancedMesh>(null);
  const rings = useRef<InstancedMesh>(null);
  const heat = useRef<InstancedMesh>(null);
  const hatches = useRef<InstancedMesh>(null);
  const nozzles = useRef<InstancedMesh>(null);
  const cutaway = useCamera((s) => s.cutaway);
  const bands = useMemo(() => new Float64Array(layers), [layers]);

  const idx = useMemo(() => {
    const c = conn;
    return tanks.map((t) => ({
      level: c.tagIndex.get(`${t.tag}.level_true`)!,
      layer0: c.tagIndex.get(`${t.tag}.layer0`)!,
      zone: coilZone(t),
    }));
  }, [tanks, conn]);

  const stairs = useDisposable(() => buildStairsGeometry(tanks), [tanks]);
  // aluminium cladding: ribbed sheets held by straps (the bump map), ribs ≈ 0.35 m apart on a big tank
  const cladding = useDisposable(() => {
    const t = claddingBump();
    t.repeat.set(160, 1);
    return t;
  }, []);
  const concrete = useDisposable(() => grain(3), []);
  const heatMaterial = useDisposable(() => withGlow(new MeshStandardMaterial({ roughness: 0.8 }), 'heat'), []);
  const shellMaterial = useDisposable(() => withGlow(new MeshStandardMaterial(), 'status'), []);

  useLayoutEffect(() => {
    tanks.forEach((t, i) => {
      const r = t.diameter_m / 2;
      const y0 = t.ringWallHeight_m;
      setInstance(
        shells.current!,
        i,
        t.position.x,
        y0 + t.shellHeight_m / 2,
        t.position.z,
        r + 0.12,
        t.shellHeight_m,
        r + 0.12,
      );
      const roofH = Math.tan((t.roof.slope_deg * Math.PI) / 180) * r + 0.3;
      setInstance(
        roofs.current!,
        i,
        t.position.x,
        y0 + t.shellHeight_m + roofH / 2,
        t.position.z,
        r + 0.2,
        roofH,
        r + 0.2,
      );
      setInstance(rings.current!, i, t.position.x, y0 / 2, t.position.z, r + 0.5, y0, r + 0.5);
      setInstance(
        hatches.current!,
        i,
        t.position.x + r * 0.6,
        y0 + t.shellHeight_m + roofH * 0.45,
        t.position.z,
        0.45,
        0.5,
        0.45,
      );
      // outlet and receipt nozzles near the floor on the pipe-rack side, a roof vent at the apex
      const side = t.position.z < plant.pipeRack.z ? 1 : -1;
      nozzles.current!.setMatrixAt(i * 3, nozzleMatrix(t.position.x + 1, y0 + 0.5, t.position.z + side * (r + 0.5)));
      nozzles.current!.setMatrixAt(
        i * 3 + 1,
        nozzleMatrix(t.position.x + 2.2, y0 + 0.5, t.position.z + side * (r + 0.5)),
      );
      setInstance(
        nozzles.current!,
        i * 3 + 2,
        t.position.x,
        y0 + t.shellHeight_m + roofH + 0.4,
        t.position.z,
        0.25,
        0.9,
        0.25,
      );
    });
    for (const m of [shells, roofs, rings, hatches, nozzles]) m.current!.instanceMatrix.needsUpdate = true;
    for (let i = 0; i < tanks.length; i++) roofs.current!.setColorAt(i, CLADDING);
    roofs.current!.instanceColor!.needsUpdate = true;
  }, [tanks, plant.pipeRack.z]);

  useFrame(({ clock }) => {
    const v = conn.latest;
    if (!hasTagValues(v)) return;
    const alarmed = alarmedEquipment(conn.store.getState().alarms);
    const flash = Math.floor(clock.elapsedTime * 2) % 2 === 0;
    const hm = heat.current!;
    const sh = shells.current!;
    for (let i = 0; i < tanks.length; i++) {
      const t = tanks[i];
      const level = frameValue(v, idx[i].level);
      // the bands are the model's layers: below the coil, the coil zone, then equal masses (≈ equal heights)
      zonedFractions(idx[i].zone, layers, level, bands);
      const r = t.diameter_m / 2;
      let z0 = t.ringWallHeight_m;
      for (let l = 0; l < layers; l++) {
        const k = i * layers + l;
        const dz = level * bands[l];
        if (level <= 0.01) hideInstance(hm, k);
        else setInstance(hm, k, t.position.x, z0 + dz / 2, t.position.z, r * 0.99, dz * 0.985, r * 0.99);
        z0 += dz;
        hm.setColorAt(k, heatColor(frameValue(v, idx[i].layer0 + l), color));
      }
      const a = alarmed.get(t.tag);
      sh.setColorAt(i, a === 'unack' ? (flash ? ALARM : CLADDING) : a === 'active' ? WARN : CLADDING);
    }
    hm.instanceMatrix.needsUpdate = true;
    hm.instanceColor!.needsUpdate = true;
    sh.instanceColor!.needsUpdate = true;
  });

  const select = (e: ThreeEvent<MouseEvent>) => {
    e.stopPropagation();
    const i =
      e.instanceId === undefined ? -1 : Math.floor(e.object === heat.current ? e.instanceId / layers : e.instanceId);
    if (i >= 0) ui.setState({ selected: tanks[i].tag });
  };

  const n = tanks.length;
  return (
    <group name="tanks">
      <instancedMesh
        ref={shells}
        args={[undefined, undefined, n]}
        onClick={select}
        name="tank-shells"
        frustumCulled={false}
        castShadow
        receiveShadow
      >
        <cylinderGeometry args={[1, 1, 1, 48, 1, true]} />
        <primitive
          object={shellMaterial}
          attach="material"
          color="#ffffff"
          metalness={0.85}
          roughness={0.38}
          bumpMap={cladding}
          bumpScale={1.5}
          transparent={cutaway}
          opacity={cutaway ? 0.28 : 1}
          depthWrite={!cutaway}
          side={DoubleSide}
        />
      </instancedMesh>
      <instancedMesh
        ref={heat}
        args={[undefined, undefined, n * layers]}
        onClick={select}
        name="tank-heat-layers"
        frustumCulled={false}
        visible={cutaway}
      >
        <cylinderGeometry args={[1, 1, 1, 32, 1, false]} />
        <primitive object={heatMaterial} attach="material" />
      </instancedMesh>
      <instancedMesh
        ref={roofs}
        args={[undefined, undefined, n]}
        onClick={select}
        name="tank-roofs"
        frustumCulled={false}
        castShadow
        receiveShadow
      >
        <coneGeometry args={[1, 1, 48, 1, true]} />
        {/* painted steel: a dielectric paint film, semi-gloss */}
        <meshStandardMaterial color="#ffffff" metalness={0} roughness={0.55} side={DoubleSide} />
      </instancedMesh>
      <instancedMesh
        ref={rings}
        args={[undefined, undefined, n]}
        name="tank-ring-walls"
        frustumCulled={false}
        receiveShadow
      >
        <cylinderGeometry args={[1, 1, 1, 48]} />
        <meshStandardMaterial color="#a9a59c" roughness={0.92} map={concrete} />
      </instancedMesh>
      <instancedMesh ref={hatches} args={[undefined, undefined, n]} name="tank-hatches" frustumCulled={false}>
        <cylinderGeometry args={[1, 1, 1, 12]} />
        <meshStandardMaterial color="#6d7278" metalness={0.7} roughness={0.5} />
      </instancedMesh>
      <instancedMesh ref={nozzles} args={[undefined, undefined, n * 3]} name="tank-nozzles" frustumCulled={false}>
        <cylinderGeometry args={[1, 1, 1, 12]} />
        <meshStandardMaterial color="#8d9299" metalness={0.8} roughness={0.45} />
      </instancedMesh>
      <mesh geometry={stairs} name="tank-stairs" castShadow>
        {/* safety-yellow painted steel */}
        <meshStandardMaterial color="#d9b526" side={DoubleSide} roughness={0.6} metalness={0} />
      </mesh>
    </group>
  );
}

const nm = new Matrix4();
const nq = new Quaternion().setFromEuler(new Euler(Math.PI / 2, 0, 0));
const np = new Vector3();
const ns = new Vector3(0.12, 1.0, 0.12);
function nozzleMatrix(x: number, y: number, z: number): Matrix4 {
  return nm.compose(np.set(x, y, z), nq, ns);
}
