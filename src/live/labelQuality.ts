import { Q, type QualityReader } from '../app/quality';

/** For each labelled piece of equipment, the indices of its tags (`<prefix>.*`) in the plant's order. */
export function labelQualityIndex(
  equipment: readonly { tagPrefix: string }[],
  tagIndex: ReadonlyMap<string, number>,
): Int32Array[] {
  const byPrefix = new Map<string, number[]>();
  for (const [name, i] of tagIndex) {
    const p = name.slice(0, name.indexOf('.'));
    let l = byPrefix.get(p);
    if (!l) byPrefix.set(p, (l = []));
    l.push(i);
  }
  return equipment.map((e) => Int32Array.from(byPrefix.get(e.tagPrefix) ?? []));
}

/**
 * The label frame of each piece of equipment from its tags' quality: 2 when any is bad or stale, 1 when any is
 * uncertain, else 0. Writes into `out`; returns whether anything changed (so the GPU copy is refreshed only
 * then). No allocation: it runs in the frame loop.
 */
export function labelTint(q: QualityReader, tagsOf: readonly Int32Array[], out: Float32Array): boolean {
  let changed = false;
  for (let e = 0; e < tagsOf.length; e++) {
    let tint = 0;
    const list = tagsOf[e];
    for (let k = 0; k < list.length && tint < 2; k++) {
      const c = q.code(list[k]);
      if (c === Q.BAD || c === Q.STALE) tint = 2;
      else if (c === Q.UNCERTAIN) tint = 1;
    }
    if (out[e] !== tint) {
      out[e] = tint;
      changed = true;
    }
  }
  return changed;
}
