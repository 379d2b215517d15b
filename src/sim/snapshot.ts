import type { SimState } from './state';
import type { PlantData } from './plant/schema';
import { contentHash, fnv64 } from './contentHash';
import { copyProps } from './props/bitumen';

// Snapshots are the whole state as plain data. JSON keeps every double exactly (shortest round-trip
// form), so a run continued from a restored snapshot is bit-identical to the run that never stopped.
// A snapshot names its format version and the plant it was taken on (name and content hash), so one
// from another plant, an edited plant file or a newer app is refused with a message instead of
// producing NaN or a TypeError in the worker loop (checkSnapshot).

/** 1: no plant hash. 2: the plant's content hash. 3: unit suffixes on the state's last bare fields, layers resolving the coil zone. */
export const SNAPSHOT_VERSION = 3;

/**
 * State fields renamed in version 3 (new name → the name older snapshots use): an older snapshot's value
 * is taken under its new name, so nothing is lost to the template's default.
 */
const RENAMED_V3: Readonly<Record<string, string>> = {
  valvePos_frac: 'valvePos',
  valveTarget_frac: 'valveTarget',
  blockPos_frac: 'blockPos',
  outletPos_frac: 'outletPos',
  outletTarget_frac: 'outletTarget',
  receiptPos_frac: 'receiptPos',
  receiptTarget_frac: 'receiptTarget',
  h_J_kg: 'h',
  speed_frac: 'speed',
  fire_frac: 'fire',
  firing_frac: 'firing',
  hHeater_J_kg: 'hHeater',
  hReturn_J_kg: 'hReturn',
  startHour_h: 'startHour',
  cloudCover_frac: 'cloudCover',
  output_frac: 'output',
};

export interface Snapshot {
  format: 'tanktwin-snapshot';
  version: number;
  plantName: string;
  /** contentHash of the plant data; absent in version 1 and in snapshots taken from a bare name. */
  plantHash?: string;
  state: SimState;
  /** A scenario running with the plant (its definition and run state), opaque to the model. */
  scenario?: unknown;
}

export function takeSnapshot(s: SimState, plant: PlantData | string): Snapshot {
  const id =
    typeof plant === 'string' ? { plantName: plant } : { plantName: plant.name, plantHash: contentHash(plant) };
  return { format: 'tanktwin-snapshot', version: SNAPSHOT_VERSION, ...id, state: structuredClone(s) };
}

/** The state of a snapshot, as is. Only for snapshots this plant took itself; others go through checkSnapshot. */
export function restoreSnapshot(snap: Snapshot): SimState {
  const s = structuredClone(snap.state);
  // back into the one shape the step reads without boxing (copyProps says why); same keys, same order
  for (const tank of s.tanks) tank.props = copyProps(tank.props);
  return s;
}

export class SnapshotError extends Error {
  override name = 'SnapshotError';
}

export type SnapshotCheck = { ok: true; snapshot: Snapshot; migrated: string[] } | { ok: false; message: string };

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Check a snapshot from outside (a stored record, a file) against the plant it is to be restored on. The
 * template is a state of that plant (a fresh one): the snapshot's state must have its shape. Fields the
 * template has and the snapshot lacks (an older app's snapshot) are migrated with the template's values
 * and listed; a wrong type, a wrong array length (another plant) or a non-finite number is refused.
 */
export function checkSnapshot(raw: unknown, plant: PlantData, template: SimState): SnapshotCheck {
  const no = (message: string): SnapshotCheck => ({ ok: false, message });
  if (!isObj(raw) || raw.format !== 'tanktwin-snapshot') return no('this is not a TankTwin snapshot');
  const v = raw.version;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1)
    return no(`the snapshot has no valid format version (${String(v)})`);
  if (v > SNAPSHOT_VERSION)
    return no(
      `the snapshot is format version ${v}, newer than this app reads (${SNAPSHOT_VERSION}); update the app to resume it`,
    );
  if (raw.plantName !== plant.name)
    return no(`the snapshot was taken on the plant "${String(raw.plantName)}", not on "${plant.name}"`);
  if (raw.plantHash !== undefined && raw.plantHash !== contentHash(plant))
    return no(
      `the snapshot was taken on another version of the plant "${plant.name}" (its file has changed since); it cannot be resumed on this one`,
    );
  if (!isObj(raw.state)) return no('the snapshot holds no plant state');
  const migrated: string[] = [];
  const problems: string[] = [];
  const state = conform(raw.state, template, 'state', migrated, problems);
  if (problems.length)
    return no(
      `the snapshot does not fit the plant "${plant.name}": ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''}`,
    );
  // layers were equal masses before they resolved the coil zone: an older snapshot's layers keep that
  for (const [i, tank] of (state as SimState).tanks.entries())
    if (migrated.includes(`state.tanks[${i}].layerMass_frac`))
      tank.layerMass_frac = tank.h_J_kg.map(() => 1 / tank.h_J_kg.length);
  const snapshot: Snapshot = {
    format: 'tanktwin-snapshot',
    version: SNAPSHOT_VERSION,
    plantName: plant.name,
    plantHash: contentHash(plant),
    state: state as SimState,
    ...(raw.scenario !== undefined && { scenario: raw.scenario }),
  };
  return { ok: true, snapshot, migrated };
}

