import type { EstimateTag } from '../protocol/live';
import type { EstimateValue } from '../estimate/tankFilter';

// How each estimate is described to the views: its text, and the standard deviation above which it is too
// uncertain to act on (the faceplate greys it). Names the filter adds later get a plain description.

const KNOWN: Record<string, { text: string; sdWide?: number }> = {
  /** A tenth of the range the virtual plant's coils are seeded in (0–0.01 m²K/W, src/virtualPlant/hidden.ts). */
  fouling: { text: 'coil fouling resistance', sdWide: 0.001 },
  wall_loss: { text: 'wall heat-loss factor (1 = as designed)', sdWide: 0.25 },
  /** The calibration goal on levels is 10 mm: a bias known only to ±10 mm is no correction. */
  level_bias: { text: 'level transmitter bias', sdWide: 0.01 },
  temp_mean: { text: 'mean product temperature', sdWide: 1 },
  mass: { text: 'product mass' },
  coil_duty: { text: 'coil duty' },
};

/** The estimate tag of a tank's estimate (`TK-101.est.fouling`). */
export const estimateTag = (tank: string, name: string): string => `${tank}.est.${name}`;

export function describeEstimate(tank: string, e: Pick<EstimateValue, 'name' | 'unit'>): EstimateTag {
  const k = KNOWN[e.name];
  return {
    tag: estimateTag(tank, e.name),
    equipment: tank,
    name: e.name,
    unit: e.unit,
    description: `${tank} ${k?.text ?? e.name.replace(/_/g, ' ')} (estimated)`,
    ...(k?.sdWide !== undefined && { sdWide: k.sdWide }),
  };
}
