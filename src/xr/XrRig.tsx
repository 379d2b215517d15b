import { useRef } from 'react';
import { useFrame, useThree } from '@react-three/fiber';
import { XROrigin, useXR, useXRControllerLocomotion } from '@react-three/xr';
import type { Group, Mesh, Vector3 } from 'three';
import { usePlantConnection } from '../app/PlantConnection';
import { rig, SEATED_RAISE_M } from '../state/xrRig';
import { WALK_M_S } from '../protocol/walking';
import { useComfort } from '../state/comfort';

/**
 * The XR origin stands where the worker's walker stands, at true scale, so a trainee keeps their place in
 * the plant and every move goes through the rapier character (no walking through tanks, no falling through
 * platforms). Thumbstick locomotion (left stick) becomes walker input; the right stick turns by 30° snaps
 * (or smoothly); the comfort vignette narrows the view while moving.
 */
export function XrRig() {
  const conn = usePlantConnection();
  const origin = useRef<Group>(null);
  const comfort = useComfort((s) => s);
  const inXR = useXR((s) => s.session != null);
  const mode = useXR((s) => s.mode);
  const moving = useRef(0);
  const last = useRef('');
  useXRControllerLocomotion(
    (velocity: Vector3, rotationVelocityY: number, delta: number) => {
      rig.yaw += rotationVelocityY * delta;
      // world-frame velocity → walker input in a frame whose yaw is 0 (facing north, −z)
      const f = Math.max(-1, Math.min(1, -velocity.z / WALK_M_S));
      const r = Math.max(-1, Math.min(1, velocity.x / WALK_M_S));
      moving.current = Math.hypot(f, r);
      const sig = `${f.toFixed(2)}|${r.toFixed(2)}`;
      if (sig !== last.current) {
        last.current = sig;
        conn.setInput({ forward: f, right: r, yaw: 0, run: false });
      }
    },
    { speed: WALK_M_S },
    comfort.turn === 'snap' ? { type: 'snap', degrees: 30 } : { type: 'smooth', speed: 1.5 },
  );
  useFrame(() => {
    const c = conn;
    const o = origin.current;
    if (!o) return;
    rig.origin = o;
    if (mode === 'immersive-ar') {
      o.position.set(0, 0, 0); // table-top: the room is the reference, the plant is placed in it
      o.rotation.set(0, 0, 0);
      return;
    }
    o.position.set(
      c.header('playerX'),
      c.header('playerY') + (comfort.seated ? SEATED_RAISE_M : 0),
      c.header('playerZ'),
    );
    o.rotation.set(0, rig.yaw, 0);
  });
  return (
    <>
      <XROrigin ref={origin} />
      {inXR && <Vignette active={comfort.vignette} moving={moving} />}
    </>
  );
}

function Vignette({ active, moving }: { active: boolean; moving: { current: number } }) {
  const ring = useRef<Mesh>(null);
  const camera = useThree((s) => s.camera);
  useFrame(() => {
    const m = ring.current;
    if (!m) return;
    m.position.copy(camera.position);
    m.quaternion.copy(camera.quaternion);
    m.translateZ(-0.3);
    const target = active && moving.current > 0.05 ? 0.9 : 0;
    const mat = m.material as import('three').MeshBasicMaterial;
    mat.opacity += (target - mat.opacity) * 0.2;
    m.visible = mat.opacity > 0.01;
  });
  return (
    <mesh ref={ring} renderOrder={100} name="comfort-vignette">
      <ringGeometry args={[0.12, 0.6, 48]} />
      <meshBasicMaterial color="#000000" transparent opacity={0} depthTest={false} depthWrite={false} />
    </mesh>
  );
}
