import type { PlantData } from '../sim/plant/schema';
import type { Recording } from './recording';
import { replay } from './replay';

/**
 * Model validation over a window: the window replayed through the shadow model and scored by the shadow's
 * own rolling statistics (src/live/shadow/residuals.ts ResidualBook: the last 24 h of measured − model, RMS
 * and correlation per output tag), so a batch check and the live validation panel give the same figures.
 */

export interface TagScore {
  tag: string;
  rms: number;
  corr: number;
  bias: number;
  n: number;
}

export interface ValidationOptions {
  plant: PlantData;
  dt_s?: number;
  /** Instrument offsets to take off first (none when the history was read through a calibrated mapping). */
  offsets?: ReadonlyMap<string, number>;
  /** Only these tags (default every output the window measured). */
  tags?: readonly string[];
}

export function validate(rec: Recording, o: ValidationOptions): TagScore[] {
  const { driver } = replay(rec, { plant: o.plant, dt_s: o.dt_s ?? 10, offsets: o.offsets });
  const out: TagScore[] = [];
  const measured = new Set(rec.tags);
  driver.tags.outputs.forEach((x, k) => {
    if (o.tags ? !o.tags.includes(x.tag) : !measured.has(x.tag)) return;
    const s = driver.book.score(k);
    out.push({ tag: x.tag, rms: s.rms, corr: s.corr, bias: s.bias, n: s.n });
  });
  return out;
}

/** The §2 goal: correlation above 0.99, RMS below 0.5 K on tank temperatures and 10 mm on levels. */
export const GOAL = { corr: 0.99, rmsTemp_K: 0.5, rmsLevel_m: 0.01 };

export function meetsGoal(s: TagScore): boolean {
  const isLevel = s.tag.endsWith('.level');
  const lim = isLevel ? GOAL.rmsLevel_m : GOAL.rmsTemp_K;
  return s.corr > GOAL.corr && s.rms < lim;
}
