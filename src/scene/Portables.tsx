import { useEffect, useRef } from 'react';
import { useFrame, useThree, type ThreeEvent } from '@react-three/fiber';
import { Mesh, Vector3, type Group } from 'three';
import { client } from '../app/instance';
import { ITEM_BASE, ITEM_STRIDE, type ItemInfo } from '../protocol/frame';
import { ui, useUi } from '../state/ui';

// Things a trainee carries, as rapier bodies in the worker: click (or XR select) to pick one up; it then
// rides in front of the hand/view; click again to put it down and it falls to rest. The gas detector
// shows the H2S where it is held; the extinguisher, held and used (F key, or the trigger) near a burning
// bay, puts the fire out.

export const HOLD_SEND_MS = 33;
export const EXTINGUISHER_REACH_M = 8;
const ahead = new Vector3();
const eye = new Vector3();
const held = { tag: null as string | null, lastSend: 0 };

export function heldItem(): string | null {
  return held.tag;
}

/** What the held gas detector reads (ppm), or null when none is held. */
export function detectorReading(): number | null {
  const c = client();
  const k = c.info?.items.findIndex((i) => i.tag === held.tag && i.kind === 'gasDetector') ?? -1;
  return k < 0 ? null : c.latest[ITEM_BASE + k * ITEM_STRIDE + 4];
}

export function Portables() {
  const info = useUi((s) => s.info);
  const items = info?.items ?? [];
  return (
    <group name="portables">
      {items.map((it, k) => (
        <Item key={it.tag} item={it} k={k} />
      ))}
      <HoldDriver />
    </group>
  );
}

const noRaycast = () => null;

function Item({ item, k }: { item: ItemInfo; k: number }) {
  const g = useRef<Group>(null);
  useFrame(() => {
    const v = client().latest;
    const o = ITEM_BASE + k * ITEM_STRIDE;
    const grp = g.current;
    if (!grp) return;
    grp.position.set(v[o], v[o + 1], v[o + 2]);
    // a carried item does not stand in the way of the hand's own pointer
    const mesh = grp.children[0] as Mesh | undefined;
    if (mesh) mesh.raycast = v[o + 3] === 1 ? noRaycast : Mesh.prototype.raycast;
  });
  const toggle = (e: ThreeEvent<MouseEvent>) => {
    e.stopPropagation();
    const c = client();
    if (held.tag === item.tag) putDown();
    else {
      if (held.tag) void c.api.holdItem(held.tag, false);
      held.tag = item.tag;
      void c.api.holdItem(item.tag, true);
    }
    ui.setState({ lastResult: null });
  };
  return (
    <group ref={g} onClick={toggle} name={`portable-${item.tag}`}>
      {item.kind === 'gasDetector' ? (
        <mesh>
          <boxGeometry args={[0.1, 0.2, 0.06]} />
          <meshStandardMaterial color="#f9a825" />
        </mesh>
      ) : (
        <mesh>
          <cylinderGeometry args={[0.09, 0.09, 0.6, 16]} />
          <meshStandardMaterial color="#c62828" />
        </mesh>
      )}
    </group>
  );
}

/** Put down whatever is carried: it falls and comes to rest (G key, or the HUD's button). */
export function putDown(): void {
  if (!held.tag) return;
  applyExtinguisher(false);
  void client().api.holdItem(held.tag, false);
  held.tag = null;
}

/** Carries the held item in front of the view (or the hand in XR) and sends its pose to the worker. */
function HoldDriver() {
  const camera = useThree((s) => s.camera);
  useEffect(() => {
    const key = (on: boolean) => (e: KeyboardEvent) => {
      if (e.code === 'KeyF' && !e.repeat) applyExtinguisher(on);
      if (e.code === 'KeyG' && on) putDown();
    };
    const d = key(true);
    const u = key(false);
    window.addEventListener('keydown', d);
    window.addEventListener('keyup', u);
    return () => {
      window.removeEventListener('keydown', d);
      window.removeEventListener('keyup', u);
    };
  }, []);
  useFrame(() => {
    if (!held.tag) return;
    const now = performance.now();
    updateDischarge(now);
    if (now - held.lastSend < HOLD_SEND_MS) return;
    held.lastSend = now;
    camera.getWorldDirection(ahead);
    const p = camera.getWorldPosition(eye);
    void client().api.moveItem(held.tag, p.x + ahead.x * 0.6, p.y - 0.35, p.z + ahead.z * 0.6);
  });
  return null;
}

/**
 * Squeeze the held extinguisher (F key, the HUD button, or the XR trigger): while squeezed it discharges
 * at whichever bay lies within reach in front of the trainee, re-aimed as they move.
 */
export function applyExtinguisher(on: boolean): boolean {
  discharge.on = on && held.tag !== null;
  if (!discharge.on) aimAt(null);
  return discharge.on;
}

const discharge = { on: false, bay: null as string | null, last: 0 };
export const REAIM_MS = 200;

function aimAt(bay: string | null): void {
  if (bay === discharge.bay) return;
  const c = client();
  if (discharge.bay) void c.command({ type: 'extinguish', bay: discharge.bay, on: false });
  if (bay) void c.command({ type: 'extinguish', bay, on: true });
  discharge.bay = bay;
}

/** The bay the held extinguisher can reach, in front of the trainee, or null. */
function bayInReach(): string | null {
  const c = client();
  const info = c.info;
  if (!info || !held.tag) return null;
  const k = info.items.findIndex((i) => i.tag === held.tag);
  if (k < 0 || info.items[k].kind !== 'extinguisher') return null;
  const o = ITEM_BASE + k * ITEM_STRIDE;
  const x = c.latest[o];
  const z = c.latest[o + 2];
  const fl = Math.hypot(ahead.x, ahead.z) || 1;
  let best: string | null = null;
  let bestD = EXTINGUISHER_REACH_M;
  for (const b of info.plant.loading.stations.flatMap((s) => s.bays)) {
    const dx = b.position.x - x;
    const dz = b.position.z + 4 - z;
    const d = Math.hypot(dx, dz);
    // aimed: the fire lies within 35° of where the trainee faces
    if (d > 1 && (dx * ahead.x + dz * ahead.z) / (d * fl) < Math.cos((35 * Math.PI) / 180)) continue;
    if (d < bestD) {
      bestD = d;
      best = b.tag;
    }
  }
  return best;
}

/** Called from the frame loop: keeps the discharge aimed while the extinguisher is squeezed. */
export function updateDischarge(now: number): void {
  if (!discharge.on || now - discharge.last < REAIM_MS) return;
  discharge.last = now;
  aimAt(bayInReach());
}
