import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useFrame } from '@react-three/fiber';
import {
  CanvasTexture,
  InstancedBufferAttribute,
  LinearMipmapLinearFilter,
  PlaneGeometry,
  ShaderMaterial,
  type InstancedMesh,
} from 'three';
import type { Equipment } from '../plantView/equipmentCatalog';
import { setInstance } from './instancing';
import { usePlant, usePlantConnection } from '../app/PlantConnection';
import { labelQualityIndex, labelTint } from '../live/labelQuality';
import { useUi } from '../state/ui';
import { equipmentName } from '../i18n/equipmentNames';
import { LABEL_FONT, loadLabelFont } from './labelFont';

// Tag labels for every piece of equipment in one draw call: the texts are drawn once into an atlas and
// shown on instanced quads that face the camera in the vertex shader. World-sized, so they read like
// real tag plates at a distance and stay legible (≈ 1.2 m tall at 100 m) from the overview. In live mode a
// plate whose equipment has a value that is not good gets the data-quality frame (live/labelQuality.ts).
// Each plate carries the tag and, under it, what the equipment is in the page's language ("ถังเก็บ" under
// TK-101), drawn again when the language changes.

const ROW_PX = 84;
const ATLAS_W = 512;
/**
 * Plate height in the world at the reference distance (60 m, where the shader's scale is 1): between 21 and
 * 150 m the plate keeps one size on screen, ≈ 33 px on a 545 px-high view at 50° — the name line (27 px of
 * the plate's 76) then reads at ≈ 12 px, the smallest Thai with its vowel and tone marks stays legible at.
 */
const PLATE_H_M = 3.4;

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
  const lang = useUi((s) => s.lang);
  const plant = usePlant((s) => s.info?.plant ?? null);
  // Thai needs the shipped font; the plates are drawn again once it is ready
  const [fontReady, setFontReady] = useState(false);
  useEffect(() => {
    if (lang !== 'en') void loadLabelFont().then(setFontReady);
  }, [lang]);
  const { material, geometry } = useMemo(() => {
    const rows = shown.length;
    const canvas = document.createElement('canvas');
    canvas.width = ATLAS_W;
    canvas.height = Math.max(64, 2 ** Math.ceil(Math.log2(rows * ROW_PX)));
    const ctx = canvas.getContext('2d')!;
    const tagFont = 'bold 28px system-ui, sans-serif';
    const nameFont = fontReady ? `27px ${LABEL_FONT}, system-ui, sans-serif` : '27px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    const uvRect = new Float32Array(rows * 4);
    const size = new Float32Array(rows * 2);
    shown.forEach((e, i) => {
      // the name without the tag the line above already shows ("ถังเก็บ TK-101" → "ถังเก็บ")
      const name = plant ? equipmentName(e, plant, lang).replace(e.tag, '').trim() : '';
      ctx.font = tagFont;
      const tagW = ctx.measureText(e.tag).width;
      ctx.font = nameFont;
      const w = Math.min(ATLAS_W - 4, Math.max(tagW, ctx.measureText(name).width) + 24);
      const y = i * ROW_PX;
      ctx.fillStyle = 'rgba(20,24,28,0.85)';
      ctx.fillRect(2, y + 4, w, ROW_PX - 8);
      ctx.fillStyle = '#ffffff';
      ctx.font = tagFont;
      ctx.fillText(e.tag, 14, y + 25);
      ctx.fillStyle = '#cfd8dc';
      ctx.font = nameFont;
      ctx.fillText(name, 14, y + 58, w - 24);
      uvRect.set([2 / ATLAS_W, 1 - (y + ROW_PX - 4) / canvas.height, w / ATLAS_W, (ROW_PX - 8) / canvas.height], i * 4);
      size.set([(PLATE_H_M * w) / (ROW_PX - 8), PLATE_H_M], i * 2);
    });
    const tex = new CanvasTexture(canvas);
    // shown at about 0.4 of its drawn size: mipmaps keep thin strokes (Thai marks) from dropping out
    tex.minFilter = LinearMipmapLinearFilter;
    tex.generateMipmaps = true;
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
  }, [shown, lang, plant, fontReady]);

  // a new atlas (another language) is a new mesh: place its instances again, and free the old atlas
  useLayoutEffect(() => {
    shown.forEach((e, i) => setInstance(mesh.current!, i, e.position[0], e.position[1], e.position[2]));
    mesh.current!.instanceMatrix.needsUpdate = true;
  }, [shown, geometry]);
  useEffect(
    () => () => {
      (material.uniforms.map.value as CanvasTexture).dispose();
      material.dispose();
      geometry.dispose();
    },
    [material, geometry],
  );

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
