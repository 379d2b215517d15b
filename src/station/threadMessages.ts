import type { SimEvent } from '../sim/events';
import type { PlantStateMessage } from '../protocol/session';

// Messages between the station and its plant threads (internal; the pages never see these).

export type ToThread =
  | { t: 'open'; req: number; sid: string; plantRaw: unknown; snapshot?: unknown; extras?: unknown }
  | { t: 'act'; req: number; sid: string; action: unknown; by: unknown; extra?: unknown }
  | { t: 'save'; req: number; sid: string }
  | { t: 'close'; req: number; sid: string };

export type ToMain =
  | { t: 'reply'; req: number; ok: boolean; value?: unknown; error?: string }
  | {
      t: 'frame';
      sid: string;
      values: Float64Array;
      events: SimEvent[];
      state: PlantStateMessage | null;
      wallMs: number;
    }
  | { t: 'persist'; sid: string; snapshot: unknown; extras: unknown };

/** Distributes ToThread without its request number (the pool adds it). */
export type Request = ToThread extends infer T ? (T extends { req: number } ? Omit<T, 'req'> : never) : never;
