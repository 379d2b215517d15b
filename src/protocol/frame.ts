import type { PlantData } from '../sim/plant/schema';
import type { LocalText } from '../scenario/schema';
import type { ScenarioResult } from '../scenario/engine';
import type { SimEvent, AlarmPriority, AlarmStateName } from '../sim/events';

/**
 * One published frame: a Float64Array whose first HEADER_LEN slots are the header below and whose
 * rest is every tag's value in the order of EngineInfo.tags. Transferred, never copied.
 */
export const H = {
  t_s: 0,
  speed: 1,
  running: 2,
  playerX: 3,
  playerY: 4,
  playerZ: 5,
  playerYaw: 6,
  step: 7,
  seq: 8,
  grounded: 9,
  wallMs: 10, // the worker's wall time spent stepping in the last tick
  scenarioElapsed: 11, // s of plant time since the scenario began; −1 when none runs
  scenarioLimit: 12,
  hourOfDay: 13, // the plant clock's hour of the day, 0–24 (where the sun stands)
} as const;
/** Portable items (detector, extinguishers): x, y, z, held (0/1), reading, from slot ITEM_BASE. */
export const ITEM_BASE = 16;
export const ITEM_STRIDE = 5;
export const MAX_ITEMS = 6;
export const HEADER_LEN = ITEM_BASE + ITEM_STRIDE * MAX_ITEMS;

export interface ItemInfo {
  tag: string;
  kind: 'gasDetector' | 'extinguisher';
  name: string;
}

export interface TagInfo {
  name: string;
  unit: string;
  description: string;
}

export interface AlarmView {
  id: string;
  tag: string;
  priority: AlarmPriority;
  state: AlarmStateName;
  message: string;
  raisedAt_s: number;
  /** ISA-18.2 class when not a process alarm: 'advisory' (the live twin's early warnings; never sounded). */
  alarmClass?: 'advisory';
}

export interface TruckView {
  arm: string;
  x: number;
  y: number;
  z: number;
}

export interface EngineInfo {
  /** The validated plant: the page builds the scene from it and never validates on its own. */
  plant: PlantData;
  plantName: string;
  tags: TagInfo[];
  dt_s: number;
  items: ItemInfo[];
}

export interface ScenarioStatus {
  id: string;
  runId: string;
  messages: { t_s: number; text: LocalText }[];
  stepsDone: boolean[];
  hintsUsed: number;
  ended: { t_s: number; reason: string } | null;
  result: ScenarioResult | null;
}

export interface Frame {
  values: Float64Array;
  events: SimEvent[];
  /** Present when the annunciated alarm list changed since the last frame. */
  alarms?: AlarmView[];
  /** Present when the running scenario's status changed since the last frame. */
  scenario?: ScenarioStatus | null;
}

export interface PlayerInput {
  /** Desired walk direction in the player's frame, each −1..1. */
  forward: number;
  right: number;
  yaw: number; // radians, heading of the view
  run: boolean;
}

export const SPEED_MIN = 0.1;
export const SPEED_MAX = 1000;

/** Fields of one portable item's slot group, from ITEM_BASE + k · ITEM_STRIDE. */
export const ITEM = { x: 0, y: 1, z: 2, held: 3, reading: 4 } as const;

/** The value of the tag at `tagIndex` (its place in EngineInfo.tags) in a frame's values. */
export function frameValue(values: Float64Array, tagIndex: number): number {
  return values[HEADER_LEN + tagIndex];
}

/** Whether a frame's values hold any tags yet (the page starts from an empty header-only buffer). */
export function hasTagValues(values: Float64Array): boolean {
  return values.length > HEADER_LEN;
}

/** One field of portable item k in a frame's values. */
export function itemValue(values: Float64Array, k: number, field: keyof typeof ITEM): number {
  return values[ITEM_BASE + k * ITEM_STRIDE + ITEM[field]];
}

/** A header-only buffer for before the first frame arrives. */
export function emptyFrameValues(): Float64Array {
  return new Float64Array(HEADER_LEN);
}
