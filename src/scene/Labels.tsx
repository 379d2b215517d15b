import { useLayoutEffect, useMemo, useRef } from 'react';
import { useFrame } from '@react-three/fiber';
import {
  CanvasTexture,
  InstancedBufferAttribute,
  LinearFilter,
  PlaneGeometry,
  ShaderMaterial,
  type InstancedMesh,
} from 'three';
import type { Equipment } from '../plantView/equipmentCatalog';
import { setInstance } from './instancing';
import { usePlantConnection } from '../app/PlantConnection';
import { labelQualityIndex, labelTint } from '../live/labelQuality';

// Tag labels for every piece of equipment in one draw call: the texts are drawn once into an atlas and
// shown on instanced quads that face the camera in the vertex shader. World-sized, so they read like
// real tag plates at a distance and stay legible (≈ 1.2 m tall at 100 m) from the overview. In live mode a
// plate whose equipment has a value that is not good gets the data-quality frame (live/labelQuality.ts).

const ROW_PX = 48;
const ATLAS_W = 512;

const vertex = /* glsl */ `
attribute vec4 uvRect;
attribute vec2 size;
attribute float tint;
varying vec2 vUv;
varying vec2 vLocal;
varying float vTint;
void main() {
  vLocal = uv;
  vTint = tint;
  vec4 mv = modelViewMatrix * instanceMatrix * vec4(0.0, 0.0, 0.0, 1.0);
  float dist = max(-mv.z, 1.0);
  float scale = clamp(dist / 60.0, 0.35, 2.5);
  mv.xy += position.xy * size * scale;
  gl_Position = projectionMatrix * mv;
  vUv = uvRect.xy + uv * uvRect.zw;
}`;
const fragment = /* glsl */ `
uniform sampler2D map;
varying vec2 vUv;
varying vec2 vLocal;
varying float vTint;
void main() {
  vec4 c = texture2D(map, vUv);
  if (c.a < 0.1) discard;
  // data quality: 1 uncertain (cyan frame), 2 bad or stale (magenta frame, text greyed)
  if (vTint > 0.5) {
    vec3 q = vTint > 1.5 ? vec3(0.69, 0.0, 0.62) : vec3(0.0, 0.51, 0.56);
    bool edge = vLocal.x < 0.05 || vLocal.x > 0.95 || vLocal.y < 0.16 || vLocal.y > 0.84;
    if (edge) c = vec4(q, 1.0);
    else if (vTint > 1.5 && c.r > 0.5) c.rgb = vec3(0.62);
  }
  gl_FragColor = c;
}`;

export function Labels({ equipment }: { equipment: Equipment[] }) {
  const mesh = useRef<InstancedMesh>(null);
  const shown = useMemo(() => equipment.filter((e) => e.kind !== 'valve' && e.kind !== 'loadingPump'), [equipment]);
  const { material, geometry } = useMemo(() => {
    const rows = shown.length;
    const canvas = document.createElement('canvas');
    canvas.width = ATLAS_W;
    canvas.height = Math.max(64, 2 ** Math.ceil(Math.log2(rows * ROW_PX)));
    const ctx = canvas.getContext('2d')!;
    ctx.font = 'bold 30px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    const uvRect = new Float32Array(rows * 4);
    const size = new Float32Array(rows * 2);
    shown.forEach((e, i) => {
      const w = Math.min(ATLAS_W - 4, ctx.measureText(e.tag).width + 24);
      const y = i * ROW_PX;
      ctx.fillStyle = 'rgba(20,24,28,0.85)';
      ctx.fillRect(2, y + 4, w, ROW_PX - 8);
      ctx.fillStyle = '#ffffff';
      ctx.fillText(e.tag, 14, y + ROW_PX / 2);
      uvRect.set([2 / ATLAS_W, 1 - (y + ROW_PX - 4) / canvas.height, w / ATLAS_W, (ROW_PX - 8) / canvas.height], i * 4);
      const h = 1.2;
      size.set([(h * w) / (ROW_PX - 8), h], i * 2);
    });
    const tex = new CanvasTexture(canvas);
    tex.minFilter = LinearFilter;
    const geometry = new PlaneGeometry(1, 1);
    geometry.setAttribute('uvRect', new InstancedBufferAttribute(uvRect, 4));
    geometry.setAttribute('size', new InstancedBufferAttribute(size, 2));
    geometry.setAttribute('tint', new InstancedBufferAttribute(new Float32Array(rows), 1));
    const material = new ShaderMaterial({
      uniforms: { map: { value: tex } },
      vertexShader: vertex,
      fragmentShader: fragment,
      transparent: true,
      depthTest: true,
    });
    return { material, geometry };
  }, [shown]);

  useLayoutEffect(() => {
    shown.forEach((e, i) => setInstance(mesh.current!, i, e.position[0], e.position[1], e.position[2]));
    mesh.current!.instanceMatrix.needsUpdate = true;
  }, [shown]);

  const conn = usePlantConnection();
  const tagsOf = useMemo(() => labelQualityIndex(shown, conn.tagIndex), [shown, conn.tagIndex]);
  const lastTint = useRef(0);
  useFrame(({ clock }) => {
    const q = conn.quality;
    if (!q || clock.elapsedTime - lastTint.current < 0.5) return; // quality changes slowly: twice a second
    lastTint.current = clock.elapsedTime;
    const attr = geometry.getAttribute('tint') as InstancedBufferAttribute;
    if (labelTint(q, tagsOf, attr.array as Float32Array)) attr.needsUpdate = true;
  });

  return (
    <instancedMesh
      ref={mesh}
      args={[geometry, material, shown.length]}
      name="tag-labels"
      frustumCulled={false}
      renderOrder={10}
    />
  );
}
