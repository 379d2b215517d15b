import { useLayoutEffect, useMemo, useRef } from 'react';
import { useFrame, type ThreeEvent } from '@react-three/fiber';
import { CanvasTexture, Euler, Matrix4, Quaternion, Vector3, type InstancedMesh } from 'three';
import type { PlantData } from '../sim/plant/schema';
import { usePlantConnection } from '../app/PlantConnection';
import { frameValue, hasTagValues } from '../protocol/frame';
import { ui } from '../state/ui';

// Local gauges at true size (150 mm dials at eye height) that a walker reads in the field: each tank's
// level (% of shell) and temperature beside its stair foot, each pump's differential pressure, the
// expansion tank's level. One instanced mesh per dial face and one for all the needles.

export type GaugeKind = 'percent' | 'temp' | 'bar';
const SCALE: Record<GaugeKind, { max: number; label: string }> = {
  percent: { max: 100, label: '%' },
  temp: { max: 250, label: '°C' },
  bar: { max: 10, label: 'bar' },
};
export const DIAL_RADIUS_M = 0.075;
const SWEEP = (270 * Math.PI) / 180;

interface Gauge {
  equipment: string;
  tag: string;
  kind: GaugeKind;
  x: number;
  y: number;
  z: number;
  facing: number;
  idx: number;
}

function dialTexture(kind: GaugeKind): CanvasTexture {
  const c = document.createElement('canvas');
  c.width = c.height = 256;
  const g = c.getContext('2d')!;
  g.fillStyle = '#f5f5f0';
  g.beginPath();
  g.arc(128, 128, 126, 0, Math.PI * 2);
  g.fill();
  g.strokeStyle = '#222';
  g.fillStyle = '#222';
  g.lineWidth = 4;
  g.font = 'bold 26px sans-serif';
  g.textAlign = 'center';
  g.textBaseline = 'middle';
  const { max, label } = SCALE[kind];
  for (let i = 0; i <= 10; i++) {
    const a = -Math.PI / 2 - SWEEP / 2 + (i / 10) * SWEEP; // from lower left, clockwise
    const [cx, cy] = [Math.cos(a + Math.PI), Math.sin(a + Math.PI)];
    g.beginPath();
    g.moveTo(128 + cx * 112, 128 + cy * 112);
    g.lineTo(128 + cx * (i % 5 === 0 ? 88 : 100), 128 + cy * (i % 5 === 0 ? 88 : 100));
    g.stroke();
    if (i % 2 === 0) g.fillText(String((max * i) / 10), 128 + cx * 68, 128 + cy * 68);
  }
  g.font = 'bold 30px sans-serif';
  g.fillText(label, 128, 190);
  return new CanvasTexture(c);
}

const m4 = new Matrix4();
const q = new Quaternion();
const e = new Euler();
const p = new Vector3();
const s = new Vector3();

