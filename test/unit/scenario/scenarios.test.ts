import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { defaultPlant } from '../../../src/sim/plant/default';
import { Simulation } from '../../../src/sim/simulation';
import { parseScenario } from '../../../src/scenario/load';
import { replayScenario, parseActions } from '../../../src/scenario/replay';
import { scenarioJsonSchema } from '../../../src/scenario/jsonSchema';
import { migrateScenario } from '../../../src/scenario/migrate';

const plant = defaultPlant();
const ref = new Simulation(plant);
const tagNames = new Set(ref.tagIndex.keys());
const files = readdirSync('scenarios').filter((f) => f.endsWith('.json') && f !== 'scenario.schema.json');
const load = (f: string) => JSON.parse(readFileSync(`scenarios/${f}`, 'utf8'));
const actions = (id: string, kind: string) => {
  const r = parseActions(JSON.parse(readFileSync(`test/scenarios/${id}.${kind}.json`, 'utf8')));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
};

describe('shipped scenarios', () => {
  it('ship the exercises the training programme needs', () => {
    expect(files.map((f) => f.replace('.json', '')).sort()).toEqual([
      'autotune-sluggish',
      'coil-leak',
      'fire-bay',
      'flame-failure',
      'h2s-hatch',
      'hazard-spotting',
      'heat-tank',
      'load-tanker',
      'low-level-coils',
      'mpc-cold-night',
      'mpc-fallback',
      'power-failure',
      'receipt-overfill',
      'temp-runaway',
      'water-in-tank',
    ]);
  });
  for (const f of files) {
    const id = f.replace('.json', '');
    it(`${id}: valid against the default plant; the good run passes, the bad run fails`, () => {
      const r = parseScenario(load(f), ref.model, tagNames);
      if (!r.ok) throw new Error(JSON.stringify(r.errors, null, 1));
      const good = replayScenario(plant, r.value, actions(id, 'good')).result;
      expect(good.pass).toBe(true);
      expect(good.score).toBeGreaterThanOrEqual(75);
      expect(good.requiredMissing).toEqual([]);
      const bad = replayScenario(plant, r.value, actions(id, 'bad')).result;
      expect(bad.pass).toBe(false);
      expect(bad.score).toBeLessThan(r.value.scoring.passMark);
      // deterministic: the same actions give the same result
      expect(replayScenario(plant, r.value, actions(id, 'good')).result).toEqual(good);
    });
  }
  it('hints cost points and each alarm has its response time', () => {
    const r = parseScenario(load('receipt-overfill.json'), ref.model, tagNames);
    if (!r.ok) throw new Error('invalid');
    const withHint = replayScenario(plant, r.value, [
      { t_s: 100, hint: true },
      ...actions('receipt-overfill', 'good'),
    ]).result;
    expect(withHint.hints).toEqual({ used: 1, cost: 10 });
    expect(withHint.score).toBe(90);
    const lah = withHint.alarmResponses.find((a) => a.id === 'TK-107.LAH')!;
    expect(lah.response_s).toBe(lah.acked_s! - lah.raised_s);
    expect(lah.response_s).toBeGreaterThan(0);
  });
  it('the published JSON Schema is up to date', () => {
    expect(JSON.parse(readFileSync('scenarios/scenario.schema.json', 'utf8'))).toEqual(
      JSON.parse(JSON.stringify(scenarioJsonSchema())),
    );
  });
});

describe('scenario migrations', () => {
  const v1 = {
    schemaVersion: 1,
    id: 'old-drill',
    version: '1.0',
    title: 'Old drill',
    summary: 'From the first format',
    role: 'console',
    difficulty: 'basic',
    timeLimit_min: 30,
    languages: ['en'],
    briefing: 'Stop the receipt.',
    initial: {},
    passMark: 60,
    steps: [
      {
        id: 'stop',
        text: 'Stop it',
        expect: { command: { type: 'stopReceipt', tank: 'TK-101' } },
        weight: 1,
        right: 'Stop the receipt.',
      },
    ],
  };
  it('a version-1 file is migrated to version 2 and validates', () => {
    const m = migrateScenario(v1);
    expect(m).toMatchObject({
      ok: true,
      from: 1,
      value: { schemaVersion: 2, timeLimit_s: 1800, scoring: { passMark: 60 }, title: { en: 'Old drill' } },
    });
    const r = parseScenario(v1, ref.model, tagNames);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.procedure[0].text).toEqual({ en: 'Stop it' });
  });
  it('a newer or missing schemaVersion is refused by name', () => {
    expect(parseScenario({ ...v1, schemaVersion: 9 })).toEqual({
      ok: false,
      errors: [{ path: 'schemaVersion', message: 'schemaVersion 9 is newer than this TankTwin understands (2)' }],
    });
    expect(parseScenario({ id: 'x' })).toMatchObject({ ok: false, errors: [{ path: 'schemaVersion' }] });
  });
  it('references to tags, alarms and equipment the plant lacks are named with their path', () => {
    const s = load('coil-leak.json');
    s.procedure[1].expect = { condition: { tag: 'TK-999.level', op: '<', value: 1 } };
    s.timeline[0].do[0].command.fault.tank = 'TK-998';
    s.safety[0].condition = { alarm: 'NOPE.LAL', state: 'active' };
    const r = parseScenario(s, ref.model, tagNames);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors).toEqual(
        expect.arrayContaining([
          { path: 'procedure[1].expect.condition.tag', message: 'no tag "TK-999.level" in this plant' },
          { path: 'timeline[0].do[0].command.fault', message: 'unknown tank TK-998' },
          { path: 'safety[0].condition.alarm', message: 'no alarm "NOPE.LAL" in this plant' },
        ]),
      );
  });
});

describe('scenario loader under fuzzing (fast-check)', () => {
  const valid = load('fire-bay.json');
  const check = (raw: unknown) => {
    const r = parseScenario(raw, ref.model, tagNames);
    if (!r.ok) {
      expect(r.errors.length).toBeGreaterThan(0);
      for (const e of r.errors) {
        expect(typeof e.path).toBe('string');
        expect(e.path.length).toBeGreaterThan(0);
        expect(e.message.length).toBeGreaterThan(0);
      }
    }
    return true;
  };
  it('random JSON never crashes it and always gives errors with paths', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => check(v)),
      { numRuns: 400 },
    );
    fc.assert(
      fc.property(fc.jsonValue(), (v) =>
        check({ schemaVersion: 2, ...(typeof v === 'object' && v && !Array.isArray(v) ? v : { x: v }) }),
      ),
      { numRuns: 400 },
    );
  });
  it('a valid file with one field replaced by random JSON never crashes it', () => {
    const paths: string[][] = [];
    const walk = (o: unknown, p: string[]) => {
      if (typeof o !== 'object' || o === null) return;
      for (const [k, v] of Object.entries(o)) {
        paths.push([...p, k]);
        walk(v, [...p, k]);
      }
    };
    walk(valid, []);
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.jsonValue(), (path, v) => {
        const doc = structuredClone(valid);
        let o = doc as Record<string, unknown>;
        for (const k of path.slice(0, -1)) o = o[k] as Record<string, unknown>;
        o[path[path.length - 1]] = v;
        return check(doc);
      }),
      { numRuns: 600 },
    );
  });
});
