import { useEffect, useMemo, useRef } from 'react';
import { useThree, type ThreeEvent } from '@react-three/fiber';
import { useXR } from '@react-three/xr';
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
/** A ray's down and up and the session's select within this are one squeeze, pressed once. */
const SAME_SQUEEZE_MS = 400;
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
  const session = useXR((s) => s.session);
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

  const act = (id: ScreenId, u: number, v: number) => {
    const input: LayoutInput = {
      tanks: plant.tanks.map((t) => t.tag),
      alarms: drawn.current.slice(0, ALARM_ROWS).map((a) => ({ id: a.id, needsAck: waiting(a) })),
    };
    const action = hitAt(id, input, u, v);
    if (action) void runConsoleAction(conn, plant, action);
  };

  // A press acts when the button or trigger is let go over the screen it went down on (not the pointer's
  // click, which is dropped when down and up are more than 300 ms apart, as on a slow frame).
  const downOn = useRef<ScreenId | null>(null);
  const lastPress_ms = useRef(-Infinity);
  const down = (id: ScreenId) => (e: ThreeEvent<PointerEvent>) => {
    e.stopPropagation();
    downOn.current = id;
  };
  const up = (id: ScreenId) => (e: ThreeEvent<PointerEvent>) => {
    e.stopPropagation();
    const pressed = downOn.current === id;
    downOn.current = null;
    // the session's select below may have taken this squeeze already
    if (!pressed || !e.uv || performance.now() - lastPress_ms.current < SAME_SQUEEZE_MS) return;
    lastPress_ms.current = performance.now();
    act(id, e.uv.x, e.uv.y);
  };
  // A controller's ray also presses with the session's select (trigger pulled and let go) on the point it
  // is over: a quick squeeze can fall between two headset frames, where the ray's down and up are not seen.
  const hover = useRef<{ id: ScreenId; u: number; v: number } | null>(null);
  const over = (id: ScreenId) => (e: ThreeEvent<PointerEvent>) => {
    if (e.pointerType === 'ray' && e.uv) hover.current = { id, u: e.uv.x, v: e.uv.y };
  };
  const out = (id: ScreenId) => (e: ThreeEvent<PointerEvent>) => {
    if (e.pointerType === 'ray' && hover.current?.id === id) hover.current = null;
  };
  useEffect(() => {
    if (!session) return;
    const select = () => {
      const h = hover.current;
      if (!h || performance.now() - lastPress_ms.current < SAME_SQUEEZE_MS) return;
      lastPress_ms.current = performance.now();
      act(h.id, h.u, h.v);
    };
    session.addEventListener('select', select);
    return () => session.removeEventListener('select', select);
  });

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
            onPointerUp={up(s.id)}
            onPointerMove={over(s.id)}
            onPointerOut={out(s.id)}
          >
            <planeGeometry args={[SCREEN_W_M, SCREEN_H_M]} />
            <meshBasicMaterial map={s.texture} toneMapped={false} />
          </mesh>
        );
      })}
    </group>
  );
}
