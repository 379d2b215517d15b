import type { TankData } from './schema';

/** Heights of a tank's coil zone from its coil data: the model's layers and the 3D view's bands both follow it. */
export interface CoilZone {
  /** Top of the product below the coil: the lowest tube's underside, m above the floor. */
  deadZoneTop_m: number;
  /** Top of the coil zone: the highest tube's upper side, m above the floor. */
  coilZoneTop_m: number;
}

export function coilZone(t: TankData): CoilZone {
  const h = t.coil.turnHeights_m;
  return {
    deadZoneTop_m: Math.max(Math.min(...h) - t.coil.od_m / 2, 0),
    coilZoneTop_m: Math.max(...h) + t.coil.od_m / 2,
  };
}
