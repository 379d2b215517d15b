/**
 * The live-twin protocol: what the SCADA bridge (src/bridge) publishes about the real plant, and what the
 * station's historian and the browser's live mode read. Browser-safe: zod and types only. Same transport as
 * shared sessions (MQTT over WebSocket, the station's embedded broker or an external one).
 *
 * Topics, under `tanktwin/<site>/live/<plant>/` (see `liveTopics`):
 *
 * | topic      | from    | retained | payload                                                               |
 * | ---------- | ------- | -------- | --------------------------------------------------------------------- |
 * | `tags`     | bridge  | no       | TagBatch JSON: the tag updates since the last batch (≤ 100 ms apart)  |
 * | `snapshot` | bridge  | yes      | TagBatch JSON: the latest sample of every mapped tag (a late joiner's |
 * |            |         |          | start), republished at least every 5 s                                |
 * | `health`   | bridge  | yes      | BridgeHealth JSON: each source's state, counts, the bridge's uptime   |
 * | `event`    | bridge  | no       | LiveEvent JSON: source up/down, write requests (allowed or refused)   |
 * | `write`    | engineer| no       | WriteRequest JSON; the bridge answers on `writeReply/<requestId>`     |
 * | `mapping`  | bridge  | yes      | the validated Mapping JSON the bridge runs (tags, units, ranges)      |
 * | `tags`     | twin    | no       | TagBatch JSON with `from: 'twin'`: the twin service's estimates        |
 * |            |         |          | (`TK-101.est.fouling`, `TK-101.est.fouling_sd`, …), its own `seq`      |
 * | `estimates`| twin    | yes      | EstimateCatalog JSON: each estimate tag (unit, description) and the   |
 * |            |         |          | latest estimate samples (a late joiner's start)                       |
 * | `advisories`| twin   | yes      | AdvisoryList JSON: the anomaly detection's active early warnings,     |
 * |            |         |          | each with its evidence (src/diagnose/anomaly.ts Advisory)             |
 */
import { z } from 'zod';

/**
 * Quality of a sample (OPC UA / ISA-101 sense): `good`; `uncertain` (plausible but suspicious: a spike, a
 * flatline, a failed cross-check); `bad` (the source said so, or out of the instrument's range, or it could
 * not be read); `stale` (no update within 3× the tag's rate). A view never shows a non-good value as if good.
 */
export const QUALITIES = ['good', 'uncertain', 'bad', 'stale'] as const;
export const qualitySchema = z.enum(QUALITIES);
export type Quality = z.infer<typeof qualitySchema>;

export const tagSampleSchema = z.strictObject({
  /** Plant tag, `<equipment>.<quantity>`. */
  tag: z.string().min(1),
  /** Engineering value in the plant tag's unit; null when the source gave none (bad, never read). */
  v: z.number().nullable(),
  q: qualitySchema,
  /** Source timestamp (the PLC's / server's, or the bridge's receive time when the source has none), ms since epoch. */
  ts_ms: z.number(),
  /** Why the quality is not good, for the data-quality panel ("out of range 0–20 m", "no update for 3.2 s"). */
  reason: z.string().optional(),
});
export type TagSample = z.infer<typeof tagSampleSchema>;

export const tagBatchSchema = z.strictObject({
  /** Bridge publish time, ms since epoch (for tag-to-screen latency). */
  sent_ms: z.number(),
  /** Monotonic batch counter of its publisher; a gap means a lost batch. */
  seq: z.number().int().min(0),
  samples: z.array(tagSampleSchema),
  /** Who published it: absent for the bridge; `twin` for the twin service's estimates (a `seq` of its own). */
  from: z.literal('twin').optional(),
});
export type TagBatch = z.infer<typeof tagBatchSchema>;

export const sourceStateSchema = z.enum(['connecting', 'up', 'down']);
export const sourceHealthSchema = z.strictObject({
  id: z.string(),
  kind: z.enum(['modbus', 'opcua', 'sparkplug']),
  state: sourceStateSchema,
  /** Last time the source delivered data, ms since epoch; null before the first. */
  lastData_ms: z.number().nullable(),
  /** Last error text, or null. */
  lastError: z.string().nullable(),
  reconnects: z.number().int().min(0),
  /** Next reconnect attempt, ms since epoch, while down. */
  nextRetry_ms: z.number().nullable(),
});
export type SourceHealth = z.infer<typeof sourceHealthSchema>;

export const bridgeHealthSchema = z.strictObject({
  started_ms: z.number(),
  now_ms: z.number(),
  readOnly: z.boolean(),
  sources: z.array(sourceHealthSchema),
  /** Tags per quality, now. */
  quality: z.record(qualitySchema, z.number().int().min(0)),
});
export type BridgeHealth = z.infer<typeof bridgeHealthSchema>;

export const writeRequestSchema = z.strictObject({
  requestId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  tag: z.string().min(1),
  value: z.number().finite(),
  /** Who asks (a person's name or account): logged with the outcome. */
  by: z.string().min(1).max(120),
});
export type WriteRequest = z.infer<typeof writeRequestSchema>;

