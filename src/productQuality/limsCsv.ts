import type { PlantData } from '../sim/plant/schema';
import type { FieldError } from '../sim/plant/load';
import { density } from '../sim/props/bitumen';
import { productProps } from '../sim/plantIndex';
import { parseNumber, readCsv } from './csv';

// LIMS samples as CSV: tank, time, property, value, and the test temperature and unit where the property
// needs them:
//   tank,time,property,value,temp_C,unit
//   TK-101,2026-11-30T08:00:00Z,viscosity,0.38,135,Pa.s
//   TK-101,2026-11-30T08:00:00Z,viscosity@60,200,,Pa.s
//   TK-104,2026-11-30T08:00:00Z,kinematic_viscosity,370,135,cSt
// Viscosity rows (dynamic, or kinematic converted with the product's density at the test temperature) feed
// the Walther fit; other properties (penetration, softening point …) are kept but not fitted. A bad row is
// reported by its line and column and left out; the import never throws.

export interface LimsSample {
  line: number;
  tank: string;
  product: string;
  time_ms: number;
  temp_C: number;
  /** Dynamic viscosity, Pa·s. */
  viscosity_Pa_s: number;
}

export interface LimsOther {
  line: number;
  tank: string;
  property: string;
  value: number;
}

export interface LimsImport {
  samples: LimsSample[];
  other: LimsOther[];
  errors: FieldError[];
}

/** Dynamic units to Pa·s, kinematic units to m²/s (lower-cased, · and . alike). */
const DYNAMIC: Record<string, number> = { 'pa.s': 1, pas: 1, 'mpa.s': 1e-3, mpas: 1e-3, cp: 1e-3, p: 0.1, poise: 0.1 };
const KINEMATIC: Record<string, number> = { cst: 1e-6, 'mm2/s': 1e-6, 'mm²/s': 1e-6, 'm2/s': 1, st: 1e-4 };

/** "viscosity", "viscosity@135", "viscosity_135C", "kinematic_viscosity at 135 °C" → kind and temperature. */
function viscosityProperty(p: string): { kinematic: boolean; temp_C: number } | null {
  const m = /^(kinematic[ _-]?)?(viscosity|visc)(?:\s*(?:@|_|at)\s*([-+]?\d+(?:\.\d+)?)\s*(?:°?\s*c)?)?$/i.exec(
    p.trim(),
  );
  if (!m) return null;
  return { kinematic: !!m[1], temp_C: m[3] !== undefined ? Number(m[3]) : Number.NaN };
}

/** Read a LIMS CSV against the plant (tank → product). */
export function parseLimsCsv(text: string, plant: PlantData): LimsImport {
  const out: LimsImport = { samples: [], other: [], errors: [] };
  const table = readCsv(text);
  const err = (line: number, col: string | null, message: string) =>
    out.errors.push({ path: `line ${line}${col ? `, column ${col}` : ''}`, message });
  for (const c of ['tank', 'time', 'property', 'value'])
    if (!table.columns.includes(c)) err(1, c, `missing column; the header must name tank, time, property, value`);
  if (out.errors.length) return out;
  const tempCol = table.columns.find((c) => c === 'temp_c' || c === 'temperature' || c === 'temperature_c');
  const tanks = new Map(plant.tanks.map((t) => [t.tag, t]));
  for (const r of table.rows) {
    const get = (c: string) => r.cells.get(c);
    const tankTag = get('tank') ?? '';
    const tank = tanks.get(tankTag);
    if (!tank) {
      err(r.line, 'tank', tankTag ? `unknown tank "${tankTag}"` : 'empty');
      continue;
    }
    const timeText = get('time') ?? '';
    const time_ms = Date.parse(timeText);
    if (!Number.isFinite(time_ms)) {
      err(r.line, 'time', timeText ? `"${timeText}" is not an ISO 8601 date-time` : 'empty');
      continue;
    }
    const value = parseNumber(get('value'));
    if (!Number.isFinite(value)) {
      err(r.line, 'value', `"${get('value') ?? ''}" is not a number`);
      continue;
    }
    const prop = get('property') ?? '';
    const v = viscosityProperty(prop);
    if (!prop) {
      err(r.line, 'property', 'empty');
      continue;
    }
    if (!v) {
      out.other.push({ line: r.line, tank: tankTag, property: prop, value });
      continue;
    }
    const temp_C = Number.isFinite(v.temp_C) ? v.temp_C : parseNumber(tempCol ? get(tempCol) : undefined);
    if (!Number.isFinite(temp_C) || temp_C < 20 || temp_C > 250) {
      err(
        r.line,
        tempCol ?? 'property',
        'a viscosity needs its test temperature, 20–250 °C (a temp_C column or viscosity@135)',
      );
      continue;
    }
    if (!(value > 0)) {
      err(r.line, 'value', 'a viscosity must be positive');
      continue;
    }
    const unitText = (get('unit') ?? (v.kinematic ? 'cst' : 'pa.s'))
      .toLowerCase()
      .replace(/·/g, '.')
      .replace(/\s/g, '');
    const dyn = DYNAMIC[unitText];
    const kin = KINEMATIC[unitText];
    if (dyn === undefined && kin === undefined) {
      err(r.line, 'unit', `unknown unit "${get('unit')}"; use Pa.s, mPa.s, cP, P, cSt or mm2/s`);
      continue;
    }
    if (v.kinematic && kin === undefined) {
      err(r.line, 'unit', `kinematic viscosity needs a kinematic unit (cSt, mm2/s), not "${get('unit')}"`);
      continue;
    }
    const product = plant.products.find((p) => p.id === tank.product)!;
    const eta = dyn !== undefined ? value * dyn : value * kin! * density(productProps(product), temp_C); // ν·ρ = η
    out.samples.push({ line: r.line, tank: tankTag, product: product.id, time_ms, temp_C, viscosity_Pa_s: eta });
  }
  return out;
}
