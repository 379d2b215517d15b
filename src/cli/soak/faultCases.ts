import type { z } from 'zod';
import { faultSchema } from '../../sim/commandSchema';
import type { Fault } from '../../sim/faults';
import type { PlantData } from '../../sim/plant/schema';

// One valid instance of every fault kind against a plant, built from the fault schema itself so that a
// kind added to the schema is soaked without anyone remembering to list it. Each field is filled by its
// name from the plant; a numeric field takes the worst value its schema allows. A field name not known
// here throws, naming the kind and field, so a new kind cannot slip through untested.

type Option = (typeof faultSchema.options)[number];

/** The worst case the soak leaves unattended for a number with no schema bound (a drift of −2 units/h, the way a control transmitter hides an overheat). */
const UNBOUNDED: Record<string, number> = { rate_per_h: -2, sigma: 1 };

function tankOf(p: PlantData, k: number): PlantData['tanks'][number] {
  return p.tanks[Math.min(k, p.tanks.length - 1)];
}

/** Plant objects by field name. `k` spreads the instances over the plant (the all-at-once run). */
const PICK: Record<string, (p: PlantData, k: number) => string> = {
  // the control transmitter: its fault is the one the independent safety sensor must catch
  instrument: (p, k) => tankOf(p, k).instruments.temperature,
  valve: (p, k) => tankOf(p, k).coil.valveTag,
  pump: (p) => p.hotOil.pumps[0].tag,
  tank: (p, k) => tankOf(p, k).tag,
  bay: (p) => p.loading.stations[0].bays[0].tag,
  arm: (p) => p.loading.stations[0].bays[0].arms[0].tag,
  line: (p) => p.pipes.find((x) => x.service === 'product')?.tag ?? p.loading.stations[0].bays[0].arms[0].tag,
};

function numberFor(kind: string, key: string, schema: z.ZodType): number {
  const n = schema as unknown as { maxValue?: number | null; minValue?: number | null };
  if (typeof n.maxValue === 'number' && Number.isFinite(n.maxValue)) return n.maxValue;
  if (key in UNBOUNDED) return UNBOUNDED[key];
  throw new Error(`fault ${kind}: no soak value for the unbounded number ${key}`);
}

function instance(opt: Option, p: PlantData, k: number): Fault {
  const kind = opt.shape.kind.value;
  const out: Record<string, unknown> = { kind };
  for (const [key, field] of Object.entries(opt.shape as Record<string, z.ZodType>)) {
    if (key === 'kind') continue;
    const type = (field as unknown as { def: { type: string } }).def.type;
    if (type === 'number') out[key] = numberFor(kind, key, field);
    else if (key in PICK) out[key] = PICK[key](p, k);
    else throw new Error(`fault ${kind}: no soak value for the field ${key} (${type})`);
  }
  return faultSchema.parse(out);
}

/** One instance of each fault kind in the schema, on the plant's first tank or the given one. */
export function faultCases(p: PlantData, spread = false): Fault[] {
  return faultSchema.options.map((opt, k) => instance(opt, p, spread ? k : 4));
}
