import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { useFrame, useThree } from '@react-three/fiber';
import {
  Box3,
  Color,
  DataTexture,
  DataUtils,
  EquirectangularReflectionMapping,
  HalfFloatType,
  LinearFilter,
  LinearSRGBColorSpace,
  PMREMGenerator,
  RGBAFormat,
  Vector3,
  type DirectionalLight,
  type HemisphereLight,
  type Object3D,
} from 'three';
import type { PlantData } from '../../sim/plant/schema';
import { usePlantConnection } from '../../app/PlantConnection';
import { H } from '../../protocol/frame';
import { sunDirection, sunPosition } from './sun';
import { daylight } from './daylight';
import { decodeRgbe } from './envMap';
import { glowUniforms } from './glow';
import { look } from './lookState';
import type { LookQuality } from './quality';

// The plant's daylight: the sky map as environment light, one directional light that is the sun (placed
// from the plant clock's hour and the site's latitude) or by night a faint moon, a weak hemisphere fill
// until the sky map has loaded, and the background colour. The sun's shadow camera is fitted around the
// site's bounds as the sun sees them, and the shadow map is redrawn only when the sun moves or every
// SHADOW_EVERY frames (for the trucks and arms that move), not every frame.

const SHADOW_EVERY = 20;
const SHADOW_MAP_PX = 2048;
/** The moon's direction (up and to the south-west), so night shadows fall somewhere sensible. */
const MOON_DIR = new Vector3(-0.35, 0.8, 0.45).normalize();

const dir = { x: 0, y: 1, z: 0 };
const sun = { elevation_rad: 0, azimuth_rad: 0 };
const v = new Vector3();
const corner = new Vector3();

export function Lighting({ plant, quality }: { plant: PlantData; quality: LookQuality }) {
  const conn = usePlantConnection();
  const gl = useThree((s) => s.gl);
  const scene = useThree((s) => s.scene);
  const key = useRef<DirectionalLight>(null);
  const fill = useRef<HemisphereLight>(null);
  const target = useRef<Object3D>(null);
  const state = useRef({ hour: -1e9, frame: 0 }); // far from any hour: the first frame sets the light
  const bounds = useMemo(() => siteBounds(plant), [plant]);
  const centre = useMemo(() => bounds.getCenter(new Vector3()), [bounds]);

  const full = quality === 'full';
  useLayoutEffect(() => {
    gl.shadowMap.enabled = full;
    gl.shadowMap.autoUpdate = false;
    gl.shadowMap.needsUpdate = true;
    key.current!.target = target.current!;
  }, [gl, full]);

  useEffect(() => {
    if (!full) return;
    // the sky map: fetched after the first frame so it never delays it; lit by the fill light until then
    let live = true;
    const url = `${import.meta.env.BASE_URL}env/sky.hdr`;
    void fetch(url)
      .then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(`${url}: ${r.status}`))))
      .then((buf) => {
        if (!live) return;
        const { width, height, data } = decodeRgbe(new Uint8Array(buf));
        const half = new Uint16Array(data.length);
        for (let i = 0; i < data.length; i++) half[i] = DataUtils.toHalfFloat(data[i]);
        const eq = new DataTexture(half, width, height, RGBAFormat, HalfFloatType);
        eq.mapping = EquirectangularReflectionMapping;
        eq.colorSpace = LinearSRGBColorSpace;
        eq.magFilter = eq.minFilter = LinearFilter;
        eq.needsUpdate = true;
        const pmrem = new PMREMGenerator(gl);
        const env = pmrem.fromEquirectangular(eq).texture;
        pmrem.dispose();
        eq.dispose();
        scene.environment = env;
        look.envReady = true;
      })
      .catch((e: unknown) => console.warn('environment map not loaded:', e));
    return () => {
      live = false;
      scene.environment?.dispose();
      scene.environment = null;
      look.envReady = false;
    };
  }, [gl, scene, full]);

  useFrame(() => {
    const st = state.current;
    const hour = plantHour(conn, plant.weather.startHour);
    st.frame++;
    // a minute of plant time moves the sun by a quarter of a degree: no need to follow it closer
    if (Math.abs(hour - st.hour) > 1 / 60) {
      st.hour = hour;
      const elevation_deg = (sunPosition(plant.geoReference.latitude, hour, 0, sun).elevation_rad * 180) / Math.PI;
      const d = daylight(elevation_deg, look.daylight);
      sunDirection(sun, plant.geoReference.xAxisHeading_deg, dir);
      const k = key.current!;
      if (d.moon) v.copy(MOON_DIR);
      else v.set(dir.x, Math.max(dir.y, 0.02), dir.z).normalize(); // never from below the ground
      k.position.copy(centre).addScaledVector(v, 300);
      target.current!.position.copy(centre);
      k.intensity = d.keyIntensity;
      k.color.setRGB(d.keyColor[0], d.keyColor[1], d.keyColor[2], LinearSRGBColorSpace);
      k.castShadow = full;
      fitShadowCamera(k, target.current!, bounds);
      scene.environmentIntensity = d.envIntensity;
      if (scene.background instanceof Color)
        scene.background.setRGB(d.sky[0], d.sky[1], d.sky[2], LinearSRGBColorSpace);
      glowUniforms.uHeatGlow.value = 0.12 + 0.4 * d.night;
      glowUniforms.uStatusGlow.value = 0.15 + 0.85 * d.night;
      look.version++;
      gl.shadowMap.needsUpdate = true;
    } else if (st.frame % SHADOW_EVERY === 0 || st.frame < 5) gl.shadowMap.needsUpdate = true;
    // until the sky map has loaded the hemisphere stands in for it
    const f = look.daylight.fillIntensity;
    fill.current!.intensity = look.envReady ? f * 0.4 : f * 2.5;
  });

  return (
    <>
      <hemisphereLight ref={fill} args={['#dfe9f3', '#5a5f4a', 0.8]} />
      <directionalLight
        ref={key}
        intensity={2}
        castShadow
        shadow-mapSize={[SHADOW_MAP_PX, SHADOW_MAP_PX]}
        shadow-bias={-0.0004}
        shadow-normalBias={0.04}
      />
      <object3D ref={target} />
    </>
  );
}

