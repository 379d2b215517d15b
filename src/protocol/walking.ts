// Walking geometry shared by the worker's physics and the page's drawing: pure numbers, no physics engine,
// so the page can draw the stairs and pace the VR walk without loading rapier.

export const PLAYER_HEIGHT_M = 1.75;
export const PLAYER_RADIUS_M = 0.3;
export const WALK_M_S = 1.4; // comfortable walking pace
export const RUN_M_S = 3.5;
export const STAIR_RISE_M = 0.2;

/** The spiral stair of a tank as steps: angle and height of each tread, climbing clockwise around the shell. */
export function stairSteps(shellHeight: number): { angle: number; y: number }[] {
  const n = Math.ceil(shellHeight / STAIR_RISE_M);
  const out = [];
  for (let i = 1; i <= n; i++) out.push({ angle: (i / n) * Math.PI * 1.5, y: i * STAIR_RISE_M });
  return out;
}
