import { useEffect, useMemo, useRef } from 'react';
import { useThree, type ThreeEvent } from '@react-three/fiber';
import { CanvasTexture, SRGBColorSpace, Vector3, type Group } from 'three';
import { usePlantConnection } from '../app/PlantConnection';
import { ui } from '../state/ui';
import type { PlantData } from '../sim/plant/schema';
import type { AlarmView } from '../protocol/frame';
import { buildEquipment } from '../plantView/equipmentCatalog';
import { equipmentName } from '../i18n/equipmentNames';
import { consoleDrawStats, consoleStore } from './consoleStore';
import { drawScreen } from './draw';
import { ALARM_ROWS, SCREEN_PX_H, SCREEN_PX_W, hitAt, type LayoutInput } from './layout';
import { SCREEN_H_M, SCREEN_IDS, SCREEN_W_M, type Box, type ScreenId } from './room';
import { runConsoleAction } from './actions';

// The console's four screens: each a canvas drawn a few times a second into a texture on a plane (one draw
// call a screen). A press, by the controller's ray or the mouse, arrives with the plane's uv and is looked
// up in the same layout the drawing used. Screens far from the viewer are not redrawn at all.

export const SCREEN_REFRESH_MS = 500;
/** The trends redraw less often: a minute of plant time is a pixel or two of the plot. */
export const TRENDS_REFRESH_MS = 1000;
/** Beyond this the screens are a few pixels wide: nothing to redraw or draw. */
const REDRAW_WITHIN_M = 40;
const eye = new Vector3();
const waiting = (a: AlarmView) => a.state === 'unack' || a.state === 'rtnUnack';

let fontLoad: Promise<void> | null = null;
/** The console's Thai-and-Latin page font, loaded once from the app's own files (works offline). */
function loadFont(): Promise<void> {
  if (fontLoad) return fontLoad;
  if (typeof FontFace === 'undefined') return (fontLoad = Promise.resolve());
  const face = new FontFace('TankTwinConsole', `url(${new URL('fonts/Garuda.ttf', location.href).href})`);
  document.fonts.add(face);
  return (fontLoad = face.load().then(
    () => undefined,
    () => undefined,
  ));
}

interface Screen {
  id: ScreenId;
  canvas: HTMLCanvasElement;
  g: CanvasRenderingContext2D;
  texture: CanvasTexture;
  last_ms: number;
}

export function ConsoleScreens({ plant, placements }: { plant: PlantData; placements: Box[] }) {
  const conn = usePlantConnection();
  const camera = useThree((s) => s.camera);
  const screens = useMemo<Screen[]>(
    () =>
      SCREEN_IDS.map((id) => {
        const canvas = document.createElement('canvas');
        canvas.width = SCREEN_PX_W;
        canvas.height = SCREEN_PX_H;
        const texture = new CanvasTexture(canvas);
        texture.colorSpace = SRGBColorSpace;
        texture.anisotropy = 4;
        return { id, canvas, g: canvas.getContext('2d')!, texture, last_ms: 0 };
      }),
    [],
  );
  const names = useMemo(() => buildEquipment(plant), [plant]);
  // the alarms as last drawn: a press is looked up in the rows the trainee saw
  const drawn = useRef<readonly AlarmView[]>([]);
  const redraw = useRef<(force: boolean) => void>(() => {});
  const group = useRef<Group>(null);

  useEffect(() => {
    if (!consoleStore.getState().tank && plant.tanks.length) consoleStore.setState({ tank: plant.tanks[0].tag });
  }, [plant]);

  useEffect(() => {
    let dirty = true;
    redraw.current = (force) => {
      camera.getWorldPosition(eye);
      const c = placements[1];
      const near = Math.hypot(eye.x - c.x, eye.y - c.y, eye.z - c.z) < REDRAW_WITHIN_M;
      // from afar the screens are a few pixels inside a roofed room: not drawn at all (four draw calls saved),
      // and not redrawn even when asked to: what changed is drawn once the viewer is near again
      if (group.current) group.current.visible = near;
      if (!near) {
        dirty ||= force;
        return;
      }
      const now = performance.now();
      const alarms = conn.store.getState().alarms;
      const lang = ui.getState().lang;
      const eq = names.find((e) => e.tag === consoleStore.getState().tank);
      // an alarm list that has not changed and has nothing blinking stays as drawn
      const alarmsStill = alarms === drawn.current && !alarms.some(waiting);
      let drew = false;
      for (const s of screens) {
        const due = now - s.last_ms >= (s.id === 'trends' ? TRENDS_REFRESH_MS : SCREEN_REFRESH_MS);
        const still = s.id === 'alarms' && alarmsStill;
        if (!force && !dirty && (!due || still)) continue;
        drew = true;
        s.last_ms = now;
        drawScreen(s.id, s.g, {
          conn,
          plant,
          lang,
          alarms,
          state: consoleStore.getState(),
          tankName: eq ? equipmentName(eq, plant, lang) : '',
          now_ms: now,
        });
        s.texture.needsUpdate = true;
        // a press is looked up in the rows on the screen: only a drawn list becomes them
        if (s.id === 'alarms') drawn.current = alarms;
      }
      dirty = false;
      if (!drew) return;
      const took = performance.now() - now;
      consoleDrawStats.redraws++;
      consoleDrawStats.last_ms = took;
      consoleDrawStats.max_ms = Math.max(consoleDrawStats.max_ms, took);
    };
    void loadFont().then(() => redraw.current(true));
    const timer = setInterval(() => redraw.current(false), SCREEN_REFRESH_MS);
    const offConsole = consoleStore.subscribe(() => redraw.current(true));
    const offLang = ui.subscribe((s, p) => s.lang !== p.lang && redraw.current(true));
    return () => {
      clearInterval(timer);
      offConsole();
      offLang();
    };
  }, [camera, conn, names, placements, plant, screens]);

  useEffect(() => () => screens.forEach((s) => s.texture.dispose()), [screens]);

  // A press acts when the trigger or button is let go over the screen it went down on. Not the pointer's
  // click, which is dropped when down and up are more than 300 ms apart: a trigger held a little longer, or
  // two slow headset frames, would lose the press.
  const downOn = useRef<ScreenId | null>(null);
  const down = (id: ScreenId) => (e: ThreeEvent<PointerEvent>) => {
    e.stopPropagation();
    downOn.current = id;
  };
  const press = (id: ScreenId) => (e: ThreeEvent<PointerEvent>) => {
    e.stopPropagation();
    const pressed = downOn.current === id;
    downOn.current = null;
    if (!pressed || !e.uv) return;
    const input: LayoutInput = {
      tanks: plant.tanks.map((t) => t.tag),
      alarms: drawn.current.slice(0, ALARM_ROWS).map((a) => ({ id: a.id, needsAck: waiting(a) })),
    };
    const action = hitAt(id, input, e.uv.x, e.uv.y);
    if (action) void runConsoleAction(conn, plant, action);
  };

  return (
    <group name="console-screens" ref={group}>
      {screens.map((s, i) => {
        const p = placements[i];
        return (
          <mesh
            key={s.id}
            name={`console-${s.id}`}
            position={[p.x, p.y, p.z]}
            rotation={[0, p.yaw_rad, 0]}
            onPointerDown={down(s.id)}
            onPointerUp={press(s.id)}
          >
            <planeGeometry args={[SCREEN_W_M, SCREEN_H_M]} />
            <meshBasicMaterial map={s.texture} toneMapped={false} />
          </mesh>
        );
      })}
    </group>
  );
}
