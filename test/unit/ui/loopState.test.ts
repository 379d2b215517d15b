import { describe, expect, it } from 'vitest';
import { formatTi, loopKey, readLoop } from '../../../src/ui/control/loopState';
import { tanksOnMpc } from '../../../src/ui/control/FarmSwitch';

const tags = (m: Record<string, number>) => (tag: string) => m[tag] ?? Number.NaN;

describe('a loop read from its tags', () => {
  it('decodes the mode, the MPC state and the auto-tune state; an absent tag reads as unknown', () => {
    const v = readLoop(
      tags({ 'TK-101.mode': 3, 'TK-101.mpc_status': 2, 'TK-101.autotune': 1, 'TK-101.autotune_cycles': 2 }),
      'TK-101',
    );
    expect(v).toMatchObject({ mode: 'mpc', mpc: 'fallback', autotune: 'running', cycles: 2, report: null });
    expect(v.gains).toBeNull();
    expect(v.tuningMode).toBeNull();
    const bare = readLoop(tags({ 'TK-101.mode': 1 }), 'TK-101');
    expect(bare).toMatchObject({ mode: 'auto', mpc: null, autotune: null, cycles: null, mpcSupply_C: null });
    // a code outside the list is not guessed at
    expect(readLoop(tags({ 'TK-101.mode': 7, 'TK-101.tuning_mode': 1.5 }), 'TK-101')).toMatchObject({
      mode: null,
      tuningMode: null,
    });
  });

  it('shows a tuning report only when the tune is done and the report is whole', () => {
    const done = {
      'H-201.autotune': 2,
      'H-201.tune_ku': 0.4,
      'H-201.tune_pu': 300,
      'H-201.tune_kp': 0.18,
      'H-201.tune_ti': 250,
      'H-201.tune_kp_old': 0.05,
      'H-201.tune_ti_old': 120,
      'H-201.kp': 0.05,
      'H-201.ti': 120,
      'H-201.tuning_mode': 2,
    };
    const v = readLoop(tags(done), 'H-201');
    expect(v.report).toEqual({ ku: 0.4, pu_s: 300, kp: 0.18, ti_s: 250, kpOld: 0.05, tiOld_s: 120 });
    expect(v.gains).toEqual({ kp: 0.05, ti_s: 120 });
    expect(v.tuningMode).toBe('adaptive');
    expect(readLoop(tags({ ...done, 'H-201.autotune': 1 }), 'H-201').report).toBeNull();
    expect(readLoop(tags({ ...done, 'H-201.tune_pu': Number.NaN }), 'H-201').report).toBeNull();
  });

  it('changes its key only when something shown changes', () => {
    const a = readLoop(tags({ 'TK-101.mode': 1, 'TK-101.kp': 0.25, 'TK-101.ti': 1800 }), 'TK-101');
    const b = readLoop(tags({ 'TK-101.mode': 1, 'TK-101.kp': 0.250001, 'TK-101.ti': 1800 }), 'TK-101');
    const c = readLoop(tags({ 'TK-101.mode': 3, 'TK-101.kp': 0.25, 'TK-101.ti': 1800 }), 'TK-101');
    expect(loopKey(a)).toBe(loopKey(b));
    expect(loopKey(a)).not.toBe(loopKey(c));
  });

  it('prints an integral time in seconds below ten minutes, else minutes', () => {
    expect(formatTi(120)).toBe('120 s');
    expect(formatTi(1800)).toBe('30.0 min');
  });

  it('counts the tanks on MPC for the farm switch', () => {
    const read = tags({ 'TK-101.mode': 3, 'TK-102.mode': 1, 'TK-103.mode': 3 });
    expect(tanksOnMpc(read, ['TK-101', 'TK-102', 'TK-103', 'TK-104'])).toBe(2);
  });
});
