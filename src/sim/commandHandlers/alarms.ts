import { ackAlarm, setAlarmService, shelveAlarm, unshelveAlarm } from '../safety/alarms';
import { no, OK, type CommandHandlers } from './handler';

// Alarm management commands (ISA-18.2): acknowledge, shelve for a while, return from shelving, and
// take an alarm out of or back into service.

export const alarmHandlers: CommandHandlers<
  'ackAlarm' | 'ackAll' | 'shelveAlarm' | 'unshelveAlarm' | 'setAlarmService'
> = {
  ackAlarm(m, s, c) {
    const i = m.alarmIndex.get(c.id);
    if (i === undefined) return no(`unknown alarm ${c.id}`);
    if (!ackAlarm(m, s, i)) return no(`${c.id} has nothing to acknowledge`);
    return OK;
  },
  ackAll(m, s) {
    for (let i = 0; i < s.alarms.length; i++) ackAlarm(m, s, i);
    return OK;
  },
  shelveAlarm(m, s, c) {
    const i = m.alarmIndex.get(c.id);
    if (i === undefined) return no(`unknown alarm ${c.id}`);
    shelveAlarm(m, s, i, c.duration_s);
    return OK;
  },
  unshelveAlarm(m, s, c) {
    const i = m.alarmIndex.get(c.id);
    if (i === undefined) return no(`unknown alarm ${c.id}`);
    unshelveAlarm(m, s, i);
    return OK;
  },
  setAlarmService(m, s, c) {
    const i = m.alarmIndex.get(c.id);
    if (i === undefined) return no(`unknown alarm ${c.id}`);
    setAlarmService(m, s, i, c.inService);
    return OK;
  },
};
