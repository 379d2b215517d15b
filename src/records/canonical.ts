import { canonicalJson, fnv64 } from '../sim/contentHash';
import type { RunRecord } from './schema';

// The canonical form of a training record, for whoever signs or compares records (the station signs the
// records it keeps). It leaves out what changes without changing the evidence: the resume snapshot, the
// time of the last write and when it was sent to a learning record store. Keys sorted at every level.

export function recordCanonical(r: RunRecord): string {
  const { snapshot: _snapshot, updatedAt: _updated, sentAt: _sent, ...evidence } = r;
  return canonicalJson(evidence);
}

/** FNV-1a (64 bits) of the canonical form: equal for equal evidence. Not a signature: the station signs the canonical form. */
export function recordHash(r: RunRecord): string {
  return fnv64(recordCanonical(r));
}
