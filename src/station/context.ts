import type { PlantThreads } from './plantThreads';
import type { Storage } from './storage';
import type { StationKeys, TokenClaims } from './keys';

/** What every session on a station shares. */
export interface StationContext {
  site: string;
  stationName: string;
  plantRaw: unknown;
  storage: Storage;
  threads: PlantThreads;
  keys: StationKeys;
  /** A participant's token checked now; null when forged, expired or not this station's. */
  verify(token: string): TokenClaims | null;
  /** A scenario file by id from the station's scenario folder; undefined when there is none. */
  scenario(id: string): unknown;
}
