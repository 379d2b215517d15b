import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const cli = (args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/sim.ts', ...args], { encoding: 'utf8' });

const tmp = () => mkdtempSync(join(tmpdir(), 'tt-cli-'));

describe('npm run sim -- --actions without --scenario', () => {
  it('applies timed commands to a plain run: a receipt started at 1 h raises the level from then on', () => {
    const dir = tmp();
    const actions = [{ t_s: 3600, command: { type: 'startReceipt', tank: 'TK-101', flow_kg_s: 20, temp_C: 160 } }];
    writeFileSync(join(dir, 'a.json'), JSON.stringify(actions));
    const args = ['--duration', '2h', '--every', '30m', '--tags', 'TK-101.level'];
    const plain = cli(args);
    const withActions = cli([...args, '--actions', join(dir, 'a.json')]);
    expect(withActions.status).toBe(0);
    const rows = (out: string) =>
      out
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(',').map(Number));
    const a = rows(plain.stdout);
    const b = rows(withActions.stdout);
    expect(b.map((r) => r[0])).toEqual([0, 1800, 3600, 5400, 7200]);
    // identical up to the command's time, then higher by what was received
    for (let i = 0; i <= 2; i++) expect(b[i][1]).toBe(a[i][1]);
    expect(b[3][1]).toBeGreaterThan(a[3][1] + 0.05);
    expect(b[4][1]).toBeGreaterThan(b[3][1]);
  });

  it('names the bad item of an action list, and refuses hints without a scenario', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'bad.json'), JSON.stringify([{ t_s: 0, command: { type: 'setPump', tag: 'P-301' } }]));
    const r = cli(['--duration', '1h', '--actions', join(dir, 'bad.json')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/\[0\]\.command/);
    writeFileSync(join(dir, 'hint.json'), JSON.stringify([{ t_s: 0, hint: true }]));
    const h = cli(['--duration', '1h', '--actions', join(dir, 'hint.json')]);
    expect(h.status).toBe(2);
    expect(h.stderr).toMatch(/\[0\]\.hint: hints need --scenario/);
  });

  it('reports a command the plant refuses on stderr and carries on', () => {
    const dir = tmp();
    writeFileSync(
      join(dir, 'a.json'),
      JSON.stringify([{ t_s: 0, command: { type: 'setPump', tag: 'NOPE', run: true } }]),
    );
    const r = cli(['--duration', '1h', '--tags', 'TK-101.level', '--actions', join(dir, 'a.json')]);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/actions\[0\] \(setPump\) at 0 s refused/);
    expect(r.stdout.trim().split('\n')).toHaveLength(3);
  });
});

describe('CLI flags that used to misbehave', () => {
  it.each([
    [['--out', tmpdir(), '--duration', '1h'], /--out .*cannot write the output file \(it is a directory\)/],
    [['--out', '/nonexistent-folder/x.csv', '--duration', '1h'], /its folder does not exist/],
    [['--dt', '1e-9'], /--dt "1e-9" must be a number of seconds, 0\.01 ≤ dt ≤ 10/],
    [['--duration', '100000d', '--dt', '0.01'], /over 100000000 steps/],
    [['--tags=a=b', '--duration', '1h'], /--tags "a=b" matches no tag/],
  ])('%j gives a one-line message and exit 2, no stack trace', (args, msg) => {
    const r = cli(args as string[]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(msg);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
