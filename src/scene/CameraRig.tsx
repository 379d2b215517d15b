import { useEffect, useRef } from 'react';
import { useFrame, useThree } from '@react-three/fiber';
import { OrbitControls } from '@react-three/drei';
import { Vector3, type PerspectiveCamera } from 'three';
import type { OrbitControls as OrbitImpl } from 'three-stdlib';
import { usePlantConnection } from '../app/PlantConnection';
import { useXR } from '@react-three/xr';
import { useCamera } from '../state/camera';

// Desktop views: an orbit camera round the plant, and a first-person walk through the worker's rapier
// character (WASD, Shift to run, mouse look under pointer lock). "Go to" flies the orbit camera to a
// piece of equipment, or in walk mode puts the walker in front of it.

export const EYE_HEIGHT_M = 1.65;
const target = new Vector3();
const camGoal = new Vector3();
const keys = new Set<string>();

export function CameraRig({ center }: { center: [number, number, number] }) {
  const conn = usePlantConnection();
  const view = useCamera((s) => s.view);
  const dragging = useCamera((s) => s.dragging);
  const focus = useCamera((s) => s.focus);
  const inXR = useXR((s) => s.session != null);
  const controls = useRef<OrbitImpl>(null);
  const camera = useThree((s) => s.camera) as PerspectiveCamera;
  const gl = useThree((s) => s.gl);
  const look = useRef({ yaw: -Math.PI / 2, pitch: 0, flying: 0 });
  const lastSent = useRef({ f: 0, r: 0, run: false, yaw: Number.NaN });
  const face = useCamera((s) => s.face);
  useEffect(() => {
    if (face) look.current = { ...look.current, yaw: face.yaw_rad, pitch: face.pitch_rad };
  }, [face]);

  // each request is carried out once, in the view it was made in: switching views must not replay the last
  // one (a walker put at a console would otherwise be moved off it when the walk view is chosen)
  const doneSeq = useRef(0);
  useEffect(() => {
    if (!focus || focus.seq === doneSeq.current) return;
    doneSeq.current = focus.seq;
    if (view === 'orbit') {
      target.set(focus.x, focus.y, focus.z);
      if (focus.from) camGoal.set(...focus.from);
      else camGoal.set(focus.x - 25, focus.y + 18, focus.z + 30);
      look.current.flying = 1.2;
    } else {
      void conn.teleport(focus.x - 4, 0, focus.z + 4);
    }
  }, [focus, view, conn]);

  useEffect(() => {
    if (view !== 'walk') return;
    const el = gl.domElement;
    const down = (e: KeyboardEvent) => keys.add(e.code);
    const up = (e: KeyboardEvent) => keys.delete(e.code);
    const click = () => void el.requestPointerLock?.();
    const move = (e: MouseEvent) => {
      if (document.pointerLockElement !== el) return;
      look.current.yaw -= e.movementX * 0.0025;
      look.current.pitch = Math.max(-1.4, Math.min(1.4, look.current.pitch - e.movementY * 0.0025));
    };
    window.addEventListener('keydown', down);
    window.addEventListener('keyup', up);
    el.addEventListener('click', click);
    window.addEventListener('mousemove', move);
    return () => {
      window.removeEventListener('keydown', down);
      window.removeEventListener('keyup', up);
      el.removeEventListener('click', click);
      window.removeEventListener('mousemove', move);
      keys.clear();
      conn.setInput({ forward: 0, right: 0, yaw: look.current.yaw, run: false });
      if (document.pointerLockElement === el) document.exitPointerLock();
    };
  }, [view, gl, conn]);

  useFrame((_, delta) => {
    if (inXR) return;
    const c = conn;
    if (view === 'walk') {
      const f = (keys.has('KeyW') || keys.has('ArrowUp') ? 1 : 0) - (keys.has('KeyS') || keys.has('ArrowDown') ? 1 : 0);
      const r =
        (keys.has('KeyD') || keys.has('ArrowRight') ? 1 : 0) - (keys.has('KeyA') || keys.has('ArrowLeft') ? 1 : 0);
      const run = keys.has('ShiftLeft') || keys.has('ShiftRight');
      // Q and E turn, for a trainee without a mouse (0.5 turn in about 2 s)
      const turn = (keys.has('KeyQ') ? 1 : 0) - (keys.has('KeyE') ? 1 : 0);
      if (turn !== 0) look.current.yaw += turn * 1.5 * Math.min(delta, 0.1);
      const l = lastSent.current;
      if (
        f !== l.f ||
        r !== l.r ||
        run !== l.run ||
        Math.abs(look.current.yaw - l.yaw) > 0.005 ||
        Number.isNaN(l.yaw)
      ) {
        l.f = f;
        l.r = r;
        l.run = run;
        l.yaw = look.current.yaw;
        c.setInput({ forward: f, right: r, yaw: look.current.yaw, run });
      }
      camera.position.set(c.header('playerX'), c.header('playerY') + EYE_HEIGHT_M, c.header('playerZ'));
      camera.rotation.set(look.current.pitch, look.current.yaw, 0, 'YXZ');
      return;
    }
    if (look.current.flying > 0 && controls.current) {
      const k = Math.min(1, delta * 3);
      controls.current.target.lerp(target, k);
      camera.position.lerp(camGoal, k);
      look.current.flying -= delta;
      controls.current.update();
    }
  });

  if (view === 'walk') return null;
  return (
    <OrbitControls
      ref={controls as never}
      enabled={!dragging}
      makeDefault
      target={center}
      maxPolarAngle={Math.PI / 2.05}
      minDistance={5}
      maxDistance={450}
    />
  );
}
