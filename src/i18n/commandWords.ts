import type { Command, CommandType } from '../sim/commands';
import type { Fault, FaultKind } from '../sim/faults';
import type { Lang, StringKey } from './strings';
import { REPORT_SUBJECTS } from './strings';
import { num, pct, sayIn, type Say } from './say';

// Every command as the sentence a trainee reads in the debrief ("Opened XV-101"), one formatter per
// command family. The families together are typed as covering every command type, so a command added to
// commandSchema.ts without wording fails to compile, and test/unit/debrief checks each in both languages.

type Of<T extends CommandType> = Extract<Command, { type: T }>;
type Family<K extends CommandType> = { [T in K]: (c: Of<T>, say: Say) => string };

const valvesAndPumps: Family<'setValve' | 'setPump' | 'setPumpSpeed'> = {
  setValve: (c, say) =>
    say(c.opening >= 1 ? 'w.valve.open' : c.opening <= 0 ? 'w.valve.close' : 'w.valve.set', {
      tag: c.tag,
      pct: pct(c.opening),
    }),
  setPump: (c, say) => say(c.run ? 'w.pump.start' : 'w.pump.stop', { tag: c.tag }),
  setPumpSpeed: (c, say) => say('w.pump.speed', { tag: c.tag, pct: pct(c.speed) }),
};

// the loop modes and tuning modes in the words the faceplate already uses for its buttons
const MODE_KEY: Record<Of<'setMode'>['mode'], StringKey> = {
  auto: 'auto',
  manual: 'manual',
  cascade: 'cascade',
  mpc: 'mpc',
};
const TUNING_KEY: Record<Of<'setTuningMode'>['mode'], StringKey> = {
  fixed: 'ctl.mode.fixed',
  scheduled: 'ctl.mode.scheduled',
  adaptive: 'ctl.mode.adaptive',
};

const control: Family<
  | 'setSetpoint'
  | 'setMode'
  | 'setOutput'
  | 'setFarmMode'
  | 'setHeatingPlan'
  | 'setWeatherForecast'
  | 'startAutotune'
  | 'stopAutotune'
  | 'setTuning'
  | 'setTuningMode'
> = {
  setSetpoint: (c, say) => say('w.setpoint', { tag: c.tag, value: num(c.value_C) }),
  setMode: (c, say) => say('w.mode', { tag: c.tag, mode: say(MODE_KEY[c.mode]).toLowerCase() }),
  setOutput: (c, say) => say('w.output', { tag: c.tag, pct: pct(c.output) }),
  setFarmMode: (c, say) => say(c.mode === 'mpc' ? 'w.farm.mpc' : 'w.farm.pi'),
  setHeatingPlan: (c, say) => say(c.plan ? 'w.plan.set' : 'w.plan.clear'),
  setWeatherForecast: (c, say) => say(c.forecast ? 'w.forecast.set' : 'w.forecast.clear'),
  startAutotune: (c, say) => say('w.autotune.start', { tag: c.tag }),
  stopAutotune: (c, say) => say('w.autotune.stop', { tag: c.tag }),
  setTuning: (c, say) => say('w.tuning', { tag: c.tag, kp: num(c.kp), ti: num(c.ti_s) }),
  setTuningMode: (c, say) => say('w.tuningMode', { tag: c.tag, mode: say(TUNING_KEY[c.mode]).toLowerCase() }),
};

const safety: Family<'heaterStart' | 'heaterStop' | 'resetTrip' | 'esd' | 'bayEstop' | 'extinguish'> = {
  heaterStart: (_c, say) => say('w.heater.start'),
  heaterStop: (_c, say) => say('w.heater.stop'),
  resetTrip: (c, say) => say('w.resetTrip', { tag: c.tag }),
  esd: (c, say) => say(c.active ? 'w.esd.on' : 'w.esd.off'),
  bayEstop: (c, say) => say(c.pressed ? 'w.estop.on' : 'w.estop.off', { bay: c.bay }),
  extinguish: (c, say) => say(c.on ? 'w.extinguish.on' : 'w.extinguish.off', { bay: c.bay }),
};

