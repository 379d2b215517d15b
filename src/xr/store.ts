import { createXRStore } from '@react-three/xr';

// The XR session store. Controller and hand models are served by the app itself (copied from
// @webxr-input-profiles/assets at build time), so a headset works offline and the emulator works on
// a closed network. On localhost with no native WebXR, iwer emulates a Quest 3 for development and tests.
const profiles = typeof location !== 'undefined' ? new URL('webxr-profiles/', location.href).href : undefined;

export const xrStore = createXRStore({
  emulate: { type: 'metaQuest3', syntheticEnvironment: false, inject: { hostname: 'localhost' } },
  baseAssetPath: profiles,
  frameRate: 'high',
  foveation: 1,
  offerSession: false,
  // left hand teleports (hold the trigger, aim the arc, release), right hand points and grabs
  controller: { left: { teleportPointer: true, rayPointer: false }, right: { teleportPointer: false } },
  hand: { teleportPointer: false },
  hitTest: true,
  domOverlay: true,
});
