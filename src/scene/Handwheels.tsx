import { useMemo, useRef, useState } from 'react';
import { useFrame, type ThreeEvent } from '@react-three/fiber';
import { Euler, Matrix4, Quaternion, Vector3, type InstancedMesh } from 'three';
import type { PlantData } from '../sim/plant/schema';
import { usePlantConnection } from '../app/PlantConnection';
import { frameValue, hasTagValues } from '../protocol/frame';
import { ui } from '../state/ui';
import { angleDelta, openingAfterTurn } from './interaction';
import { valveTag } from '../plantView/valves';
import { cameraStore } from '../state/camera';

// Valve handwheels you take hold of and turn, with a mouse or an XR controller ray: press on the wheel,
// sweep round it, release. Clockwise closes; the valve's real number of turns maps the angle to its
// opening, and the new opening goes to the model as the same command the faceplate sends.

interface Wheel {
  tag: string;
  x: number;
  y: number;
  z: number;
  turns: number;
  pos: number;
  hand: boolean;
}
interface Drag {
  i: number;
  last: number;
  swept: number;
  opening0: number;
  sent: number;
}

const m4 = new Matrix4();
const qq = new Quaternion();
const ee = new Euler();
const pp = new Vector3();
const one = new Vector3(1, 1, 1);

export function Handwheels({ plant }: { plant: PlantData }) {
  const conn = usePlantConnection();
  const mesh = useRef<InstancedMesh>(null);
  const grips = useRef<InstancedMesh>(null);
  const [drag, setDrag] = useState<Drag | null>(null);
  const dragRef = useRef<Drag | null>(null);
  const wheels = useMemo<Wheel[]>(() => {
    const c = conn;
    return plant.valves.map((v) => ({
      tag: v.tag,
      x: v.position[0],
      y: v.position[1] + 0.45,
      z: v.position[2],
      turns: Math.max(v.turnsToOpen, 1),
      pos: c.tagIndex.get(valveTag(v)) ?? -1,
      hand: v.kind === 'onOff',
    }));
  }, [plant, conn]);

  useFrame(() => {
    const v = conn.latest;
    const mk = mesh.current;
    if (!mk || !hasTagValues(v)) return;
    for (let i = 0; i < wheels.length; i++) {
      const w = wheels[i];
      const d = dragRef.current;
      const open =
        d && d.i === i ? openingAfterTurn(d.opening0, d.swept, w.turns) : w.pos >= 0 ? frameValue(v, w.pos) / 100 : 0;
      ee.set(-Math.PI / 2, 0, -open * w.turns * Math.PI * 2);
      mk.setMatrixAt(i, m4.compose(pp.set(w.x, w.y, w.z), qq.setFromEuler(ee), one));
    }
    mk.instanceMatrix.needsUpdate = true;
    const gm = grips.current;
    if (gm && !gm.userData.placed) {
      // the grip target: the whole wheel's disc, easier to take hold of than its thin rim
      gm.userData.placed = true;
      for (let i = 0; i < wheels.length; i++)
        gm.setMatrixAt(
          i,
          m4.compose(pp.set(wheels[i].x, wheels[i].y, wheels[i].z), qq.setFromEuler(ee.set(-Math.PI / 2, 0, 0)), one),
        );
      gm.instanceMatrix.needsUpdate = true;
      // a ray cast while the static plant waited for the engine cached the bounds of unplaced grips
      gm.computeBoundingSphere();
      gm.computeBoundingBox();
    }
  });

  const angleAt = (i: number, p: Vector3) => Math.atan2(p.z - wheels[i].z, p.x - wheels[i].x);
  const down = (e: ThreeEvent<PointerEvent>) => {
    e.stopPropagation();
    const i = e.instanceId;
    if (i === undefined) return;
    ui.setState({ selected: wheels[i].tag });
    if (!wheels[i].hand) return; // a control valve is moved by its controller, not by hand
    const c = conn;
    const opening0 = wheels[i].pos >= 0 ? frameValue(c.latest, wheels[i].pos) / 100 : 0;
    const d = { i, last: angleAt(i, e.point), swept: 0, opening0, sent: opening0 };
    dragRef.current = d;
    setDrag(d);
    cameraStore.setState({ dragging: true });
  };
  const move = (e: ThreeEvent<PointerEvent>) => {
    const d = dragRef.current;
    if (!d) return;
    e.stopPropagation();
    const a = angleAt(d.i, e.point);
    d.swept += angleDelta(d.last, a);
    d.last = a;
    const open = openingAfterTurn(d.opening0, d.swept, wheels[d.i].turns);
    if (Math.abs(open - d.sent) >= 0.005) {
      d.sent = open;
      void conn.command({ type: 'setValve', tag: wheels[d.i].tag, opening: open });
    }
  };
  const up = (e: ThreeEvent<PointerEvent>) => {
    const d = dragRef.current;
    if (!d) return;
    e.stopPropagation();
    const open = openingAfterTurn(d.opening0, d.swept, wheels[d.i].turns);
    void conn.command({ type: 'setValve', tag: wheels[d.i].tag, opening: open });
    dragRef.current = null;
    setDrag(null);
    cameraStore.setState({ dragging: false });
  };
  const w = drag ? wheels[drag.i] : null;
  return (
    <group name="handwheels">
      <instancedMesh
        ref={mesh}
        args={[undefined, undefined, wheels.length]}
        name="valve-handwheels"
        frustumCulled={false}
        raycast={() => null}
      >
        <torusGeometry args={[0.3, 0.04, 6, 16]} />
        <meshStandardMaterial color="#c62828" />
      </instancedMesh>
      <instancedMesh
        ref={grips}
        args={[undefined, undefined, wheels.length]}
        onPointerDown={down}
        name="valve-handwheel-grips"
        frustumCulled={false}
      >
        <circleGeometry args={[0.36, 16]} />
        <meshBasicMaterial colorWrite={false} depthWrite={false} side={2} />
      </instancedMesh>
      {w && (
        // while turning, a wide invisible disc in the wheel's plane keeps following the hand
        <mesh
          position={[w.x, w.y, w.z]}
          rotation-x={-Math.PI / 2}
          onPointerMove={move}
          onPointerUp={up}
          onPointerLeave={up}
          name="handwheel-drag-plane"
        >
          <circleGeometry args={[4, 32]} />
          <meshBasicMaterial colorWrite={false} depthWrite={false} side={2} />
        </mesh>
      )}
    </group>
  );
}
