// The XR origin's heading: snap or smooth turning changes it; recentre sets it back to facing east
// along the tank farm. Module state, read in the frame loop.
export const START_YAW = -Math.PI / 2;
export const rig = { yaw: START_YAW, origin: null as import('three').Object3D | null };

export function recentre(): void {
  rig.yaw = START_YAW;
}

export const SEATED_RAISE_M = 0.45; // a seated trainee's eyes are this much lower than a standing one's
