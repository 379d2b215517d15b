import { useLayoutEffect, useMemo, useRef } from 'react';
import { useDisposable } from './useDisposable';
import { useFrame, type ThreeEvent } from '@react-three/fiber';
import { Color, Euler, Matrix4, MeshStandardMaterial, Quaternion, Vector3, type InstancedMesh } from 'three';
import { withGlow } from './look/glow';
import type { PlantData } from '../sim/plant/schema';
import { usePlantConnection } from '../app/PlantConnection';
import { frameValue, hasTagValues } from '../protocol/frame';
import { ui } from '../state/ui';
import { setInstance, hideInstance } from './instancing';
import { alarmedEquipment } from './alarmed';
import { Handwheels } from './Handwheels';
import { buildEquipmentItems } from './equipmentItems';
import { ARM_CYCLE } from './interaction';

// Heater, expansion tank, pumps (hot-oil and loading), valves with handwheels, loading bays with their
// arms and road tankers. Instanced by kind; live state (running rotors, handwheel angle, arm swing,
// truck presence, alarm flashing) is written in the frame loop from the latest frame.

const color = new Color();
const RUN = new Color('#2e7d32');
const STOP = new Color('#8a8f96');
const ALARM = new Color('#e0301e');

export function Equipment({ plant }: { plant: PlantData }) {
  const conn = usePlantConnection();
  const pumpBodies = useRef<InstancedMesh>(null);
  const rotors = useRef<InstancedMesh>(null);
  const valveBodies = useRef<InstancedMesh>(null);
  const arms = useRef<InstancedMesh>(null);
  const trucks = useRef<InstancedMesh>(null);
  const cabs = useRef<InstancedMesh>(null);
  const canopies = useRef<InstancedMesh>(null);
  const estops = useRef<InstancedMesh>(null);
  const buttons = useRef<InstancedMesh>(null);

  const items = useMemo(() => buildEquipmentItems(plant, conn.tagIndex), [plant, conn]);
  // painted bodies whose status colours (running, alarm, e-stop, valve position) glow a little, more at night
  const status = useDisposable(() => withGlow(new MeshStandardMaterial({ roughness: 0.5 }), 'status'), []);

  useLayoutEffect(() => {
    items.pumps.forEach((p, i) => {
      setInstance(pumpBodies.current!, i, p.x, 0.6, p.z, 1.6, 1.0, 0.8);
      // a local push-button station beside each pump: green start, red stop, at hand height
      setInstance(buttons.current!, i * 2, p.x - 0.3, 1.3, p.z - 0.9, 0.12, 0.12, 0.06);
      setInstance(buttons.current!, i * 2 + 1, p.x + 0.3, 1.3, p.z - 0.9, 0.12, 0.12, 0.06);
      buttons.current!.setColorAt(i * 2, RUN);
      buttons.current!.setColorAt(i * 2 + 1, ALARM);
    });
    buttons.current!.instanceMatrix.needsUpdate = true;
    buttons.current!.instanceColor!.needsUpdate = true;
    items.valves.forEach((v, i) => setInstance(valveBodies.current!, i, v.x, v.y, v.z, 0.35, 0.35, 0.35));
    items.bays.forEach((b, i) => {
      setInstance(canopies.current!, i, b.position.x, 8, b.position.z, 16, 0.4, 10);
      setInstance(estops.current!, i, b.position.x - 7, 1.2, b.position.z - 4.5, 0.25, 0.25, 0.1);
      estops.current!.setColorAt(i, ALARM);
    });
    for (const m of [pumpBodies, valveBodies, canopies, estops]) m.current!.instanceMatrix.needsUpdate = true;
    estops.current!.instanceColor!.needsUpdate = true;
  }, [items]);

  useFrame(({ clock }) => {
    const v = conn.latest;
    if (!hasTagValues(v)) return;
    const alarmed = alarmedEquipment(conn.store.getState().alarms);
    const flash = Math.floor(clock.elapsedTime * 2) % 2 === 0;
    const spin = clock.elapsedTime * 12;
    items.pumps.forEach((p, i) => {
      const on = p.running >= 0 && frameValue(v, p.running) > 0.5;
      // a running pump's coupling guard spins (rotation about x shown as a wobble of the disc)
      rotors.current!.setMatrixAt(i, rotorMatrix(p.x + 0.95, p.z, on ? spin : 0));
      pumpBodies.current!.setColorAt(i, alarmed.get(p.tag) === 'unack' && flash ? ALARM : on ? RUN : STOP);
    });
    rotors.current!.instanceMatrix.needsUpdate = true;
    pumpBodies.current!.instanceColor!.needsUpdate = true;
    items.valves.forEach((it, i) => {
      const open = it.pos >= 0 ? frameValue(v, it.pos) / 100 : 0;
      valveBodies.current!.setColorAt(i, color.setRGB(0.45 + 0.4 * (1 - open), 0.45 + 0.3 * open, 0.45));
    });
    valveBodies.current!.instanceColor!.needsUpdate = true;
    items.armItems.forEach((a, i) => {
      const pos = a.position >= 0 ? frameValue(v, a.position) : 0; // 0 parked, 1 over truck, 2 lowered
      const swing = pos >= 1 ? 0 : Math.PI / 2.2;
      const y = pos >= 2 ? 4.2 : 5.2;
      setInstance(
        arms.current!,
        i,
        a.x + Math.sin(swing) * 1.5,
        y,
        a.z + 1.5 - (1 - Math.cos(swing)) * 1.5,
        0.25,
        0.25,
        3.2,
        swing,
      );
      const present = a.present >= 0 && frameValue(v, a.present) > 0.5;
      if (present) {
        trucks.current!.setMatrixAt(i, truckTankMatrix(a.x, a.z + 4));
        setInstance(cabs.current!, i, a.x, 1.6, a.z + 11.5, 2.4, 2.8, 2.2);
      } else {
        hideInstance(trucks.current!, i);
        hideInstance(cabs.current!, i);
      }
    });
    for (const m of [arms, trucks, cabs]) m.current!.instanceMatrix.needsUpdate = true;
  });

  const pick = (tags: string[]) => (e: ThreeEvent<MouseEvent>) => {
    e.stopPropagation();
    if (e.instanceId !== undefined) ui.setState({ selected: tags[e.instanceId] });
  };
  const h = plant.hotOil.heater;
  const x = plant.hotOil.expansionTank;
  const selectTag = (tag: string) => (e: ThreeEvent<MouseEvent>) => {
    e.stopPropagation();
    ui.setState({ selected: tag });
  };
  const nArms = items.armItems.length;
  const pushButton = (e: ThreeEvent<MouseEvent>) => {
    e.stopPropagation();
    if (e.instanceId === undefined) return;
    const p = items.pumps[Math.floor(e.instanceId / 2)];
    void conn.command({ type: 'setPump', tag: p.tag, run: e.instanceId % 2 === 0 });
  };
  const pressEstop = (e: ThreeEvent<MouseEvent>) => {
    e.stopPropagation();
    if (e.instanceId === undefined) return;
    const bay = items.bays[e.instanceId].tag;
    ui.setState({ selected: bay });
    void conn.command({ type: 'bayEstop', bay, pressed: true });
  };
  const moveArm = (e: ThreeEvent<MouseEvent>) => {
    e.stopPropagation();
    if (e.instanceId === undefined) return;
    const a = items.armItems[e.instanceId];
    const c = conn;
    const now = Math.round(frameValue(c.latest, a.position));
    ui.setState({ selected: a.tag });
    void c.command({ type: 'setArm', arm: a.tag, position: ARM_CYCLE[(now + 1) % ARM_CYCLE.length] });
  };
  return (
    <group name="equipment">
      <mesh position={[h.position.x, 4, h.position.z + 3]} onClick={selectTag(h.tag)} name="heater" castShadow>
        <cylinderGeometry args={[2.2, 2.2, 8, 24]} />
        <meshStandardMaterial color="#7d858c" metalness={0.2} roughness={0.55} />
      </mesh>
      <mesh position={[h.position.x, 12, h.position.z + 3]} onClick={selectTag(h.tag)} name="heater-stack" castShadow>
        <cylinderGeometry args={[0.5, 0.6, 8, 12]} />
        <meshStandardMaterial color="#55595e" metalness={0.3} roughness={0.7} />
      </mesh>
      <mesh
        position={[x.position.x, x.elevation_m, x.position.z]}
        rotation-z={Math.PI / 2}
        onClick={selectTag(x.tag)}
        name="expansion-tank"
      >
        <cylinderGeometry
          args={[x.diameter_m / 2, x.diameter_m / 2, x.volume_m3 / (Math.PI * (x.diameter_m / 2) ** 2), 20]}
        />
        <meshStandardMaterial color="#9aa1a8" metalness={0.85} roughness={0.4} />
      </mesh>
      <mesh position={[x.position.x, x.elevation_m / 2 - 0.5, x.position.z]} name="expansion-tank-stand">
        <boxGeometry args={[0.4, x.elevation_m - 1, 0.4]} />
        <meshStandardMaterial color="#5b6b7a" metalness={0.2} roughness={0.55} />
      </mesh>
      <instancedMesh
        ref={pumpBodies}
        args={[undefined, status, items.pumps.length]}
        onClick={pick(items.pumps.map((p) => p.tag))}
        name="pump-bodies"
        frustumCulled={false}
      >
        <boxGeometry />
      </instancedMesh>
      <instancedMesh
        ref={rotors}
        args={[undefined, undefined, items.pumps.length]}
        name="pump-rotors"
        frustumCulled={false}
      >
        <boxGeometry />
        <meshStandardMaterial color="#f2c200" roughness={0.5} />
      </instancedMesh>
      <instancedMesh
        ref={valveBodies}
        args={[undefined, status, items.valves.length]}
        onClick={pick(items.valves.map((p) => p.tag))}
        name="valve-bodies"
        frustumCulled={false}
      >
        <boxGeometry />
      </instancedMesh>
      <Handwheels plant={plant} />
      <instancedMesh
        ref={canopies}
        args={[undefined, undefined, items.bays.length]}
        onClick={pick(items.bays.map((b) => b.tag))}
        name="bay-canopies"
        frustumCulled={false}
        castShadow
      >
        <boxGeometry />
        <meshStandardMaterial color="#d7d9dc" metalness={0.3} roughness={0.5} />
      </instancedMesh>
      <instancedMesh
        ref={buttons}
        args={[undefined, status, items.pumps.length * 2]}
        onClick={pushButton}
        name="pump-pushbuttons"
        frustumCulled={false}
      >
        <boxGeometry />
      </instancedMesh>
      <instancedMesh
        ref={estops}
        args={[undefined, status, items.bays.length]}
        onClick={pressEstop}
        name="bay-estops"
        frustumCulled={false}
      >
        <boxGeometry />
      </instancedMesh>
      <instancedMesh
        ref={arms}
        args={[undefined, undefined, nArms]}
        onClick={moveArm}
        name="loading-arms"
        frustumCulled={false}
      >
        <boxGeometry />
        <meshStandardMaterial color="#e0a100" roughness={0.5} />
      </instancedMesh>
      <instancedMesh
        ref={trucks}
        args={[undefined, undefined, nArms]}
        onClick={pick(items.armItems.map((a) => a.tag))}
        name="truck-tanks"
        frustumCulled={false}
        castShadow
      >
        <cylinderGeometry args={[1, 1, 1, 16]} />
        {/* polished stainless road tanker */}
        <meshStandardMaterial color="#eceff1" metalness={0.9} roughness={0.25} />
      </instancedMesh>
      <instancedMesh ref={cabs} args={[undefined, undefined, nArms]} name="truck-cabs" frustumCulled={false} castShadow>
        <boxGeometry />
        <meshStandardMaterial color="#1565c0" roughness={0.35} />
      </instancedMesh>
    </group>
  );
}

const m4 = new Matrix4();
const qq = new Quaternion();
const ee = new Euler();
const pp = new Vector3();
const ss = new Vector3();
function rotorMatrix(x: number, z: number, angle: number): Matrix4 {
  ee.set(angle, 0, Math.PI / 2);
  return m4.compose(pp.set(x, 0.6, z), qq.setFromEuler(ee), ss.set(0.45, 0.08, 0.45));
}
function truckTankMatrix(x: number, z: number): Matrix4 {
  ee.set(Math.PI / 2, 0, 0);
  return m4.compose(pp.set(x, 2.4, z), qq.setFromEuler(ee), ss.set(1.25, 7.5, 1.25));
}