export const writeReplySchema = z.strictObject({
  requestId: z.string(),
  ok: z.boolean(),
  /** Why refused or failed. */
  error: z.string().optional(),
});
export type WriteReply = z.infer<typeof writeReplySchema>;

export const liveEventSchema = z.strictObject({
  ts_ms: z.number(),
  kind: z.enum(['sourceUp', 'sourceDown', 'writeAllowed', 'writeRefused', 'writeFailed', 'rebirth', 'bridgeStart']),
  source: z.string().optional(),
  tag: z.string().optional(),
  by: z.string().optional(),
  text: z.string(),
});
export type LiveEvent = z.infer<typeof liveEventSchema>;

/** One estimate tag the twin service publishes (its `_sd` companion is listed with it, not as a tag of its own). */
export const estimateTagSchema = z.strictObject({
  /** `<tank>.est.<name>`, e.g. `TK-101.est.fouling`; its standard deviation is `<tag>_sd`. */
  tag: z.string().regex(/^[A-Za-z0-9_-]+\.est\.[A-Za-z0-9_]+$/),
  /** The equipment it belongs to (`TK-101`) and the estimate's name (`fouling`). */
  equipment: z.string().min(1),
  name: z.string().min(1),
  unit: z.string(),
  description: z.string(),
  /**
   * A standard deviation above this (in `unit`) makes the estimate too uncertain to act on: views grey it.
   * None: above a tenth of the value's size.
   */
  sdWide: z.number().positive().optional(),
});
export type EstimateTag = z.infer<typeof estimateTagSchema>;

export const estimateCatalogSchema = z.strictObject({
  /** Source time of the last filter update, ms since epoch; null before the first. */
  updated_ms: z.number().nullable(),
  /** Seconds of source time between filter updates. */
  cadence_s: z.number().positive(),
  tags: z.array(estimateTagSchema),
  /** The latest sample of every estimate and `_sd` tag (empty before the first update). */
  latest: z.array(tagSampleSchema),
});
export type EstimateCatalog = z.infer<typeof estimateCatalogSchema>;

/** The standard-deviation companion of an estimate tag. */
export const sdTag = (tag: string): string => `${tag}_sd`;

/** Numbers of an evidence trend: JSON has no NaN, so a gap travels as null. */
const trend = z.array(z.number().nullable());
const evidenceSchema = z.strictObject({
  tag: z.string(),
  t_s: trend,
  residual: trend,
  sd: trend,
  stat: trend,
  cusumLimit: z.number().nullable(),
  ewma: trend,
  ewmaLimit: z.number().nullable(),
  test: z.enum(['cusum', 'ewma', 'stuck']).nullable(),
});

/** An early warning of the twin's anomaly detection (src/diagnose/anomaly.ts `Advisory`, as JSON carries it). */
export const advisorySchema = z.strictObject({
  /** `<tag>.ADV_SENSOR` for a sensor fault, `<tank>.ADV_PROCESS` for a process fault. */
  id: z.string().min(1),
  tank: z.string(),
  tag: z.string().optional(),
  kind: z.enum(['sensor', 'process']),
  cause: z.string(),
  message: z.string(),
  /** Onset of the change and when it was raised, s since epoch (source time). */
  since_s: z.number(),
  raised_s: z.number(),
  active: z.boolean(),
  evidence: evidenceSchema,
  related: z.array(evidenceSchema),
  shifts: z.array(z.strictObject({ name: z.string(), from: z.number(), to: z.number(), sd: z.number() })),
});

export const advisoryListSchema = z.strictObject({
  /** Source time of the filter step they are from, ms since epoch; null before the first. */
  updated_ms: z.number().nullable(),
  active: z.array(advisorySchema),
});
export type AdvisoryList = z.infer<typeof advisoryListSchema>;

export interface LiveTopics {
  base: string;
  tags: string;
  snapshot: string;
  health: string;
  event: string;
  write: string;
  mapping: string;
  /** The twin service's retained estimate catalog. */
  estimates: string;
  /** The twin service's retained list of active advisories. */
  advisories: string;
  writeReply(requestId: string): string;
}

const ID = /^[A-Za-z0-9_.-]{1,64}$/;

/** Topic names of one live plant; ids are checked so no wildcard or level separator can slip in. */
export function liveTopics(site: string, plant: string): LiveTopics {
  if (!ID.test(site) || !ID.test(plant)) throw new Error(`bad site or plant id "${site}/${plant}"`);
  const base = `tanktwin/${site}/live/${plant}`;
  return {
    base,
    tags: `${base}/tags`,
    snapshot: `${base}/snapshot`,
    health: `${base}/health`,
    event: `${base}/event`,
    write: `${base}/write`,
    mapping: `${base}/mapping`,
    estimates: `${base}/estimates`,
    advisories: `${base}/advisories`,
    writeReply: (requestId: string) => {
      if (!/^[A-Za-z0-9_-]{1,64}$/.test(requestId)) throw new Error(`bad request id "${requestId}"`);
      return `${base}/writeReply/${requestId}`;
    },
  };
}
