import { useEffect, useMemo, useRef } from 'react';
import { useFrame, useThree } from '@react-three/fiber';
import { useStore } from 'zustand';
import { useXR } from '@react-three/xr';
import { CanvasTexture, Quaternion, Vector3, type Group, type Object3D } from 'three';
import { usePlantConnection } from '../app/PlantConnection';
import type { Pose } from '../protocol/session';
import { heldItemStore } from '../state/heldItem';
import { buildEquipment } from '../plantView/equipmentCatalog';
import { sessionOf, type SessionClient } from '../session/SessionClient';
import { followStore } from '../session/followStore';
import { LABEL_FONT, loadLabelFont } from './labelFont';

// The other people in a shared session, drawn from their presence (head, hands, name, the item they
// hold), and this page's own pose sampled for its presence. Poses are read from the connection's presence
// map in the frame loop; React renders only when someone joins or leaves.

const v = new Vector3();
const q = new Quaternion();
const fwd = new Vector3();
const to = new Vector3();
const BEHIND = new Vector3(0, 0.35, 1.6); // the spectator camera sits just behind and above the followed head
const LOOK_MS = 250;
const noRaycast = () => null;

export function SessionScene() {
  const c = sessionOf(usePlantConnection());
  if (!c) return null;
  return (
    <>
      <PoseSampler c={c} />
      <Avatars c={c} />
      <FollowCamera c={c} />
    </>
  );
}

function setPose(o: Object3D, p: Pose): void {
  o.position.set(p.p[0], p.p[1], p.p[2]);
  o.quaternion.set(p.q[0], p.q[1], p.q[2], p.q[3]);
}

function copyPose(o: Object3D, out: Pose): void {
  o.getWorldPosition(v);
  o.getWorldQuaternion(q);
  out.p[0] = v.x;
  out.p[1] = v.y;
  out.p[2] = v.z;
  out.q[0] = q.x;
  out.q[1] = q.y;
  out.q[2] = q.z;
  out.q[3] = q.w;
}

/** Every drawn frame: walk, carry, place the others' held items, and note this page's pose. */
function PoseSampler({ c }: { c: SessionClient }) {
  const camera = useThree((s) => s.camera);
  const scene = useThree((s) => s.scene);
  useEffect(() => {
    c.sceneRoot = scene;
    return () => void (c.sceneRoot = null);
  }, [c, scene]);
  const info = c.store.getState().info;
  const eq = useMemo(() => (info ? buildEquipment(info.plant).filter((e) => e.kind !== 'building') : []), [info]);
  const lastLook = useRef(0);
  useFrame(() => {
    const values = c.latest;
    c.walker.writeTo(values);
    c.placeHeldItems(values);
    copyPose(camera, c.out.head);
    const xr = c.out;
    xr.hands = false;
    c.out.held = heldItemStore.getState().tag;
    const now = performance.now();
    if (now - lastLook.current < LOOK_MS) return;
    lastLook.current = now;
    camera.getWorldDirection(fwd);
    let best: string | null = null;
    let bestCos = Math.cos((8 * Math.PI) / 180);
    for (let i = 0; i < eq.length; i++) {
      const e = eq[i];
      to.set(e.position[0] - xr.head.p[0], e.position[1] - xr.head.p[1], e.position[2] - xr.head.p[2]);
      const d = to.length();
      const cos = d > 0 && d < 80 ? to.dot(fwd) / d : -1;
      if (cos > bestCos) {
        bestCos = cos;
        best = e.tag;
      }
    }
    c.out.lookingAt = best;
  });
  return <HandSampler c={c} />;
}

/** In XR, the controllers' (or hands') world poses. */
function HandSampler({ c }: { c: SessionClient }) {
  const states = useXR((s) => s.inputSourceStates);
  useFrame(() => {
    let any = false;
    for (let i = 0; i < states.length; i++) {
      const s = states[i];
      if (s.type !== 'controller' && s.type !== 'hand') continue;
      const o = s.object;
      if (!o) continue;
      const h = s.inputSource.handedness;
      if (h !== 'left' && h !== 'right') continue;
      copyPose(o, h === 'left' ? c.out.left : c.out.right);
      any = true;
    }
    c.out.hands = any;
  });
  return null;
}

