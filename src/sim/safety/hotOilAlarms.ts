import type { PlantData } from '../plant/schema';
import type { AlarmDef, Flag } from './alarmDefs';
import { PROBE_OIL_FIRE, PROBE_OIL_FLAMMABLE, probeReader } from './alarmProbes';

// Alarms of the hot-oil loop's edges (safety/hotOilTrips.ts, components/heaterTube.ts): V-201's low-low
// trip, the pumps losing suction, the heater tubes' film and velocity, and thermal oil leaked into a tank.

/** Thermal oil leaked into a tank: a flammable vapour space, and a fire once an exposed hot coil ignites it. */
export function oilIngressAlarms(tag: string, idx: number, flag: Flag): AlarmDef[] {
  return [
    flag(
      `${tag}.XA_OILVAP`,
      tag,
      'critical',
      0,
      30,
      `${tag} thermal oil in the product: vapour space flammable`,
      probeReader(PROBE_OIL_FLAMMABLE, idx),
    ),
    flag(`${tag}.XA_TFIRE`, tag, 'critical', 0, 0, `${tag} tank fire`, probeReader(PROBE_OIL_FIRE, idx)),
  ];
}

/** The hot-oil loop's edges: the low-low trip's alarm, pump suction, and the heater tubes' film and velocity. */
export function hotOilEdgeAlarms(plant: PlantData, flag: Flag): AlarmDef[] {
  const h = plant.hotOil;
  const hd = h.heater;
  const x = h.expansionTank;
  return [
    flag(`${x.tag}.LALL`, x.tag, 'critical', 0, 0, `${x.tag} expansion tank low-low: heater and pumps tripped`, (s) =>
      s.hotOil.edge.lowLowTrip ? 1 : 0,
    ),
    flag(`${x.tag}.XA_SUCT`, x.tag, 'high', 3, 5, 'Hot-oil pumps losing suction: cavitation', (s) =>
      s.hotOil.edge.cavitation_s > 0 ? 1 : 0,
    ),
    {
      id: `${hd.tag}.TAH_FILM`,
      tag: hd.tag,
      priority: 'high',
      sense: 'high',
      limit: hd.maxFilm_C - 15,
      deadband: 3,
      onDelay_s: 3,
      offDelay_s: 10,
      instrument: -1,
      message: `${hd.tag} tube film temperature high`,
      read: (s) => s.hotOil.edge.film_C,
    },
    flag(`${hd.tag}.FAL_TUBE`, hd.tag, 'medium', 30, 10, `${hd.tag} tube velocity low while firing`, (s) =>
      s.hotOil.duty_W > 0 && s.hotOil.edge.tubeVelocity_m_s < hd.minTubeVelocity_m_s ? 1 : 0,
    ),
  ];
}
