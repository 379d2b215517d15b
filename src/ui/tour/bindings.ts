import type { StringKey } from '../../i18n/strings';

// What the help panel lists: every keyboard, mouse and VR controller binding the page really has, each
// with the source file that implements it and text that file must contain (test/unit/tour/bindings.test.ts
// reads the files, so a binding changed or removed there fails until this table follows it).

export interface Binding {
  id: string;
  /** KeyboardEvent.code values (keyboard rows); shown as keys by keyLabel(). */
  codes?: readonly string[];
  /** What to press, for mouse and controller rows. */
  input?: StringKey;
  action: StringKey;
  /** File (from the repository root) that implements it. */
  source: string;
  /** Text the source contains while the binding exists. Keyboard rows also need each code, quoted. */
  evidence: readonly string[];
  /** The browser does it (Esc ends pointer lock); the codes are not in our handler. */
  browser?: boolean;
}

const RIG = 'src/scene/CameraRig.tsx';
const PORTABLES = 'src/scene/Portables.tsx';

export const KEYBOARD: readonly Binding[] = [
  { id: 'forward', codes: ['KeyW', 'ArrowUp'], action: 'help.k.forward', source: RIG, evidence: [] },
  { id: 'back', codes: ['KeyS', 'ArrowDown'], action: 'help.k.back', source: RIG, evidence: [] },
  { id: 'left', codes: ['KeyA', 'ArrowLeft'], action: 'help.k.left', source: RIG, evidence: [] },
  { id: 'right', codes: ['KeyD', 'ArrowRight'], action: 'help.k.right', source: RIG, evidence: [] },
  { id: 'run', codes: ['ShiftLeft', 'ShiftRight'], action: 'help.k.run', source: RIG, evidence: [] },
  { id: 'turn', codes: ['KeyQ', 'KeyE'], action: 'a11y.k.turn', source: RIG, evidence: [] },
  {
    id: 'release',
    codes: ['Escape'],
    action: 'help.k.release',
    source: RIG,
    evidence: ['requestPointerLock'],
    browser: true,
  },
  { id: 'extinguish', codes: ['KeyF'], action: 'help.k.extinguish', source: PORTABLES, evidence: [] },
  { id: 'putDown', codes: ['KeyG'], action: 'help.k.putDown', source: PORTABLES, evidence: ['putDown('] },
  {
    id: 'pumpSpeed',
    codes: ['Enter'],
    action: 'help.k.pumpSpeed',
    source: 'src/ui/Faceplate.tsx',
    evidence: ['setPumpSpeed'],
  },
  { id: 'closeOverlay', codes: ['Escape'], action: 'help.k.close', source: 'src/ui/tour/Tour.tsx', evidence: [] },
  {
    id: 'closePanel',
    codes: ['Escape'],
    action: 'a11y.k.closePanel',
    source: 'src/ui/a11y/focus.ts',
    evidence: ['closeOnEscape'],
  },
  // Tab is the browser's; the arrow keys along the toolbar and the map list are ours
  {
    id: 'tab',
    codes: ['Tab'],
    action: 'a11y.k.tab',
    source: 'src/ui/a11y/roving.ts',
    evidence: ['ArrowRight'],
    browser: true,
  },
];

export const MOUSE: readonly Binding[] = [
  {
    id: 'orbit',
    input: 'help.m.leftDrag',
    action: 'help.m.orbit',
    source: RIG,
    evidence: ['<OrbitControls'],
  },
  // three-stdlib's OrbitControls defaults: right button pans, the wheel zooms (within min/maxDistance)
  { id: 'pan', input: 'help.m.rightDrag', action: 'help.m.pan', source: RIG, evidence: ['<OrbitControls'] },
  { id: 'zoom', input: 'help.m.wheel', action: 'help.m.zoom', source: RIG, evidence: ['maxDistance'] },
  {
    id: 'select',
    input: 'help.m.click',
    action: 'help.m.select',
    source: 'src/scene/Equipment.tsx',
    evidence: ['ui.setState({ selected'],
  },
  {
    id: 'look',
    input: 'help.m.clickMove',
    action: 'help.m.look',
    source: RIG,
    evidence: ['requestPointerLock', 'movementX'],
  },
  {
    id: 'handwheel',
    input: 'help.m.pressSweep',
    action: 'help.m.handwheel',
    source: 'src/scene/Handwheels.tsx',
    evidence: ['onPointerDown', 'onPointerMove', 'onPointerUp'],
  },
  { id: 'pickUp', input: 'help.m.clickItem', action: 'help.m.pickUp', source: PORTABLES, evidence: ['toggleItem('] },
];

export const CONTROLLERS: readonly Binding[] = [
  {
    id: 'walk',
    input: 'help.x.leftStick',
    action: 'help.x.walk',
    source: 'src/xr/XrRig.tsx',
    evidence: ['useXRControllerLocomotion'],
  },
  {
    id: 'turn',
    input: 'help.x.rightStick',
    action: 'help.x.turn',
    source: 'src/xr/XrRig.tsx',
    evidence: ["type: 'snap', degrees: 30", "type: 'smooth'"],
  },
  {
    id: 'teleport',
    input: 'help.x.leftTrigger',
    action: 'help.x.teleport',
    source: 'src/xr/Teleport.tsx',
    evidence: ["handedness === 'left'", 'buttons[0]'],
  },
  {
    id: 'point',
    input: 'help.x.rayTrigger',
    action: 'help.x.point',
    source: 'src/scene/Handwheels.tsx',
    evidence: ['XR controller ray', 'onPointerDown'],
  },
  {
    id: 'panel',
    input: 'help.x.rayTrigger',
    action: 'help.x.panel',
    source: 'src/xr/InWorldPanel.tsx',
    evidence: ["type: 'ackAll'"],
  },
  {
    id: 'placeAr',
    input: 'help.x.select',
    action: 'help.x.placeAr',
    source: 'src/xr/ArStage.tsx',
    evidence: ["addEventListener('select'"],
  },
  {
    id: 'recentre',
    input: 'help.x.comfort',
    action: 'help.x.recentre',
    source: 'src/ui/toolbar/ComfortMenu.tsx',
    evidence: ['recentre()'],
  },
];

const ARROWS: Record<string, string> = { ArrowUp: '↑', ArrowDown: '↓', ArrowLeft: '←', ArrowRight: '→' };

/** A key as printed on it: KeyW → W, ArrowUp → ↑, ShiftLeft → Shift, Escape → Esc. */
export function keyLabel(code: string): string {
  if (/^Key[A-Z]$/.test(code)) return code.slice(3);
  if (ARROWS[code]) return ARROWS[code];
  if (code.startsWith('Shift')) return 'Shift';
  if (code === 'Escape') return 'Esc';
  return code;
}

/** The distinct labels of a row's keys, in order (both Shift keys print once). */
export function keyLabels(codes: readonly string[]): string[] {
  return [...new Set(codes.map(keyLabel))];
}
