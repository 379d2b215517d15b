import raw from '../../../models/default-plant.json';
import { loadPlantOrThrow } from './load';
import type { PlantData } from './schema';

/** The embedded default plant (models/default-plant.json), validated once. */
export const defaultPlantRaw: unknown = raw;
let cached: PlantData | undefined;
export function defaultPlant(): PlantData {
  return (cached ??= loadPlantOrThrow(raw));
}
