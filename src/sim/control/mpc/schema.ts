import { z } from 'zod';

// What the model-predictive controller is given from outside the plant, described once: the heating plan
// it follows (src/energy/ makes it from the loading schedule and the fuel price) and the weather forecast
// it feeds forward. Both are sampled on a regular grid of plant time; the plant holds them as plain data so
// that they snapshot, replay and travel over MQTT like any other command.

/** Longest plan or forecast the plant accepts: 14 days at hourly steps (or 28 at two-hourly). */
export const MAX_SAMPLES = 14 * 24 + 1;

const temps = z.array(z.number().min(-50).max(400)).min(2).max(MAX_SAMPLES);

/** One tank's part of the heating plan: the temperature to follow and the least it may be, at each sample. */
export const tankPlanSchema = z.strictObject({
  tag: z.string().min(1), // the tank (TK-101)
  target_C: temps, // the planned product temperature (the MPC's reference)
  min_C: temps, // lower bound (a planned loading's spec minimum plus margin, or the storage minimum)
});

export const heatingPlanSchema = z
  .strictObject({
    t0_s: z.number().min(0), // plant time of the first sample
    step_s: z
      .number()
      .min(60)
      .max(6 * 3600),
    tanks: z.array(tankPlanSchema).min(1).max(64),
    supply_C: temps, // the heater's planned supply temperature
    expectedFuel_J: z.number().nonnegative().optional(),
  })
  .superRefine((p, ctx) => {
    const n = p.supply_C.length;
    p.tanks.forEach((t, i) => {
      if (t.target_C.length !== n)
        ctx.addIssue({ code: 'custom', path: ['tanks', i, 'target_C'], message: `needs ${n} samples, as supply_C` });
      if (t.min_C.length !== n)
        ctx.addIssue({ code: 'custom', path: ['tanks', i, 'min_C'], message: `needs ${n} samples, as supply_C` });
    });
  });

const series = (lo: number, hi: number) => z.array(z.number().min(lo).max(hi)).min(2).max(MAX_SAMPLES);

/** Weather ahead, on a regular grid of plant time: what the MPC and the heating plan expect. */
export const weatherForecastSchema = z
  .strictObject({
    t0_s: z.number().min(0),
    step_s: z
      .number()
      .min(60)
      .max(6 * 3600),
    ambient_C: series(-40, 55),
    solar_W_m2: series(0, 1400).optional(),
    wind_m_s: series(0, 60).optional(),
  })
  .superRefine((f, ctx) => {
    for (const k of ['solar_W_m2', 'wind_m_s'] as const) {
      const a = f[k];
      if (a && a.length !== f.ambient_C.length)
        ctx.addIssue({ code: 'custom', path: [k], message: `needs ${f.ambient_C.length} samples, as ambient_C` });
    }
  });

export type TankPlan = z.infer<typeof tankPlanSchema>;
export type HeatingPlan = z.infer<typeof heatingPlanSchema>;
export type WeatherForecast = z.infer<typeof weatherForecastSchema>;
