import { useEffect } from 'react';
import { usePlant, usePlantConnection } from '../app/PlantConnection';
import type { PlantData } from '../sim/plant/schema';
import { cameraStore, faceWalker, focusOn } from '../state/camera';
import { rig } from '../state/xrRig';
import { EYE_HEIGHT_M } from '../scene/CameraRig';
import { SCREEN_CENTRE_Y_M, SCREEN_RADIUS_M, controlRoomOf, screenPlacements, startPoseFor } from './room';

export { startPoseFor };

// A control-room exercise (scenario role "console") starts the trainee at the console: the walker stands
// at it facing the screens (in VR the origin follows the walker), and the orbit view looks over their
// shoulder at the screens. A scenario's own startAt wins.

export function useConsoleStart(plant: PlantData): void {
  const conn = usePlantConnection();
  const runId = usePlant((s) => s.training?.runId);
  useEffect(() => {
    const tr = conn.store.getState().training;
    if (!tr) return;
    const pose = startPoseFor(tr.scenario.role, tr.scenario.initial.startAt, plant.buildings);
    if (!pose) return;
    void conn.api.teleport(pose.x, 0, pose.z);
    rig.yaw = pose.yaw_rad;
    // eyes at 1.65 m, the screens' middle at 1.38 m 1.1 m ahead: 14° down
    faceWalker(pose.yaw_rad, Math.atan2(SCREEN_CENTRE_Y_M - EYE_HEIGHT_M, SCREEN_RADIUS_M));
    if (cameraStore.getState().view === 'orbit') {
      const room = controlRoomOf(plant.buildings)!;
      const [, a, b] = screenPlacements(room);
      // from behind the operator's shoulders (the orbit camera keeps 5 m off its target), at the middle screens
      focusOn((a.x + b.x) / 2, a.y, (a.z + b.z) / 2, [pose.x - 3.9, EYE_HEIGHT_M + 0.9, pose.z]);
    }
  }, [runId, conn, plant]);
}
