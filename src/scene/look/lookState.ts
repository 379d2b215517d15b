import { daylight, type Daylight } from './daylight';

// The look's state shared by its parts within a frame: the current daylight (written by Lighting when
// the plant clock moves the sun, read by the night lights), a version that changes with it, and whether
// the sky map has loaded. Plain module state, as the frame loop must not allocate or re-render.
export const look: { daylight: Daylight; version: number; envReady: boolean } = {
  daylight: daylight(45),
  version: 0,
  envReady: false,
};
