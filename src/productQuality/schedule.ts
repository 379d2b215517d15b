import { z } from 'zod';
import type { PlantData } from '../sim/plant/schema';
import { formatPath, type FieldError, type LoadResult } from '../sim/plant/load';

// The loading schedule: the trucks planned at each bay, as single loadings or as a rate ("2 trucks of
// AC60/70 an hour at BAY-1 from 06:00 to 14:00"). A time is hours after the schedule's start (a number) or
// an ISO 8601 date-time; without `start`, hours count from the state the forecast starts from ("now").
// Checked field by field (zod) and then against the plant (bays, arms, tanks, products), every error by path.

const time = z.union([
  z
    .number()
    .min(0)
    .max(24 * 14),
  z.string().datetime({ offset: true, message: 'must be hours after the start or an ISO date-time' }),
]);

export const scheduleLoadingSchema = z
  .strictObject({
    bay: z.string().min(1),
    /** The arm; default: the bay's first. */
    arm: z.string().min(1).optional(),
    /** The product; default: the tank's. */
    product: z.string().min(1).optional(),
    /** The tank loaded from; default: the tank of the product with the most product in it at the start. */
    tank: z.string().min(1).optional(),
    /** When the (first) truck starts loading. */
    at: time,
    /** Per truck, m³ at the loading temperature; default: the plant's truck capacity. */
    quantity_m3: z.number().positive().max(100).optional(),
    /** Loading rate, m³/h; default: the arm's gear pump at full speed, less its slip. */
    rate_m3_h: z.number().positive().max(500).optional(),
    /** A rate: this many trucks an hour, evenly spaced from `at` until `until`. */
    trucksPerHour: z.number().positive().max(20).optional(),
    until: time.optional(),
  })
  .refine((r) => r.product !== undefined || r.tank !== undefined, {
    message: 'name the product or the tank',
    path: ['product'],
  })
  .refine((r) => (r.trucksPerHour === undefined) === (r.until === undefined), {
    message: 'trucksPerHour and until go together',
    path: ['until'],
  });

export const scheduleSchema = z.strictObject({
  schemaVersion: z.literal(1),
  name: z.string().min(1),
  description: z.string().optional(),
  /** The time origin of numeric times (ISO 8601 with a zone). */
  start: z.string().datetime({ offset: true }).optional(),
  loadings: z.array(scheduleLoadingSchema).min(1).max(2000),
});

export type ScheduleLoading = z.infer<typeof scheduleLoadingSchema>;
export type Schedule = z.infer<typeof scheduleSchema>;

/** The most trucks one schedule may expand to (a forecast steps through them all). */
export const MAX_TRUCKS = 5000;

/** One truck, resolved against the plant: times in seconds after the schedule's origin. */
export interface PlannedLoading {
  /** Index of the schedule row it came from, and the truck's number within a rate row. */
  row: number;
  truck: number;
  bay: string;
  arm: string;
  /** The tank, or '' when it is chosen from the product at the forecast's start. */
  tank: string;
  product: string;
  at_s: number;
  quantity_m3: number;
  rate_m3_h: number;
}

/** Seconds after the origin of a schedule time; an ISO time needs `start_ms` (the origin, ms since epoch). */
export function timeOf(t: number | string, start_ms: number): number {
  return typeof t === 'number' ? t * 3600 : (Date.parse(t) - start_ms) / 1000;
}

/** The arms of a bay by tag. */
function baysOf(plant: PlantData): Map<string, PlantData['loading']['stations'][number]['bays'][number]> {
  const m = new Map<string, PlantData['loading']['stations'][number]['bays'][number]>();
  for (const st of plant.loading.stations) for (const b of st.bays) m.set(b.tag, b);
  return m;
}

