import { z } from 'zod';
import { formatPath, type FieldError, type LoadResult } from '../sim/plant/load';
import type { PlantData } from '../sim/plant/schema';
import type { Mapping } from '../scada/mapping';
import { nextRandom } from '../sim/rng';

// The virtual plant's hidden parameters: what the real plant would not tell the twin (how fouled each coil
// is, how damaged each tank's insulation, how far off and how noisy each instrument). Chosen by a seed or
// read from a file; never published over any protocol, only written out on request (--reveal) so that an
// estimator's guesses can be scored against the truth.

const tankHidden = z.strictObject({
  /** Coil fouling resistance at the start, m²K/W (grows further with the oil temperature as the model says). */
  fouling_m2K_W: z.number().min(0).max(0.1).default(0),
  /** Insulation conductivity multiplier: 1 intact, 3 = wet or torn lagging conducting three times as much. */
  insulationFactor: z.number().min(1).max(20).default(1),
});

const sensorHidden = z.strictObject({
  /** Calibration offset, engineering units of the tag. */
  bias: z.number().finite().default(0),
  /** Standard deviation of white measurement noise, engineering units. */
  sigma: z.number().min(0).default(0),
});

export const hiddenSchema = z.strictObject({
  /** The seed these were drawn from, when they were. */
  seed: z.number().int().optional(),
  /** By tank tag (TK-101). */
  tanks: z.record(z.string(), tankHidden).default({}),
  /** By mapped plant tag (TK-101.temp). */
  sensors: z.record(z.string(), sensorHidden).default({}),
});
export type Hidden = z.infer<typeof hiddenSchema>;

/** Ranges a seed draws from (estimates: plausible for a terminal a few years after its last turnaround). */
const MAX_SEED_FOULING_M2K_W = 0.01;
const MAX_SEED_INSULATION_FACTOR = 3;
/** Bias up to ±0.5 % and noise up to 0.2 % of the instrument's calibrated span (typical transmitter class). */
const BIAS_OF_SPAN = 0.005;
const SIGMA_OF_SPAN = 0.002;

/** Hidden parameters drawn from a seed: the same seed gives the same plant, for the plant and mapping given. */
export function hiddenFromSeed(seed: number, plant: PlantData, mapping: Mapping): Hidden {
  const r = { rng: (seed ^ 0x5eed) >>> 0 };
  const tanks: Hidden['tanks'] = {};
  for (const t of plant.tanks) {
    const u = nextRandom(r);
    tanks[t.tag] = {
      fouling_m2K_W: round6(MAX_SEED_FOULING_M2K_W * nextRandom(r)),
      // cubed: most lagging is near intact, a few tanks badly damaged
      insulationFactor: round6(1 + (MAX_SEED_INSULATION_FACTOR - 1) * u * u * u),
    };
  }
  const sensors: Hidden['sensors'] = {};
  for (const t of mapping.tags) {
    // a set point or a switch is no analog measurement: nothing to be off by
    if (t.writable || t.unit === '0/1') continue;
    const span = t.range[1] - t.range[0];
    sensors[t.tag] = {
      bias: round6((2 * nextRandom(r) - 1) * BIAS_OF_SPAN * span),
      sigma: round6(nextRandom(r) * SIGMA_OF_SPAN * span),
    };
  }
  return { seed, tanks, sensors };
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** Validate a hidden-parameter file against the schema, the plant's tanks and the mapping's tags; errors by path. */
export function parseHidden(raw: unknown, plant: PlantData, mapping: Mapping): LoadResult<Hidden> {
  const r = hiddenSchema.safeParse(raw);
  if (!r.success)
    return { ok: false, errors: r.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })) };
  const errors: FieldError[] = [];
  const tanks = new Map(plant.tanks.map((t) => [t.tag, t]));
  for (const [tag, h] of Object.entries(r.data.tanks)) {
    const t = tanks.get(tag);
    if (!t) errors.push({ path: `tanks.${tag}`, message: `the plant has no tank "${tag}"` });
    else if (t.insulation.k_W_mK * h.insulationFactor > 1)
      errors.push({
        path: `tanks.${tag}.insulationFactor`,
        message: `makes the insulation conduct ${t.insulation.k_W_mK * h.insulationFactor} W/mK, more than the plant file allows (1)`,
      });
  }
  const mapped = new Set(mapping.tags.map((t) => t.tag));
  for (const tag of Object.keys(r.data.sensors))
    if (!mapped.has(tag)) errors.push({ path: `sensors.${tag}`, message: `the mapping has no tag "${tag}"` });
  return errors.length ? { ok: false, errors } : { ok: true, value: r.data };
}

/** The plant data with the hidden insulation damage applied (a copy; the model is built from it). */
export function damagedPlant(plant: PlantData, hidden: Hidden): PlantData {
  const p = structuredClone(plant);
  for (const t of p.tanks) {
    const h = hidden.tanks[t.tag];
    if (h) t.insulation.k_W_mK *= h.insulationFactor;
  }
  return p;
}
