import type { LiveEvent, Quality, TagBatch } from '../protocol/live';

// What the historian stores and answers, shared by both back-ends (sqlite.ts, postgres.ts).

export const TIERS = ['raw', '1m', '1h'] as const;
export type Tier = (typeof TIERS)[number];
export const TIER_STEP_MS: Record<Tier, number> = { raw: 0, '1m': 60_000, '1h': 3_600_000 };

/** Qualities from best to worst: a bucket keeps the worst rank of its samples. */
export const QUALITY_RANK: readonly Quality[] = ['good', 'uncertain', 'stale', 'bad'];
export const rankOf = (q: Quality): number => QUALITY_RANK.indexOf(q);

/** How long each tier keeps its rows, ms. Events are kept as long as the hourly tier unless told. */
export interface Retention {
  raw_ms: number;
  m1_ms: number;
  h1_ms: number;
  events_ms: number;
}
const DAY_MS = 86_400_000;
export const DEFAULT_RETENTION: Retention = {
  raw_ms: 7 * DAY_MS,
  m1_ms: 90 * DAY_MS,
  h1_ms: 3653 * DAY_MS,
  events_ms: 3653 * DAY_MS,
};

/** One unit of ingest, as received and as spooled: a plant's tag batch or one of its events. */
export type Entry = { plant: string; batch: TagBatch } | { plant: string; event: LiveEvent };

export interface WriteResult {
  /** Samples newly stored. */
  inserted: number;
  /** Samples already stored (same plant, tag, ts_ms), skipped: a replay after a partial write. */
  duplicates: number;
  events: number;
}

/** A point of a series: a raw sample (min = max = value) or an aggregate bucket (value = average). */
export interface Point {
  ts_ms: number;
  /** Raw value, or the bucket's average; null when the bucket (or sample) had no numeric value. */
  v: number | null;
  min: number | null;
  max: number | null;
  /** Worst quality in the bucket. */
  q: Quality;
  /** Samples in the bucket (1 for raw). */
  n: number;
  /** Raw samples only: why the quality is not good. */
  reason?: string;
}

export interface PointsRequest {
  plant: string;
  tag: string;
  tier: Tier;
  from_ms: number;
  /** Exclusive. */
  to_ms: number;
  /** Group into buckets this wide starting at from_ms (downsampling); null: the tier's own points. */
  step_ms: number | null;
  /** Keyset paging: only points with ts_ms > after_ms. */
  after_ms: number | null;
  limit: number;
}

export interface StoredEvent extends LiveEvent {
  plant: string;
}

export interface PruneResult {
  raw: number;
  m1: number;
  h1: number;
  events: number;
}

/**
 * A historian back-end. `write` stores samples and events in one transaction and rolls them into the
 * 1-minute and 1-hour tiers as they arrive; a sample already stored is skipped (and not counted twice in
 * the tiers), so a replay is harmless. Every method rejects when the store cannot be reached.
 */
export interface HistorianStore {
  readonly kind: 'sqlite' | 'postgres';
  write(entries: readonly Entry[]): Promise<WriteResult>;
  points(r: PointsRequest): Promise<Point[]>;
  /**
   * Several tags' points in one read (one round trip to a server), in the order of `tags`; no limit per
   * tag, so only for reads whose count the caller knows (aggregate tiers, grouped buckets). Optional.
   */
  pointsMany?(r: Omit<PointsRequest, 'tag' | 'limit' | 'after_ms'> & { tags: string[] }): Promise<Point[][]>;
  events(plant: string, from_ms: number, to_ms: number, limit: number): Promise<StoredEvent[]>;
  /** The tags a plant has history for. */
  tags(plant: string): Promise<string[]>;
  /** Delete what is older than each tier's retention; in chunks so ingest is never held up for long. */
  prune(now_ms: number, retention: Retention): Promise<PruneResult>;
  close(): Promise<void>;
}

/** A sample flattened for a store: the bucket maths is the same for both back-ends. */
export interface Row {
  plant: string;
  tag: string;
  ts_ms: number;
  v: number | null;
  q: number;
  reason: string | null;
}

export function rowsOf(entries: readonly Entry[]): { rows: Row[]; events: StoredEvent[] } {
  const rows: Row[] = [];
  const events: StoredEvent[] = [];
  for (const e of entries) {
    if ('event' in e) events.push({ ...e.event, plant: e.plant });
    else
      for (const s of e.batch.samples)
        rows.push({
          plant: e.plant,
          tag: s.tag,
          ts_ms: Math.round(s.ts_ms),
          v: s.v !== null && Number.isFinite(s.v) ? s.v : null,
          q: Math.max(0, rankOf(s.q)),
          reason: s.reason ?? null,
        });
  }
  return { rows, events };
}

/** A stable key of an event so that a replayed event is stored once. */
export function eventKey(e: StoredEvent): string {
  return JSON.stringify([e.ts_ms, e.kind, e.source ?? '', e.tag ?? '', e.by ?? '', e.text]);
}
