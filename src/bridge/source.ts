import type { ScadaSource, TagMapping } from '../scada/mapping';

// What every protocol adapter (Modbus TCP, OPC UA, Sparkplug B) gives the bridge core: raw numbers per plant
// tag with the source's own status and timestamp, and its connection state. Scaling, conversion, deadband
// and quality are the core's (src/bridge/core), the same whatever the protocol.

/** One value as the source delivered it, before scaling. */
export interface RawReading {
  tag: string;
  /** The source's raw number (a bool as 0/1); null when there is none (an exception, a bad status). */
  raw: number | null;
  /** Source timestamp, ms since epoch (the bridge's receive time when the protocol carries none). */
  ts_ms: number;
  /** What the source itself said of the value: a Modbus exception or OPC UA Bad status is 'bad'. */
  status: 'good' | 'uncertain' | 'bad';
  /** The source's words for a non-good status ("Modbus exception 2: illegal data address", "BadSensorFailure"). */
  reason?: string;
}

export type SourceState = 'connecting' | 'up' | 'down';

export interface SourceEvents {
  /** New readings (any number, any order). Never throws back into the adapter. */
  data(readings: RawReading[]): void;
  /** The connection changed; `error` says why it went down. */
  state(state: SourceState, error?: string): void;
}

/**
 * A running connection to one source. `start` returns at once and keeps (re)connecting with back-off until
 * `stop`; nothing it meets (refused connection, malformed frame, bad payload) throws out of it.
 */
export interface SourceAdapter {
  readonly config: ScadaSource;
  start(events: SourceEvents): void;
  /** Write a raw value to the tag's address (only ever called for allow-listed tags with --allow-write). */
  write(tag: TagMapping, raw: number): Promise<void>;
  stop(): Promise<void>;
}

/** Reconnect back-off: 0.5 s doubling to 30 s, with ±20 % jitter so many bridges do not retry in step. */
export function backoff_ms(attempt: number, rand: () => number = Math.random): number {
  const base = Math.min(30_000, 500 * 2 ** Math.min(attempt, 10));
  return Math.round(base * (0.8 + 0.4 * rand()));
}