/** What casts shadows worth seeing: the bund and tanks, the rack, the buildings and the loading bays. */
export function siteBounds(plant: PlantData): Box3 {
  const box = new Box3();
  const b = plant.bund;
  box.expandByPoint(v.set(b.x0, 0, b.z0)).expandByPoint(v.set(b.x1, 0, b.z1));
  let top = 10;
  for (const t of plant.tanks) {
    top = Math.max(top, t.ringWallHeight_m + t.shellHeight_m + t.diameter_m * 0.15);
  }
  for (const bd of plant.buildings) {
    if (bd.kind === 'musterPoint') continue;
    box.expandByPoint(v.set(bd.position.x - bd.size.x / 2, 0, bd.position.z - bd.size.z / 2));
    box.expandByPoint(v.set(bd.position.x + bd.size.x / 2, 0, bd.position.z + bd.size.z / 2));
  }
  for (const s of plant.loading.stations)
    for (const bay of s.bays) {
      box.expandByPoint(v.set(bay.position.x - 9, 0, bay.position.z - 6));
      box.expandByPoint(v.set(bay.position.x + 9, 0, bay.position.z + 13));
    }
  const r = plant.pipeRack;
  box.expandByPoint(v.set(r.x0, 0, r.z)).expandByPoint(v.set(r.x1, 0, r.z));
  box.max.y = top + 4; // the heater's stack
  return box;
}

/**
 * The plant's hour of day for the light. Until the engine has the plant and has sent a frame, the frame
 * values are zeros (midnight): the plant file's start hour stands in for them.
 */
export function plantHour(conn: { info: unknown; frames: number; latest: Float64Array }, startHour: number): number {
  return conn.info !== null && conn.frames > 0 ? conn.latest[H.hourOfDay] : startHour;
}

/** Fit the light's orthographic shadow camera tightly around the site's box as the light sees it. */
function fitShadowCamera(light: DirectionalLight, target: Object3D, box: Box3): void {
  const cam = light.shadow.camera;
  light.updateMatrixWorld();
  target.updateMatrixWorld();
  cam.position.setFromMatrixPosition(light.matrixWorld);
  cam.lookAt(v.setFromMatrixPosition(target.matrixWorld));
  cam.updateMatrixWorld();
  // six plain numbers, not a destructured array: this runs from the frame loop whenever the sun moves
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  let z0 = Infinity;
  let z1 = -Infinity;
  const parent = light.parent;
  for (let i = 0; i < 8; i++) {
    corner.set(i & 1 ? box.max.x : box.min.x, i & 2 ? box.max.y : box.min.y, i & 4 ? box.max.z : box.min.z);
    if (parent) corner.applyMatrix4(parent.matrixWorld);
    corner.applyMatrix4(cam.matrixWorldInverse);
    x0 = Math.min(x0, corner.x);
    x1 = Math.max(x1, corner.x);
    y0 = Math.min(y0, corner.y);
    y1 = Math.max(y1, corner.y);
    z0 = Math.min(z0, corner.z);
    z1 = Math.max(z1, corner.z);
  }
  cam.left = x0;
  cam.right = x1;
  cam.bottom = y0;
  cam.top = y1;
  cam.near = Math.max(0.1, -z1 - 5);
  cam.far = -z0 + 5;
  cam.updateProjectionMatrix();
}
