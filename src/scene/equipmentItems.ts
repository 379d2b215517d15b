import type { PlantData } from '../sim/plant/schema';
import { valveTag } from '../plantView/valves';

// The instanced equipment's items with the frame indices of their live tags (−1 where a tag is missing),
// built once per plant so the frame loop only reads numbers.

export interface PumpItem {
  tag: string;
  x: number;
  z: number;
  running: number;
}
export interface ValveItem {
  tag: string;
  x: number;
  y: number;
  z: number;
  pos: number;
}
export interface ArmItem {
  tag: string;
  x: number;
  z: number;
  position: number;
  present: number;
  truckVolume: number;
}

/** Pumps, valves, arms and bays of the plant, with where their live values sit in a frame. */
export function buildEquipmentItems(plant: PlantData, tagIndex: ReadonlyMap<string, number>) {
  const ix = (tag: string) => tagIndex.get(tag) ?? -1;
  const pumps: PumpItem[] = plant.hotOil.pumps.map((p) => ({
    tag: p.tag,
    x: p.position.x,
    z: p.position.z,
    running: ix(`${p.tag}.running`),
  }));
  const armItems: ArmItem[] = [];
  const bays = plant.loading.stations.flatMap((s) => s.bays);
  for (const b of bays)
    for (const a of b.arms) {
      pumps.push({ tag: a.pump, x: a.position.x - 2, z: a.position.z - 3, running: ix(`${a.pump}.running`) });
      armItems.push({
        tag: a.tag,
        x: a.position.x,
        z: a.position.z,
        position: ix(`${a.tag}.position`),
        present: ix(`${a.tag}.truck_present`),
        truckVolume: ix(`${a.tag}.truck_volume`),
      });
    }
  const valves: ValveItem[] = plant.valves.map((v) => ({
    tag: v.tag,
    x: v.position[0],
    y: v.position[1],
    z: v.position[2],
    pos: ix(valveTag(v)),
  }));
  return { pumps, valves, armItems, bays };
}
