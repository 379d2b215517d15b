import type { HistorianStore } from '../historian/types';
import type { Mapping, TagMapping } from '../scada/mapping';
import { toEngineering, toRaw } from '../scada/scaling';
import { QUALITIES } from '../protocol/live';

/**
 * A window of measured history in source-time order, as the calibration and the validation replay it:
 * one flat list of samples (tag number, value, quality code, time), sorted by time and, at equal times,
 * by tag name, so the same history always replays the same way however the store returned it.
 */
export interface Recording {
  from_ms: number;
  /** Exclusive. */
  to_ms: number;
  /** Tag names; `tag[j]` indexes this list. */
  tags: string[];
  tag: Int32Array;
  v: Float64Array;
  /** Quality codes in the order of protocol/live.ts QUALITIES (0 good). */
  q: Uint8Array;
  ts_ms: Float64Array;
}

/** Raw samples read per request (keyset paging through the store). */
const PAGE = 50_000;

/** Read the raw samples of `tags` in [from, to) from a historian store (any back-end) into a recording. */
export async function readRecording(
  store: HistorianStore,
  plant: string,
  tags: readonly string[],
  from_ms: number,
  to_ms: number,
): Promise<Recording> {
  const stored = new Set(await store.tags(plant));
  const names = tags.filter((t) => stored.has(t)).sort();
  const rows: { t: number; v: number; q: number; ts: number }[] = [];
  for (let t = 0; t < names.length; t++) {
    let after: number | null = null;
    for (;;) {
      const pts = await store.points({
        plant,
        tag: names[t],
        tier: 'raw',
        from_ms,
        to_ms,
        step_ms: null,
        after_ms: after,
        limit: PAGE,
      });
      for (const p of pts) rows.push({ t, v: p.v ?? Number.NaN, q: Math.max(0, QUALITIES.indexOf(p.q)), ts: p.ts_ms });
      if (pts.length < PAGE) break;
      after = pts[pts.length - 1].ts_ms;
    }
  }
  rows.sort((a, b) => a.ts - b.ts || a.t - b.t);
  const n = rows.length;
  const r: Recording = {
    from_ms,
    to_ms,
    tags: names,
    tag: new Int32Array(n),
    v: new Float64Array(n),
    q: new Uint8Array(n),
    ts_ms: new Float64Array(n),
  };
  rows.forEach((x, j) => {
    r.tag[j] = x.t;
    r.v[j] = x.v;
    r.q[j] = x.q;
    r.ts_ms[j] = x.ts;
  });
  return r;
}

/** Samples per tag (a check that the window holds what a fit needs). */
export function countsByTag(r: Recording): Map<string, number> {
  const n = new Map<string, number>();
  for (let j = 0; j < r.tag.length; j++) {
    const name = r.tags[r.tag[j]];
    n.set(name, (n.get(name) ?? 0) + 1);
  }
  return n;
}

/**
 * The same history as the bridge would have stored it with another mapping: each value back to the raw
 * source number through the mapping it was stored with, then to engineering through the new one (tags
 * the two map alike come through unchanged). A validation of a calibrated mapping replays history this way.
 */
export function remap(r: Recording, from: Mapping, to: Mapping): Recording {
  const a = new Map(from.tags.map((t) => [t.tag, t]));
  const b = new Map(to.tags.map((t) => [t.tag, t]));
  const conv: ([TagMapping, TagMapping] | null)[] = r.tags.map((name) => {
    const x = a.get(name);
    const y = b.get(name);
    return x && y && JSON.stringify([x.scale, x.convert]) !== JSON.stringify([y.scale, y.convert]) ? [x, y] : null;
  });
  const v = r.v.slice();
  for (let j = 0; j < v.length; j++) {
    const c = conv[r.tag[j]];
    if (c && Number.isFinite(v[j])) v[j] = toEngineering(c[1], toRaw(c[0], v[j]));
  }
  return { ...r, v };
}

/** A recording from a historian query's answer (the station's query API: raw or bucketed points per tag). */
export function recordingFromHistory(h: {
  from_ms: number;
  to_ms: number;
  series: Record<string, readonly { ts_ms: number; v: number | null; q: string }[]>;
}): Recording {
  const names = Object.keys(h.series).sort();
  const rows: { t: number; v: number; q: number; ts: number }[] = [];
  names.forEach((name, t) => {
    for (const p of h.series[name])
      rows.push({
        t,
        v: p.v ?? Number.NaN,
        q: Math.max(0, QUALITIES.indexOf(p.q as (typeof QUALITIES)[number])),
        ts: p.ts_ms,
      });
  });
  rows.sort((a, b) => a.ts - b.ts || a.t - b.t);
  return {
    from_ms: h.from_ms,
    to_ms: h.to_ms,
    tags: names,
    tag: Int32Array.from(rows, (x) => x.t),
    v: Float64Array.from(rows, (x) => x.v),
    q: Uint8Array.from(rows, (x) => x.q),
    ts_ms: Float64Array.from(rows, (x) => x.ts),
  };
}
