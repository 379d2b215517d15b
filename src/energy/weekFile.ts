import { z } from 'zod';
import type { PlantData } from '../sim/plant/schema';
import { formatPath, type FieldError, type LoadResult } from '../sim/plant/load';
import { buildModel } from '../sim/plantIndex';
import { initialConditionsSchema, parseInitialConditions } from '../sim/initial';
import { weatherForecastSchema } from '../sim/control/mpc/schema';
import { checkScheduleAgainstPlant, scheduleSchema } from '../productQuality/schedule';

// A week of terminal operation to compare heating strategies on (models/weeks/*.json): where the plant
// starts (the CLI's --initial form, then a settling run on its own PI loops), the weather hour by hour (the
// heating plan's forecast format, imposed on the plant), every truck (the quality forecast's loading
// schedule, hours from the week's start) and the fuel price. Checked field by field, every error by path.

/** Longest week the runner accepts, h: the schedule's and the weather's own limit (14 days). */
export const MAX_WEEK_H = 14 * 24;

export const weekFileSchema = z.strictObject({
  schemaVersion: z.literal(1),
  name: z.string().min(1),
  description: z.string().optional(),
  /** Length of the compared run, h (default: a week). */
  duration_h: z.number().positive().max(MAX_WEEK_H).optional(),
  /** The starting state: the plant file's defaults overridden as by `npm run sim -- --initial`. */
  initial: initialConditionsSchema,
  /** Hours run on the plant's own PI loops from `initial` before the week starts, so it starts settled. */
  settle_h: z.number().min(0).max(MAX_WEEK_H).optional(),
  /** The weather of the week from its start (t0_s 0), imposed on the plant and given to the planner. */
  weather: weatherForecastSchema,
  /** Every truck of the week, times in hours from the week's start. */
  schedule: scheduleSchema,
  fuel: z.strictObject({
    price_per_GJ: z.number().nonnegative().max(1e6),
    currency: z.string().min(1).max(8),
  }),
});

export type WeekFile = z.infer<typeof weekFileSchema>;

/** The week's length, s. */
export function weekDuration_s(w: WeekFile): number {
  return (w.duration_h ?? 7 * 24) * 3600;
}

/** The cross-checks a field schema cannot make: the state and the schedule against the plant, the weather's span. */
function checkWeek(w: WeekFile, plant: PlantData): FieldError[] {
  const errors: FieldError[] = [];
  const ir = parseInitialConditions(w.initial, buildModel(plant));
  if (!ir.ok) for (const e of ir.errors) errors.push({ path: `initial.${e.path}`, message: e.message });
  for (const e of checkScheduleAgainstPlant(w.schedule, plant))
    errors.push({ path: `schedule.${e.path}`, message: e.message });
  if (w.schedule.start)
    errors.push({ path: 'schedule.start', message: 'a week counts its hours from its own start: leave start out' });
  w.schedule.loadings.forEach((r, i) => {
    for (const k of ['at', 'until'] as const)
      if (typeof r[k] === 'string')
        errors.push({ path: `schedule.loadings[${i}].${k}`, message: 'must be hours from the week start' });
  });
  if (w.weather.t0_s !== 0) errors.push({ path: 'weather.t0_s', message: 'the week weather starts at 0 (its start)' });
  const span_s = (w.weather.ambient_C.length - 1) * w.weather.step_s;
  if (span_s < weekDuration_s(w))
    errors.push({
      path: 'weather.ambient_C',
      message: `covers ${span_s / 3600} h; the week needs ${weekDuration_s(w) / 3600} h (${Math.ceil(weekDuration_s(w) / w.weather.step_s) + 1} samples)`,
    });
  return errors;
}

/** Parse and check a week file (its parsed JSON) for this plant; every error at once, by path. */
export function parseWeek(raw: unknown, plant: PlantData): LoadResult<WeekFile> {
  const r = weekFileSchema.safeParse(raw);
  if (!r.success)
    return { ok: false, errors: r.error.issues.map((e) => ({ path: formatPath(e.path), message: e.message })) };
  const errors = checkWeek(r.data, plant);
  return errors.length ? { ok: false, errors } : { ok: true, value: r.data };
}