const movements: Family<'startReceipt' | 'stopReceipt' | 'startTransfer' | 'stopTransfer'> = {
  startReceipt: (c, say) => say('w.receipt.start', { tank: c.tank, flow: num(c.flow_kg_s), temp: num(c.temp_C) }),
  stopReceipt: (c, say) => say('w.receipt.stop', { tank: c.tank }),
  startTransfer: (c, say) => say('w.transfer.start', { from: c.from, to: c.to, flow: num(c.flow_kg_s) }),
  stopTransfer: (_c, say) => say('w.transfer.stop'),
};

const loading: Family<'truckArrive' | 'truckDepart' | 'setArm' | 'setPreset'> = {
  truckArrive: (c, say) => say('w.truck.arrive', { arm: c.arm }),
  truckDepart: (c, say) => say('w.truck.depart', { arm: c.arm }),
  setArm: (c, say) => say(`w.arm.${c.position}`, { arm: c.arm }),
  setPreset: (c, say) => say('w.preset', { arm: c.arm, kg: Math.round(c.preset_kg) }),
};

const tanks: Family<'setMixer' | 'resetFouling' | 'drainWater'> = {
  setMixer: (c, say) => say(c.on ? 'w.mixer.on' : 'w.mixer.off', { tank: c.tank }),
  resetFouling: (c, say) => say('w.fouling', { tank: c.tank }),
  drainWater: (c, say) => say(c.open ? 'w.drain.open' : 'w.drain.close', { tank: c.tank }),
};

const alarms: Family<'ackAlarm' | 'ackAll' | 'shelveAlarm' | 'unshelveAlarm' | 'setAlarmService'> = {
  ackAlarm: (c, say) => say('w.ack', { id: c.id }),
  ackAll: (_c, say) => say('w.ackAll'),
  shelveAlarm: (c, say) => say('w.shelve', { id: c.id, min: Math.max(1, Math.round(c.duration_s / 60)) }),
  unshelveAlarm: (c, say) => say('w.unshelve', { id: c.id }),
  setAlarmService: (c, say) => say(c.inService ? 'w.service.in' : 'w.service.out', { id: c.id }),
};

const faults: Family<'injectFault' | 'clearFault' | 'clearAllFaults'> = {
  injectFault: (c, say) => say('w.fault.inject', { fault: faultWords(c.fault, say) }),
  clearFault: (c, say) => say('w.fault.clear', { id: c.id }),
  clearAllFaults: (_c, say) => say('w.fault.clearAll'),
};

const world: Family<'setWeather' | 'setTimeOfDay'> = {
  setWeather: (_c, say) => say('w.weather'),
  setTimeOfDay: (c, say) => {
    const min = Math.round(c.hour * 60);
    return say('w.timeOfDay', {
      hhmm: `${String(Math.floor(min / 60) % 24).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`,
    });
  },
};

const KNOWN_SUBJECTS: ReadonlySet<string> = new Set(REPORT_SUBJECTS);

const reports: Family<'report'> = {
  // the report menu's own words ("Withdrawn from the hatch"), lower-cased after "Reported:" in English
  report: (c, say) => {
    const subject = KNOWN_SUBJECTS.has(c.subject) ? say(`report.${c.subject}` as StringKey) : c.subject;
    const lowered = subject.replace(/^([A-Z])(?![A-Z0-9])/, (m) => m.toLowerCase());
    return say('w.report', { subject: c.detail ? `${lowered} (${c.detail})` : lowered });
  },
};

const FAMILIES = {
  ...valvesAndPumps,
  ...control,
  ...safety,
  ...movements,
  ...loading,
  ...tanks,
  ...alarms,
  ...faults,
  ...world,
  ...reports,
};

// fails to compile when a command type has no formatter
const ALL: Family<CommandType> = FAMILIES;

/** The command types that have wording (every one: the test compares this with the schema). */
export const WORDED_COMMANDS: readonly string[] = Object.keys(ALL);

/** A fault in words ("coil leak on TK-105"): its kind's template filled with the fault's own fields. */
export function faultWords(f: Fault, say: Say): string {
  const { kind, ...fields } = f;
  return say(`f.${kind satisfies FaultKind}`, fields as Record<string, string | number>);
}

/** A command in words in a language. */
export function commandWords(c: Command, lang: Lang | Say): string {
  const say = typeof lang === 'function' ? lang : sayIn(lang);
  return (ALL[c.type] as (c: Command, say: Say) => string)(c, say);
}