/** Check a snapshot and throw a SnapshotError with the reason when it cannot be restored on this plant. */
export function checkedSnapshot(raw: unknown, plant: PlantData, template: SimState): Snapshot {
  const r = checkSnapshot(raw, plant, template);
  if (!r.ok) throw new SnapshotError(r.message);
  return r.snapshot;
}

// Arrays whose length follows the plant (tanks, pumps, alarms…) must match; logs (events) may differ.
const FREE_LENGTH = new Set(['state.events']);
// Lists a newer app appends to (alarm definitions are built with the newest last): an older one is a prefix.
const GROWN = new Set(['state.alarms']);

function conform(v: unknown, t: unknown, path: string, migrated: string[], problems: string[]): unknown {
  if (v === undefined) {
    migrated.push(path);
    return structuredClone(t);
  }
  if (typeof t === 'number') {
    if (typeof v !== 'number' || (Number.isFinite(t) && !Number.isFinite(v)))
      problems.push(`${path} is ${typeof v === 'number' ? v : typeof v}, not a number`);
    return v;
  }
  if (t === null || typeof t !== 'object') {
    if (t !== null && v !== null && typeof v !== typeof t) problems.push(`${path} is a ${typeof v}, not a ${typeof t}`);
    return v;
  }
  if (Array.isArray(t)) {
    if (!Array.isArray(v)) {
      problems.push(`${path} is not a list`);
      return v;
    }
    if (FREE_LENGTH.has(path) || t.length === 0) return v;
    if (GROWN.has(path) && v.length < t.length) {
      // alarms added since (appended at the end): the older list is a prefix, the new ones start normal
      migrated.push(`${path}[${v.length}…${t.length - 1}]`);
      const head = v.map((x, i) => conform(x, t[i], `${path}[${i}]`, migrated, problems));
      return head.concat(structuredClone(t.slice(v.length)));
    }
    if (v.length !== t.length) {
      problems.push(`${path} has ${v.length} entries where this plant has ${t.length}`);
      return v;
    }
    return v.map((x, i) => conform(x, t[i], `${path}[${i}]`, migrated, problems));
  }
  if (ArrayBuffer.isView(t)) return v;
  if (!isObj(v)) {
    problems.push(`${path} is not an object`);
    return v;
  }
  const out: Record<string, unknown> = { ...v };
  for (const k of Object.keys(t)) {
    const old = RENAMED_V3[k];
    if (v[k] === undefined && old !== undefined && v[old] !== undefined) {
      // a field of an older snapshot under its old name: carried over, and listed as migrated
      out[k] = conform(v[old], (t as Record<string, unknown>)[k], `${path}.${k}`, migrated, problems);
      delete out[old];
      migrated.push(`${path}.${old} → ${k}`);
      continue;
    }
    out[k] = conform(v[k], (t as Record<string, unknown>)[k], `${path}.${k}`, migrated, problems);
  }
  return out;
}

/** FNV-1a over the state's JSON, 2 × 32 bits: equal hashes ⇔ (practically) equal states. */
export function hashState(s: SimState, includeEvents = true): string {
  return fnv64(JSON.stringify(includeEvents ? s : { ...s, events: [] }));
}
