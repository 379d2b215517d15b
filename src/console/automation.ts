import { useEffect } from 'react';
import type { PlantData } from '../sim/plant/schema';
import { automationMode } from '../app/automationMode';
import { consoleDrawStats, consoleStore } from './consoleStore';
import { radioAudio } from './radioSound';
import { controlRoomOf, SCREEN_H_M, SCREEN_IDS, SCREEN_W_M, screenPlacements, type ScreenId } from './room';
import { SCREEN_PX_H, SCREEN_PX_W } from './layout';

// window.tanktwinConsole in automation mode: where a point of a console screen is in the world (a test
// aims the mouse or the controller there), what the console shows, and the radio calls heard.

/** A canvas pixel of a screen as a world point: the plane's local (x right, y up) turned by its yaw. */
export function screenPointWorld(
  p: { x: number; y: number; z: number; yaw_rad: number },
  px: number,
  py: number,
): { x: number; y: number; z: number } {
  const lx = (px / SCREEN_PX_W - 0.5) * SCREEN_W_M;
  const ly = (0.5 - py / SCREEN_PX_H) * SCREEN_H_M;
  return { x: p.x + lx * Math.cos(p.yaw_rad), y: p.y + ly, z: p.z - lx * Math.sin(p.yaw_rad) };
}

export function useConsoleAutomation(plant: PlantData): void {
  useEffect(() => {
    const room = controlRoomOf(plant.buildings);
    if (!room || !automationMode()) return;
    const placements = screenPlacements(room);
    const api = {
      screenPoint: (screen: ScreenId, px: number, py: number) =>
        screenPointWorld(placements[SCREEN_IDS.indexOf(screen)], px, py),
      state: () => {
        const s = consoleStore.getState();
        return {
          tank: s.tank,
          span_s: s.span_s,
          radio: s.radio,
          calls: s.calls,
          presses: s.presses,
          refused: s.refused,
        };
      },
      sounded: () => radioAudio.calls,
      /** The screens' redraws so far and how long one took (ms, canvas work on the main thread). */
      drawStats: () => ({ ...consoleDrawStats }),
    };
    (window as unknown as { tanktwinConsole?: typeof api }).tanktwinConsole = api;
    return () => void delete (window as unknown as { tanktwinConsole?: typeof api }).tanktwinConsole;
  }, [plant]);
}
