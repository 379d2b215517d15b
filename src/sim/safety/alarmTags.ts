import type { SimState } from '../state';
import type { AlarmDef } from './alarmDefs';

// Which plant tag (src/sim/tags.ts) a limit alarm compares, marked on its reader as alarmDefs marks the
// watched instrument: the alarm list of the real plant (src/live/liveAlarms.ts) evaluates the same
// definitions against the measured tags. The model never reads these marks.

/** A limit on a plant tag: alarm value = tag value × scale (a tag in % against a limit in fractions: 0.01). */
export interface WatchedTag {
  tag: string;
  scale: number;
  /**
   * For an alarm of its own element (a switch) that a measured tag stands in for: the limit on that tag
   * that trips it, and what the alarm then says and which instrument it names.
   */
  standIn?: { sense: 'high' | 'low'; limit: number; deadband: number; instrument: string; message: string };
}

type Reader = ((s: SimState) => number) & { watches?: WatchedTag };

/** Mark `read` as the value of plant tag `tag` (× scale); returns the same reader. */
export function watching<R extends (s: SimState) => number>(
  read: R,
  tag: string,
  scale = 1,
  standIn?: WatchedTag['standIn'],
): R {
  (read as Reader).watches = { tag, scale, standIn };
  return read;
}

/** The plant tag a definition compares, or null when it watches none (a flag of the model's own state). */
export function watchedTag(d: Pick<AlarmDef, 'read'>): WatchedTag | null {
  return (d.read as Reader).watches ?? null;
}
