import { useLayoutEffect, useMemo, useRef } from 'react';
import { Color, Matrix4, Quaternion, Vector3, type InstancedMesh } from 'three';
import type { PlantData } from '../sim/plant/schema';
import { ConsoleScreens } from './ConsoleScreens';
import { RadioCalls } from './RadioCalls';
import { useConsoleStart } from './consoleStart';
import { useConsoleAutomation } from './automation';
import { SCREEN_H_M, SCREEN_W_M, controlRoomOf, deskBoxes, roomWalls, screenPlacements, type Box } from './room';

// The control room CR-1 as a room one can walk into: walls with a door and a window band towards the farm,
// a floor, a roof, and the operator console (desks, monitor housings, four live screens). The shell is one
// instanced mesh (one draw call), each screen one more.

const WALL = new Color('#b8b4aa');
const FLOOR = new Color('#6b7178');
const DESK = new Color('#3c4248');
const m = new Matrix4();
const q = new Quaternion();
const up = new Vector3(0, 1, 0);
const pos = new Vector3();
const size = new Vector3();

export function ControlRoom({ plant }: { plant: PlantData }) {
  const room = controlRoomOf(plant.buildings);
  useConsoleStart(plant);
  useConsoleAutomation(plant);
  if (!room) return null;
  return <Room plant={plant} room={room} />;
}

function Room({ plant, room }: { plant: PlantData; room: PlantData['buildings'][number] }) {
  const shell = useRef<InstancedMesh>(null);
  const placements = useMemo(() => screenPlacements(room), [room]);
  const parts = useMemo(() => {
    const floor: Box = {
      x: room.position.x,
      y: 0.02,
      z: room.position.z,
      sx: room.size.x,
      sy: 0.04,
      sz: room.size.z,
      yaw_rad: 0,
    };
    // each monitor's housing a little larger than its picture, just behind it
    const housings = placements.map((p) => ({
      ...p,
      x: p.x + Math.sin(p.yaw_rad) * -0.02,
      z: p.z + Math.cos(p.yaw_rad) * -0.02,
      sx: SCREEN_W_M + 0.04,
      sy: SCREEN_H_M + 0.04,
      sz: 0.03,
    }));
    return [
      ...roomWalls(room).map((b) => ({ b, c: WALL })),
      { b: floor, c: FLOOR },
      ...deskBoxes(room).map((b) => ({ b, c: DESK })),
      ...housings.map((b) => ({ b, c: DESK })),
    ];
  }, [room, placements]);
  useLayoutEffect(() => {
    const mesh = shell.current!;
    parts.forEach(({ b, c }, i) => {
      q.setFromAxisAngle(up, b.yaw_rad);
      m.compose(pos.set(b.x, b.y, b.z), q, size.set(b.sx, b.sy, b.sz));
      mesh.setMatrixAt(i, m);
      mesh.setColorAt(i, c);
    });
    mesh.instanceMatrix.needsUpdate = true;
    if (mesh.instanceColor) mesh.instanceColor.needsUpdate = true;
    mesh.computeBoundingSphere(); // round the room, not the unit box: culled only when the room is out of view
  }, [parts]);
  return (
    <group name="control-room">
      <instancedMesh ref={shell} args={[undefined, undefined, parts.length]} name="control-room-shell">
        <boxGeometry />
        <meshStandardMaterial roughness={0.9} />
      </instancedMesh>
      <ConsoleScreens plant={plant} placements={placements} />
      <RadioCalls />
    </group>
  );
}
