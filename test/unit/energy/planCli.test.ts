import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planCli } from '../../../src/cli/plan';
import { heatingPlanSchema } from '../../../src/sim/control/mpc/schema';
import { DAY_TWO } from './planFixtures';

const dir = mkdtempSync(join(tmpdir(), 'tt-plan-'));
const file = (name: string, body: unknown) => {
  const f = join(dir, name);
  writeFileSync(f, typeof body === 'string' ? body : JSON.stringify(body));
  return f;
};
const cold = JSON.parse(readFileSync('models/weather/cold-night.json', 'utf8')) as { ambient_C: number[] };

describe('npm run plan', () => {
  it('prints the plan as JSON with the expected fuel, through a cold night', () => {
    const r = planCli([
      '--schedule',
      file('s.json', DAY_TWO),
      '--forecast',
      'models/weather/cold-night.json',
      '--fuel-price',
      '12',
      '--currency',
      'USD',
      '--format',
      'json',
    ]);
    expect(r.stderr).toMatch(/expected fuel [\d.]+ GJ \(\d+ USD\)/);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { heatingPlan: unknown; fuel: { fuel_J: number; cost: number } };
    expect(heatingPlanSchema.safeParse(out.heatingPlan).success).toBe(true);
    expect(out.fuel.cost).toBeCloseTo((out.fuel.fuel_J / 1e9) * 12, 6);
  });

  it('a bad forecast sample, schedule field or flag is named, exit 2', () => {
    const amb = cold.ambient_C.slice();
    amb[12] = -80;
    const badForecast = planCli([
      '--schedule',
      'models/schedules/default-day.json',
      '--forecast',
      file('w.json', { ...cold, ambient_C: amb }),
    ]);
    expect(badForecast.code).toBe(2);
    expect(badForecast.stderr).toMatch(/ambient_C\[12\]: /);
    const badSchedule = planCli([
      '--schedule',
      file('bad.json', { ...DAY_TWO, loadings: [{ ...DAY_TWO.loadings[0], tank: 'TK-999' }] }),
    ]);
    expect(badSchedule.code).toBe(2);
    expect(badSchedule.stderr).toMatch(/loadings\[0\]\.tank: unknown tank "TK-999"/);
    const badCsv = planCli(['--schedule', file('bad.csv', 'bay,time,tank\nBAY-9,1,TK-101\n')]);
    expect(badCsv.code).toBe(2);
    expect(badCsv.stderr).toMatch(/line 2, column bay: unknown bay "BAY-9"/);
    const badFlag = planCli(['--schedule', 'models/schedules/default-day.json', '--days', 'x']);
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toMatch(/--days: "x"/);
    expect(planCli(['--schedule', 'models/schedules/default-day.json', '--fuel-price', '0.5/kg']).stderr).toMatch(
      /--lhv/,
    );
    expect(planCli(['--schedule', join(dir, 'missing.json')]).stderr).toMatch(/cannot read/);
    expect(planCli(['--bogus']).code).toBe(2);
  });
});
