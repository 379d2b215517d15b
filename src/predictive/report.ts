import type { MaintenanceReport } from './analyze';
import type { PlantData } from '../sim/plant/schema';
import { foulingTag } from './analyze';

// The maintenance report as JSON can carry it (the route's answer, the panel's input): no functions, and
// Infinity ("never reaches the limit", "no upper bound") written as null.

/** Tags the checks read: every tank's fouling and wall-loss estimates with their sd, the pumps' and heater's. */
export function maintenanceTags(plant: PlantData): string[] {
  const h = plant.hotOil.heater.tag;
  return [
    ...plant.tanks.flatMap((t) => {
      const f = foulingTag(t.tag);
      return [f, `${f}_sd`, `${t.tag}.est.wall_loss`, `${t.tag}.est.wall_loss_sd`, `${t.tag}.coil_flow`];
    }),
    'HO.header_dp',
    `${h}.supply_temp`,
    `${h}.return_temp`,
    `${h}.duty`,
    `${h}.firing`,
    ...plant.hotOil.pumps.map((p) => `${p.tag}.flow`),
  ];
}

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Deep copy with non-finite numbers as null and functions dropped. */
export function toJson(x: unknown): Json {
  if (typeof x === 'number') return Number.isFinite(x) ? x : null;
  if (x === null || typeof x === 'boolean' || typeof x === 'string') return x;
  if (Array.isArray(x)) return x.map(toJson);
  if (typeof x === 'object') {
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(x as Record<string, unknown>)) {
      if (typeof v === 'function' || v === undefined) continue;
      out[k] = toJson(v);
    }
    return out;
  }
  return null;
}

/** The report for the panel: findings, work orders and each check's trend, as plain JSON. */
export function reportJson(r: MaintenanceReport, window: { from_ms: number; to_ms: number }): Json {
  return toJson({ window, ...r });
}
