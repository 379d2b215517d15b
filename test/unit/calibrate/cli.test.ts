import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { main, parseCalibrateArgs } from '../../../src/cli/calibrate';
import { calibrate } from '../../../src/calibrate/calibrate';
import { calibratedMapping } from '../../../src/calibrate/params';
import { remap, type Recording } from '../../../src/calibrate/recording';
import { toEngineering } from '../../../src/scada/scaling';
import { SqliteStore } from '../../../src/historian/sqlite';
import { tempDir } from '../station/harness';
import { nominalPlant, testMapping } from './scenario';

// Flags, windows and the calibrated mapping's arithmetic: cheap checks beside the virtual-plant test.

const tmp = tempDir('tanktwin-calibrate-cli-');
afterAll(() => tmp.remove());
const base = ['--history', 'h.sqlite', '--mapping', 'm.json', '--plant', 'p.json', '--out', 'o.json'];
const win = ['--from', '2026-11-01T00:00Z', '--to', '2026-11-02T00:00Z'];

describe('npm run calibrate: flags', () => {
  it('takes a complete command line', () => {
    const r = parseCalibrateArgs([...base, ...win, '--tanks', 'TK-101, TK-102', '--dt', '5']);
    expect(r.ok && r.value.tanks).toEqual(['TK-101', 'TK-102']);
    expect(r.ok && r.value.to_ms - r.value.from_ms).toBe(86_400_000);
  });

  it.each([
    [[...base, '--from', '2026-11-01T00:00Z'], /--to is required/],
    [[...base.slice(2), ...win], /--history is required/],
    [[...base, '--from', 'yesterday', '--to', '2026-11-02T00:00Z'], /--from: "yesterday" is not an ISO 8601 time/],
    [[...base, '--from', '2026-11-02T00:00Z', '--to', '2026-11-01T00:00Z'], /--to must be after --from/],
    [[...base, '--from', '2026-11-01T00:00Z', '--to', '2026-11-01T02:00Z'], /must span at least 6 h/],
    [[...base, ...win, '--dt', '60'], /--dt must be in/],
    [[...base, ...win, '--validate-to', '2026-11-01T12:00Z'], /--validate-to must be after --to/],
    [[...base, ...win, '--speed', '2'], /unknown option --speed/],
    [['--history', 'mysql://x', ...base.slice(2), ...win], /--history: "mysql:\/\/x" is neither/],
  ])('%j → a named error', (argv, msg) => {
    const r = parseCalibrateArgs(argv);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(msg);
  });

  it('names a missing history file and an empty window', async () => {
    writeFileSync(join(tmp.dir, 'p.json'), JSON.stringify(nominalPlant()));
    writeFileSync(join(tmp.dir, 'm.json'), JSON.stringify(testMapping()));
    const args = (h: string) => [
      '--history',
      h,
      '--mapping',
      join(tmp.dir, 'm.json'),
      '--plant',
      join(tmp.dir, 'p.json'),
      '--out',
      join(tmp.dir, 'o.json'),
      ...win,
    ];
    await expect(main(args(join(tmp.dir, 'none.sqlite')), () => {})).rejects.toThrow(/--history: no such file/);
    const file = join(tmp.dir, 'empty.sqlite');
    await SqliteStore.open(file).close();
    await expect(main(args(file), () => {})).rejects.toThrow(/--from … --to: the history holds no samples/);
  });

  it('a window without any tank measurement is refused by the fit itself', () => {
    const empty: Recording = {
      from_ms: 0,
      to_ms: 1,
      tags: [],
      tag: new Int32Array(0),
      v: new Float64Array(0),
      q: new Uint8Array(0),
      ts_ms: new Float64Array(0),
    };
    expect(() => calibrate(empty, { plant: nominalPlant(), mapping: testMapping() })).toThrow(
      /no level or temperature/,
    );
  });
});

describe('the calibrated mapping', () => {
  it('takes each offset off in the scaling, whatever scaling the tag had, and history remaps through it', () => {
    const m = testMapping();
    const offsets = new Map([
      ['TK-101.temp', 0.8], // no scale: becomes gain 1, offset −0.8
      ['TK-101.level', 0.05], // span scale: both engineering ends move
      ['AMB.temp', -0.3], // gain/offset scale: its offset moves
    ]);
    const c = calibratedMapping(m, offsets);
    const get = (mm: typeof m, tag: string) => mm.tags.find((t) => t.tag === tag)!;
    expect(get(c, 'TK-101.temp').scale).toEqual({ gain: 1, offset: -0.8 });
    for (const [tag, bias] of offsets) {
      const raw = 1234;
      expect(toEngineering(get(c, tag), raw)).toBeCloseTo(toEngineering(get(m, tag), raw) - bias, 9);
    }
    const rec: Recording = {
      from_ms: 0,
      to_ms: 1,
      tags: ['TK-101.level', 'TK-101.temp', 'TK-102.temp'],
      tag: Int32Array.from([0, 1, 2]),
      v: Float64Array.from([9, 160, 150]),
      q: new Uint8Array(3),
      ts_ms: new Float64Array(3),
    };
    const r = remap(rec, m, c);
    expect(r.v[0]).toBeCloseTo(8.95, 9);
    expect(r.v[1]).toBeCloseTo(159.2, 9);
    expect(r.v[2]).toBe(150);
  });
});
