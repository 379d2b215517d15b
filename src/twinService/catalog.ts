import type { EstimateTag } from '../protocol/live';
import type { EstimateValue } from '../estimate/tankFilter';
import { ESTIMATE_INFO, estimateTag } from '../estimate/feed';

// How each estimate is described to the views: the estimator's own text for it, and the standard deviation
// above which it is too uncertain to act on (the faceplate greys it; none: a tenth of the value's size).

const SD_WIDE: Record<string, number> = {
  /** A tenth of the range the virtual plant's coils are seeded in (0–0.01 m²K/W, src/virtualPlant/hidden.ts). */
  fouling: 0.001,
  wall_loss: 0.25,
  /** The calibration goal on levels is 10 mm: a bias or level known only to ±10 mm is no correction. */
  level_bias: 0.01,
  level: 0.01,
  /** The validation goal on tank temperatures is 0.5 K RMS. */
  temp_mean: 1,
  temp_bottom: 1,
  temp_vapour: 5,
};

export { estimateTag };

export function describeEstimate(tank: string, e: Pick<EstimateValue, 'name' | 'unit'>): EstimateTag {
  const text = ESTIMATE_INFO[e.name]?.description ?? e.name.replace(/_/g, ' ');
  const sdWide = SD_WIDE[e.name];
  return {
    tag: estimateTag(tank, e.name),
    equipment: tank,
    name: e.name,
    unit: e.unit,
    description: `${tank} ${text} (estimated)`,
    ...(sdWide !== undefined && { sdWide }),
  };
}
