import type { SimClient } from './client';
import type { Command, CommandOrigin } from '../sim/commands';
import type { Fault } from '../sim/faults';
import { ui } from '../state/ui';
import { renderStats, medianFrameCpuMs, sceneRefs } from '../state/renderStats';
import { Vector3 } from 'three';
import { xrStore, emulator } from '../state/xrSession';
import { H } from '../protocol/frame';
import { buildEquipment } from '../plantView/equipmentCatalog';
import { listRuns } from '../records/db';
import { rig, recentre } from '../state/xrRig';
import { itemValue } from '../protocol/frame';
import { playingSounds } from '../state/audio';
import { heldItemStore } from '../state/heldItem';
import { focusOn } from '../state/camera';
import { vrPanelText } from '../state/vrPanel';
import { automationMode } from './automationMode';

export { automationMode };

/** Commands from window.tanktwin are logged as the automation's, not as the trainee's. */
const AUTOMATION: CommandOrigin = 'automation';

/**
 * window.tanktwin: the page's automation surface for tests and instructors' scripts. It issues the
 * same commands the UI does and reads the same state. Documented in README.md. Outside automation mode
 * it holds the reading members only.
 */
export function installAutomation(c: SimClient, automation = automationMode()) {
  const api = {
    version: 1,
    /** Whether the commanding members are there (automation mode). */
    automation,
    /** Resolves once the plant is running in the worker and the scene can draw it. */
    ready: () => c.store.getState().info !== null,
    read: (tag: string) => c.value(tag),
    tags: () => c.info?.tags.map((t) => t.name) ?? [],
    alarms: () => c.store.getState().alarms,
    events: () => c.store.getState().events,
    time: () => c.header('t_s'),
    speed: () => c.header('speed'),
    frames: () => c.frames,
    player: () => ({ x: c.latest[H.playerX], y: c.latest[H.playerY], z: c.latest[H.playerZ] }),
    items: () =>
      (c.info?.items ?? []).map((it, k) => {
        const v = c.latest;
        return {
          ...it,
          x: itemValue(v, k, 'x'),
          y: itemValue(v, k, 'y'),
          z: itemValue(v, k, 'z'),
          held: itemValue(v, k, 'held') === 1,
          reading: itemValue(v, k, 'reading'),
        };
      }),
    /** The item this page's trainee carries (their own hands, before the plant has answered), or null. */
    carrying: () => heldItemStore.getState().tag,
    /** Sounds playing now (after the first user gesture started audio). */
    sounds: () => playingSounds(),
    /** Where a piece of equipment (its label point, or a given height) is on screen, in CSS pixels. */
    screenPosition: (tag: string, y?: number) => {
      const e = c.info ? buildEquipment(c.info.plant).find((x) => x.tag === tag) : undefined;
      const cam = sceneRefs.camera;
      const gl = sceneRefs.gl;
      if (!e || !cam || !gl) return null;
      const v = new Vector3(e.position[0], y ?? e.position[1], e.position[2]).project(cam);
      const r = gl.domElement.getBoundingClientRect();
      return {
        x: r.left + ((v.x + 1) / 2) * r.width,
        y: r.top + ((1 - v.y) / 2) * r.height,
        visible: v.z < 1 && Math.abs(v.x) < 1 && Math.abs(v.y) < 1,
      };
    },
    /** A world point on screen, in CSS pixels. */
    project: (x: number, y: number, z: number) => {
      const cam = sceneRefs.camera;
      const gl = sceneRefs.gl;
      if (!cam || !gl) return null;
      const v = new Vector3(x, y, z).project(cam);
      const r = gl.domElement.getBoundingClientRect();
      return { x: r.left + ((v.x + 1) / 2) * r.width, y: r.top + ((1 - v.y) / 2) * r.height };
    },
    snapshot: () => c.api.snapshot(),
    /** Training records in IndexedDB, newest first. */
    records: () => listRuns(),
    training: () => c.store.getState().training,
    renderer: {
      get drawCalls() {
        return renderStats.drawCalls;
      },
      get triangles() {
        return renderStats.triangles;
      },
      get frames() {
        return renderStats.frames;
      },
      get firstFrameAt() {
        return renderStats.firstFrameAt;
      },
      medianFrameCpuMs,
    },
    xr: {
      /** The VR panel's text now (its lines and caption line), as the headset shows it. */
      get panel() {
        const { lines, caption, at_m, eye_m } = vrPanelText;
        return { lines: [...lines], caption, at_m: [...at_m], eye_m: [...eye_m] };
      },
      get session() {
        return xrStore.getState().session ?? null;
      },
      get emulator() {
        return emulator.device;
      },
      /** A world point in the XR origin's frame (what the emulator's look_at and set_transform take). */
      toOrigin: (x: number, y: number, z: number) => {
        const o = rig.origin;
        if (!o) return null;
        o.updateMatrixWorld();
        const v = o.worldToLocal(new Vector3(x, y, z));
        return { x: v.x, y: v.y, z: v.z };
      },
    },
  };
  const commanding = {
    command: (cmd: Command) => c.command(cmd, AUTOMATION),
    setValve: (tag: string, opening: number) => c.command({ type: 'setValve', tag, opening }, AUTOMATION),
    startPump: (tag: string) => c.command({ type: 'setPump', tag, run: true }, AUTOMATION),
    stopPump: (tag: string) => c.command({ type: 'setPump', tag, run: false }, AUTOMATION),
    setSetpoint: (tag: string, value_C: number) => c.command({ type: 'setSetpoint', tag, value_C }, AUTOMATION),
    injectFault: (fault: Fault) => c.command({ type: 'injectFault', fault }, AUTOMATION),
    clearFault: (id: number) => c.command({ type: 'clearFault', id }, AUTOMATION),
    ackAlarm: (id: string) => c.command({ type: 'ackAlarm', id }, AUTOMATION),
    play: () => c.play(),
    pause: () => c.pause(),
    step: (n = 1) => c.api.step(n),
    setSpeed: (x: number) => c.setSpeed(x),
    teleport: (x: number, y: number, z: number) => c.api.teleport(x, y, z),
    select: (tag: string | null) => ui.setState({ selected: tag }),
    goTo: (tag: string) => {
      const e = c.info ? buildEquipment(c.info.plant).find((x) => x.tag === tag) : undefined;
      if (!e) return false;
      focusOn(...e.position);
      return true;
    },
    /** Look at a world point from a given camera position (orbit view). */
    lookAt: (target: [number, number, number], from: [number, number, number]) =>
      focusOn(target[0], target[1], target[2], from),
    /** Back in plant time; during a scored run the record notes it (what came after is undone). */
    backtrack: (t_s: number) => c.store.getState().session?.backtrack(t_s) ?? c.api.backtrack(t_s),
    /** Make the worker throw once plant time reaches t (to rehearse crash recovery). */
    crashWorkerAt: (t_s: number) => c.api.crashAt(t_s),
  };
  const xrCommanding = {
    store: xrStore,
    enterVR: () => xrStore.enterVR(),
    enterAR: () => xrStore.enterAR(),
    recentre,
  };
  // copy property descriptors, not values: xr.session and xr.emulator are live getters
  const xr = Object.defineProperties(
    {},
    { ...Object.getOwnPropertyDescriptors(api.xr), ...Object.getOwnPropertyDescriptors(xrCommanding) },
  ) as typeof api.xr & typeof xrCommanding;
  const full = { ...api, ...commanding, xr };
  const surface = automation ? full : api;
  Object.defineProperty(window, 'tanktwin', { value: surface, configurable: true, writable: false });
  return full;
}

export type TankTwinApi = ReturnType<typeof installAutomation>;
