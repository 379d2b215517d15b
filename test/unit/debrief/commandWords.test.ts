import { describe, expect, it } from 'vitest';
import { commandSchema, faultSchema } from '../../../src/sim/commandSchema';
import type { Command, CommandType } from '../../../src/sim/commands';
import type { Fault, FaultKind } from '../../../src/sim/faults';
import { commandWords, faultWords, WORDED_COMMANDS } from '../../../src/i18n/commandWords';
import { sayIn } from '../../../src/i18n/say';
import { dictionaries } from '../../../src/i18n/strings';
import { wordsEn, wordsTh } from '../../../src/i18n/debriefWords';
import { debriefEn, debriefTh } from '../../../src/i18n/debriefUi';

// One command of each type, checked against the schema, so a type added to commandSchema.ts without a
// sample here (and so without tested wording) fails the first test.
const SAMPLES: Record<CommandType, Command> = {
  setValve: { type: 'setValve', tag: 'XV-101', opening: 1 },
  setPump: { type: 'setPump', tag: 'P-101', run: true },
  setPumpSpeed: { type: 'setPumpSpeed', tag: 'P-301', speed: 0.5 },
  setSetpoint: { type: 'setSetpoint', tag: 'TIC-101', value_C: 165 },
  setMode: { type: 'setMode', tag: 'TIC-101', mode: 'manual' },
  setOutput: { type: 'setOutput', tag: 'TIC-101', output: 0.25 },
  setFarmMode: { type: 'setFarmMode', mode: 'mpc' },
  setHeatingPlan: { type: 'setHeatingPlan', plan: null },
  setWeatherForecast: { type: 'setWeatherForecast', forecast: null },
  startAutotune: { type: 'startAutotune', tag: 'TIC-102' },
  stopAutotune: { type: 'stopAutotune', tag: 'TIC-102' },
  setTuning: { type: 'setTuning', tag: 'TIC-102', kp: 2.5, ti_s: 600 },
  setTuningMode: { type: 'setTuningMode', tag: 'TIC-102', mode: 'adaptive' },
  heaterStart: { type: 'heaterStart' },
  heaterStop: { type: 'heaterStop' },
  resetTrip: { type: 'resetTrip', tag: 'H-201' },
  esd: { type: 'esd', active: true },
  bayEstop: { type: 'bayEstop', bay: 'BAY-1', pressed: true },
  startReceipt: { type: 'startReceipt', tank: 'TK-101', flow_kg_s: 20, temp_C: 170 },
  stopReceipt: { type: 'stopReceipt', tank: 'TK-101' },
  startTransfer: { type: 'startTransfer', from: 'TK-101', to: 'TK-102', flow_kg_s: 15 },
  stopTransfer: { type: 'stopTransfer' },
  truckArrive: { type: 'truckArrive', arm: 'LA-1' },
  truckDepart: { type: 'truckDepart', arm: 'LA-1' },
  setArm: { type: 'setArm', arm: 'LA-1', position: 'lowered' },
  setPreset: { type: 'setPreset', arm: 'LA-1', preset_kg: 25000 },
  setMixer: { type: 'setMixer', tank: 'TK-103', on: true },
  resetFouling: { type: 'resetFouling', tank: 'TK-103' },
  drainWater: { type: 'drainWater', tank: 'TK-103', open: true },
  extinguish: { type: 'extinguish', bay: 'BAY-2', on: true },
  ackAlarm: { type: 'ackAlarm', id: 'TK-104.AAHH' },
  ackAll: { type: 'ackAll' },
  shelveAlarm: { type: 'shelveAlarm', id: 'TK-104.TAH', duration_s: 600 },
  unshelveAlarm: { type: 'unshelveAlarm', id: 'TK-104.TAH' },
  setAlarmService: { type: 'setAlarmService', id: 'TK-104.TAH', inService: false },
  injectFault: { type: 'injectFault', fault: { kind: 'coilLeak', tank: 'TK-105', rate_kg_s: 0.2 } },
  clearFault: { type: 'clearFault', id: 3 },
  clearAllFaults: { type: 'clearAllFaults' },
  setWeather: { type: 'setWeather', wind_m_s: 12 },
  setTimeOfDay: { type: 'setTimeOfDay', hour: 6.5 },
  report: { type: 'report', subject: 'withdrawn' },
};

