import { createXRStore } from '@react-three/xr';

// The XR session store. Controller and hand models are served by the app itself (copied from
// @webxr-input-profiles/assets at build time), so a headset works offline and the emulator works on
// a closed network. On localhost with no native WebXR, iwer emulates a Quest 3 for development and tests
// (installed by installEmulator below, without the emulator's own control panel, so that scripted
// poses are not overwritten by it).
const profiles = typeof location !== 'undefined' ? new URL('webxr-profiles/', location.href).href : undefined;

export const xrStore = createXRStore({
  emulate: false,
  baseAssetPath: profiles,
  frameRate: 'high',
  foveation: 1,
  offerSession: false,
  // the left trigger teleports (xr/Teleport.tsx), so the left controller shows no pointing ray
  controller: { left: { rayPointer: false } },
  hitTest: true,
  domOverlay: true,
});

type Emulator = import('iwer').XRDevice;
export const emulator: { device: Emulator | null } = { device: null };

/** On localhost without a native WebXR runtime, install an emulated Meta Quest 3. */
export async function installEmulator(): Promise<Emulator | null> {
  if (typeof location === 'undefined' || location.hostname !== 'localhost' || 'xr' in navigator) return null;
  const { XRDevice, metaQuest3 } = await import('iwer');
  const device = new XRDevice(metaQuest3);
  device.ipd = 0;
  device.installRuntime();
  emulator.device = device;
  return device;
}
