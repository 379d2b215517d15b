import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePlant } from '../../../src/sim/plant/load';
import { defaultPlantRaw } from '../../../src/sim/plant/default';
import { parseInitialConditions } from '../../../src/sim/initial';
import { parseScenario } from '../../../src/scenario/load';
import { Engine } from '../../../src/worker/engine';
import { main, CliError } from '../../../src/cli/sim';

// The reliability report: every input from outside (plant file, scenario, command, --initial, command
// line) fuzzed with at least RUNS cases; a parser answers with errors, never with an exception. Counts go
// to artifacts/reliability.json for CI. Inputs are small (random JSON, or one field of a real document
// changed) so the whole report runs in well under a minute.

const RUNS = 10_000;
const report: Record<string, { cases: number; accepted: number; refused: number; uncaught: number }> = {};
const errors: string[] = [];

function fuzz<T>(name: string, arb: fc.Arbitrary<T>, judge: (x: T) => boolean): void {
  const r = (report[name] = { cases: 0, accepted: 0, refused: 0, uncaught: 0 });
  fc.assert(
    fc.property(arb, (x) => {
      r.cases++;
      try {
        if (judge(x)) r.accepted++;
        else r.refused++;
      } catch (e) {
        r.uncaught++;
        if (errors.length < 20)
          errors.push(`${name}: ${(e as Error).stack ?? String(e)}\n  input: ${JSON.stringify(x)?.slice(0, 300)}`);
      }
    }),
    { numRuns: RUNS, seed: 20261129 },
  );
  expect(errors).toEqual([]);
  expect(r.cases).toBeGreaterThanOrEqual(RUNS);
}

const smallJson = fc.jsonValue({ maxDepth: 3 });
/** A path into a document and a value to put there: one field of a real file changed. */
function mutate(doc: unknown, pick: number[], value: unknown): unknown {
  const copy = structuredClone(doc);
  let node = copy as Record<string, unknown>;
  for (let i = 0; i < pick.length; i++) {
    if (typeof node !== 'object' || node === null) break;
    const keys = Object.keys(node);
    if (!keys.length) break;
    const k = keys[pick[i] % keys.length];
    if (i === pick.length - 1 || typeof node[k] !== 'object' || node[k] === null) {
      node[k] = value;
      break;
    }
    node = node[k] as Record<string, unknown>;
  }
  return copy;
}
const edit = fc.tuple(fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), smallJson);

const engineP = (async () => {
  const e = new Engine();
  await e.init(defaultPlantRaw, { physics: false });
  return e;
})();

