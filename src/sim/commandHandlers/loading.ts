import { no, OK, type CommandHandlers } from './handler';

// Commands at the loading bays: trucks arriving and leaving, the loading arm's position, and the
// batch preset of an arm's meter.

export const loadingHandlers: CommandHandlers<'truckArrive' | 'truckDepart' | 'setArm' | 'setPreset'> = {
  truckArrive(m, s, c) {
    const ai = m.armIndex.get(c.arm);
    if (ai === undefined) return no(`unknown arm ${c.arm}`);
    const tr = s.arms[ai].truck;
    if (tr.present) return no(`a truck is already at ${c.arm}`);
    tr.present = true;
    tr.capacity_m3 = c.capacity_m3 ?? m.plant.loading.truckCapacity_m3;
    tr.mass_kg = 0;
    tr.energy_J = 0;
    tr.volume_m3 = 0;
    tr.temp_C = 0;
    tr.water_kg = 0;
    tr.wetBy = 0;
    s.arms[ai].metered_kg = 0;
    s.arms[ai].frothOver = false;
    return OK;
  },
  truckDepart(m, s, c) {
    const ai = m.armIndex.get(c.arm);
    if (ai === undefined) return no(`unknown arm ${c.arm}`);
    const a = s.arms[ai];
    if (!a.truck.present) return no(`no truck at ${c.arm}`);
    if (a.position !== 'parked') return no(`park arm ${c.arm} before the truck leaves`);
    s.acc.loadedOut_kg += a.truck.mass_kg;
    s.acc.loadedOut_J += a.truck.energy_J;
    a.truck.present = false;
    a.truck.mass_kg = 0;
    a.truck.energy_J = 0;
    a.truck.volume_m3 = 0;
    a.truck.temp_C = 0;
    a.truck.water_kg = 0; // what did not boil leaves with the truck
    a.overfillTrip = false;
    a.frothOver = false;
    return OK;
  },
  setArm(m, s, c) {
    const ai = m.armIndex.get(c.arm);
    if (ai === undefined) return no(`unknown arm ${c.arm}`);
    const a = s.arms[ai];
    if (c.position === 'lowered' && !a.truck.present) return no(`no truck under ${c.arm}`);
    if (c.position !== 'lowered' && s.loadingPumps[m.arms[ai].pump].running)
      return no(`stop ${m.plant.loading.pumps[m.arms[ai].pump].tag} before raising the arm`);
    a.position = c.position;
    return OK;
  },
  setPreset(m, s, c) {
    const ai = m.armIndex.get(c.arm);
    if (ai === undefined) return no(`unknown arm ${c.arm}`);
    s.arms[ai].preset_kg = c.preset_kg;
    return OK;
  },
};