export function Gauges({ plant }: { plant: PlantData }) {
  const conn = usePlantConnection();
  const faces = {
    percent: useRef<InstancedMesh>(null),
    temp: useRef<InstancedMesh>(null),
    bar: useRef<InstancedMesh>(null),
  };
  const needles = useRef<InstancedMesh>(null);
  const textures = useMemo(
    () => ({ percent: dialTexture('percent'), temp: dialTexture('temp'), bar: dialTexture('bar') }),
    [],
  );
  const gauges = useMemo(() => {
    const c = conn;
    const out: Gauge[] = [];
    const add = (equipment: string, tag: string, kind: GaugeKind, x: number, y: number, z: number, facing: number) =>
      out.push({ equipment, tag, kind, x, y, z, facing, idx: c.tagIndex.get(tag) ?? -1 });
    for (const t of plant.tanks) {
      // at the stair foot (north of the shell), facing out, side by side
      const r = t.diameter_m / 2 + 0.9;
      add(t.tag, `${t.tag}.level_pct`, 'percent', t.position.x - 0.25, 1.5, t.position.z - r, Math.PI);
      add(t.tag, `${t.tag}.temp`, 'temp', t.position.x + 0.25, 1.5, t.position.z - r, Math.PI);
    }
    return out;
  }, [plant, conn]);
  // pumps show differential pressure in bar (hot-oil pumps report flow; the loop's header dp is their
  // delivery pressure), loading pumps their own dp
  const pumps = useMemo(() => {
    const c = conn;
    const out: Gauge[] = [];
    for (const pp of plant.hotOil.pumps)
      out.push({
        equipment: pp.tag,
        tag: 'HO.header_dp',
        kind: 'bar',
        x: pp.position.x + 0.95,
        y: 1.4,
        z: pp.position.z - 0.45,
        facing: Math.PI,
        idx: c.tagIndex.get('HO.header_dp') ?? -1,
      });
    for (const st of plant.loading.stations)
      for (const b of st.bays)
        for (const a of b.arms)
          out.push({
            equipment: a.pump,
            tag: `${a.pump}.dp`,
            kind: 'bar',
            x: a.position.x - 1.05,
            y: 1.4,
            z: a.position.z - 3.45,
            facing: Math.PI,
            idx: c.tagIndex.get(`${a.pump}.dp`) ?? -1,
          });
    const x = plant.hotOil.expansionTank;
    out.push({
      equipment: x.tag,
      tag: `${x.tag}.level`,
      kind: 'percent',
      x: x.position.x + 0.4,
      y: 1.5,
      z: x.position.z - 0.3,
      facing: Math.PI,
      idx: c.tagIndex.get(`${x.tag}.level`) ?? -1,
    });
    return out;
  }, [plant, conn]);
  const all = useMemo(() => [...gauges, ...pumps], [gauges, pumps]);
  const byKind = useMemo(
    () => ({
      percent: all.filter((g) => g.kind === 'percent'),
      temp: all.filter((g) => g.kind === 'temp'),
      bar: all.filter((g) => g.kind === 'bar'),
    }),
    [all],
  );

  useLayoutEffect(() => {
    for (const k of ['percent', 'temp', 'bar'] as const) {
      const mesh = faces[k].current!;
      byKind[k].forEach((g, i) =>
        mesh.setMatrixAt(i, m4.compose(p.set(g.x, g.y, g.z), q.setFromEuler(e.set(0, g.facing, 0)), s.set(1, 1, 1))),
      );
      mesh.instanceMatrix.needsUpdate = true;
    }
  }, [byKind]);

  useFrame(() => {
    const v = conn.latest;
    const n = needles.current;
    if (!n || !hasTagValues(v)) return;
    all.forEach((g, i) => {
      const val = g.idx >= 0 ? frameValue(v, g.idx) : 0;
      const f = Math.min(1, Math.max(0, val / SCALE[g.kind].max));
      const a = SWEEP / 2 - f * SWEEP; // needle angle about the dial's normal, 0 = straight up
      // a thin bar from the centre towards the scale, a few millimetres proud of the face
      e.set(0, g.facing, a);
      q.setFromEuler(e);
      p.set(0, DIAL_RADIUS_M * 0.4, 0.004)
        .applyQuaternion(q)
        .add(s.set(g.x, g.y, g.z));
      n.setMatrixAt(i, m4.compose(p, q, s.set(0.004, DIAL_RADIUS_M * 0.8, 0.002)));
    });
    n.instanceMatrix.needsUpdate = true;
  });

  const pick = (list: Gauge[]) => (ev: ThreeEvent<MouseEvent>) => {
    ev.stopPropagation();
    if (ev.instanceId !== undefined) ui.setState({ selected: list[ev.instanceId].equipment });
  };
  return (
    <group name="gauges">
      {(['percent', 'temp', 'bar'] as const).map((k) => (
        <instancedMesh
          key={k}
          ref={faces[k]}
          args={[undefined, undefined, Math.max(1, byKind[k].length)]}
          onClick={pick(byKind[k])}
          name={`gauge-faces-${k}`}
          frustumCulled={false}
        >
          <circleGeometry args={[DIAL_RADIUS_M, 32]} />
          <meshBasicMaterial map={textures[k]} />
        </instancedMesh>
      ))}
      <instancedMesh ref={needles} args={[undefined, undefined, all.length]} name="gauge-needles" frustumCulled={false}>
        <boxGeometry />
        <meshBasicMaterial color="#c62828" />
      </instancedMesh>
    </group>
  );
}
