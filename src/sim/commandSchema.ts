import { z } from 'zod';
import { heatingPlanSchema, weatherForecastSchema } from './control/mpc/schema';

// Commands and faults, described once. What arrives from outside (scenario files, the worker's message
// port, a script, the CLI) is checked field by field against these schemas before it reaches the model,
// and the TypeScript types (commands.ts, faults.ts) are inferred from them, so a range lives here only.
// Checks that need the plant (a tag exists, a limit of this plant) stay where the plant is known.

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
  // water left in the compartment of the road tanker at an arm (the next truck there, or the one there now)
  z.strictObject({ kind: z.literal('truckWater'), arm: tag, water_kg: z.number().positive().max(2000) }),
  // a product line's or loading arm's hot-oil jacket (or trace) out of service
  z.strictObject({ kind: z.literal('lineHeatingFailure'), line: tag }),
  // the tank's free vent plugged by sublimed product
  z.strictObject({ kind: z.literal('ventBlocked'), tank: tag }),
  // wet or torn lagging: the insulation conducts `factor` times as much
  z.strictObject({ kind: z.literal('insulationDamage'), tank: tag, factor: z.number().gt(1).max(20) }),
  // a step of coke on the coil (a hot-oil excursion): this much more fouling resistance, at once
  z.strictObject({ kind: z.literal('foulingStep'), tank: tag, add_m2K_W: z.number().positive().max(0.1) }),
  // fired-heater efficiency lost (fouled convection bank, burner out of tune), in points of efficiency
  z.strictObject({ kind: z.literal('heaterDegradation'), efficiencyLoss_frac: z.number().positive().max(0.5) }),
]);

// mpc: the coil valve is moved by the farm's model-predictive controller (control/mpc), PI tracking it
export const controllerModeSchema = z.enum(['auto', 'manual', 'cascade', 'mpc']);
/** How a loop's PI gains are chosen: as set, scheduled on level and viscosity, or adapted on line (RLS). */
export const tuningModeSchema = z.enum(['fixed', 'scheduled', 'adaptive']);
export const armPositionSchema = z.enum(['parked', 'overTruck', 'lowered']);
// automation: window.tanktwin in automation mode (a test or script), logged apart from the trainee's own actions
export const commandOriginSchema = z.enum(['trainee', 'scenario', 'instructor', 'automation']);

