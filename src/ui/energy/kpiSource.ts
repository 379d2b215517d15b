import type { PlantData } from '../../sim/plant/schema';
import type { Accumulator } from './kpiFeed';
import type { KpiFigures } from './kpiView';

/** The running plant's KPI accumulator (src/energy/kpi.ts) for a plant; null while the build has none. */
export const makeKpi: ((plant: PlantData) => Accumulator<KpiFigures>) | null = null;
