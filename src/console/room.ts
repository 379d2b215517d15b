// The control room's shell and the operator console in it, worked out from the plant's control-room
// building alone (pure: the worker's walls, the scene's drawing and the start pose all come from here).
// The operator stands facing east, towards the tank farm, with four screens on an arc before them; the
// door is in the south wall near the south-east corner, where the portable gas detector lies outside.

/** An axis-aligned box (centre and full size, metres), turned by yaw_rad about its vertical axis. */
export interface Box {
  x: number;
  y: number;
  z: number;
  sx: number;
  sy: number;
  sz: number;
  yaw_rad: number;
}

/** The part of a plant building this needs (src/sim/plant/schema.ts buildings[]). */
export interface RoomBuilding {
  kind: string;
  position: { x: number; z: number };
  size: { x: number; y: number; z: number };
}

export const WALL_M = 0.25;
export const DOOR_WIDTH_M = 1.4;
export const DOOR_HEIGHT_M = 2.3;
/** The east wall's window band, sill to head, so the farm is seen from the console. */
export const WINDOW_SILL_M = 1.1;
export const WINDOW_HEAD_M = 2.6;
/** Screens on an arc this far from the operator's eyes: 1° of view is 19 mm of text there. */
export const SCREEN_RADIUS_M = 1.1;
export const SCREEN_W_M = 0.6;
export const SCREEN_H_M = 0.375; // 16:10, as the 1024×640 canvas
export const SCREEN_CENTRE_Y_M = 1.38;
/** Screen angles from straight ahead, left to right as the operator sees them (+ is to their right). */
export const SCREEN_ANGLES_DEG = [-48, -16, 16, 48] as const;
export const SCREEN_IDS = ['alarms', 'overview', 'faceplate', 'trends'] as const;
export type ScreenId = (typeof SCREEN_IDS)[number];
const DESK_DEPTH_M = 0.7;
const DESK_HEIGHT_M = 0.75;

/** The plant's control room (the first building of that kind), or null when it has none. */
export function controlRoomOf<B extends RoomBuilding>(buildings: readonly B[]): B | null {
  return buildings.find((b) => b.kind === 'controlRoom') ?? null;
}

/** Where a scenario of this role starts the trainee, or null where it leaves them be. */
export function startPoseFor(
  role: string,
  startAt: { x: number; z: number } | undefined,
  buildings: readonly RoomBuilding[],
): { x: number; z: number; yaw_rad: number } | null {
  if (role !== 'console' || startAt) return null;
  const room = controlRoomOf(buildings);
  return room ? consolePose(room) : null;
}

/** Where the operator stands at the console (feet) and which way they face (walker yaw; 0 looks −z). */
export function consolePose(b: RoomBuilding): { x: number; z: number; yaw_rad: number } {
  const x1 = b.position.x + b.size.x / 2;
  // the screens' far edge a little over a metre short of the east wall, leaving room behind them
  return { x: x1 - WALL_M - 1.0 - SCREEN_RADIUS_M, z: b.position.z, yaw_rad: -Math.PI / 2 };
}

/**
 * Each screen's centre and facing (yaw of the plane whose front is +z), left to right. The operator faces
 * +x; to their right is +z, so an angle a puts a screen at (cos a, sin a)·R from them, turned to face back.
 */
export function screenPlacements(b: RoomBuilding, eyeY_m = SCREEN_CENTRE_Y_M): Box[] {
  const p = consolePose(b);
  return SCREEN_ANGLES_DEG.map((deg) => {
    const a = (deg * Math.PI) / 180;
    return {
      x: p.x + Math.cos(a) * SCREEN_RADIUS_M,
      y: eyeY_m,
      z: p.z + Math.sin(a) * SCREEN_RADIUS_M,
      sx: SCREEN_W_M,
      sy: SCREEN_H_M,
      sz: 0.03,
      yaw_rad: Math.atan2(-Math.cos(a), -Math.sin(a)),
    };
  });
}

const box = (x: number, y: number, z: number, sx: number, sy: number, sz: number, yaw_rad = 0): Box => ({
  x,
  y,
  z,
  sx,
  sy,
  sz,
  yaw_rad,
});

/**
 * The walls and roof a person cannot pass (the worker's colliders and the drawn shell): full north and
 * west walls, the south wall with its door, the east wall below and above its window band.
 */
export function roomWalls(b: RoomBuilding): Box[] {
  const { x: cx, z: cz } = b.position;
  const { x: sx, y: h, z: sz } = b.size;
  const x0 = cx - sx / 2;
  const x1 = cx + sx / 2;
  const z0 = cz - sz / 2;
  const z1 = cz + sz / 2;
  const t = WALL_M;
  // the door's opening along x, 1.5 m in from the east wall's inner face
  const d1 = x1 - t - 1.5;
  const d0 = d1 - DOOR_WIDTH_M;
  const band = WINDOW_HEAD_M - WINDOW_SILL_M;
  return [
    box(cx, h / 2, z0 + t / 2, sx, h, t), // north
    box(x0 + t / 2, h / 2, cz, t, h, sz - 2 * t), // west
    box((x0 + d0) / 2, h / 2, z1 - t / 2, d0 - x0, h, t), // south, west of the door
    box((d1 + x1) / 2, h / 2, z1 - t / 2, x1 - d1, h, t), // south, east of the door
    box((d0 + d1) / 2, (DOOR_HEIGHT_M + h) / 2, z1 - t / 2, DOOR_WIDTH_M, h - DOOR_HEIGHT_M, t), // lintel
    box(x1 - t / 2, WINDOW_SILL_M / 2, cz, t, WINDOW_SILL_M, sz - 2 * t), // east, below the windows
    box(x1 - t / 2, (WINDOW_HEAD_M + h) / 2, cz, t, h - WINDOW_HEAD_M, sz - 2 * t), // east, above
    box(x1 - t / 2, WINDOW_SILL_M + band / 2, z0 + t + 0.5, t, band, 1), // window piers at the corners
    box(x1 - t / 2, WINDOW_SILL_M + band / 2, z1 - t - 0.5, t, band, 1),
    box(cx, h - 0.1, cz, sx, 0.2, sz), // roof
  ];
}

/** The console's desks, one under each screen, turned with it (drawn; a person may lean over them). */
export function deskBoxes(b: RoomBuilding): Box[] {
  const p = consolePose(b);
  return SCREEN_ANGLES_DEG.map((deg) => {
    const a = (deg * Math.PI) / 180;
    const r = SCREEN_RADIUS_M - DESK_DEPTH_M / 2 + 0.1;
    return box(
      p.x + Math.cos(a) * r,
      DESK_HEIGHT_M / 2,
      p.z + Math.sin(a) * r,
      SCREEN_W_M + 0.02,
      DESK_HEIGHT_M,
      DESK_DEPTH_M,
      Math.atan2(-Math.cos(a), -Math.sin(a)),
    );
  });
}
