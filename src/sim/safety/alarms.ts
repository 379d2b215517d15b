import type { Model } from '../plantIndex';
import type { AlarmStateName } from '../events';
import type { AlarmRuntime, SimState } from '../state';
import {
  alarmMemo,
  alarmTable,
  forgetAlarm,
  gatherAlarmValues,
  SENSE_FLAG,
  SENSE_HIGH,
  settleAlarm,
  unsettleAlarm,
} from './alarmTable';
import type { AlarmDef } from './alarmDefs';

/** What the state machine needs of a definition. */
export type AlarmLimit = Pick<AlarmDef, 'sense' | 'limit' | 'deadband' | 'onDelay_s' | 'offDelay_s'>;

// ISA-18.2 alarm handling: deadband and on/off delays on each limit; designed suppression by equipment
// state; the states normal, unacknowledged, acknowledged, returned-unacknowledged, shelved and out of
// service (an alarm still active when it returns to service is annunciated anew); every transition into
// the event log.

export function alarmStateName(a: AlarmRuntime, t_s: number): AlarmStateName {
  if (!a.inService) return 'outOfService';
  if (a.shelvedUntil_s >= 0 && t_s < a.shelvedUntil_s) return 'shelved';
  if (a.active) return a.acked ? 'ack' : 'unack';
  return a.acked ? 'normal' : 'rtnUnack';
}

export function newAlarmRuntime(): AlarmRuntime {
  return { active: false, acked: true, shelvedUntil_s: -1, inService: true, timer_s: 0, raisedAt_s: -1 };
}

function logAlarm(m: Model, s: SimState, i: number): void {
  const d = m.alarms[i];
  s.events.push({
    type: 'alarm',
    t_s: s.t_s,
    id: d.id,
    tag: d.tag,
    priority: d.priority,
    state: alarmStateName(s.alarms[i], s.t_s),
    message: d.message,
  });
}

export function evaluateAlarms(m: Model, s: SimState, dt: number): void {
  const defs = m.alarms;
  const t = alarmTable(defs);
  gatherAlarmValues(s, defs, t);
  const alarms = s.alarms;
  const memo = alarmMemo(alarms);
  const value = t.value;
  for (let i = 0; i < defs.length; i++) {
    const v = value[i];
    // inside the values that keep its condition as its state is: the state machine would only confirm it
    if (v > memo.below[i] && v < memo.above[i]) continue;
    const a = alarms[i];
    if (a.shelvedUntil_s >= 0 && s.t_s >= a.shelvedUntil_s) {
      a.shelvedUntil_s = -1;
      logAlarm(m, s, i);
    }
    // beyondLimit's test on the table's codes and limits
    const active = a.active;
    const sense = t.sense[i];
    const over =
      sense === SENSE_FLAG
        ? v > 0.5
        : sense === SENSE_HIGH
          ? active
            ? v > t.clear[i]
            : v >= t.limit[i]
          : active
            ? v < t.clear[i]
            : v <= t.limit[i];
    // designed suppression: the equipment's state makes the condition expected, so it is not an alarm
    const suppressible = over && t.suppressible[i] === 1;
    const beyond = suppressible ? !defs[i].suppressed!(s) : over;
    if (beyond === active) {
      // the steady case, most alarms most of the time: advanceAlarm would only zero the timer
      if (a.timer_s !== 0) a.timer_s = 0;
      if (a.shelvedUntil_s < 0 && !suppressible) settleAlarm(t, memo, i, active);
      else unsettleAlarm(memo, i);
      continue;
    }
    unsettleAlarm(memo, i);
    if (advanceAlarm(defs[i], a, beyond, dt, s.t_s)) logAlarm(m, s, i);
  }
}

/** The limit test with its deadband: an active alarm clears only past limit ∓ deadband. */
export function beyondLimit(d: AlarmLimit, active: boolean, v: number): boolean {
  if (d.sense === 'flag') return v > 0.5;
  if (d.sense === 'high') return active ? v > d.limit - d.deadband : v >= d.limit;
  return active ? v < d.limit + d.deadband : v <= d.limit;
}

/**
 * One alarm's state after dt with its condition `beyond`: the on/off delays, then raised (unacknowledged,
 * stamped t_s) or returned. True when the operator must see the change (evaluateAlarms logs it); the plant's
 * live alarms (src/live/liveAlarms.ts) step the same way.
 */
export function advanceAlarm(d: AlarmLimit, a: AlarmRuntime, beyond: boolean, dt: number, t_s: number): boolean {
  if (beyond === a.active) {
    a.timer_s = 0;
    return false;
  }
  a.timer_s += dt;
  if (a.timer_s < (beyond ? d.onDelay_s : d.offDelay_s)) return false;
  a.timer_s = 0;
  a.active = beyond;
  if (!a.inService) return false; // out of service: tracked but never annunciated
  if (beyond) {
    a.acked = false;
    a.raisedAt_s = t_s;
  }
  return true;
}

export function ackAlarm(m: Model, s: SimState, i: number): boolean {
  const a = s.alarms[i];
  if (a.acked) return false;
  a.acked = true;
  logAlarm(m, s, i);
  return true;
}

export function shelveAlarm(m: Model, s: SimState, i: number, duration_s: number): void {
  const a = s.alarms[i];
  forgetAlarm(s.alarms, i);
  a.shelvedUntil_s = s.t_s + duration_s;
  logAlarm(m, s, i);
}

export function unshelveAlarm(m: Model, s: SimState, i: number): void {
  forgetAlarm(s.alarms, i);
  s.alarms[i].shelvedUntil_s = -1;
  logAlarm(m, s, i);
}

export function setAlarmService(m: Model, s: SimState, i: number, inService: boolean): void {
  const a = s.alarms[i];
  forgetAlarm(s.alarms, i);
  const returning = inService && !a.inService;
  a.inService = inService;
  if (!inService) a.acked = true;
  else if (returning && a.active) {
    // active while out of service: back in service it is a new alarm the operator has not seen
    a.acked = false;
    a.raisedAt_s = s.t_s;
  }
  logAlarm(m, s, i);
}

/** Alarms that the operator sees (not normal), most urgent first, newest first within a priority. */
export function annunciated(m: Model, s: SimState): { id: string; index: number; state: AlarmStateName }[] {
  const rank = { critical: 0, high: 1, medium: 2, low: 3 } as const;
  const out: { id: string; index: number; state: AlarmStateName }[] = [];
  s.alarms.forEach((a, i) => {
    const st = alarmStateName(a, s.t_s);
    if (st !== 'normal') out.push({ id: m.alarms[i].id, index: i, state: st });
  });
  return out.sort(
    (x, y) =>
      rank[m.alarms[x.index].priority] - rank[m.alarms[y.index].priority] ||
      s.alarms[y.index].raisedAt_s - s.alarms[x.index].raisedAt_s,
  );
}
