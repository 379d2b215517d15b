import type { SimState } from './state';

// Snapshots are the whole state as plain data. JSON keeps every double exactly (shortest round-trip
// form), so a run continued from a restored snapshot is bit-identical to the run that never stopped.

export interface Snapshot {
  format: 'tanktwin-snapshot';
  version: 1;
  plantName: string;
  state: SimState;
  /** A scenario running with the plant (its definition and run state), opaque to the model. */
  scenario?: unknown;
}

export function takeSnapshot(s: SimState, plantName: string): Snapshot {
  return { format: 'tanktwin-snapshot', version: 1, plantName, state: structuredClone(s) };
}

export function restoreSnapshot(snap: Snapshot): SimState {
  return structuredClone(snap.state);
}

/** FNV-1a over the state's JSON, 2 × 32 bits: equal hashes ⇔ (practically) equal states. */
export function hashState(s: SimState, includeEvents = true): string {
  const json = JSON.stringify(includeEvents ? s : { ...s, events: [] });
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 13);
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}
