import { heaterTripCauseNow } from '../components/heater';
import { truckAtOverfill } from '../loading';
import { controllerTank, no, OK, tankTripTemp_C, type CommandHandlers } from './handler';

// Safety commands: the site ESD, a bay's emergency stop and extinguisher, resetting a latched trip
// once its cause has gone, and the operator's reports (raise the alarm, withdraw, muster), which only
// go into the log.

export const safetyHandlers: CommandHandlers<'esd' | 'bayEstop' | 'extinguish' | 'resetTrip' | 'report'> = {
  esd(_m, s, c) {
    s.esd = c.active;
    if (c.active)
      s.events.push({
        type: 'interlock',
        t_s: s.t_s,
        tag: 'ESD',
        action: 'all pumps stopped, motor-operated valves closing',
      });
    return OK;
  },
  bayEstop(m, s, c) {
    const b = m.bayIndex.get(c.bay);
    if (b === undefined) return no(`unknown bay ${c.bay}`);
    s.bays[b].estop = c.pressed;
    return OK;
  },
  extinguish(m, s, c) {
    const b = m.bayIndex.get(c.bay);
    if (b === undefined) return no(`unknown bay ${c.bay}`);
    if (c.on && s.bays[b].extinguisherAgent_s <= 0) return no('extinguisher empty');
    s.bays[b].extinguishing = c.on;
    return OK;
  },
  resetTrip(m, s, c) {
    if (c.tag === m.plant.hotOil.heater.tag) {
      if (s.hotOil.heaterMode !== 'tripped') return OK;
      // would the heater trip again if it were running now?
      const cause = heaterTripCauseNow(m, { ...s, hotOil: { ...s.hotOil, heaterMode: 'running' } });
      if (cause) return no(`trip cause still present: ${cause}`);
      s.hotOil.heaterMode = 'off';
      s.hotOil.tripCause = '';
      return OK;
    }
    const ti = m.tankIndex.get(c.tag) ?? controllerTank(m, c.tag);
    if (ti !== undefined) {
      const tank = s.tanks[ti];
      if (tank.highTempTrip && tankTripTemp_C(m, s, ti) >= m.tanks[ti].data.alarms.tempHighHigh_C)
        return no('temperature still above the high-high trip');
      tank.highTempTrip = false;
      return OK;
    }
    const ai = m.armIndex.get(c.tag);
    if (ai !== undefined) {
      const a = s.arms[ai];
      if (a.truck.present && truckAtOverfill(a.truck)) return no('truck still at the overfill probe');
      a.overfillTrip = false;
      return OK;
    }
    return no(`nothing to reset on ${c.tag}`);
  },
  report: () => OK,
};
