import { useMemo, useRef } from 'react';
import { useFrame, useThree } from '@react-three/fiber';
import { useXR } from '@react-three/xr';
import {
  BufferGeometry,
  Float32BufferAttribute,
  Line,
  LineBasicMaterial,
  Matrix4,
  Mesh,
  MeshBasicMaterial,
  Ray,
  Raycaster,
  RingGeometry,
  Vector3,
} from 'three';
import type { PlantData } from '../sim/plant/schema';
import { usePlantConnection } from '../app/PlantConnection';
import { buildStairsGeometry } from '../scene/stairs';
import { rig } from '../state/xrRig';

// Teleport with the left controller: hold the trigger, aim the arc at the ground or a stair tread, release.
// The arc is a thrown point (10 m/s along the controller, gravity) traced in short segments.
// The aim point is found on walkable surfaces only (the ground plane and the stair treads); the worker
// then checks that a person fits there (not inside a tank, a wall or a building) before moving.

export const TELEPORT_RANGE_M = 30;
export const ARC_SPEED_M_S = 10;
const ARC_STEP_S = 0.05;
const ARC_POINTS = 60;
const a = new Vector3();
const b = new Vector3();
const seg = new Vector3();
const m = new Matrix4();
const ray = new Ray();
const hit = new Vector3();
const raycaster = new Raycaster();

export function Teleport({ plant }: { plant: PlantData }) {
  const conn = usePlantConnection();
  const session = useXR((s) => s.session);
  const mode = useXR((s) => s.mode);
  const gl = useThree((s) => s.gl);
  const aiming = useRef<XRInputSource | null>(null);
  const target = useRef<Vector3 | null>(null);
  const stairs = useMemo(() => new Mesh(buildStairsGeometry(plant.tanks)), [plant]);
  const marker = useMemo(
    () => new Mesh(new RingGeometry(0.25, 0.35, 32).rotateX(-Math.PI / 2), new MeshBasicMaterial({ color: '#00e5ff' })),
    [],
  );
  const line = useMemo(() => {
    const g = new BufferGeometry();
    g.setAttribute('position', new Float32BufferAttribute(new Float32Array(ARC_POINTS * 3), 3));
    return new Line(g, new LineBasicMaterial({ color: '#00e5ff' }));
  }, []);

  const pressed = useRef(false);

  useFrame((_s, _d, frame?: XRFrame) => {
    // the left trigger, read from its gamepad: pressed → aim, released → go
    let left: XRInputSource | null = null;
    if (session && mode === 'immersive-vr')
      for (const i of session.inputSources) if (i.handedness === 'left' && i.gamepad) left = i;
    const down = !!left?.gamepad?.buttons[0]?.pressed;
    if (down && !pressed.current) aiming.current = left;
    if (!down && pressed.current && aiming.current) {
      aiming.current = null;
      const t = target.current;
      if (t) void conn.api.teleport(t.x, t.y, t.z);
    }
    pressed.current = down;
    const src = aiming.current;
    const ref = gl.xr.getReferenceSpace();
    if (!src) {
      marker.visible = false;
      line.visible = false;
      target.current = null;
    }
    if (!src || !frame || !ref || !session || !rig.origin) return;
    const pose = frame.getPose(src.targetRaySpace, ref);
    if (!pose) return;
    // the ray in world space: the origin's transform times the pose in the reference space
    m.fromArray(pose.transform.matrix).premultiply(rig.origin.matrixWorld);
    ray.origin.setFromMatrixPosition(m);
    ray.direction.set(0, 0, -1).transformDirection(m);
    // trace the arc until it meets a stair tread or the ground
    const pts = line.geometry.getAttribute('position') as Float32BufferAttribute;
    let found = false;
    let n = 0;
    a.copy(ray.origin);
    pts.setXYZ(n++, a.x, a.y, a.z);
    for (let i = 1; i < ARC_POINTS && !found; i++) {
      const t = i * ARC_STEP_S;
      b.copy(ray.origin).addScaledVector(ray.direction, ARC_SPEED_M_S * t);
      b.y -= 0.5 * 9.81 * t * t;
      seg.subVectors(b, a);
      const len = seg.length();
      raycaster.set(a, seg.normalize());
      raycaster.far = len;
      const onStairs = raycaster.intersectObject(stairs, false)[0];
      if (onStairs) {
        hit.copy(onStairs.point);
        found = true;
      } else if (b.y <= 0 && a.y > 0) {
        hit.lerpVectors(a, b, a.y / (a.y - b.y));
        found = true;
      }
      const end = found ? hit : b;
      pts.setXYZ(n++, end.x, end.y, end.z);
      a.copy(b);
    }
    if (!found || hit.distanceTo(ray.origin) > TELEPORT_RANGE_M) {
      marker.visible = false;
      line.visible = false;
      target.current = null;
      return;
    }
    line.geometry.setDrawRange(0, n);
    pts.needsUpdate = true;
    target.current = hit;
    marker.position.copy(hit);
    marker.visible = true;
    line.visible = true;
  });
  if (!session || mode !== 'immersive-vr') return null;
  return (
    <>
      <primitive object={marker} />
      <primitive object={line} />
    </>
  );
}
