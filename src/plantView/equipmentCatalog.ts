import type { PlantData } from '../sim/plant/schema';
import { valveRole, type ValveRole } from './valves';

export type EquipmentKind =
  'tank' | 'heater' | 'hotOilPump' | 'expansionTank' | 'valve' | 'loadingPump' | 'arm' | 'bay' | 'building';

export interface Equipment {
  tag: string;
  kind: EquipmentKind;
  name: string;
  position: [number, number, number]; // where a label sits and where "go to" looks
  /** Tag prefix of its live values (`TK-101` → TK-101.*). */
  tagPrefix: string;
}

const VALVE_NAMES: Record<ValveRole, string> = {
  control: 'Coil control valve',
  receipt: 'Receipt valve',
  coilBlock: 'Coil block valve',
  outlet: 'Outlet valve',
};

/** Every piece of equipment a person can find, label, select or go to, from the plant data alone. */
export function buildEquipment(p: PlantData): Equipment[] {
  const out: Equipment[] = [];
  for (const t of p.tanks)
    out.push({
      tag: t.tag,
      kind: 'tank',
      name: t.name,
      position: [t.position.x, t.shellHeight_m + t.ringWallHeight_m + t.diameter_m * 0.1 + 1.5, t.position.z],
      tagPrefix: t.tag,
    });
  const h = p.hotOil.heater;
  out.push({
    tag: h.tag,
    kind: 'heater',
    name: 'Thermal-oil heater',
    position: [h.position.x, 10, h.position.z],
    tagPrefix: h.tag,
  });
  for (const pp of p.hotOil.pumps)
    out.push({
      tag: pp.tag,
      kind: 'hotOilPump',
      name: `Hot-oil circulation pump (${pp.role})`,
      position: [pp.position.x, 1.8, pp.position.z],
      tagPrefix: pp.tag,
    });
  const x = p.hotOil.expansionTank;
  out.push({
    tag: x.tag,
    kind: 'expansionTank',
    name: 'Hot-oil expansion tank',
    position: [x.position.x, x.elevation_m + 2.5, x.position.z],
    tagPrefix: x.tag,
  });
  for (const v of p.valves)
    out.push({
      tag: v.tag,
      kind: 'valve',
      name: `${VALVE_NAMES[valveRole(v)]} of ${v.tank}`,
      position: [v.position[0], v.position[1] + 0.8, v.position[2]],
      tagPrefix: v.tank,
    });
  for (const st of p.loading.stations)
    for (const b of st.bays) {
      out.push({
        tag: b.tag,
        kind: 'bay',
        name: `Loading bay ${b.tag}`,
        position: [b.position.x, 8, b.position.z],
        tagPrefix: b.tag,
      });
      for (const a of b.arms) {
        out.push({
          tag: a.tag,
          kind: 'arm',
          name: `Loading arm ${a.tag}`,
          position: [a.position.x, 6, a.position.z],
          tagPrefix: a.tag,
        });
        out.push({
          tag: a.pump,
          kind: 'loadingPump',
          name: `Jacketed gear pump for ${a.tag}`,
          position: [a.position.x - 2, 1.5, a.position.z - 3],
          tagPrefix: a.pump,
        });
      }
    }
  for (const b of p.buildings)
    out.push({
      tag: b.tag,
      kind: 'building',
      name: b.name,
      position: [b.position.x, b.size.y + 1.5, b.position.z],
      tagPrefix: b.tag,
    });
  return out;
}
