import type { Model } from '../../sim/plantIndex';
import type { TagDef } from '../../sim/tags';

// The physical range of every tag, from its unit (tags.ts), so that the soak can say a value is not only
// finite but possible. A unit not listed here throws: a new unit needs its range before it is soaked.

export interface TagRange {
  lo: number;
  hi: number;
  integer?: boolean;
}

/** Temperatures a hot-bitumen terminal can show without a fire (°C): below any site, above the coking limit. */
const T_LO_C = -60;
const T_HI_C = 400;
/** A flame or a tube film may be far hotter than any liquid (°C). */
const FLAME_HI_C = 1500;
/** Above the shell: product rises above the overflow until it spills (m), also as a fraction of the shell. */
const LEVEL_MARGIN_FRAC = 0.05;
const LEVEL_MARGIN_M = 0.5;

const BY_UNIT: Record<string, TagRange> = {
  '°C': { lo: T_LO_C, hi: T_HI_C },
  'm/s': { lo: 0, hi: 100 },
  'mm/h': { lo: 0, hi: 300 },
  'W/m²': { lo: 0, hi: 1400 },
  m: { lo: -50, hi: 200 }, // NPSH: a head, may go negative when the suction flashes; levels by tank below
  '%': { lo: 0, hi: 100 },
  '0/1': { lo: 0, hi: 1, integer: true },
  '0/1/2': { lo: 0, hi: 2, integer: true },
  '0–1': { lo: 0, hi: 1 },
  '0–2': { lo: 0, hi: 2, integer: true },
  '0–3': { lo: 0, hi: 3, integer: true },
  '0–4': { lo: 0, hi: 4, integer: true },
  '0–7': { lo: 0, hi: 7, integer: true },
  kg: { lo: 0, hi: 1e9 },
  'm³': { lo: 0, hi: 1e6 },
  kW: { lo: -1e5, hi: 1e5 }, // a coil colder than its product takes heat back; the sun warms a cold shell
  'kg/s': { lo: 0, hi: 1000 },
  ppm: { lo: 0, hi: 1e6 },
  'm²K/W': { lo: 0, hi: 1 },
  'Pa·s': { lo: 0, hi: 1e20 }, // solid bitumen is a glass: the viscosity rises without a useful limit
  bar: { lo: -2, hi: 100 },
  'm³/h': { lo: 0, hi: 1e4 },
  s: { lo: 0, hi: 1e9 },
  '1/K': { lo: 0, hi: 1000 }, // a PI's gain, output per K (setTuning allows 100; adaptive 10× a loop's own)
  mbar: { lo: -1013.25, hi: 2000 }, // no vacuum below absolute zero pressure; a torn roof relieves long before 2 bar
  count: { lo: 0, hi: 1e6, integer: true },
};

const FLAME_TAGS = /\.(stack_temp|tube_film_temp)$/;

/** The range of each tag of the plant, in tag order. */
export function tagRanges(m: Model, tags: TagDef[]): TagRange[] {
  const shell = new Map(m.tanks.map((tm) => [tm.tag, tm.H_m]));
  return tags.map((t) => {
    const base = BY_UNIT[t.unit];
    if (!base) throw new Error(`tag ${t.name}: no physical range for the unit ${t.unit}`);
    const H = shell.get(t.name.slice(0, t.name.indexOf('.')));
    if (H !== undefined && t.unit === 'm') return { lo: 0, hi: H + Math.max(LEVEL_MARGIN_M, LEVEL_MARGIN_FRAC * H) };
    if (H !== undefined && t.name.endsWith('.level_pct'))
      return { lo: 0, hi: 100 * (1 + Math.max(LEVEL_MARGIN_M / H, LEVEL_MARGIN_FRAC)) };
    if (FLAME_TAGS.test(t.name)) return { lo: T_LO_C, hi: FLAME_HI_C };
    return base;
  });
}

export function inRange(r: TagRange, v: number): boolean {
  return Number.isFinite(v) && v >= r.lo && v <= r.hi && (!r.integer || Number.isInteger(v));
}
