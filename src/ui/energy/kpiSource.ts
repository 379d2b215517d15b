import type { PlantData } from '../../sim/plant/schema';
import { buildModel } from '../../sim/plantIndex';
import { KpiAccumulator } from '../../energy/kpi';
import type { Accumulator } from './kpiFeed';
import type { KpiFigures } from './kpiView';

/** The running plant's KPI accumulator: the same one the week's comparison runs (src/energy/kpi.ts). */
export const makeKpi = (plant: PlantData): Accumulator<KpiFigures> => new KpiAccumulator(buildModel(plant));