const FAULTS: Record<FaultKind, Fault> = {
  sensorStuck: { kind: 'sensorStuck', instrument: 'TT-101' },
  sensorDrift: { kind: 'sensorDrift', instrument: 'TT-101', rate_per_h: 2 },
  sensorNoise: { kind: 'sensorNoise', instrument: 'TT-101', sigma: 1 },
  valveStuck: { kind: 'valveStuck', valve: 'TV-101' },
  pumpTrip: { kind: 'pumpTrip', pump: 'P-201A' },
  heaterFlameFailure: { kind: 'heaterFlameFailure' },
  coilLeak: { kind: 'coilLeak', tank: 'TK-105', rate_kg_s: 0.2 },
  waterInTank: { kind: 'waterInTank', tank: 'TK-102', water_kg: 300 },
  receiptOverfill: { kind: 'receiptOverfill', tank: 'TK-101', flow_kg_s: 30, temp_C: 170 },
  powerFailure: { kind: 'powerFailure' },
  fire: { kind: 'fire', bay: 'BAY-1' },
  h2sRelease: { kind: 'h2sRelease', tank: 'TK-104', ppm: 50 },
  truckWater: { kind: 'truckWater', arm: 'LA-1', water_kg: 20 },
  lineHeatingFailure: { kind: 'lineHeatingFailure', line: 'L-101' },
  ventBlocked: { kind: 'ventBlocked', tank: 'TK-103' },
  insulationDamage: { kind: 'insulationDamage', tank: 'TK-103', factor: 3 },
  foulingStep: { kind: 'foulingStep', tank: 'TK-103', add_m2K_W: 0.01 },
  heaterDegradation: { kind: 'heaterDegradation', efficiencyLoss_frac: 0.1 },
};

const schemaTypes = commandSchema.options.map((o) => o.shape.type.value).sort();
const faultKinds = faultSchema.options.map((o) => o.shape.kind.value).sort();

describe('command wording', () => {
  it('has a formatter and a checked sample for every command type in the schema', () => {
    expect([...WORDED_COMMANDS].sort()).toEqual(schemaTypes);
    expect(Object.keys(SAMPLES).sort()).toEqual(schemaTypes);
    for (const [type, c] of Object.entries(SAMPLES)) expect(commandSchema.safeParse(c).success, type).toBe(true);
  });

  it.each(schemaTypes)('words %s in English and in Thai, every slot filled', (type) => {
    const c = SAMPLES[type as CommandType];
    const en = commandWords(c, 'en');
    const th = commandWords(c, 'th');
    for (const text of [en, th]) {
      expect(text.trim()).not.toBe('');
      expect(text).not.toMatch(/[{}"]/); // no unfilled slot, no JSON
      expect(text).not.toMatch(new RegExp(`\\b${type}\\b`)); // not the command's code name
    }
    expect(th).not.toBe(en);
    expect(th).toMatch(/[\u0E00-\u0E7F]/); // Thai script
  });

  it.each(faultKinds)('words the fault %s in both languages', (kind) => {
    const f = FAULTS[kind as FaultKind];
    expect(faultSchema.safeParse(f).success).toBe(true);
    const en = faultWords(f, sayIn('en'));
    const th = faultWords(f, sayIn('th'));
    expect(en).not.toMatch(/[{}]/);
    expect(th).not.toMatch(/[{}]/);
    expect(th).toMatch(/[\u0E00-\u0E7F]/);
  });

  it('reads as an operator would say it', () => {
    expect(commandWords(SAMPLES.report, 'en')).toBe('Reported: withdrawn from the hatch');
    expect(commandWords(SAMPLES.report, 'th')).toBe('รายงาน: ถอยออกจากฝาถังแล้ว');
    expect(commandWords(SAMPLES.setValve, 'en')).toBe('Opened XV-101');
    expect(commandWords({ type: 'setValve', tag: 'XV-101', opening: 0 }, 'en')).toBe('Closed XV-101');
    expect(commandWords({ type: 'setValve', tag: 'TV-101', opening: 0.35 }, 'en')).toBe('Set TV-101 to 35 % open');
    expect(commandWords(SAMPLES.setSetpoint, 'en')).toBe('Set TIC-101 to 165 °C');
    expect(commandWords(SAMPLES.setMode, 'en')).toBe('Put TIC-101 in manual');
    expect(commandWords(SAMPLES.injectFault, 'en')).toBe('Injected: coil leak on TK-105');
    expect(commandWords(SAMPLES.shelveAlarm, 'en')).toBe('Shelved TK-104.TAH for 10 min');
    expect(commandWords(SAMPLES.setTimeOfDay, 'en')).toBe('Set the time of day to 06:30');
    expect(commandWords({ type: 'report', subject: 'h2s', detail: 'at TK-104' }, 'en')).toBe(
      'Reported: H2S release at the hatch (at TK-104)',
    );
    expect(commandWords({ type: 'report', subject: 'smell of gas' }, 'en')).toBe('Reported: smell of gas');
  });

  it('has every wording and debrief string in Thai, translated, and in the page dictionaries', () => {
    for (const [en, th] of [
      [wordsEn, wordsTh],
      [debriefEn, debriefTh],
    ] as [Record<string, string>, Record<string, string>][]) {
      expect(Object.keys(th).sort()).toEqual(Object.keys(en).sort());
      for (const k of Object.keys(en)) {
        expect(th[k], k).not.toBe(en[k]);
        expect(dictionaries.en[k as keyof typeof dictionaries.en]).toBe(en[k]);
        expect(dictionaries.th[k as keyof typeof dictionaries.th]).toBe(th[k]);
      }
    }
  });
});
