import { useEffect, useMemo, useRef } from 'react';
import { useFrame, useThree, type ThreeEvent } from '@react-three/fiber';
import { Mesh, Vector3, type Group } from 'three';
import { itemValue, type ItemInfo } from '../protocol/frame';

import { heldItemStore } from '../state/heldItem';
import { applyExtinguisher, carryTo, putDown, toggleItem, updateDischarge } from './portablePickup';
import { senderFor } from './portableCommands';
import { usePlant, usePlantConnection } from '../app/PlantConnection';

// Things a trainee carries, as rapier bodies in the worker: drawn where the worker's frame puts them,
// picked up and put down through the pick-up machine (portablePickup.ts). The gas detector shows the H2S
// where it is held; the extinguisher, held and used (F key, or the trigger) near a burning bay, puts the
// fire out.

const ahead = new Vector3();
const eye = new Vector3();

export function Portables() {
  const info = usePlant((s) => s.info);
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
  const conn = usePlantConnection();
  const g = useRef<Group>(null);
  useFrame(() => {
    const v = conn.latest;
    const grp = g.current;
    if (!grp) return;
    grp.position.set(itemValue(v, k, 'x'), itemValue(v, k, 'y'), itemValue(v, k, 'z'));
    // a carried item does not stand in the way of the hand's own pointer
    const mesh = grp.children[0] as Mesh | undefined;
    if (mesh) mesh.raycast = itemValue(v, k, 'held') === 1 ? noRaycast : Mesh.prototype.raycast;
  });
  const toggle = (e: ThreeEvent<MouseEvent>) => {
    e.stopPropagation();
    toggleItem(senderFor(conn), item.tag);
    conn.store.setState({ lastResult: null });
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

/** Carries the held item in front of the view (or the hand in XR) and keeps a discharge aimed. */
function HoldDriver() {
  const conn = usePlantConnection();
  const camera = useThree((s) => s.camera);
  const plant = usePlant((s) => s.info?.plant);
  const bays = useMemo(() => plant?.loading.stations.flatMap((s) => s.bays) ?? [], [plant]);
  useEffect(() => {
    const key = (on: boolean) => (e: KeyboardEvent) => {
      if (e.code === 'KeyF' && !e.repeat) applyExtinguisher(senderFor(conn), on);
      if (e.code === 'KeyG' && on) putDown(senderFor(conn));
    };
    const d = key(true);
    const u = key(false);
    window.addEventListener('keydown', d);
    window.addEventListener('keyup', u);
    return () => {
      window.removeEventListener('keydown', d);
      window.removeEventListener('keyup', u);
    };
  }, [conn]);
  const sender = senderFor(conn);
  useFrame(() => {
    if (!heldItemStore.getState().tag) return;
    const now = performance.now();
    camera.getWorldDirection(ahead);
    updateDischarge(conn, sender, now, bays, ahead);
    const p = camera.getWorldPosition(eye);
    carryTo(sender, now, p.x + ahead.x * 0.6, p.y - 0.35, p.z + ahead.z * 0.6);
  });
  return null;
}
