import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from '../node/args';
import { formatErrors, parsePlant, parsePlantText } from '../sim/plant/load';
import type { PlantData } from '../sim/plant/schema';
import { parseMapping, type Mapping } from '../scada/mapping';
import { SqliteStore } from '../historian/sqlite';
import { PostgresStore } from '../historian/postgres';
import type { HistorianStore } from '../historian/types';
import { calibrate, type Estimate } from '../calibrate/calibrate';
import { fitViscosity } from '../calibrate/viscosity';
import { readRecording, remap } from '../calibrate/recording';
import { calibratedMapping } from '../calibrate/params';
import { validate, meetsGoal } from '../calibrate/validate';
import { MAX_STABLE_DT_S } from '../sim/simulation';

const USAGE = `npm run calibrate -- --history SQLITE_FILE|postgres://… --mapping FILE --plant FILE --from ISO --to ISO
                      --out calibrated-plant.json [--out-mapping calibrated-mapping.json]
  --history       the historian: a SQLite file or a postgres:// URL
  --mapping       the tag mapping the history was stored with (its plant id names the history)
  --plant         the plant file to calibrate (default values and bounds of the fit)
  --from, --to    the window, ISO 8601 (e.g. 2026-11-01T00:00Z); at least 6 h
  --out           the calibrated plant file (checked by the plant loader before it is written)
  --out-mapping   the mapping with the fitted instrument offsets in its scaling
  --tanks         comma-separated tanks to fit (default all)
  --exclude       comma-separated tags not to fit on (a level with unmetered flows in the window)
  --lims          LIMS samples (CSV: tank,time,property,value,temp_C,unit): the products' viscosity A/B first
  --validate-to   ISO: also score the calibrated model over [--to, --validate-to) (24 h RMS and correlation)
  --dt            model step for the replays, s (default 10)`;

export interface CalibrateArgs {
  history: string;
  mapping: string;
  plant: string;
  from_ms: number;
  to_ms: number;
  out: string;
  outMapping?: string;
  tanks?: string[];
  exclude?: string[];
  validateTo_ms?: number;
  lims?: string;
  dt_s: number;
}

const FLAGS = {
  history: 'value',
  mapping: 'value',
  plant: 'value',
  from: 'value',
  to: 'value',
  out: 'value',
  'out-mapping': 'value',
  tanks: 'value',
  exclude: 'value',
  'validate-to': 'value',
  lims: 'value',
  dt: 'value',
  help: 'bool',
} as const;

/** The shortest window worth fitting: a tank's temperature hardly moves in less. */
export const MIN_WINDOW_MS = 6 * 3_600_000;

/** Flags → arguments, or an error that names the flag at fault. */
export function parseCalibrateArgs(argv: string[]): { ok: true; value: CalibrateArgs } | { ok: false; error: string } {
  const { values, error } = parseArgs(argv, FLAGS);
  if (error) return { ok: false, error };
  if (values.help) return { ok: false, error: USAGE };
  for (const f of ['history', 'mapping', 'plant', 'from', 'to', 'out'] as const)
    if (typeof values[f] !== 'string') return { ok: false, error: `--${f} is required\n${USAGE}` };
  const time = (f: 'from' | 'to' | 'validate-to'): number | string => {
    const s = values[f] as string;
    const t = /^\d{4}-\d{2}-\d{2}T/.test(s) ? Date.parse(s) : Number.NaN;
    return Number.isFinite(t) ? t : `--${f}: "${s}" is not an ISO 8601 time such as 2026-11-01T00:00Z`;
  };
  const from = time('from');
  if (typeof from === 'string') return { ok: false, error: from };
  const to = time('to');
  if (typeof to === 'string') return { ok: false, error: to };
  if (!(to > from)) return { ok: false, error: '--to must be after --from' };
  if (to - from < MIN_WINDOW_MS)
    return {
      ok: false,
      error: `--from … --to must span at least 6 h (it spans ${((to - from) / 3.6e6).toFixed(1)} h)`,
    };
  let validateTo_ms: number | undefined;
  if (typeof values['validate-to'] === 'string') {
    const v = time('validate-to');
    if (typeof v === 'string') return { ok: false, error: v };
    if (!(v > to)) return { ok: false, error: '--validate-to must be after --to' };
    validateTo_ms = v;
  }
  const dt = values.dt === undefined ? 10 : Number(values.dt);
  if (!(dt > 0 && dt <= MAX_STABLE_DT_S)) return { ok: false, error: `--dt must be in (0, ${MAX_STABLE_DT_S}] s` };
  const list = (f: 'tanks' | 'exclude') =>
    typeof values[f] === 'string'
      ? (values[f] as string)
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : undefined;
  const history = values.history as string;
  if (!/^postgres(ql)?:\/\/[^/]/.test(history) && history.includes('://'))
    return { ok: false, error: `--history: "${history}" is neither a SQLite file nor a postgres:// URL` };
  return {
    ok: true,
    value: {
      history,
      mapping: values.mapping as string,
      plant: values.plant as string,
      from_ms: from,
      to_ms: to,
      out: values.out as string,
      outMapping: typeof values['out-mapping'] === 'string' ? values['out-mapping'] : undefined,
      tanks: list('tanks'),
      exclude: list('exclude'),
      validateTo_ms,
      lims: typeof values.lims === 'string' ? values.lims : undefined,
      dt_s: dt,
    },
  };
}

