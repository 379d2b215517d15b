import { describe, expect, it } from 'vitest';
import {
  formatTi,
  loopKey,
  loopStatusWords,
  mpcFallbackReason,
  readLoop,
  tuneDetail,
} from '../../../src/ui/control/loopState';
import { tanksOnMpc } from '../../../src/ui/control/FarmSwitch';
import { sim } from '../helpers';
import { applyCommand } from '../../../src/sim/apply';

const tags = (m: Record<string, number>) => (tag: string) => m[tag] ?? Number.NaN;

describe('a loop read from its tags', () => {
  it('decodes the mode, the MPC status, the auto-tune state and the tuning mode; an absent tag reads unknown', () => {
    const v = readLoop(
      tags({ 'TK-101.mode': 3, 'TK-101.mpc_status': 2, 'TK-101.tune': 1, 'TK-101.tune_mode': 1 }),
      'TK-101',
    );
    expect(v).toMatchObject({ mode: 'mpc', mpc: 'fallback', autotune: 'running', tuningMode: 'scheduled' });
    expect(v.gains).toBeNull();
    const bare = readLoop(tags({ 'TK-101.mode': 1 }), 'TK-101');
    expect(bare).toMatchObject({ mode: 'auto', mpc: null, autotune: null, tuningMode: null, supplyInUse_C: null });
    // a code outside the list is not guessed at
    expect(readLoop(tags({ 'TK-101.mode': 7, 'TK-101.tune_mode': 1.5 }), 'TK-101')).toMatchObject({
      mode: null,
      tuningMode: null,
    });
    const heater = { 'H-201.kp': 0.05, 'H-201.ti': 120, 'H-201.setpoint': 250 };
    const h = readLoop(tags({ ...heater, 'H-201.mpc_setpoint': 231.5 }), 'H-201');
    expect(h).toMatchObject({ gains: { kp: 0.05, ti_s: 120 }, supplyInUse_C: 231.5, supplyByMpc: true });
    // the MPC's set point equal to the operator's is the operator's; a build without the tag shows the set point
    expect(readLoop(tags({ ...heater, 'H-201.mpc_setpoint': 250 }), 'H-201')).toMatchObject({
      supplyInUse_C: 250,
      supplyByMpc: false,
    });
    expect(readLoop(tags(heater), 'H-201')).toMatchObject({ supplyInUse_C: 250, supplyByMpc: false });
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

describe('the auto-tune read from the plant state', () => {
  it('shows nothing for a loop never tuned, then the relay running on the heater with its elapsed time', () => {
    const plant = sim();
    expect(tuneDetail(plant.state, 'H-201')).toEqual({ progress: null, report: null });
    const r = applyCommand(plant.model, plant.state, { type: 'startAutotune', tag: 'H-201' });
    expect(r.ok).toBe(true);
    for (let i = 0; i < 60 / plant.dt_s; i++) plant.step();
    const d = tuneDetail(plant.state, 'H-201');
    expect(d.report).toBeNull();
    expect(d.progress).toMatchObject({ cycles: 0 });
    expect(d.progress!.elapsed_s).toBeGreaterThan(0);
    expect(d.progress!.limit_s).toBeGreaterThan(d.progress!.elapsed_s);
  });

  it('lists the report with the applied rule first, its ultimate gain and period, and the old gains', () => {
    const state = {
      t_s: 5000,
      tuning: {
        'H-201': {
          mode: 'fixed',
          kp: 0.2,
          ti_s: 200,
          kpNow: 0.2,
          tiNow_s: 200,
          report: {
            tag: 'H-201',
            outcome: 'done',
            t0_s: 100,
            t1_s: 4000,
            relay_frac: 0.1,
            hysteresis_K: 0.5,
            bias_frac: 0.5,
            cycles: 3,
            Pu_s: 240,
            Ku: 0.45,
            rule: 'ziegler-nichols',
            suggested: {
              'tyreus-luyben': { kp: 0.14, ti_s: 528 },
              'ziegler-nichols': { kp: 0.2, ti_s: 200 },
            },
            old: { kp: 0.05, ti_s: 120 },
          },
        },
      },
    } as unknown as Parameters<typeof tuneDetail>[0];
    const d = tuneDetail(state, 'H-201');
    expect(d.progress).toBeNull();
    expect(d.report).toEqual({
      outcome: 'done',
      reason: null,
      cycles: 3,
      ku: 0.45,
      pu_s: 240,
      rules: [
        { rule: 'ziegler-nichols', kp: 0.2, ti_s: 200, applied: true },
        { rule: 'tyreus-luyben', kp: 0.14, ti_s: 528, applied: false },
      ],
      old: { kp: 0.05, ti_s: 120 },
    });
  });
});

describe('a loop on MPC', () => {
  it('says why it fell back to PI, only while it has', () => {
    const state = (status: number, reason: string) =>
      ({
        mpc: {
          tanks: [
            { status: 1, reason: '' },
            { status, reason },
          ],
        },
      }) as unknown as Parameters<typeof mpcFallbackReason>[0];
    expect(mpcFallbackReason(state(2, 'TT-102 bad quality'), 1)).toBe('TT-102 bad quality');
    expect(mpcFallbackReason(state(1, ''), 1)).toBeNull();
    expect(mpcFallbackReason(state(2, 'x'), 0)).toBeNull();
    expect(mpcFallbackReason({} as Parameters<typeof mpcFallbackReason>[0], 0)).toBeNull();
  });

  it('puts its state in a few words for the VR panel, nothing on plain PI', () => {
    const t = (k: string) => k;
    const v = (m: Record<string, number>) => readLoop(tags(m), 'TK-101');
    expect(loopStatusWords(v({ 'TK-101.mode': 1, 'TK-101.mpc_status': 0 }), t)).toBe('');
    expect(loopStatusWords(v({ 'TK-101.mode': 3, 'TK-101.mpc_status': 1 }), t)).toBe('ctl.mpcActive');
    expect(loopStatusWords(v({ 'TK-101.mode': 1, 'TK-101.mpc_status': 2, 'TK-101.tune': 1 }), t)).toBe(
      'ctl.mpcFallback · ctl.autotuneRunning',
    );
  });
});
