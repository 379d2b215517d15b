import { describe, expect, it } from 'vitest';
import { actionAllowed, isControlAction, parseAction, type Action, type Role } from '../../../src/protocol/actions';
import { decodeFrame, encodeFrame, sessionTopics } from '../../../src/protocol/session';

const a = (raw: unknown): Action => {
  const r = parseAction(raw);
  if (!r.ok) throw new Error(r.reason);
  return r.action;
};

describe('the action union', () => {
  it('wraps a plant command with its own type intact and checks it with the command schema', () => {
    expect(a({ kind: 'command', command: { type: 'setValve', tag: 'MOV-101', opening: 0.5 } })).toEqual({
      kind: 'command',
      command: { type: 'setValve', tag: 'MOV-101', opening: 0.5 },
    });
    const bad = parseAction({ kind: 'command', command: { type: 'setValve', tag: 'MOV-101', opening: 2 } });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.reason).toContain('command.opening');
  });

  it('names the field at fault and refuses unknown kinds and extra fields', () => {
    const r = parseAction({ kind: 'clock', op: 'speed' });
    expect(!r.ok && r.reason).toContain('speed');
    expect(parseAction({ kind: 'teleportEveryone' }).ok).toBe(false);
    expect(parseAction({ kind: 'end', extra: 1 }).ok).toBe(false);
    expect(parseAction({ kind: 'clock', op: 'speed', speed: 5000 }).ok).toBe(false); // beyond 1000×
  });

  it('takes a delayed or conditional fault with the scenario format condition', () => {
    expect(a({ kind: 'fault', op: 'inject', fault: { kind: 'heaterFlameFailure' }, delay_s: 30 })).toMatchObject({
      delay_s: 30,
    });
    const when = { tag: 'TK-101.level', op: '>', value: 5 };
    expect(a({ kind: 'fault', op: 'inject', fault: { kind: 'powerFailure' }, when })).toMatchObject({ when });
    expect(parseAction({ kind: 'fault', op: 'inject', fault: { kind: 'meteorStrike' } }).ok).toBe(false);
  });
});

describe('who may do what', () => {
  const cases: [Role, unknown, boolean][] = [
    ['trainee', { kind: 'command', command: { type: 'setPump', tag: 'P-1', run: true } }, true],
    ['trainee', { kind: 'command', command: { type: 'injectFault', fault: { kind: 'powerFailure' } } }, false],
    ['trainee', { kind: 'command', command: { type: 'setWeather', wind_m_s: 3 } }, false],
    ['trainee', { kind: 'fault', op: 'inject', fault: { kind: 'powerFailure' } }, false],
    ['trainee', { kind: 'fault', op: 'clear' }, false],
    ['trainee', { kind: 'clock', op: 'run' }, false],
    ['trainee', { kind: 'backtrack', t_s: 0 }, false],
    ['trainee', { kind: 'message', to: 'all', text: 'hi' }, false],
    ['trainee', { kind: 'scenario', op: 'hint' }, true],
    ['trainee', { kind: 'scenario', op: 'report', subject: 'fire' }, true],
    ['trainee', { kind: 'scenario', op: 'start', id: 'heat-tank' }, false],
    ['trainee', { kind: 'item', op: 'pickUp', tag: 'GD-1' }, true],
    ['trainee', { kind: 'end' }, false],
    ['observer', { kind: 'item', op: 'pickUp', tag: 'GD-1' }, false],
    ['observer', { kind: 'scenario', op: 'hint' }, false],
    ['instructor', { kind: 'backtrack', t_s: 0 }, true],
    ['instructor', { kind: 'fault', op: 'inject', fault: { kind: 'powerFailure' } }, true],
  ];
  it.each(cases)('%s: %j → allowed %s', (role, raw, allowed) => {
    const why = actionAllowed(role, a(raw));
    expect(why === null).toBe(allowed);
    if (!allowed) expect(why).toMatch(new RegExp(role));
  });

  it('puts every instructor-only action on the control topic', () => {
    expect(isControlAction(a({ kind: 'backtrack', t_s: 0 }))).toBe(true);
    expect(isControlAction(a({ kind: 'command', command: { type: 'ackAll' } }))).toBe(false);
  });
});

describe('topics and frames', () => {
  it('builds topics under tanktwin/<site>/session/<id> and refuses wildcards in names', () => {
    const t = sessionTopics('plant1', 's1');
    expect(t.frame).toBe('tanktwin/plant1/session/s1/frame');
    expect(t.presence('p9')).toBe('tanktwin/plant1/session/s1/presence/p9');
    expect(() => sessionTopics('plant1', 's/#')).toThrow();
    expect(() => t.reply('+')).toThrow();
  });

  it('carries frame values exactly, even from an unaligned buffer', () => {
    const v = new Float64Array([1.5, -0, Math.PI, 1e-300, NaN]);
    const bytes = encodeFrame(v);
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    const back = decodeFrame(shifted.subarray(3));
    expect(Array.from(back)).toEqual(Array.from(v));
    expect(() => decodeFrame(new Uint8Array(7))).toThrow(/float64/);
  });
});
