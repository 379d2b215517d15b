import { describe, expect, it } from 'vitest';
import { defaultPlant } from '../../../../src/sim/plant/default';
import { Simulation } from '../../../../src/sim/simulation';
import {
  advanceAlarm,
  beyondLimit,
  evaluateAlarms,
  setAlarmService,
  shelveAlarm,
  unshelveAlarm,
} from '../../../../src/sim/safety/alarms';
import { alarmTable, gatherAlarmValues } from '../../../../src/sim/safety/alarmTable';
import type { SimState } from '../../../../src/sim/state';
import type { Model } from '../../../../src/sim/plantIndex';

// evaluateAlarms reads every alarm's value in one pass by source and passes by an alarm whose value stays
// where its state machine would change nothing. Both must give what one definition at a time would.

/** A small deterministic generator (the test needs no real randomness, only variety). */
function lcg(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

/** Every alarm as evaluateAlarms evaluated it before: its own read, beyondLimit, suppression, advanceAlarm. */
function reference(m: Model, s: SimState, dt: number): number {
  let logged = 0;
  for (let i = 0; i < m.alarms.length; i++) {
    const d = m.alarms[i];
    const a = s.alarms[i];
    if (a.shelvedUntil_s >= 0 && s.t_s >= a.shelvedUntil_s) {
      a.shelvedUntil_s = -1;
      logged++;
    }
    let beyond = beyondLimit(d, a.active, +d.read(s));
    if (beyond && d.suppressed !== undefined && d.suppressed(s)) beyond = false;
    if (advanceAlarm(d, a, beyond, dt, s.t_s)) logged++;
  }
  return logged;
}

/** Moves the inputs of every kind of alarm across and back over their limits. */
function stir(s: SimState, m: Model, r: () => number): void {
  for (const d of m.alarms) {
    if (r() > 0.05) continue; // most inputs hold still, as on the plant
    if (d.instrument >= 0) s.instruments[d.instrument].value = d.limit + (r() - 0.5) * 4 * (d.deadband + 1);
  }
  for (const t of s.tanks) {
    if (r() < 0.05) t.coilExposed = !t.coilExposed;
    if (r() < 0.05) t.vessel.overflowing = !t.vessel.overflowing;
    if (r() < 0.05) t.vessel.vapourGauge_Pa = (r() - 0.5) * 4000;
    if (r() < 0.05) t.lowLevelCut = !t.lowLevelCut; // the low-temperature alarm's suppression
  }
  for (const ins of s.instruments) if (r() < 0.01) ins.bad = !ins.bad;
  for (const l of s.productLines) if (r() < 0.02) l.plugged = !l.plugged;
  if (r() < 0.01) s.esd = !s.esd;
}

describe('the alarm table', () => {
  it('gathers for every alarm the value its own read gives', () => {
    const sim = new Simulation(defaultPlant(), { dt_s: 1 });
    sim.step(60);
    const s = sim.state;
    const r = lcg(7);
    const t = alarmTable(sim.model.alarms);
    for (let round = 0; round < 20; round++) {
      stir(s, sim.model, r);
      for (const tank of s.tanks) tank.vessel.roofSeamTorn = r() < 0.5;
      for (const o of s.oilIngress) o.flammable = r() < 0.5;
      gatherAlarmValues(s, sim.model.alarms, t);
      sim.model.alarms.forEach((d, i) => expect(t.value[i], d.id).toBe(+d.read(s)));
    }
  });

  it('an alarm passed by as settled ends each step as a full evaluation leaves it, commands included', () => {
    const sim = new Simulation(defaultPlant(), { dt_s: 1 });
    sim.step(60);
    const m = sim.model;
    const fast = structuredClone(sim.state);
    const full = structuredClone(sim.state);
    const r = lcg(11);
    let fullLogged = 0;
    let changes = 0;
    for (let k = 0; k < 1500; k++) {
      // the same inputs for both
      const seed = Math.floor(r() * 1e9);
      stir(fast, m, lcg(seed));
      stir(full, m, lcg(seed));
      const i = Math.floor(r() * m.alarms.length);
      const c = r();
      if (c < 0.01) {
        shelveAlarm(m, fast, i, 5 + Math.floor(r() * 20));
        shelveAlarm(m, full, i, fast.alarms[i].shelvedUntil_s - fast.t_s);
        fullLogged++;
      } else if (c < 0.015) {
        unshelveAlarm(m, fast, i);
        unshelveAlarm(m, full, i);
        fullLogged++;
      } else if (c < 0.025) {
        const on = r() < 0.5;
        setAlarmService(m, fast, i, on);
        setAlarmService(m, full, i, on);
        fullLogged++;
      }
      fast.t_s += 1;
      full.t_s += 1;
      const before = JSON.stringify(full.alarms);
      evaluateAlarms(m, fast, 1);
      fullLogged += reference(m, full, 1);
      if (JSON.stringify(full.alarms) !== before) changes++;
      expect(fast.alarms).toEqual(full.alarms);
    }
    expect(fast.events.length - sim.state.events.length).toBe(fullLogged);
    expect(changes).toBeGreaterThan(100); // the inputs did cross the limits: the states moved
  });
});
