import { describe, expect, it } from 'vitest';
import { defaultPlant } from '../../../src/sim/plant/default';
import { Simulation } from '../../../src/sim/simulation';
import { decide } from '../../../src/sim/control/mpc/farm';
import { weatherAhead, sampleAt } from '../../../src/sim/control/mpc/weatherAhead';
import { updateWeather } from '../../../src/sim/components/weather';
import { checkSnapshot } from '../../../src/sim/snapshot';
import { createState } from '../../../src/sim/initial';
import type { SimState } from '../../../src/sim/state';
import type { HeatingPlan } from '../../../src/sim/control/mpc/schema';

// What the MPC is given from outside: the heating plan it follows, the weather it feeds forward.

function onMpc(): Simulation {
  const sim = new Simulation(defaultPlant(), { dt_s: 10 });
  sim.step(2 * 360);
  sim.command({ type: 'setFarmMode', mode: 'mpc' });
  sim.step(360);
  return sim;
}
/** The valve of tank i the next decision would choose on a copy of the state after `prepare`. */
function nextValve(sim: Simulation, prepare: (s: SimState) => void, i = 0): number {
  const s = structuredClone(sim.state);
  prepare(s);
  decide(sim.model, s, s.mpc!);
  expect(s.mpc!.message).toBe('');
  return s.mpc!.tanks[i].valve_frac;
}
function plan(t0_s: number, target_C: number[], min_C: number[], tag = 'TK-101'): HeatingPlan {
  const supply_C = target_C.map(() => 250);
  return { t0_s, step_s: 3600, supply_C, tanks: [{ tag, target_C, min_C }] };
}

describe('the heating plan', () => {
  it('a lower target closes the valve; a loading minimum above the temperature opens it', () => {
    const sim = onMpc();
    const t = sim.state.t_s;
    // TK-104 heats towards its set point with the valve wide open: a plan 5 K lower closes it at the ramp's pace
    const T4 = sim.read('TK-104.temp');
    const v4 = sim.state.mpc!.tanks[3].valve_frac;
    const heating = nextValve(sim, () => {}, 3);
    const lower = nextValve(
      sim,
      (s) => (s.mpc!.plan = plan(t, Array(14).fill(T4 - 5), Array(14).fill(140), 'TK-104')),
      3,
    );
    expect(heating).toBeGreaterThan(0.9);
    expect(lower).toBeCloseTo(Math.max(0, v4 - 0.1), 9);
    // TK-101 held where it is; then a loading 6 h ahead that needs 3 K more (min_C), the reference unchanged
    const T = sim.read('TK-101.temp');
    const hold = nextValve(sim, (s) => (s.mpc!.plan = plan(t, Array(14).fill(T), Array(14).fill(140))));
    const min = Array(14).fill(140);
    min[6] = T + 3;
    const loading = nextValve(sim, (s) => (s.mpc!.plan = plan(t, Array(14).fill(T), min)));
    expect(loading).toBeGreaterThan(hold);
    expect(loading).toBeCloseTo(Math.min(1, sim.state.mpc!.tanks[0].valve_frac + 0.1), 9); // as fast as it may
  });

  it('refuses a plan naming a tank the plant does not have', () => {
    const sim = onMpc();
    const p = plan(0, [160, 160], [150, 150]);
    p.tanks[0].tag = 'TK-999';
    expect(sim.command({ type: 'setHeatingPlan', plan: p })).toEqual({
      ok: false,
      reason: 'the plan names TK-999, which is not a tank of this plant',
    });
  });
});

describe('weather feed-forward', () => {
  it('the sim’s own weather ahead is what the plant will see then', () => {
    const sim = onMpc();
    const s = sim.state;
    const ahead = weatherAhead(s, null, s.t_s + 5 * 3600, { ambient_C: 0, solar_W_m2: 0 });
    sim.step(5 * 360);
    updateWeather(sim.state);
    expect(ahead.ambient_C).toBeCloseTo(sim.state.weather.ambient_C, 9);
    expect(ahead.solar_W_m2).toBeCloseTo(sim.state.weather.solar_W_m2, 9);
  });

  it('a forecast is linear between its samples: 20 → 26 °C over an hour gives 21.5 at a quarter', () => {
    expect(sampleAt(0, 3600, [20, 26, 30], 900)).toBe(21.5);
    expect(sampleAt(0, 3600, [20, 26, 30], 7200)).toBe(30);
    expect(sampleAt(0, 3600, [20, 26, 30], 7201)).toBeNaN();
  });

  it('a cold night forecast opens the valve earlier than the mild day the plant would otherwise expect', () => {
    const sim = onMpc();
    const t = sim.state.t_s;
    const mild = nextValve(sim, () => {});
    const cold = nextValve(sim, (s) => {
      s.mpc!.forecast = { t0_s: t, step_s: 3600, ambient_C: Array(14).fill(0), wind_m_s: Array(14).fill(6) };
    });
    expect(cold).toBeGreaterThan(mild);
  });
});

describe('snapshots', () => {
  it('a snapshot from before the MPC alarms existed is restored with them appended, normal', () => {
    const sim = onMpc();
    const snap = JSON.parse(JSON.stringify(sim.snapshot()));
    const n = sim.state.alarms.length;
    snap.state.alarms = snap.state.alarms.slice(0, n - 10); // the ten TK-xxx.XA_MPC are the last
    delete snap.state.mpc;
    const r = checkSnapshot(snap, sim.model.plant, createState(sim.model));
    if (!r.ok) throw new Error(r.message);
    expect(r.snapshot.state.alarms).toHaveLength(n);
    expect(r.migrated).toContain(`state.alarms[${n - 10}…${n - 1}]`);
    expect(r.snapshot.state.alarms[n - 1].active).toBe(false);
  });
});