/** The cross-checks against the plant, each by path: the bay, arm, tank and product exist and agree. */
export function checkScheduleAgainstPlant(s: Schedule, plant: PlantData): FieldError[] {
  const errors: FieldError[] = [];
  const bays = baysOf(plant);
  const products = new Set(plant.products.map((p) => p.id));
  const tanks = new Map(plant.tanks.map((t) => [t.tag, t]));
  const strings = s.loadings.some((r) => typeof r.at === 'string' || typeof r.until === 'string');
  if (strings && !s.start)
    errors.push({ path: 'start', message: 'an ISO time in the loadings needs the schedule start (ISO 8601)' });
  const t0 = s.start ? Date.parse(s.start) : 0;
  let trucks = 0;
  s.loadings.forEach((r, i) => {
    const at = `loadings[${i}]`;
    if (r.trucksPerHour !== undefined && r.until !== undefined && (s.start || typeof r.at === 'number'))
      trucks += Math.max(0, Math.ceil(((timeOf(r.until, t0) - timeOf(r.at, t0)) / 3600) * r.trucksPerHour));
    else trucks++;
    const bay = bays.get(r.bay);
    if (!bay)
      errors.push({ path: `${at}.bay`, message: `unknown bay "${r.bay}"; known: ${[...bays.keys()].join(', ')}` });
    else if (r.arm && !bay.arms.some((a) => a.tag === r.arm))
      errors.push({
        path: `${at}.arm`,
        message: `arm "${r.arm}" is not at ${r.bay}; its arms: ${bay.arms.map((a) => a.tag).join(', ')}`,
      });
    if (r.product && !products.has(r.product))
      errors.push({
        path: `${at}.product`,
        message: `unknown product "${r.product}"; known: ${[...products].join(', ')}`,
      });
    const tank = r.tank ? tanks.get(r.tank) : undefined;
    if (r.tank && !tank) errors.push({ path: `${at}.tank`, message: `unknown tank "${r.tank}"` });
    if (tank && r.product && tank.product !== r.product)
      errors.push({ path: `${at}.tank`, message: `${tank.tag} holds ${tank.product}, not ${r.product}` });
    if (s.start || (typeof r.at === 'number' && typeof r.until === 'number')) {
      if (r.until !== undefined && timeOf(r.until, t0) <= timeOf(r.at, t0))
        errors.push({ path: `${at}.until`, message: 'must be after at' });
    }
  });
  if (trucks > MAX_TRUCKS)
    errors.push({ path: 'loadings', message: `${trucks} trucks: a schedule may hold at most ${MAX_TRUCKS}` });
  return errors;
}

/**
 * Parse and check a schedule (the parsed JSON of a models/schedules/*.json file) against the plant. Every
 * error at once: the rows that pass the field checks are cross-checked against the plant even when others fail.
 */
export function parseSchedule(raw: unknown, plant: PlantData): LoadResult<Schedule> {
  const r = scheduleSchema.safeParse(raw);
  if (r.success) {
    const errors = checkScheduleAgainstPlant(r.data, plant);
    return errors.length ? { ok: false, errors } : { ok: true, value: r.data };
  }
  const errors: FieldError[] = r.error.issues.map((e) => ({ path: formatPath(e.path), message: e.message }));
  const rows = (raw as { loadings?: unknown } | null)?.loadings;
  if (Array.isArray(rows)) {
    const start = (raw as { start?: unknown }).start;
    const good: ScheduleLoading[] = [];
    const at: number[] = [];
    rows.forEach((x, i) => {
      const one = scheduleLoadingSchema.safeParse(x);
      if (one.success) {
        good.push(one.data);
        at.push(i);
      }
    });
    const partial = {
      schemaVersion: 1 as const,
      name: 'x',
      start: typeof start === 'string' ? start : undefined,
      loadings: good,
    };
    for (const e of checkScheduleAgainstPlant(partial, plant)) {
      if (e.path === 'start') continue; // the schema has its say on the start
      errors.push({ ...e, path: e.path.replace(/^loadings\[(\d+)\]/, (_, k: string) => `loadings[${at[Number(k)]}]`) });
    }
  }
  return { ok: false, errors };
}

/** The arm's default loading rate, m³/h: its gear pump at full speed less the slip. */
export function armRate_m3_h(plant: PlantData, armTag: string): number {
  for (const st of plant.loading.stations)
    for (const b of st.bays)
      for (const a of b.arms)
        if (a.tag === armTag) {
          const p = plant.loading.pumps.find((x) => x.tag === a.pump);
          if (p) return p.displacement_m3_rev * p.maxSpeed_rpm * 60 * (1 - p.slipCoefficient);
        }
  return 60; // no pump data: a typical 30 m³ truck in half an hour
}

/** Every truck of a checked schedule, in time order; rate rows expanded into evenly spaced trucks. */
export function plannedLoadings(s: Schedule, plant: PlantData): PlannedLoading[] {
  const bays = baysOf(plant);
  const tanks = new Map(plant.tanks.map((t) => [t.tag, t]));
  const t0 = s.start ? Date.parse(s.start) : 0;
  const out: PlannedLoading[] = [];
  s.loadings.forEach((r, row) => {
    const arm = r.arm ?? bays.get(r.bay)?.arms[0]?.tag ?? '';
    const tank = r.tank ?? '';
    const product = r.product ?? tanks.get(tank)?.product ?? '';
    const base = {
      row,
      bay: r.bay,
      arm,
      tank,
      product,
      quantity_m3: r.quantity_m3 ?? plant.loading.truckCapacity_m3,
      rate_m3_h: r.rate_m3_h ?? armRate_m3_h(plant, arm),
    };
    const at = timeOf(r.at, t0);
    if (r.trucksPerHour === undefined || r.until === undefined) {
      out.push({ ...base, truck: 0, at_s: at });
      return;
    }
    const every_s = 3600 / r.trucksPerHour;
    const end = timeOf(r.until, t0);
    for (let k = 0; at + k * every_s < end - 1e-6; k++) out.push({ ...base, truck: k, at_s: at + k * every_s });
  });
  return out.sort((a, b) => a.at_s - b.at_s || a.row - b.row || a.truck - b.truck);
}
