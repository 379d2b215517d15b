import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from '../node/args';
import { defaultPlant } from '../sim/plant/default';
import { formatErrors, parsePlantText } from '../sim/plant/load';
import type { PlantData } from '../sim/plant/schema';
import { parseSchedule } from '../productQuality/schedule';
import { parseScheduleCsv } from '../productQuality/scheduleCsv';
import { forecastWithAdvice } from '../productQuality/advice';
import { startSnapshot } from '../productQuality/startState';
import { parseLimsCsv } from '../productQuality/limsCsv';
import { correctedPlant, fitProducts } from '../productQuality/waltherFit';
import { fitRows, forecastRows } from '../productQuality/view';

const USAGE = `Usage: npm run quality -- --schedule FILE [options]
  --schedule FILE    loading schedule: models/schedules/*.json, or CSV (bay,arm,product,tank,time,quantity_m3,…)
  --start ISO        origin of a CSV schedule's hour times (JSON schedules carry their own)
  --plant FILE       plant file (default: the embedded default plant)
  --lims FILE        LIMS samples CSV (tank,time,property,value,temp_C,unit): fit the products' viscosity first
  --out-plant FILE   write the LIMS-corrected plant file here
  --json             print the forecast as JSON instead of a table
Forecast from the plant file's initial state; exit 0 all in spec, 3 some truck out of spec, 2 bad input.`;

function fail(msg: string): never {
  process.stderr.write(`${msg}\n`);
  process.exit(2);
}

const { values: v, error } = parseArgs(process.argv.slice(2), {
  schedule: 'value',
  start: 'value',
  plant: 'value',
  lims: 'value',
  'out-plant': 'value',
  json: 'bool',
  help: 'bool',
});
if (error || v.help || typeof v.schedule !== 'string') fail(error ? `${error}\n${USAGE}` : USAGE);
const read = (f: string) => {
  try {
    return readFileSync(f, 'utf8');
  } catch (e) {
    return fail(`cannot read ${f}: ${(e as Error).message}`);
  }
};

let plant: PlantData = defaultPlant();
if (typeof v.plant === 'string') {
  const r = parsePlantText(read(v.plant));
  if (!r.ok) fail(`${v.plant}:\n${formatErrors(r.errors)}`);
  plant = r.value;
}
if (typeof v.lims === 'string') {
  const imp = parseLimsCsv(read(v.lims), plant);
  if (imp.errors.length) process.stderr.write(`${v.lims}: rows left out:\n${formatErrors(imp.errors)}\n`);
  const fits = fitProducts(plant, imp.samples);
  for (const r of fitRows(fits))
    console.log(`LIMS ${r.product}: A ${r.A}, B ${r.B}, n ${r.n}, ${r.range}, misfit ${r.rms}`);
  const c = correctedPlant(plant, fits);
  if (!c.ok) fail(`the corrected plant is not valid:\n${formatErrors(c.errors)}`);
  plant = c.value;
  if (typeof v['out-plant'] === 'string') writeFileSync(v['out-plant'], `${JSON.stringify(plant, null, 2)}\n`);
}
const text = read(v.schedule);
let sched;
if (v.schedule.endsWith('.csv'))
  sched = parseScheduleCsv(text, plant, { start: typeof v.start === 'string' ? v.start : undefined });
else {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    fail(`${v.schedule}: ${(e as Error).message}`);
  }
  sched = parseSchedule(raw, plant);
}
if (!sched.ok) fail(`${v.schedule}:\n${formatErrors(sched.errors)}`);

const t0 = performance.now();
const fc = forecastWithAdvice({ plant, schedule: sched.value, snapshot: startSnapshot(plant, null) });
const ms = performance.now() - t0;
const rows = forecastRows(fc.loadings, Number.NaN);
if (v.json) console.log(JSON.stringify({ runtime_ms: ms, ...fc, whatIf: undefined }, null, 2));
else {
  console.log(['when', 'bay/arm', 'tank', 'product', 'outlet °C', 'η max Pa·s', 'margin K', 'status'].join('\t'));
  for (const r of rows)
    console.log([r.when, r.where, r.tank, r.product, r.outlet, r.viscosity, r.margin, r.status].join('\t'));
  for (const a of fc.advice) console.log(`advice: ${a.text}`);
  console.log(
    `${rows.length} trucks, ${(fc.horizon_s / 3600).toFixed(1)} h of plant time in ${ms.toFixed(0)} ms` +
      ` (${fc.steps} steps of 10 s${fc.whatIf ? ', and the what-if runs for the advice' : ''})`,
  );
}
process.exit(rows.some((r) => r.bad) ? 3 : 0);
