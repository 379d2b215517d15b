import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePlant, parsePlantText } from '../../../src/sim/plant/load';
import { plantCopy } from '../helpers';
import { Simulation } from '../../../src/sim/simulation';

describe('plant file', () => {
  it('the default plant is valid and has the ten tanks of PLANT.md', () => {
    const r = parsePlant(plantCopy());
    expect(r.ok).toBe(true);
    const p = plantCopy();
    expect(p.tanks.map((t) => t.tag)).toEqual([
      'TK-101',
      'TK-102',
      'TK-103',
      'TK-104',
      'TK-105',
      'TK-106',
      'TK-107',
      'TK-108',
      'TK-109',
      'TK-110',
    ]);
    expect(p.tanks[7]).toMatchObject({ diameter_m: 14, shellHeight_m: 12, position: { x: 61, z: 47 }, product: 'PMA' });
  });
  it('a malformed file lists every bad field by path and says what is wrong', () => {
    const p = plantCopy() as unknown as Record<string, any>;
    p.tanks[2].diameter_m = -4;
    p.tanks[5].coil.turnHeights_m = 'low';
    p.hotOil.heater.capacity_W = '2.5 MW';
    p.hotOil.heater.colour = 'red';
    delete p.weather.wind_m_s;
    const r = parsePlant(p);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const paths = r.errors.map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'tanks[2].diameter_m',
        'tanks[5].coil.turnHeights_m',
        'hotOil.heater.capacity_W',
        'hotOil.heater',
        'weather.wind_m_s',
      ]),
    );
    expect(r.errors.find((e) => e.path === 'hotOil.heater')!.message).toMatch(/colour/);
  });
  it('cross-field problems name their field: unknown product, duplicate tag, coil above the cut-out', () => {
    const p = plantCopy();
    p.tanks[1].product = 'AC 99';
    p.tanks[3].tag = 'TK-101';
    p.tanks[4].alarms.levelLowCutout_m = 0.5;
    const r = parsePlant(p);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: 'tanks[1].product',
          message: expect.stringMatching(/unknown product "AC 99"/),
        }),
        expect.objectContaining({
          path: 'tanks[3].tag',
          message: expect.stringMatching(/already used at tanks\[0\]\.tag/),
        }),
        expect.objectContaining({
          path: 'tanks[4].alarms.levelLowCutout_m',
          message: expect.stringMatching(/above the top coil turn/),
        }),
      ]),
    );
  });
  it('text that is not JSON is reported at the root, never thrown', () => {
    const r = parsePlantText('{ "tanks": [ ');
    expect(r).toMatchObject({ ok: false, errors: [{ path: '(root)' }] });
  });
  it('moving or resizing a tank in the data changes the model and nothing else is needed', () => {
    const p = plantCopy();
    p.tanks[0].diameter_m = 20;
    const s = new Simulation(p);
    expect(s.model.tanks[0].area_m2).toBeCloseTo(Math.PI * 100, 9);
  });
});

describe('headless CLI', () => {
  const cli = (args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/sim.ts', ...args], { encoding: 'utf8' });
  it('samples tags as CSV with time_s first', () => {
    const r = cli(['--duration', '2h', '--every', '1h', '--tags', 'TK-101.level,TK-101.temp,H-201.supply_temp']);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('time_s,TK-101.level,TK-101.temp,H-201.supply_temp');
    expect(lines.map((l) => l.split(',')[0])).toEqual(['time_s', '0', '3600', '7200']);
    expect(Number(lines[2].split(',')[1])).toBeCloseTo(9, 1);
  });
  it('writes JSON to a file, honours --initial and --dt', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tt-cli-'));
    writeFileSync(join(dir, 'ic.json'), JSON.stringify({ tanks: { 'TK-104': { level_m: 3.5, temp_C: 140 } } }));
    const r = cli([
      '--initial',
      join(dir, 'ic.json'),
      '--duration',
      '10m',
      '--every',
      '5m',
      '--dt',
      '5',
      '--tags',
      'TK-104.*',
      '--format',
      'json',
      '--out',
      join(dir, 'o.json'),
    ]);
    expect(r.status).toBe(0);
    const out = JSON.parse(execFileSync('cat', [join(dir, 'o.json')], { encoding: 'utf8' }));
    expect(out.dt_s).toBe(5);
    expect(out.rows).toHaveLength(3);
    expect(out.rows[0]['TK-104.level']).toBeCloseTo(3.5, 6);
  });
  it('lists every tag with unit and description', () => {
    const r = cli(['--list-tags']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^TK-101\.level\s+m\s+TK-101 level/m);
    expect(r.stdout).toMatch(/^H-201\.supply_temp\s+°C/m);
  });
  it.each([
    [['--duration', 'soon'], /--duration "soon" is not a duration/],
    [['--format', 'xml'], /--format "xml" must be csv or json/],
    [['--plant', '/nonexistent.json'], /cannot read plant file \/nonexistent.json: ENOENT/],
    [['--tags', 'NOPE.*'], /matches no tag/],
    [['--bogus'], /unknown option --bogus/],
  ])('bad arguments %j give a clear message and a non-zero exit', (args, msg) => {
    const r = cli(args as string[]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(msg);
  });
  it('a malformed plant file gives each bad field on stderr', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tt-cli-'));
    const p = plantCopy() as unknown as Record<string, any>;
    p.tanks[0].shellHeight_m = 'tall';
    writeFileSync(join(dir, 'p.json'), JSON.stringify(p));
    const r = cli(['--plant', join(dir, 'p.json')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/tanks\[0\]\.shellHeight_m: .*number/);
  });
});

describe('pipe flow tags', () => {
  it('a pipe naming a tag the plant does not have is refused with its path', () => {
    const p = plantCopy();
    p.pipes[3].flowTag = 'TK-101.nonsense';
    expect(() => new Simulation(p)).toThrow(/pipes\[3\]\.flowTag: no tag "TK-101.nonsense"/);
  });
});

describe('headless scenario replay', () => {
  const cli = (args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/sim.ts', ...args], { encoding: 'utf8' });
  it('prints the result of a recorded action list as JSON', () => {
    const r = cli(['--scenario', 'scenarios/h2s-hatch.json', '--actions', 'test/scenarios/h2s-hatch.good.json']);
    expect(r.status).toBe(0);
    const res = JSON.parse(r.stdout);
    expect(res).toMatchObject({ scenarioId: 'h2s-hatch', pass: true, score: 100, endedBy: 'procedureDone' });
    expect(res.steps.map((s: { id: string }) => s.id)).toEqual(['withdraw', 'report', 'ack']);
  });
  it('a bad action list names the item and field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tt-cli-'));
    writeFileSync(
      join(dir, 'a.json'),
      JSON.stringify([{ t_s: 5, command: { type: 'setPump', tag: 'P-301', run: 'yes' } }]),
    );
    const r = cli(['--scenario', 'scenarios/h2s-hatch.json', '--actions', join(dir, 'a.json')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/\[0\]\.command\.run: /);
  });
});
