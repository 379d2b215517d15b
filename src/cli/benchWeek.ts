// control.fuel_saved_pct: the farm on model-predictive control following the heating plan against today's PI
// loops over the standard week (models/weeks/standard-week.json): PI fuel − (MPC fuel + the fuel to bring the
// MPC's end state to PI's), as % of PI's fuel (src/energy/compare.ts); the raw fuel of each, the end-state
// charge and the loading misses beside it. Run in a child process from a bundled build, as the model figures.
import weekRaw from '../../models/weeks/standard-week.json';
import { defaultPlant } from '../sim/plant/default';
import { formatErrors } from '../sim/plant/load';
import { parseWeek } from '../energy/weekFile';
import { compareWeek, endCharge_GJ, fuelSaved_pct } from '../energy/compare';
import { runWeek } from '../energy/week';
import { weekPlanner } from '../energy/weekPlanner';

const plant = defaultPlant();
const week = parseWeek(weekRaw, plant);
if (!week.ok) throw new Error(`models/weeks/standard-week.json is not valid:\n${formatErrors(week.errors)}`);
const t0 = process.hrtime.bigint();
const pi = compareWeek(plant, week.value, ['pi']).results[0];
const figures: [string, number, string][] = [
  ['control.week_fuel_pi_GJ', pi.kpi.fuel_GJ, 'GJ'],
  ['control.week_misses_pi', pi.kpi.misses, ''],
  ['control.week_heater_starts_pi', pi.kpi.heaterStarts, ''],
];
try {
  const mpc = runWeek({ plant, week: week.value, strategy: 'mpc', planner: weekPlanner });
  figures.unshift(
    ['control.fuel_saved_pct', fuelSaved_pct(pi.kpi, mpc.kpi), '%'],
    ['control.fuel_saved_raw_pct', (100 * (pi.kpi.fuel_GJ - mpc.kpi.fuel_GJ)) / pi.kpi.fuel_GJ, '%'],
  );
  figures.push(
    ['control.week_fuel_mpc_GJ', mpc.kpi.fuel_GJ, 'GJ'],
    ['control.week_end_charge_mpc_GJ', endCharge_GJ(pi.kpi, mpc.kpi), 'GJ'],
    ['control.week_misses_mpc', mpc.kpi.misses, ''],
    ['control.week_heater_starts_mpc', mpc.kpi.heaterStarts, ''],
  );
} catch (e) {
  // the MPC or its plan cannot run in this build: no figure (JSON has no NaN), and why, on stderr
  process.stderr.write(`control.fuel_saved_pct: not measured: ${(e as Error).message}\n`);
}
try {
  // the same daily plan followed on the PI loops' set points, without the MPC
  const plan = runWeek({ plant, week: week.value, strategy: 'plan', planner: weekPlanner });
  figures.push(
    ['control.fuel_saved_plan_pi_pct', fuelSaved_pct(pi.kpi, plan.kpi), '%'],
    ['control.week_misses_plan_pi', plan.kpi.misses, ''],
    ['control.week_heater_starts_plan_pi', plan.kpi.heaterStarts, ''],
  );
} catch (e) {
  process.stderr.write(`control.fuel_saved_plan_pi_pct: not measured: ${(e as Error).message}\n`);
}
figures.push(['control.week_compare_s', Number(process.hrtime.bigint() - t0) / 1e9, 's']);
process.stdout.write(JSON.stringify(figures));
