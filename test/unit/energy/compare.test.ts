import { afterEach, describe, expect, it, vi } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { plantCopy } from '../helpers';
import { run } from '../../../src/cli/sim';
import {
  compareWeek,
  endCharge_GJ,
  fuelSaved_pct,
  parseStrategies,
  type Comparison,
} from '../../../src/energy/compare';
import { parseWeek } from '../../../src/energy/weekFile';
import type { KpiReport } from '../../../src/energy/kpi';

// `npm run sim -- --compare LIST --week FILE`, in-process, on a short week (a day of the standard week) so
// each run takes a second.

const plant = plantCopy();
const dir = mkdtempSync(join(tmpdir(), 'tt-week-'));
const std = JSON.parse(readFileSync('models/weeks/standard-week.json', 'utf8')) as Record<string, unknown>;
const short = { ...std, duration_h: 12, settle_h: 0 };
const shortPath = join(dir, 'short.json');
writeFileSync(shortPath, JSON.stringify(short));

function cli(args: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((x) => ((out += String(x)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((x) => ((err += String(x)), true));
  try {
    const code = run(args);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

afterEach(() => vi.restoreAllMocks());

describe('compare', () => {
  const week = parseWeek(short, plant);
  if (!week.ok) throw new Error(JSON.stringify(week.errors));
  const c: Comparison = compareWeek(plant, week.value, ['pi']);

  it('prints the figures of each strategy as a table', () => {
    const r = cli(['--compare', 'pi', '--week', shortPath]);
    expect(r.code).toBe(0);
    const k = c.results[0].kpi;
    const row = (label: string) => r.out.split('\n').find((l) => l.startsWith(label))!;
    expect(r.out.split('\n')[1].trim()).toBe('pi');
    expect(row('fuel, raw (GJ)').trim().split(/\s+/).pop()).toBe(k.fuel_GJ.toFixed(1));
    expect(row('fuel with the end-state charge (GJ)').trim().split(/\s+/).pop()).toBe(k.fuel_GJ.toFixed(1));
    expect(row('fuel corrected by it (GJ)').trim().split(/\s+/).pop()).toBe(k.fuelCorrected_GJ.toFixed(1));
    expect(row('sensible heat change of what stays (GJ)').trim().split(/\s+/).pop()).toBe(k.storedChange_GJ.toFixed(1));
    expect(row('heater starts').trim().split(/\s+/).pop()).toBe(String(k.heaterStarts));
    expect(row('loading misses')).toMatch(new RegExp(`${k.misses} of ${k.trucks}$`));
    expect(row('  TK-108 PMA [135–185 °C]')).toMatch(/0\.0$/);
    expect(k.trucks).toBe(14); // Monday morning: TK-101 six 06:00–09:00, TK-102 four 09:00–11:00, TK-104 four 07:00–11:00
  });

  it('prints JSON with --format json, the same figures', () => {
    const r = cli(['--compare', 'pi', '--week', shortPath, '--format', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as Comparison;
    expect(j.baseline).toBe('pi');
    expect(j.results[0].kpi).toEqual(c.results[0].kpi);
    expect(j.saved_pct.pi).toBe(0);
  });

  it('rejects bad input naming the field, with a non-zero exit', () => {
    const bad = structuredClone(short) as unknown as { schedule: { loadings: { tank?: string }[] } };
    bad.schedule.loadings[1].tank = 'TK-999';
    const badPath = join(dir, 'bad.json');
    writeFileSync(badPath, JSON.stringify(bad));
    const cases: [string[], RegExp][] = [
      [['--compare', 'pi,lqr', '--week', shortPath], /--compare: unknown strategy "lqr"/],
      [['--compare', 'pi,pi', '--week', shortPath], /--compare: a strategy named twice/],
      [['--compare', 'pi'], /--compare and --week go together/],
      [['--week', shortPath], /--compare and --week go together/],
      [['--compare', 'pi', '--week', join(dir, 'none.json')], /cannot read week file .*none\.json/],
      [['--compare', 'pi', '--week', badPath], /schedule\.loadings\[1\]\.tank: unknown tank "TK-999"/],
      [['--compare', 'pi', '--week', shortPath, '--dt', '30'], /--dt "30"/],
    ];
    for (const [args, msg] of cases) {
      const r = cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(msg);
      expect(r.out).toBe('');
    }
  });

  it('as a program: exit 2 and the message on stderr', () => {
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli/sim.ts', '--compare', 'pi,mpcx', '--week', shortPath],
      { encoding: 'utf8' },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^sim: --compare: unknown strategy "mpcx"; known: pi, mpc, plan/);
    expect(r.stdout).toBe('');
  });

  it('runs mpc beside pi', () => {
    const r = cli(['--compare', 'pi,mpc', '--week', shortPath]);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[1].trim().split(/\s+/)).toEqual(['pi', 'mpc']);
    expect(r.out).toMatch(/tank time on MPC \(%\)\s+0\.0\s+\d/);
  });

  it('counts savings against the first strategy, charging the fuel to bring the end state to its', () => {
    const k = (fuel_GJ: number, storedEnd_GJ: number) => ({ fuel_GJ, storedEnd_GJ, efficiency: 0.85 }) as KpiReport;
    // 20 GJ less fuel, but ended 0.85 GJ colder: 1 GJ of fuel at η 0.85 to make up, so 19 of 100
    expect(endCharge_GJ(k(100, 50), k(80, 49.15))).toBeCloseTo(1, 9);
    expect(fuelSaved_pct(k(100, 50), k(80, 49.15))).toBeCloseTo(19, 9);
    expect(fuelSaved_pct(k(100, 50), k(105, 50.85))).toBeCloseTo(-4, 9); // more fuel, ended warmer
    expect(fuelSaved_pct(k(100, 50), k(100, 50))).toBe(0);
    expect(parseStrategies(' mpc , pi ')).toEqual({ ok: true, value: ['mpc', 'pi'] });
    expect(parseStrategies('').ok).toBe(false);
  });
});