/** Everything an operator, instructor or scenario can do to the plant. Applied at the start of the next step. */
export const commandSchema = z.discriminatedUnion('type', [
  // 0..1; MOVs, the hand block valves, and the coil control valves in manual
  z.strictObject({ type: z.literal('setValve'), tag, opening: unit }),
  z.strictObject({ type: z.literal('setPump'), tag, run: z.boolean() }),
  z.strictObject({ type: z.literal('setPumpSpeed'), tag, speed: unit }), // VFD, fraction of max speed
  // TIC-xxx or the heater; the allowed band depends on the plant's alarm and trip limits
  z.strictObject({ type: z.literal('setSetpoint'), tag, value_C: z.number() }),
  z.strictObject({ type: z.literal('setMode'), tag, mode: controllerModeSchema }),
  z.strictObject({ type: z.literal('setOutput'), tag, output: unit }), // manual output of a TIC
  // the whole farm (every tank TIC and the heater's supply set point) to MPC, or back to PI
  z.strictObject({ type: z.literal('setFarmMode'), mode: z.enum(['mpc', 'pi']) }),
  // the heating plan the MPC follows (src/energy makes it); null clears it (the MPC then holds the set points)
  z.strictObject({ type: z.literal('setHeatingPlan'), plan: heatingPlanSchema.nullable() }),
  // the weather ahead for the MPC's feed-forward; null: the plant's own day/night cycle ahead
  z.strictObject({ type: z.literal('setWeatherForecast'), forecast: weatherForecastSchema.nullable() }),
  // relay auto-tune (Åström–Hägglund) of a temperature loop (a TIC or the heater): the relay's half-amplitude
  // of valve (or firing) and its hysteresis on the PV; the loop returns to its mode with the report
  z.strictObject({
    type: z.literal('startAutotune'),
    tag,
    relay_frac: z.number().gt(0).max(0.5).optional(),
    hysteresis_K: z.number().min(0).max(10).optional(),
  }),
  z.strictObject({ type: z.literal('stopAutotune'), tag }),
  // a loop's PI gains (from the tuning report, or by hand)
  z.strictObject({
    type: z.literal('setTuning'),
    tag,
    kp: z.number().positive().max(100),
    ti_s: z
      .number()
      .positive()
      .max(7 * 86400),
  }),
  z.strictObject({ type: z.literal('setTuningMode'), tag, mode: tuningModeSchema }),
  z.strictObject({ type: z.literal('heaterStart') }),
  z.strictObject({ type: z.literal('heaterStop') }),
  // the heater, a tank's high-temperature trip, an arm's overfill trip
  z.strictObject({ type: z.literal('resetTrip'), tag }),
  z.strictObject({ type: z.literal('esd'), active: z.boolean() }),
  z.strictObject({ type: z.literal('bayEstop'), bay: tag, pressed: z.boolean() }),
  z.strictObject({
    type: z.literal('startReceipt'),
    tank: tag,
    flow_kg_s: z.number().positive().max(100),
    temp_C: z.number().min(100).max(230),
  }),
  z.strictObject({ type: z.literal('stopReceipt'), tank: tag }),
  // the upper flow limit is the plant's transfer pump rating
  z.strictObject({ type: z.literal('startTransfer'), from: tag, to: tag, flow_kg_s: z.number().positive() }),
  z.strictObject({ type: z.literal('stopTransfer') }),
  z.strictObject({ type: z.literal('truckArrive'), arm: tag, capacity_m3: z.number().positive().optional() }),
  z.strictObject({ type: z.literal('truckDepart'), arm: tag }),
  z.strictObject({ type: z.literal('setArm'), arm: tag, position: armPositionSchema }),
  z.strictObject({ type: z.literal('setPreset'), arm: tag, preset_kg: z.number().nonnegative().max(60000) }),
  z.strictObject({ type: z.literal('setMixer'), tank: tag, on: z.boolean() }),
  z.strictObject({ type: z.literal('resetFouling'), tank: tag }),
  z.strictObject({ type: z.literal('drainWater'), tank: tag, open: z.boolean() }), // the water draw-off valve
  z.strictObject({ type: z.literal('extinguish'), bay: tag, on: z.boolean() }),
  z.strictObject({ type: z.literal('ackAlarm'), id: tag }),
  z.strictObject({ type: z.literal('ackAll') }),
  // shelve for 1 s to 8 h
  z.strictObject({
    type: z.literal('shelveAlarm'),
    id: tag,
    duration_s: z
      .number()
      .positive()
      .max(8 * 3600),
  }),
  z.strictObject({ type: z.literal('unshelveAlarm'), id: tag }),
  z.strictObject({ type: z.literal('setAlarmService'), id: tag, inService: z.boolean() }),
  z.strictObject({ type: z.literal('injectFault'), fault: faultSchema }),
  z.strictObject({ type: z.literal('clearFault'), id: z.number().int() }),
  z.strictObject({ type: z.literal('clearAllFaults') }),
  z.strictObject({
    type: z.literal('setWeather'),
    // physical ranges: the plant file's weather bounds; world records bound the rest
    ambientMean_C: z.number().min(-40).max(55).optional(),
    ambientSwing_K: z.number().min(0).max(25).optional(), // a desert's day/night half-range
    wind_m_s: z.number().min(0).max(60).optional(), // beyond a category-5 hurricane's sustained wind
    rain_mm_h: z.number().min(0).max(300).optional(), // extreme cloudburst
    solarPeak_W_m2: z.number().min(0).max(1400).optional(), // above the solar constant at ground level
    cloudCover: unit.optional(),
  }),
  z.strictObject({ type: z.literal('setTimeOfDay'), hour: z.number().min(0).lt(24) }),
  // an operator's report with no effect on the plant (raise the alarm, withdraw, report a hazard, muster): logged and scored
  z.strictObject({ type: z.literal('report'), subject: z.string().min(1), detail: z.string().optional() }),
]);
