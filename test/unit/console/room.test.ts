import { describe, expect, it } from 'vitest';
import {
  consolePose,
  controlRoomOf,
  deskBoxes,
  roomWalls,
  screenPlacements,
  type Box,
  startPoseFor,
  type RoomBuilding,
} from '../../../src/console/room';

import { screenPointWorld } from '../../../src/console/automation';
import { plantCopy } from '../helpers';

// CR-1 of the default plant: centre (−30, −15), 14 m east–west, 10 m north–south, 4.5 m high, so its
// outer faces are x −37/−23 and z −20/−10.
const CR1: RoomBuilding = { kind: 'controlRoom', position: { x: -30, z: -15 }, size: { x: 14, y: 4.5, z: 10 } };

const inBox = (b: Box, x: number, y: number, z: number) =>
  Math.abs(x - b.x) <= b.sx / 2 && Math.abs(y - b.y) <= b.sy / 2 && Math.abs(z - b.z) <= b.sz / 2;
const solidAt = (x: number, y: number, z: number) => roomWalls(CR1).some((b) => inBox(b, x, y, z));

describe('the control room and its console', () => {
  it('finds CR-1 in the default plant', () => {
    const cr = controlRoomOf(plantCopy().buildings)!;
    expect(cr.tag).toBe('CR-1');
    expect(cr.position).toEqual(CR1.position);
  });

  it('puts the operator 2.35 m in from the east wall, facing east', () => {
    // −23 − 0.25 wall − 1.0 clearance − 1.1 screen radius = −25.35
    const p = consolePose(CR1);
    expect(p.x).toBeCloseTo(-25.35, 9);
    expect(p.z).toBe(-15);
    expect(p.yaw_rad).toBeCloseTo(-Math.PI / 2, 12); // walker yaw: 0 looks −z, −π/2 looks +x
  });

  it('sets the four screens on a 1.1 m arc, each facing the operator', () => {
    const s = screenPlacements(CR1);
    expect(s).toHaveLength(4);
    // the right-middle screen at 16°: x = −25.35 + 1.1 cos 16° = −24.2926, z = −15 + 1.1 sin 16° = −14.6968
    expect(s[2].x).toBeCloseTo(-24.2926, 3);
    expect(s[2].z).toBeCloseTo(-14.6968, 3);
    // the leftmost is on the operator's left (facing +x, left is −z)
    expect(s[0].z).toBeLessThan(-15);
    for (const p of s) {
      const nx = Math.sin(p.yaw_rad); // the plane's front (+z local) in the world
      const nz = Math.cos(p.yaw_rad);
      const dx = -25.35 - p.x;
      const dz = -15 - p.z;
      const d = Math.hypot(dx, dz);
      expect(d).toBeCloseTo(1.1, 9);
      expect(nx * (dx / d) + nz * (dz / d)).toBeCloseTo(1, 9);
    }
  });

  it('has a door in the south wall and windows to the east, and is closed elsewhere', () => {
    // the door: 1.4 m wide, its east jamb 1.5 m in from the east wall's inner face (x −24.75 … −26.15)
    expect(solidAt(-25.45, 1, -10.1)).toBe(false);
    expect(solidAt(-25.45, 2.5, -10.1)).toBe(true); // the lintel over it
    expect(solidAt(-27, 1, -10.1)).toBe(true);
    expect(solidAt(-24.5, 1, -10.1)).toBe(true);
    // north and west walls are whole
    for (const x of [-36, -30, -24]) expect(solidAt(x, 1, -19.9)).toBe(true);
    for (const z of [-19, -15, -11]) expect(solidAt(-36.9, 1, z)).toBe(true);
    // the east wall: solid to the sill (1.1 m), open to the head (2.6 m), solid above
    expect(solidAt(-23.1, 0.5, -15)).toBe(true);
    expect(solidAt(-23.1, 1.8, -15)).toBe(false);
    expect(solidAt(-23.1, 3, -15)).toBe(true);
    // where the operator stands is free
    expect(solidAt(-25.35, 1, -15)).toBe(false);
  });

  it('puts a desk under each screen, in front of it', () => {
    const s = screenPlacements(CR1);
    deskBoxes(CR1).forEach((d, i) => {
      expect(d.sy).toBeCloseTo(0.75, 9);
      expect(d.yaw_rad).toBe(s[i].yaw_rad);
      expect(Math.hypot(d.x - -25.35, d.z - -15)).toBeLessThan(1.1);
    });
  });

  it('starts a console scenario at the console, and leaves a field one or one with its own start', () => {
    const b = plantCopy().buildings;
    expect(startPoseFor('console', undefined, b)).toEqual(consolePose(CR1));
    expect(startPoseFor('console', { x: 5, z: 5 }, b)).toBeNull();
    expect(startPoseFor('field', undefined, b)).toBeNull();
    expect(startPoseFor('console', undefined, [])).toBeNull();
  });

  it('maps a screen pixel to the world on the plane', () => {
    const p = { x: 0, y: 1, z: 0, yaw_rad: -Math.PI / 2 }; // facing −x: seen from the front, its right is +z
    expect(screenPointWorld(p, 512, 320)).toEqual({ x: 0, y: 1, z: 0 });
    const r = screenPointWorld(p, 1024, 0); // top right: half the width to its right, half the height up
    expect(r.x).toBeCloseTo(0, 9);
    expect(r.y).toBeCloseTo(1 + 0.375 / 2, 9);
    expect(r.z).toBeCloseTo(0.3, 9);
  });
});
