// A content hash for plant files, scenarios and records: FNV-1a, 2 × 32 bits, over a canonical JSON (keys
// sorted at every level), so the same content hashes the same whatever order its keys were written in.
// Synchronous and dependency-free: the worker, the page, the CLI and the station compute the same value.

/** JSON with object keys sorted at every level; undefined members left out as JSON.stringify does. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? 'null' : canonicalJson(x))).join(',')}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o)
    .filter((k) => o[k] !== undefined && typeof o[k] !== 'function')
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
}

/** FNV-1a over a string, 2 × 32 bits as 16 hex digits. */
export function fnv64(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 13);
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}

const cache = new WeakMap<object, string>();

/** The hash of a parsed document's content (cached per object: plant data is not mutated once loaded). */
export function contentHash(doc: object): string {
  let h = cache.get(doc);
  if (h === undefined) {
    h = fnv64(canonicalJson(doc));
    cache.set(doc, h);
  }
  return h;
}
