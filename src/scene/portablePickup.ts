import type { PlantData } from '../sim/plant/schema';
import type { ItemInfo } from '../protocol/frame';
import { itemValue } from '../protocol/frame';
import { heldItemStore } from '../state/heldItem';
import type { PortableSender } from './portableCommands';

// The pick-up state machine: empty hands → carrying an item (click it, or XR select) → empty again (click
// it again, G, or the HUD). While an extinguisher is carried it can be squeezed: the discharge is aimed at
// whichever burning bay lies within reach in front of the trainee, re-aimed as they move.

export const EXTINGUISHER_REACH_M = 8;
export const REAIM_MS = 200;
const AIM_COS = Math.cos((35 * Math.PI) / 180); // aimed: the fire lies within 35° of where the trainee faces

/** Where the machine reads the items from: a connection's latest frame and the worker's item list. */
export interface ItemFrames {
  latest: Float64Array;
  info: { items: readonly ItemInfo[] } | null;
}

const set = heldItemStore.setState;
const get = heldItemStore.getState;
let lastAim_ms = 0;

export function heldItem(): string | null {
  return get().tag;
}

/** Click on an item: pick it up (dropping what was carried), or put it down if it is the one carried. */
export function toggleItem(sender: PortableSender, tag: string): void {
  const held = get().tag;
  if (held === tag) return putDown(sender);
  if (held) sender.hold(held, false);
  set({ tag });
  sender.hold(tag, true);
}

/** Put down whatever is carried: it falls and comes to rest (G key, or the HUD's button). */
export function putDown(sender: PortableSender): void {
  const held = get().tag;
  if (!held) return;
  applyExtinguisher(sender, false);
  sender.hold(held, false);
  set({ tag: null });
}

/** Squeeze or release the carried extinguisher; returns whether it discharges now. */
export function applyExtinguisher(sender: PortableSender, on: boolean): boolean {
  const discharging = on && get().tag !== null;
  set({ discharging });
  if (!discharging) aimAt(sender, null);
  return discharging;
}

function aimAt(sender: PortableSender, bay: string | null): void {
  const was = get().aimedBay;
  if (bay === was) return;
  if (was) sender.extinguish(was, false);
  if (bay) sender.extinguish(bay, true);
  set({ aimedBay: bay });
}

/** Where the trainee faces, on the ground plane (need not be unit length). */
export interface Facing {
  x: number;
  z: number;
}

/**
 * The bay the carried extinguisher, at (x, z), can reach in front of the trainee, or null.
 * `bays` is the plant's bays flattened once by the caller (no allocation per call).
 */
export function bayInReach(
  bays: readonly PlantData['loading']['stations'][number]['bays'][number][],
  x: number,
  z: number,
  facing: Facing,
): string | null {
  const fl = Math.hypot(facing.x, facing.z) || 1;
  let best: string | null = null;
  let bestD = EXTINGUISHER_REACH_M;
  for (const b of bays) {
    const dx = b.position.x - x;
    const dz = b.position.z + 4 - z;
    const d = Math.hypot(dx, dz);
    if (d > 1 && (dx * facing.x + dz * facing.z) / (d * fl) < AIM_COS) continue;
    if (d < bestD) {
      bestD = d;
      best = b.tag;
    }
  }
  return best;
}

/** Index of the carried item among the worker's items when it is of the given kind, else −1. */
function heldIndex(items: readonly ItemInfo[], kind: ItemInfo['kind']): number {
  const tag = get().tag;
  if (!tag) return -1;
  for (let k = 0; k < items.length; k++) if (items[k].tag === tag) return items[k].kind === kind ? k : -1;
  return -1;
}

/** Called from the frame loop: keeps the discharge aimed while the extinguisher is squeezed. */
export function updateDischarge(
  c: ItemFrames,
  sender: PortableSender,
  now_ms: number,
  bays: readonly PlantData['loading']['stations'][number]['bays'][number][],
  facing: Facing,
): void {
  if (!get().discharging || now_ms - lastAim_ms < REAIM_MS) return;
  lastAim_ms = now_ms;
  const k = c.info ? heldIndex(c.info.items, 'extinguisher') : -1;
  if (k < 0) return aimAt(sender, null);
  aimAt(sender, bayInReach(bays, itemValue(c.latest, k, 'x'), itemValue(c.latest, k, 'z'), facing));
}

/** What the carried gas detector reads (ppm), or null when none is carried. */
export function detectorReading(c: ItemFrames): number | null {
  const k = c.info ? heldIndex(c.info.items, 'gasDetector') : -1;
  return k < 0 ? null : itemValue(c.latest, k, 'reading');
}

export const HOLD_SEND_MS = 33;
let lastSend_ms = 0;

/** Called from the frame loop: the carried item follows the hand to (x, y, z), sent at most every HOLD_SEND_MS. */
export function carryTo(sender: PortableSender, now_ms: number, x: number, y: number, z: number): void {
  const tag = get().tag;
  if (!tag || now_ms - lastSend_ms < HOLD_SEND_MS) return;
  lastSend_ms = now_ms;
  sender.move(tag, x, y, z);
}
