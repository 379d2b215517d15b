import type { Mapping } from '../../scada/mapping';
import type { PlantData } from '../../sim/plant/schema';
import type { HistoryQuery, HistoryResult } from '../../historian/query';
import type { TwinView } from '../view';

// What a feature's HTTP route module under /api/twin/<feature> gets and returns. Each module exports one
// handler; the router (../router.ts) strips `/api/twin/<feature>` and hands it the rest. Nothing here knows
// about node:http, so a route is tested by calling it.

/** One request to a feature's route. */
export interface TwinRequest {
  method: string;
  /** The path after `/api/twin/<feature>`: '' or e.g. '/TK-101' or '/workorders.csv'. */
  path: string;
  query: URLSearchParams;
  /** The JSON body (POST/PUT); {} when empty. A body that is not JSON answers 400 before the handler runs. */
  body: unknown;
}

/** A handler's answer: JSON by default; `text` with its `contentType` for CSV and the like. */
export interface TwinReply {
  status?: number;
  json?: unknown;
  text?: string;
  contentType?: string;
}

/** What the station gives every route: the live plant as the twin sees it. */
export interface TwinRouteContext {
  /** The running twin service (filters, latest measured samples, estimates); null when the station has no live plant. */
  twin: TwinView | null;
  /** The plant data the model and the filters run (the station's plant file). */
  plant: PlantData;
  /** The live mapping (tags, units, ranges); null without a live plant. */
  mapping: Mapping | null;
  /** The live plant id (the historian's `plant`), or null. */
  plantId: string | null;
  /** The historian's query (stored tags and estimates); null when the station has none. */
  history: ((q: HistoryQuery) => Promise<HistoryResult>) | null;
  /** Source time of the newest live sample, ms since epoch (NaN before the first): routes use it, never Date.now. */
  now_ms: () => number;
}

/** Throw to answer with this status and `{error: message}`. */
export class TwinHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export type TwinRouteHandler = (req: TwinRequest, ctx: TwinRouteContext) => Promise<TwinReply> | TwinReply;
