import { z } from 'zod';

// Commands and faults as schemas: what arrives from outside (scenario files, a relay, a script) is
// checked field by field before it reaches the model.
const tag = z.string().min(1);
const unit = z.number().min(0).max(1);

export const faultSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('sensorStuck'), instrument: tag }),
  z.strictObject({ kind: z.literal('sensorDrift'), instrument: tag, rate_per_h: z.number() }),
  z.strictObject({ kind: z.literal('sensorNoise'), instrument: tag, sigma: z.number().nonnegative() }),
  z.strictObject({ kind: z.literal('valveStuck'), valve: tag }),
  z.strictObject({ kind: z.literal('pumpTrip'), pump: tag }),
  z.strictObject({ kind: z.literal('heaterFlameFailure') }),
  z.strictObject({ kind: z.literal('coilLeak'), tank: tag, rate_kg_s: z.number().positive().max(5) }),
  z.strictObject({ kind: z.literal('waterInTank'), tank: tag, water_kg: z.number().positive().max(10000) }),
  z.strictObject({
    kind: z.literal('receiptOverfill'),
    tank: tag,
    flow_kg_s: z.number().positive().max(100),
    temp_C: z.number().min(100).max(230),
  }),
  z.strictObject({ kind: z.literal('powerFailure') }),
  z.strictObject({ kind: z.literal('fire'), bay: tag }),
  z.strictObject({ kind: z.literal('h2sRelease'), tank: tag, ppm: z.number().positive().max(2000) }),
]);

export const commandSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('setValve'), tag, opening: unit }),
  z.strictObject({ type: z.literal('setPump'), tag, run: z.boolean() }),
  z.strictObject({ type: z.literal('setPumpSpeed'), tag, speed: unit }),
  z.strictObject({ type: z.literal('setSetpoint'), tag, value_C: z.number() }),
  z.strictObject({ type: z.literal('setMode'), tag, mode: z.enum(['auto', 'manual', 'cascade']) }),
  z.strictObject({ type: z.literal('setOutput'), tag, output: unit }),
  z.strictObject({ type: z.literal('heaterStart') }),
  z.strictObject({ type: z.literal('heaterStop') }),
  z.strictObject({ type: z.literal('resetTrip'), tag }),
  z.strictObject({ type: z.literal('esd'), active: z.boolean() }),
  z.strictObject({ type: z.literal('bayEstop'), bay: tag, pressed: z.boolean() }),
  z.strictObject({ type: z.literal('startReceipt'), tank: tag, flow_kg_s: z.number().positive(), temp_C: z.number() }),
  z.strictObject({ type: z.literal('stopReceipt'), tank: tag }),
  z.strictObject({ type: z.literal('startTransfer'), from: tag, to: tag, flow_kg_s: z.number().positive() }),
  z.strictObject({ type: z.literal('stopTransfer') }),
  z.strictObject({ type: z.literal('truckArrive'), arm: tag, capacity_m3: z.number().positive().optional() }),
  z.strictObject({ type: z.literal('truckDepart'), arm: tag }),
  z.strictObject({ type: z.literal('setArm'), arm: tag, position: z.enum(['parked', 'overTruck', 'lowered']) }),
  z.strictObject({ type: z.literal('setPreset'), arm: tag, preset_kg: z.number().nonnegative() }),
  z.strictObject({ type: z.literal('setMixer'), tank: tag, on: z.boolean() }),
  z.strictObject({ type: z.literal('resetFouling'), tank: tag }),
  z.strictObject({ type: z.literal('drainWater'), tank: tag, open: z.boolean() }),
  z.strictObject({ type: z.literal('extinguish'), bay: tag, on: z.boolean() }),
  z.strictObject({ type: z.literal('ackAlarm'), id: tag }),
  z.strictObject({ type: z.literal('ackAll') }),
  z.strictObject({ type: z.literal('shelveAlarm'), id: tag, duration_s: z.number().positive() }),
  z.strictObject({ type: z.literal('unshelveAlarm'), id: tag }),
  z.strictObject({ type: z.literal('setAlarmService'), id: tag, inService: z.boolean() }),
  z.strictObject({ type: z.literal('injectFault'), fault: faultSchema }),
  z.strictObject({ type: z.literal('clearFault'), id: z.number().int() }),
  z.strictObject({ type: z.literal('clearAllFaults') }),
  z.strictObject({
    type: z.literal('setWeather'),
    ambientMean_C: z.number().optional(),
    ambientSwing_K: z.number().optional(),
    wind_m_s: z.number().optional(),
    rain_mm_h: z.number().optional(),
    solarPeak_W_m2: z.number().optional(),
    cloudCover: z.number().optional(),
  }),
  z.strictObject({ type: z.literal('setTimeOfDay'), hour: z.number().min(0).max(24) }),
  z.strictObject({ type: z.literal('report'), subject: z.string().min(1), detail: z.string().optional() }),
]);
