import type { PlantData } from '../sim/plant/schema';
import type { FieldError, LoadResult } from '../sim/plant/load';
import { parseNumber, readCsv } from './csv';
import { parseSchedule, type Schedule } from './schedule';

// A loading schedule as CSV, one row a truck or a rate of trucks:
//   bay,arm,product,tank,time,quantity_m3,rate_m3_h,trucks_per_h,until
//   BAY-1,LA-1A,AC60/70,TK-101,1.5,30,,,
//   BAY-2,,PMA,,6,,,2,14
// `time` and `until` are hours after the start or ISO 8601 date-times. Only bay, time and one of product or
// tank are required. Each row becomes one entry of the JSON format and goes through the same checks; an error
// is reported by the row's line and the column it came from.

/** CSV column → schedule field; a few spellings people use. */
const COLUMNS: Record<string, string> = {
  bay: 'bay',
  arm: 'arm',
  product: 'product',
  tank: 'tank',
  time: 'at',
  at: 'at',
  planned_time: 'at',
  quantity_m3: 'quantity_m3',
  quantity: 'quantity_m3',
  rate_m3_h: 'rate_m3_h',
  trucks_per_h: 'trucksPerHour',
  trucksperhour: 'trucksPerHour',
  until: 'until',
};
const NUMERIC = new Set(['quantity_m3', 'rate_m3_h', 'trucksPerHour']);
const TIMES = new Set(['at', 'until']);

export interface ScheduleCsvOptions {
  name?: string;
  /** The origin of numeric times, ISO 8601 (optional: hours count from the forecast's start). */
  start?: string;
}

/** Parse a CSV schedule; errors name the line and column ("line 4, column tank"). Never throws. */
export function parseScheduleCsv(text: string, plant: PlantData, opts: ScheduleCsvOptions = {}): LoadResult<Schedule> {
  const table = readCsv(text);
  const errors: FieldError[] = [];
  const unknown = table.columns.filter((c) => c && !(c in COLUMNS));
  for (const c of unknown)
    errors.push({ path: `line 1, column ${c}`, message: `unknown column; known: ${Object.keys(COLUMNS).join(', ')}` });
  if (!table.columns.includes('bay'))
    errors.push({
      path: 'line 1',
      message: 'the header must name the columns, at least bay, time and product or tank',
    });
  if (errors.length) return { ok: false, errors };
  if (!table.rows.length) return { ok: false, errors: [{ path: 'line 2', message: 'no loadings' }] };
  // field of each row → the column it was read from, for the error paths
  const colOf = new Map<string, string>();
  for (const c of table.columns) if (COLUMNS[c]) colOf.set(COLUMNS[c], c);
  const loadings = table.rows.map((r) => {
    const o: Record<string, unknown> = {};
    for (const [c, v] of r.cells) {
      const f = COLUMNS[c];
      if (!f) continue;
      const n = parseNumber(v);
      o[f] = NUMERIC.has(f) || TIMES.has(f) ? (Number.isFinite(n) ? n : v) : v;
    }
    return o;
  });
  const raw = { schemaVersion: 1, name: opts.name ?? 'imported schedule', start: opts.start, loadings };
  const res = parseSchedule(raw, plant);
  if (res.ok) return res;
  return {
    ok: false,
    errors: res.errors.map((e) => {
      const m = /^loadings\[(\d+)\](?:\.(\w+))?/.exec(e.path);
      if (!m) return e;
      const row = table.rows[Number(m[1])];
      const col = m[2] ? (colOf.get(m[2]) ?? m[2]) : undefined;
      return { path: `line ${row.line}${col ? `, column ${col}` : ''}`, message: e.message };
    }),
  };
}
