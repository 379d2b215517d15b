import { useLayoutEffect, useMemo, useRef } from 'react';
import { useFrame } from '@react-three/fiber';
import { Color, type InstancedMesh } from 'three';
import type { PlantData } from '../sim/plant/schema';
import { usePlantConnection } from '../app/PlantConnection';
import { frameValue, hasTagValues } from '../protocol/frame';
import { PIPE_COLORS } from './colors';
import { setInstance, setSegment, hideInstance } from './instancing';

// Every pipe of the plant data as instanced segments (one draw call), and flow markers that travel along
// each pipe in its route's direction at a speed that follows the pipe's flow tag (a second draw call).

export const MARKER_SPACING_M = 2.5;

interface Route {
  points: [number, number, number][];
  cum: number[]; // cumulative length at each point
  length: number;
  radius: number;
  tagIndex: number; // -1: no flow tag
  firstMarker: number;
  markers: number;
  phase: number;
}

const color = new Color();

/** Visual speed, m/s, from a flow value: grows with the flow but stays readable from a trickle to a header. */
export function markerSpeed(flow: number): number {
  return flow > 1e-3 ? Math.min(4, 0.6 * Math.log1p(flow)) : 0;
}

export function Pipes({ plant }: { plant: PlantData }) {
  const conn = usePlantConnection();
  const segs = useRef<InstancedMesh>(null);
  const marks = useRef<InstancedMesh>(null);
  const { routes, segCount, markerCount } = useMemo(() => {
    const c = conn;
    let segCount = 0;
    let markerCount = 0;
    const routes: Route[] = plant.pipes.map((p) => {
      const cum = [0];
      for (let i = 1; i < p.route.length; i++) {
        const [a, b] = [p.route[i - 1], p.route[i]];
        cum.push(cum[i - 1] + Math.hypot(b[0] - a[0], b[1] - a[1], b[2] - a[2]));
      }
      const length = cum[cum.length - 1];
      const markers = p.flowTag ? Math.max(1, Math.floor(length / MARKER_SPACING_M)) : 0;
      const r: Route = {
        points: p.route as [number, number, number][],
        cum,
        length,
        radius: (p.dn_mm / 1000 / 2) * (p.jacketed || p.insulated ? 1.8 : 1.1),
        tagIndex: p.flowTag ? (c.tagIndex.get(p.flowTag) ?? -1) : -1,
        firstMarker: markerCount,
        markers,
        phase: 0,
      };
      segCount += p.route.length - 1;
      markerCount += markers;
      return r;
    });
    return { routes, segCount, markerCount };
  }, [plant, conn]);

  useLayoutEffect(() => {
    let k = 0;
    plant.pipes.forEach((p, pi) => {
      const r = routes[pi];
      for (let i = 1; i < r.points.length; i++) {
        const [a, b] = [r.points[i - 1], r.points[i]];
        setSegment(segs.current!, k, a[0], a[1], a[2], b[0], b[1], b[2], r.radius);
        segs.current!.setColorAt(k, color.set(PIPE_COLORS[p.service]));
        k++;
      }
    });
    segs.current!.instanceMatrix.needsUpdate = true;
    segs.current!.instanceColor!.needsUpdate = true;
  }, [plant, routes]);

  useFrame((_, delta) => {
    const v = conn.latest;
    const mk = marks.current;
    if (!mk || !hasTagValues(v)) return;
    const dt = Math.min(delta, 0.1);
    for (const r of routes) {
      if (r.markers === 0) continue;
      const flow = r.tagIndex >= 0 ? frameValue(v, r.tagIndex) : 0;
      const speed = markerSpeed(flow);
      r.phase = (r.phase + speed * dt) % MARKER_SPACING_M;
      let seg = 1;
      for (let j = 0; j < r.markers; j++) {
        const k = r.firstMarker + j;
        if (speed === 0) {
          hideInstance(mk, k);
          continue;
        }
        const s = j * MARKER_SPACING_M + r.phase;
        while (seg < r.cum.length - 1 && r.cum[seg] < s) seg++;
        const a = r.points[seg - 1];
        const b = r.points[seg];
        const f = (s - r.cum[seg - 1]) / (r.cum[seg] - r.cum[seg - 1] || 1);
        const rr = r.radius * 1.15;
        setInstance(mk, k, a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f, rr, rr, rr);
      }
    }
    mk.instanceMatrix.needsUpdate = true;
  });

  return (
    <group name="pipes">
      <instancedMesh
        ref={segs}
        args={[undefined, undefined, segCount]}
        name="pipe-segments"
        frustumCulled={false}
        castShadow
      >
        <cylinderGeometry args={[1, 1, 1, 10, 1, false]} />
        {/* service-coloured paint on the insulation's jacketing: a little metal shows through at the seams */}
        <meshStandardMaterial color="#ffffff" metalness={0.3} roughness={0.45} />
      </instancedMesh>
      <instancedMesh
        ref={marks}
        args={[undefined, undefined, Math.max(markerCount, 1)]}
        name="pipe-flow-markers"
        frustumCulled={false}
      >
        <sphereGeometry args={[1, 8, 6]} />
        <meshBasicMaterial color="#39d7ff" />
      </instancedMesh>
    </group>
  );
}
