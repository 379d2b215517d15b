import { createStore, type StoreApi } from 'zustand/vanilla';
import type { BridgeHealth, LiveEvent } from '../protocol/live';
import type { Mapping } from '../scada/mapping';

// The slow state of the link to a live plant: what changes when the link, the bridge's health, the mapping
// or the count of dropped messages changes. Tag values never pass through here; they stay in the client's
// typed arrays (tagState.ts) and its frame buffer. One store per live connection, reached through the plant
// connection's context (liveOf / useLive).

export const LIVE_EVENT_MAX = 100;

export type LiveLink = 'joining' | 'connecting' | 'online' | 'offline' | 'refused' | 'failed';

export interface LiveState {
  /** The station's URL the page joined (`?live=`), e.g. http://localhost:8080. */
  station: string;
  /** The tag state exists (the plant's tags are known): views that read it may start. */
  attached: boolean;
  /** joining: asking the station; connecting/online/offline: the broker link; refused/failed: given up. */
  link: LiveLink;
  /** Why joining or the link failed, or null. */
  error: string | null;
  /** Site and plant ids of the live topics (from the station's join answer); null before joining. */
  site: string | null;
  plant: string | null;
  /** The historian's query URL (GET, `?plant=&tags=&from=&to=&tier=`), or null when the station has none. */
  historyUrl: string | null;
  /** The bridge's latest health report (each source's state), or null before the first. */
  health: BridgeHealth | null;
  /** The mapping the bridge runs, or null before it arrives. */
  mapping: Mapping | null;
  /** Mapped tags the page's plant does not have (a mapping for another plant). */
  unmappedInPlant: string[];
  /** Messages that failed validation and were dropped, and the last one's topic and problem. */
  malformed: number;
  lastMalformed: string | null;
  /** Tag batches taken, and batches missed (gaps in `seq`). */
  batches: number;
  lostBatches: number;
  /** The bridge's events (source up/down, write requests), newest first, at most LIVE_EVENT_MAX. */
  events: LiveEvent[];
}

export type LiveStore = StoreApi<LiveState>;

export function createLiveStore(station: string): LiveStore {
  return createStore<LiveState>(() => ({
    station,
    attached: false,
    link: 'joining',
    error: null,
    site: null,
    plant: null,
    historyUrl: null,
    health: null,
    mapping: null,
    unmappedInPlant: [],
    malformed: 0,
    lastMalformed: null,
    batches: 0,
    lostBatches: 0,
    events: [],
  }));
}
