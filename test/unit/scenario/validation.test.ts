import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { defaultPlant } from '../../../src/sim/plant/default';
import { Simulation } from '../../../src/sim/simulation';
import { parseScenario } from '../../../src/scenario/load';
import { ScenarioRun } from '../../../src/scenario/engine';
import { MAX_NESTING } from '../../../src/scenario/checks';

// Scenario files checked against the plant and the command schema before they can run.

const plant = defaultPlant();
const ref = new Simulation(plant);
const tagNames = new Set(ref.tagIndex.keys());
const base = () => JSON.parse(readFileSync('scenarios/heat-tank.json', 'utf8')) as Record<string, unknown>;
const parse = (raw: unknown) => parseScenario(raw, ref.model, tagNames);
const errorsOf = (raw: unknown) => {
  const r = parse(raw);
  return r.ok ? [] : r.errors;
};

describe('scenario validation', () => {
  it('the base scenario is valid', () => {
    expect(parse(base()).ok).toBe(true);
  });

  it('refuses a timeline command naming equipment the plant does not have', () => {
    const s = base();
    s.timeline = [{ id: 'open-it', at_s: 5, do: [{ command: { type: 'setValve', tag: 'XV-999', opening: 1 } }] }];
    expect(errorsOf(s)).toEqual([{ path: 'timeline[0].do[0].command', message: 'unknown valve XV-999 in this plant' }]);
  });

  it("refuses a step's expected command with an unknown type, field, value or tag", () => {
    const s = base();
    const proc = s.procedure as { expect: unknown }[];
    proc[0].expect = { command: { type: 'openValve', tag: 'XV-101' } };
    expect(errorsOf(s)).toContainEqual({ path: 'procedure[0].expect.command.type', message: 'no command "openValve"' });
    proc[0].expect = { command: { type: 'setValve', tag: 'XV-1O1' } };
    expect(errorsOf(s)).toContainEqual({
      path: 'procedure[0].expect.command.tag',
      message: 'no "XV-1O1" in this plant',
    });
    proc[0].expect = { command: { type: 'setValve', valve: 'XV-101' } };
    expect(errorsOf(s)).toContainEqual({
      path: 'procedure[0].expect.command.valve',
      message: 'setValve has no field "valve"',
    });
    proc[0].expect = { command: { type: 'setValve', opening: 7 } };
    expect(errorsOf(s).map((e) => e.path)).toContain('procedure[0].expect.command.opening');
  });

  it('refuses duplicate safety ids (the second never fired)', () => {
    const s = base();
    const lim = {
      id: 'too-hot',
      text: { en: 'hot' },
      condition: { tag: 'TK-101.temp', op: '>', value: 50 },
      penalty: 10,
    };
    s.safety = [lim, { ...lim, condition: { tag: 'TK-101.level', op: '>', value: 1 }, penalty: 20 }];
    expect(errorsOf(s)).toContainEqual({ path: 'safety[1].id', message: 'duplicate id "too-hot" in safety' });
    // what that did: both limits breached, one penalty
    const r = parseScenario(s);
    expect(r.ok).toBe(false);
    s.safety = [lim, { ...lim, id: 'level', condition: { tag: 'TK-101.level', op: '>', value: 1 }, penalty: 20 }];
    const ok = parse(s);
    expect(ok.ok).toBe(true);
    if (!ok.ok) return;
    const sim = new Simulation(plant, { initial: ok.value.initial.conditions });
    const run = new ScenarioRun(sim, ok.value);
    sim.step(1);
    run.afterStep();
    expect(run.run.breaches.map((b) => b.id).sort()).toEqual(['level', 'too-hot']);
  });

  it('refuses duplicate timeline, objective and hazard ids', () => {
    const s = base();
    const ev = { id: 'say', at_s: 1, do: [{ message: { en: 'hi' } }] };
    s.timeline = [ev, ev];
    expect(errorsOf(s)).toContainEqual({ path: 'timeline[1].id', message: 'duplicate id "say" in timeline' });
  });

  it('refuses conditions nested 3,000 levels deep with a message (a RangeError before)', () => {
    const s = base();
    let c: unknown = { tag: 'TK-101.temp', op: '>', value: 50 };
    for (let i = 0; i < 3000; i++) c = { not: c };
    s.endWhen = c;
    let r: ReturnType<typeof parse> | undefined;
    expect(() => (r = parse(s))).not.toThrow();
    expect(r?.ok).toBe(false);
    if (r && !r.ok) expect(r.errors[0].message).toMatch(`nested more than ${MAX_NESTING} levels deep`);
    // a reasonable depth is still fine
    let d: unknown = { tag: 'TK-101.temp', op: '>', value: 50 };
    for (let i = 0; i < 20; i++) d = { not: d };
    s.endWhen = d;
    expect(parse(s).ok).toBe(true);
  });
});
