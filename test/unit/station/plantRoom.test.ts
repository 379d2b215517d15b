import { describe, expect, it } from 'vitest';
import { PlantRoom } from '../../../src/station/plantRoom';
import { defaultPlantRaw } from '../../../src/sim/plant/default';
import { ITEM, ITEM_BASE } from '../../../src/protocol/frame';
import type { Action } from '../../../src/protocol/actions';
import type { Issuer } from '../../../src/protocol/session';

// A session's plant without a thread: actions, the instructor's delayed and conditional faults, items.

const ins: Issuer = { pid: 'i1', name: 'Instructor', role: 'instructor' };
const tr: Issuer = { pid: 't1', name: 'Trainee', role: 'trainee' };
const tr2: Issuer = { pid: 't2', name: 'Other', role: 'trainee' };

async function room(): Promise<PlantRoom> {
  const r = new PlantRoom();
  await r.open(defaultPlantRaw);
  return r;
}
const act = (r: PlantRoom, a: unknown, by = ins) => r.act(a as Action, by);

describe('a session plant', () => {
  it('fires a delayed fault at the plant step its delay ends on, logged as the instructor’s', async () => {
    const r = await room();
    expect(act(r, { kind: 'fault', op: 'inject', fault: { kind: 'heaterFlameFailure' }, delay_s: 10 }).ok).toBe(true);
    expect(r.state().pending).toHaveLength(1);
    r.engine.running = true;
    r.tick(9.5); // 1× speed: 9 plant steps of 1 s
    expect(r.engine.sim.state.faults).toHaveLength(0);
    r.tick(1);
    expect(r.engine.sim.state.faults).toHaveLength(1);
    expect(r.engine.sim.state.faults[0].since_s).toBe(10);
    expect(r.state().pending).toHaveLength(0);
    const ev = r.engine.sim.state.events.find((e) => e.type === 'action' && e.command.type === 'injectFault');
    expect(ev && ev.type === 'action' && ev.by).toBe('instructor');
  });

  it('fires a conditional fault when its condition first holds, and refuses an unknown tag at once', async () => {
    const r = await room();
    const when = { tag: 'TK-101.temp', op: '<', value: 0 };
    expect(act(r, { kind: 'fault', op: 'inject', fault: { kind: 'powerFailure' }, when }).ok).toBe(true);
    r.engine.running = true;
    r.tick(5);
    expect(r.engine.sim.state.faults).toHaveLength(0); // never below 0 °C
    const bad = act(r, {
      kind: 'fault',
      op: 'inject',
      fault: { kind: 'powerFailure' },
      when: { tag: 'NO-SUCH.temp', op: '>', value: 1 },
    });
    expect(bad.ok).toBe(false);
    expect(act(r, { kind: 'fault', op: 'clear' }).ok).toBe(true);
    expect(r.state().pending).toHaveLength(0);
    const soon = { tag: 'TK-101.temp', op: '>', value: 0 };
    act(r, { kind: 'fault', op: 'inject', fault: { kind: 'powerFailure' }, when: soon });
    r.tick(1);
    expect(r.engine.sim.state.faults.map((f) => f.fault.kind)).toEqual(['powerFailure']);
  });

  it('lets one person hold an item at a time and shows it held in the frame', async () => {
    const r = await room();
    const tag = r.engine.walk.items[0].tag;
    expect(act(r, { kind: 'item', op: 'pickUp', tag }, tr).ok).toBe(true);
    expect(act(r, { kind: 'item', op: 'pickUp', tag }, tr2)).toMatchObject({ ok: false });
    expect(r.frame().values[ITEM_BASE + ITEM.held]).toBe(1);
    expect(act(r, { kind: 'item', op: 'putDown', tag, at: { x: 1, y: 0, z: 2 } }, tr2).ok).toBe(false);
    expect(act(r, { kind: 'item', op: 'putDown', tag, at: { x: 1, y: 0, z: 2 } }, tr).ok).toBe(true);
    const v = r.frame().values;
    expect([v[ITEM_BASE + ITEM.x], v[ITEM_BASE + ITEM.z], v[ITEM_BASE + ITEM.held]]).toEqual([1, 2, 0]);
  });

  it('steps only while paused, backtracks to a held minute, and takes nothing but messages after the end', async () => {
    const r = await room();
    expect(act(r, { kind: 'clock', op: 'step', n: 150 })).toMatchObject({ ok: true, result: 150 });
    expect(act(r, { kind: 'backtrack', t_s: 100 })).toMatchObject({ ok: true, result: 60 });
    r.engine.running = true;
    expect(act(r, { kind: 'clock', op: 'step' }).ok).toBe(false);
    expect(act(r, { kind: 'end' }).ok).toBe(true);
    expect(r.engine.running).toBe(false);
    expect(act(r, { kind: 'clock', op: 'run' }).ok).toBe(false);
    expect(act(r, { kind: 'message', to: 'all', text: 'Debrief in 5 minutes' }).ok).toBe(true);
  });

  it('starts a scenario, gives a trainee a hint and records a report', async () => {
    const r = await room();
    const { readFileSync } = await import('node:fs');
    const raw = JSON.parse(
      readFileSync(new URL('../../../scenarios/heat-tank.json', import.meta.url), 'utf8'),
    ) as unknown;
    const started = r.act({ kind: 'scenario', op: 'start' }, ins, { scenario: raw });
    expect(started).toMatchObject({ ok: true, result: { scenarioId: 'heat-tank' } });
    const hint = act(r, { kind: 'scenario', op: 'hint' }, tr);
    expect(hint.ok && typeof hint.result).toBe('string');
    expect(act(r, { kind: 'scenario', op: 'report', subject: 'hazard' }, tr).ok).toBe(true);
    expect(r.state().scenario?.hintsUsed).toBe(1);
  });
});
