import type { Fault } from '../faults';
import type { Model } from '../plantIndex';
import type { SimState } from '../state';
import { validateFault } from '../faultEffects';
import { no, OK, type CommandHandlers } from './handler';

// The instructor's malfunction commands: inject a fault, clear one, clear all. Most faults act through
// the step while active; a few change the plant once, when injected.

/** The one-off effect of a fault at injection; the others act through the step while active. */
function onFaultInjected(m: Model, s: SimState, f: Fault): void {
  switch (f.kind) {
    case 'waterInTank': {
      const tank = s.tanks[m.tankIndex.get(f.tank)!];
      // new water arrives at ambient temperature and mixes with any already there
      tank.water_C = (tank.water_C * tank.water_kg + s.weather.ambient_C * f.water_kg) / (tank.water_kg + f.water_kg);
      tank.water_kg += f.water_kg;
      break;
    }
    case 'receiptOverfill': {
      const tank = s.tanks[m.tankIndex.get(f.tank)!];
      tank.receiptFlow_kg_s = f.flow_kg_s;
      tank.receiptTemp_C = f.temp_C;
      tank.receiptTarget_frac = 1;
      break;
    }
    case 'foulingStep':
      // the deposit stays until the coil is cleaned (resetFouling), whether or not the fault is cleared
      s.tanks[m.tankIndex.get(f.tank)!].fouling_m2K_W += f.add_m2K_W;
      break;
    default:
      break;
  }
}

export const faultHandlers: CommandHandlers<'injectFault' | 'clearFault' | 'clearAllFaults'> = {
  injectFault(m, s, c) {
    const why = validateFault(m, c.fault);
    if (why) return no(why);
    const id = s.nextFaultId++;
    s.faults.push({ id, since_s: s.t_s, fault: structuredClone(c.fault) });
    s.events.push({ type: 'fault', t_s: s.t_s, action: 'inject', id, fault: c.fault });
    onFaultInjected(m, s, c.fault);
    return OK;
  },
  clearFault(_m, s, c) {
    const k = s.faults.findIndex((f) => f.id === c.id);
    if (k < 0) return no(`no active fault ${c.id}`);
    const [f] = s.faults.splice(k, 1);
    s.events.push({ type: 'fault', t_s: s.t_s, action: 'clear', id: f.id, fault: f.fault });
    return OK;
  },
  clearAllFaults(_m, s) {
    for (const f of s.faults.splice(0))
      s.events.push({ type: 'fault', t_s: s.t_s, action: 'clear', id: f.id, fault: f.fault });
    return OK;
  },
};