describe('reliability report (fuzzing every outside input)', () => {
  it(`plant files: ${RUNS} cases`, () => {
    // the full plant parse is slow: most cases are small documents, one in 200 an edited real plant
    fuzz(
      'plant',
      fc.oneof(
        { weight: 199, arbitrary: smallJson },
        { weight: 1, arbitrary: edit.map(([p, v]) => mutate(defaultPlantRaw, p, v)) },
      ),
      (raw) => parsePlant(raw).ok,
    );
  });

  it(`scenarios: ${RUNS} cases`, async () => {
    const e = await engineP;
    const tags = new Set(e.sim.tagIndex.keys());
    const real = JSON.parse(readFileSync('scenarios/h2s-hatch.json', 'utf8')) as unknown;
    fuzz(
      'scenario',
      fc.oneof(
        { weight: 19, arbitrary: smallJson },
        { weight: 1, arbitrary: edit.map(([p, v]) => mutate(real, p, v)) },
      ),
      (raw) => parseScenario(raw, e.sim.model, tags).ok,
    );
  });

  it(`commands: ${RUNS} cases`, async () => {
    const e = await engineP;
    const types = [
      'setValve',
      'setPump',
      'setSetpoint',
      'setMode',
      'injectFault',
      'ackAlarm',
      'startReceipt',
      'setWeather',
      'report',
    ];
    const tag = fc.constantFrom('XV-101', 'TK-101', 'P-301', 'TIC-110', 'H-201', 'BAY-1', 'ARM-1', 'nope', '');
    const unit = fc.double({ min: -0.5, max: 1.5, noNaN: false });
    const cmd = fc.oneof(
      smallJson,
      fc.record({ type: fc.constantFrom(...types), tag, opening: fc.double() }, { requiredKeys: ['type'] }),
      fc.record({ type: fc.constant('setValve'), tag, opening: unit }),
      fc.record({ type: fc.constant('setPump'), tag, run: fc.boolean() }),
      fc.record({ type: fc.constant('setSetpoint'), tag, value_C: fc.double({ min: -50, max: 400 }) }),
      fc.record({ type: fc.constant('setMode'), tag, mode: fc.constantFrom('auto', 'manual', 'cascade', 'x') }),
      fc.record({ type: fc.constant('ackAlarm'), id: fc.constantFrom('TK-101.LAH', 'TK-104.AAHH', 'x') }),
      fc.record({
        type: fc.constant('injectFault'),
        fault: fc.record(
          {
            kind: fc.constantFrom('sensorStuck', 'pumpTrip', 'fire', 'coilLeak', 'x'),
            tank: tag,
            rate_kg_s: fc.double(),
          },
          { requiredKeys: ['kind'] },
        ),
      }),
      fc.record({ type: fc.constant('injectFault'), fault: fc.record({ kind: fc.constant('pumpTrip'), pump: tag }) }),
    );
    let n = 0;
    fuzz('command', cmd, (c) => {
      const r = e.command(c as never);
      if (++n % 50 === 0) e.stepOnce(); // the plant keeps running between commands
      return r.ok;
    });
    expect(Number.isFinite(e.sim.state.t_s)).toBe(true);
  });

  it(`--initial files: ${RUNS} cases`, async () => {
    const e = await engineP;
    const tank = fc.record({ level_m: fc.double(), temp_C: fc.double() }, { requiredKeys: [] });
    const ic = fc.oneof(
      smallJson,
      fc.record(
        {
          tanks: fc.dictionary(fc.constantFrom('TK-101', 'TK-102', 'TK-999', ''), tank),
          weather: fc.record({ ambientMean_C: fc.double(), wind_m_s: fc.double() }, { requiredKeys: [] }),
          hotOil: smallJson,
        },
        { requiredKeys: [] },
      ),
    );
    fuzz('initial', ic, (raw) => parseInitialConditions(raw, e.sim.model).ok);
  });

  it(`command lines (main(argv) in-process): ${RUNS} cases`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'tt-fuzz-'));
    mkdirSync(join(dir, 'adir'));
    writeFileSync(join(dir, 'garbage.json'), '{"tanks": [1, 2');
    writeFileSync(join(dir, 'ic.json'), JSON.stringify({ tanks: { 'TK-101': { level_m: 4 } } }));
    writeFileSync(join(dir, 'list.json'), '[]');
    const file = fc.constantFrom(
      join(dir, 'garbage.json'),
      join(dir, 'ic.json'),
      join(dir, 'list.json'),
      join(dir, 'adir'),
      join(dir, 'missing.json'),
      '',
    );
    const opt = fc.oneof(
      fc.tuple(fc.constant('--dt'), fc.constantFrom('0', '1e-9', '0.5', '10', '11', 'x', '-1', 'NaN', '')),
      fc.tuple(fc.constant('--every'), fc.constantFrom('30', '0', '1m', 'x', '-5', '1e-9')),
      fc.tuple(
        fc.constant('--tags'),
        fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('TK-101.*', '*', '**********.*', 'a=b')),
      ),
      fc.tuple(fc.constant('--format'), fc.constantFrom('csv', 'json', 'xml', '')),
      fc.tuple(
        fc.constant('--out'),
        fc.constantFrom(join(dir, 'adir'), join(dir, 'missing', 'o.csv'), join(dir, 'o.csv')),
      ),
      fc.tuple(fc.constant('--seed'), fc.constantFrom('1', '2.5', 'x', '-3')),
      fc.tuple(fc.constant('--plant'), file),
      fc.tuple(fc.constant('--initial'), file),
      fc.tuple(fc.constant('--actions'), file),
      fc.tuple(fc.constant('--verify'), file),
      fc.tuple(fc.constantFrom('--list-tags', '--help', '--nope', 'stray', '--scenario'), fc.constant(null)),
      fc.tuple(fc.string({ maxLength: 12 }), fc.constant(null)),
    );
    // a duration always, from a small domain: the fuzz is of the checks, not of long runs
    const argv = fc
      .tuple(fc.constantFrom('0', '30', '60', '1m', 'x', '-5', '1e9', ''), fc.array(opt, { maxLength: 5 }))
      .map(([d, opts]) => ['--duration', d, ...opts.flatMap(([k, v]) => (v === null ? [k] : [k, v]))]);
    const out = process.stdout.write.bind(process.stdout);
    const err = process.stderr.write.bind(process.stderr);
    process.stdout.write = (() => true) as typeof process.stdout.write;
    process.stderr.write = (() => true) as typeof process.stderr.write;
    try {
      fuzz('cli', argv, (a) => {
        try {
          return main(a) === 0;
        } catch (e) {
          if (e instanceof CliError) return false; // a message for the user: exit 2
          throw e;
        }
      });
    } finally {
      process.stdout.write = out;
      process.stderr.write = err;
    }
  });
});

afterAll(() => {
  mkdirSync('artifacts', { recursive: true });
  const total = Object.values(report).reduce((n, r) => n + r.uncaught, 0);
  writeFileSync(
    'artifacts/reliability.json',
    JSON.stringify({ casesPerInput: RUNS, inputs: report, uncaughtErrors: total, firstErrors: errors }, null, 1) + '\n',
  );
});