function Avatars({ c }: { c: SessionClient }) {
  const present = useStore(c.session, (s) => s.present);
  return (
    <group name="avatars">
      {present.map((pid) => (
        <Avatar key={pid} c={c} pid={pid} />
      ))}
    </group>
  );
}

function label(name: string): CanvasTexture {
  const cv = document.createElement('canvas');
  cv.width = 256;
  cv.height = 64;
  const g = cv.getContext('2d')!;
  const draw = (font: string) => {
    g.clearRect(0, 0, 256, 64);
    g.fillStyle = 'rgba(20,24,28,0.8)';
    g.fillRect(0, 0, 256, 64);
    g.fillStyle = '#ffffff';
    g.font = font;
    g.textAlign = 'center';
    g.textBaseline = 'middle';
    g.fillText(name.slice(0, 16), 128, 32);
  };
  draw('32px sans-serif');
  const tex = new CanvasTexture(cv);
  // a Thai name: drawn again with the shipped Thai font once it is loaded (a headset may have none of its own)
  if (/[\u0E00-\u0E7F]/.test(name))
    void loadLabelFont().then((ok) => {
      if (!ok) return;
      draw(`32px ${LABEL_FONT}, sans-serif`);
      tex.needsUpdate = true;
    });
  return tex;
}

function Avatar({ c, pid }: { c: SessionClient; pid: string }) {
  const head = useRef<Group>(null);
  const tag = useRef<Group>(null);
  const left = useRef<Group>(null);
  const right = useRef<Group>(null);
  const name = c.presence.get(pid)?.name ?? pid;
  const tex = useMemo(() => label(name), [name]);
  useEffect(() => () => tex.dispose(), [tex]);
  const following = useStore(followStore, (s) => s.pid === pid);
  useFrame(() => {
    const p = c.presence.get(pid);
    if (!p || !head.current || !tag.current || !left.current || !right.current) return;
    setPose(head.current, p.head);
    tag.current.position.set(p.head.p[0], p.head.p[1] + 0.35, p.head.p[2]);
    const hl = p.hands?.left;
    const hr = p.hands?.right;
    left.current.visible = !!hl;
    right.current.visible = !!hr;
    if (hl) setPose(left.current, hl);
    if (hr) setPose(right.current, hr);
  });
  return (
    <group name={`avatar-${pid}`} visible={!following}>
      <group ref={head}>
        <mesh raycast={noRaycast}>
          <sphereGeometry args={[0.14, 16, 12]} />
          <meshStandardMaterial color="#ff7043" />
        </mesh>
        <mesh position={[0, 0, -0.12]} raycast={noRaycast}>
          <boxGeometry args={[0.22, 0.07, 0.06]} />
          <meshStandardMaterial color="#263238" />
        </mesh>
        <mesh position={[0, -0.75, 0.05]} raycast={noRaycast}>
          <cylinderGeometry args={[0.18, 0.2, 1.1, 12]} />
          <meshStandardMaterial color="#ff9800" />
        </mesh>
      </group>
      {[left, right].map((r, i) => (
        <group ref={r} key={i} visible={false}>
          <mesh raycast={noRaycast}>
            <sphereGeometry args={[0.05, 10, 8]} />
            <meshStandardMaterial color="#ffcc80" />
          </mesh>
        </group>
      ))}
      <group ref={tag}>
        <sprite scale={[0.8, 0.2, 1]} raycast={noRaycast}>
          <spriteMaterial map={tex} depthTest={false} />
        </sprite>
      </group>
    </group>
  );
}

/** The instructor's spectator camera: rides just behind the followed participant's head. */
function FollowCamera({ c }: { c: SessionClient }) {
  const camera = useThree((s) => s.camera);
  useFrame(() => {
    const pid = followStore.getState().pid;
    const p = pid ? c.presence.get(pid) : undefined;
    if (!p) return;
    q.set(p.head.q[0], p.head.q[1], p.head.q[2], p.head.q[3]);
    v.copy(BEHIND).applyQuaternion(q);
    camera.position.set(p.head.p[0] + v.x, p.head.p[1] + v.y, p.head.p[2] + v.z);
    camera.quaternion.copy(q);
  });
  return null;
}
