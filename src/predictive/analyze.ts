import type { PlantData } from '../sim/plant/schema';
import { foulingForecast, pairWithSd, type FoulingForecast, type FoulingForecastOptions } from './fouling';
import { pumpHealth, type PumpHealth, type PumpHealthOptions } from './pumpHealth';
import { heaterEfficiency, type HeaterEfficiency, type HeaterEfficiencyOptions } from './heaterEfficiency';
import type { Finding } from './findings';
import { workOrders, type WorkOrder } from './workOrders';
import type { SeriesSource } from './series';
import { exposureSeries } from './growthLaw';

// Every predictive check over one window of tag histories: each coil's fouling forecast (from the filter's
// published `<TANK>.est.fouling` / `_sd`, its wall-loss estimate `<TANK>.est.wall_loss` / `_sd` taken into
// the balance and the band when there is one), the hot-oil pumps, the heater; the findings and a work order for each.

export interface MaintenanceOptions {
  fouling?: FoulingForecastOptions;
  /** Project fouling on a line in time (default) or on the model's coking law (needs supply temperature and coil flow). */
  foulingLaw?: 'linear' | 'growth';
  pumps?: PumpHealthOptions;
  heater?: HeaterEfficiencyOptions;
}

export interface MaintenanceReport {
  fouling: FoulingForecast[];
  pumps: PumpHealth[];
  heater: HeaterEfficiency;
  findings: Finding[];
  workOrders: WorkOrder[];
}

export const foulingTag = (tank: string) => `${tank}.est.fouling`;

export function assessPlant(plant: PlantData, src: SeriesSource, o: MaintenanceOptions = {}): MaintenanceReport {
  const fouling = plant.tanks.map((t) => {
    const pts = pairWithSd(src(foulingTag(t.tag)), src(`${foulingTag(t.tag)}_sd`));
    // the filter's latest belief about the lagging: it has seen the most data
    const wl = src(`${t.tag}.est.wall_loss`).at(-1);
    const wlSd = src(`${t.tag}.est.wall_loss_sd`).at(-1);
    const wallLoss = wl && wl.v > 0 ? { value: wl.v, sd: wlSd?.t_ms === wl.t_ms ? wlSd.v : 0 } : undefined;
    const exposure =
      o.foulingLaw === 'growth'
        ? exposureSeries(src(`${plant.hotOil.heater.tag}.supply_temp`), src(`${t.tag}.coil_flow`))
        : undefined;
    return foulingForecast(plant, t.tag, pts, { wallLoss, exposure, ...o.fouling });
  });
  const pumps = pumpHealth(plant, src, o.pumps);
  const heater = heaterEfficiency(plant, src, o.heater);
  const findings = [...fouling.map((f) => f.finding), ...pumps.map((p) => p.finding), heater.finding].filter(
    (f): f is Finding => f !== null,
  );
  return { fouling, pumps, heater, findings, workOrders: workOrders(findings) };
}