function readJson(flag: string, file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`--${flag}: ${file}: ${(e as Error).message}`, { cause: e });
  }
}

export async function openHistory(url: string): Promise<HistorianStore> {
  if (/^postgres(ql)?:\/\//.test(url)) return PostgresStore.open(url);
  // opening a missing file would make an empty historian: say so instead
  if (!existsSync(url)) throw new Error(`--history: no such file ${url}`);
  return SqliteStore.open(resolve(url));
}

export async function main(argv: string[], log: (s: string) => void = console.log): Promise<number> {
  const a = parseCalibrateArgs(argv);
  if (!a.ok) {
    log(a.error);
    return 2;
  }
  const o = a.value;
  const pr = parsePlantText(readFileSync(o.plant, 'utf8'));
  if (!pr.ok) throw new Error(`--plant: ${o.plant}:\n${formatErrors(pr.errors)}`);
  const mr = parseMapping(readJson('mapping', o.mapping));
  if (!mr.ok) throw new Error(`--mapping: ${o.mapping}:\n${formatErrors(mr.errors)}`);
  let plant: PlantData = pr.value;
  const viscosity: Estimate[] = [];
  if (o.lims) {
    let text: string;
    try {
      text = readFileSync(o.lims, 'utf8');
    } catch (e) {
      throw new Error(`--lims: ${o.lims}: ${(e as Error).message}`, { cause: e });
    }
    let v: ReturnType<typeof fitViscosity>;
    try {
      v = fitViscosity(plant, text);
    } catch (e) {
      throw new Error(`--lims: ${o.lims}: ${(e as Error).message}`, { cause: e });
    }
    for (const e of v.rowErrors) log(`--lims: ${o.lims}: ${e.path}: ${e.message} (row left out)`);
    log(`viscosity: ${v.samples} LIMS samples`);
    plant = v.plant;
    viscosity.push(...v.estimates);
  }
  const mapping: Mapping = mr.value;
  if (o.tanks)
    for (const t of o.tanks)
      if (!plant.tanks.some((x) => x.tag === t)) throw new Error(`--tanks: the plant has no tank "${t}"`);
  const t0 = performance.now();
  const store = await openHistory(o.history);
  try {
    const tags = mapping.tags.map((t) => t.tag);
    const rec = await readRecording(store, mapping.plant, tags, o.from_ms, o.to_ms);
    if (rec.tag.length === 0)
      throw new Error(`--from … --to: the history holds no samples of plant "${mapping.plant}" in that window`);
    log(`read ${rec.tag.length} samples of ${rec.tags.length} tags`);
    const res = calibrate(rec, { plant, mapping, dt_s: o.dt_s, tanks: o.tanks, exclude: o.exclude, log });
    // the calibrated file must load where the design file did: the same loader the CLI, trainer and station use
    const text = JSON.stringify(res.plant, null, 2) + '\n';
    const check = parsePlant(JSON.parse(text));
    if (!check.ok) throw new Error(`the calibrated plant does not load:\n${formatErrors(check.errors)}`);
    writeFileSync(o.out, text);
    log(`wrote ${o.out}`);
    const calMapping = calibratedMapping(mapping, res.offsets);
    if (o.outMapping) {
      writeFileSync(o.outMapping, JSON.stringify(calMapping, null, 2) + '\n');
      log(`wrote ${o.outMapping}`);
    }
    for (const e of [...viscosity, ...res.estimates])
      log(`${e.name.padEnd(32)} ${fmt(e.initial)} → ${fmt(e.value)} ${e.unit}  95 % [${fmt(e.lo95)}, ${fmt(e.hi95)}]`);
    if (!res.heater)
      log(`${plant.hotOil.heater.tag}.efficiency: not fitted (no ${plant.hotOil.heater.tag}.fuel in the history)`);
    log(`${res.iterations} iterations, ${res.replays} replays, ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    if (o.validateTo_ms !== undefined) {
      const next = await readRecording(store, mapping.plant, tags, o.to_ms, o.validateTo_ms);
      const judged = res.tanks.flatMap((t) => Object.keys(t.rms));
      for (const s of validate(remap(next, mapping, calMapping), { plant: res.plant, dt_s: o.dt_s, tags: judged }))
        log(
          `${s.tag.padEnd(22)} rms ${fmt(s.rms)}  corr ${fmt(s.corr)}  n ${s.n}  ${meetsGoal(s) ? 'meets' : 'misses'} the goal`,
        );
    }
  } finally {
    await store.close();
  }
  return 0;
}

function fmt(x: number): string {
  return Number.isFinite(x) ? x.toPrecision(4) : String(x);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href)
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error((e as Error).message);
      process.exit(1);
    },
  );
