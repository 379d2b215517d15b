import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

// How the desktop 3D view is looked at: the camera mode, see-through tanks, where the camera should fly
// next, and whether a handwheel holds the orbit camera still.

export type ViewMode = 'orbit' | 'walk';

export interface CameraState {
  /** Desktop camera: orbit round the plant or walk through it. */
  view: ViewMode;
  /** Tanks drawn see-through, showing level and temperature layers. */
  cutaway: boolean;
  /** Where the orbit camera should fly next; seq changes on every request so the same point can repeat. */
  focus: { x: number; y: number; z: number; seq: number; from?: [number, number, number] } | null;
  /** A handwheel is being turned: the orbit camera holds still. */
  dragging: boolean;
  /** Turn the walk view to this heading (yaw, rad; 0 looks −z) and tilt; seq changes on every request. */
  face: { yaw_rad: number; pitch_rad: number; seq: number } | null;
}

export const cameraStore = createStore<CameraState>(() => ({
  view: 'orbit',
  cutaway: true,
  focus: null,
  dragging: false,
  face: null,
}));

export function useCamera<T>(sel: (s: CameraState) => T): T {
  return useStore(cameraStore, sel);
}

/** Fly the orbit camera to a point (or, in walk mode, put the walker in front of it). */
export function focusOn(x: number, y: number, z: number, from?: [number, number, number]): void {
  const f = cameraStore.getState().focus;
  cameraStore.setState({ focus: { x, y, z, seq: (f?.seq ?? 0) + 1, ...(from && { from }) } });
}

/** Turn the walk view to a heading and tilt (a trainee put at the console looks at its screens). */
export function faceWalker(yaw_rad: number, pitch_rad = 0): void {
  cameraStore.setState({ face: { yaw_rad, pitch_rad, seq: (cameraStore.getState().face?.seq ?? 0) + 1 } });
}
