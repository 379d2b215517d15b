import type { TagSample } from '../protocol/live';
import type { EstimateValue, Innovation, TankFilter } from '../estimate/tankFilter';

// What the twin service shows the HTTP routes (routes/types.ts): read-only, on source time.

/** One tank's filter as the routes see it (the estimate part's TankFilter). */
export interface TwinFilterView {
  estimates(): EstimateValue[];
  innovations(): readonly Innovation[];
  readonly t_s: number;
  /** The estimated model state (layer temperatures, mass, parameters) to run the model forward from. */
  meanState?: TankFilter['meanState'];
}

export interface TwinView {
  /** Tank tags with a filter, e.g. ['TK-101', 'TK-102', …]. */
  readonly tanks: readonly string[];
  /** A tank's filter, or undefined when the tank has none. */
  filter(tank: string): TwinFilterView | undefined;
  /** The latest measured sample of a mapped tag (what the filters were fed from). */
  latest(tag: string): TagSample | undefined;
  /** The estimate samples last published (`TK-101.est.fouling`, `….fouling_sd`, …). */
  published(): readonly TagSample[];
  /** Source time of the last filter update, ms since epoch (NaN before the first). */
  readonly updated_ms: number;
  /** Filter updates so far, and samples or updates refused (bad input, a filter that threw). */
  readonly stats: { updates: number; rejected: number; failures: number };
}
