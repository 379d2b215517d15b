import type { PlantData } from '../sim/plant/schema';

/** The H2S reading (ppm) a carried detector shows as danger: the lowest high alarm of any tank hatch. */
export function h2sDanger_ppm(plant: PlantData | null | undefined): number {
  if (!plant || plant.tanks.length === 0) return Number.POSITIVE_INFINITY;
  return Math.min(...plant.tanks.map((t) => t.alarms.h2sHigh_ppm));
}
