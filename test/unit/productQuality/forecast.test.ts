import { describe, expect, it } from 'vitest';
import { plantCopy } from '../helpers';
import { Simulation } from '../../../src/sim/simulation';
import { density } from '../../../src/sim/props/bitumen';
import { forecastQuality, FORECAST_DT_S } from '../../../src/productQuality/forecast';
import { forecastWithAdvice } from '../../../src/productQuality/advice';
import type { Schedule } from '../../../src/productQuality/schedule';

// The default plant with TK-103 (60/70) a little cooler than drawn (151.5 °C) and its heating off: the product
// below its coil cools by conduction and losses, so a truck late in the day is forecast under the 150 °C loading
// minimum, while TK-102, heated, stays in spec.
function start() {
  const plant = plantCopy();
  plant.tanks[2].initial.temp_C = 151.5;
  const sim = new Simulation(plant, { dt_s: FORECAST_DT_S });
  expect(sim.command({ type: 'setMode', tag: 'TIC-103', mode: 'manual' }).ok).toBe(true);
  expect(sim.command({ type: 'setOutput', tag: 'TIC-103', output: 0 }).ok).toBe(true);
  return { plant, snapshot: sim.snapshot() };
}

const schedule: Schedule = {
  schemaVersion: 1,
  name: 'two tanks, early and late',
  loadings: [
    { bay: 'BAY-1', arm: 'LA-1A', tank: 'TK-103', at: 1 },
    { bay: 'BAY-2', product: 'AC60/70', tank: 'TK-102', at: 1.5 },
    { bay: 'BAY-1', arm: 'LA-1A', tank: 'TK-103', at: 20 },
    { bay: 'BAY-2', tank: 'TK-102', at: 20 },
  ],
};

describe('quality forecast', () => {
  const { plant, snapshot } = start();
  const fc = forecastWithAdvice({ plant, schedule, snapshot });
  const [early103, early102, late103, late102] = fc.loadings;

  it('the unheated tank is forecast out of spec at the late loading, with the margin; the heated one stays in', () => {
    expect(fc.loadings.map((f) => [f.tank, f.start_s])).toEqual([
      ['TK-103', 3600],
      ['TK-102', 5400],
      ['TK-103', 72000],
      ['TK-102', 72000],
    ]);
    expect(early103.status).toBe('ok');
    expect(early102.status).toBe('ok');
    expect(late102.status).toBe('ok');
    expect(late102.check.margin_K).toBeGreaterThan(3);
    expect(late103.status).toBe('low');
    expect(late103.check.margin_K).toBeLessThan(-0.5);
    expect(late103.check.margin_K).toBeCloseTo(late103.outletMin_C - 150, 9);
    expect(late103.warning).toMatch(/TK-103 outlet 1\d\d\.\d °C: below the 150 °C loading minimum \(by \d\.\d K\)/);
    // the viscosity reported is the Walther fit's at the outlet temperature: above 0.19 Pa·s below 150 °C
    expect(late103.viscosityMax_Pa_s).toBeGreaterThan(0.19);
    // each truck got its 30 m³ at the arm pump's rate
    for (const f of fc.loadings) {
      expect(f.delivered_m3).toBeCloseTo(30, 6);
      expect(f.duration_s).toBeCloseTo((30 / 99.18) * 3600, 6);
    }
  });

  it('its numbers are the simulation run the same way', () => {
    // up to the first truck nothing is drawn: the outlet is the plain model's bottom layer at that moment
    const sim = new Simulation(plant, { dt_s: FORECAST_DT_S });
    sim.restore(snapshot);
    sim.runUntil(snapshot.state.t_s + early103.start_s);
    expect(early103.startOutlet_C).toBe(sim.state.tanks[2].T_C[0]);
    expect(early103.level_m).toBeGreaterThan(5.9);
    // what the trucks took is what the tanks lost against the undrawn run (nothing else moves product here)
    sim.runUntil(snapshot.state.t_s + fc.steps * FORECAST_DT_S);
    for (const [i, tag] of [
      [1, 'TK-102'],
      [2, 'TK-103'],
    ] as const) {
      const drawn = fc.loadings.filter((f) => f.tank === tag).reduce((s, f) => s + f.delivered_kg, 0);
      expect(sim.state.tanks[i].mass_kg - fc.tanks[i].finalMass_kg).toBeCloseTo(drawn, 3);
      // 2 × 30 m³ at about 1.0 t/m³ (ρ at the outlet temperature)
      expect(drawn).toBeCloseTo(60 * density(sim.state.tanks[i].props, early102.outlet_C), -3);
    }
    // a truck's temperature is the mass mean of what left the bottom while it loaded
    for (const f of fc.loadings) {
      expect(f.outlet_C).toBeGreaterThanOrEqual(f.outletMin_C - 1e-9);
      expect(f.outlet_C).toBeLessThanOrEqual(f.outletMax_C + 1e-9);
    }
    // deterministic: the same request gives the same numbers
    const again = forecastQuality({ plant, schedule, snapshot });
    expect(again.loadings.map((f) => f.outlet_C)).toEqual(fc.loadings.map((f) => f.outlet_C));
  });

  it('says what to do for the tank out of spec, and its claim is the what-if run', () => {
    expect(fc.advice.map((a) => a.tank)).toEqual(['TK-103']);
    const a = fc.advice[0];
    expect(a).toMatchObject({ controller: 'TIC-103', from_C: 160, heatingWasOff: true });
    // its set point (160 °C) is above the 150 + 2 K wanted: heating back on is the change
    expect(a.setpoint_C).toBe(160);
    expect(a.text).toMatch(/^TK-103: put the heating on \(HV-103 open, TIC-103 in auto\), at its set point of 160 °C/);
    const wi = fc.whatIf!.loadings.filter((f) => f.tank === 'TK-103');
    const whatIfInSpec = wi.every((f) => f.status === 'ok');
    expect(a.verified).toBe(whatIfInSpec || a.by_s > 0);
    // heating on lifts the late truck, whatever it is enough for
    expect(wi[1].outlet_C).toBeGreaterThan(late103.outlet_C);
    // TK-101 holds 60/70 at 160 °C, well inside the window: offered instead
    expect(a.alternative).toBe('TK-101');
    expect(a.text).toMatch(/TK-101/);
  });

  it('a tank left unnamed is the fullest of its product; a loading before the start is marked past', () => {
    const s: Schedule = {
      schemaVersion: 1,
      name: 'x',
      start: '2026-12-01T06:00:00Z',
      loadings: [
        { bay: 'BAY-1', product: 'AC40/50', at: 0 },
        { bay: 'BAY-1', product: 'AC60/70', at: 2, quantity_m3: 10, rate_m3_h: 40 },
      ],
    };
    const f = forecastQuality({ plant, schedule: s, snapshot, now_ms: Date.parse('2026-12-01T07:00:00Z') });
    expect(f.loadings[0]).toMatchObject({ status: 'past', tank: '' });
    // TK-101 (9 m) is the fullest 60/70 tank; 2 h after the start is 1 h after now
    expect(f.loadings[1]).toMatchObject({ tank: 'TK-101', start_s: 3600, duration_s: 900 });
    expect(f.loadings[1].delivered_m3).toBeCloseTo(10, 6);
    expect(f.steps).toBe(450);
  });
});

describe('forecast horizon', () => {
  it('a truck more than a week ahead is marked beyond the horizon, not simulated', () => {
    const plant = plantCopy();
    const fc = forecastQuality({
      plant,
      schedule: {
        schemaVersion: 1,
        name: 'x',
        start: '2026-12-01T00:00:00Z',
        loadings: [
          { bay: 'BAY-1', tank: 'TK-101', at: 0.1 },
          { bay: 'BAY-1', tank: 'TK-101', at: '2026-12-09T00:00:00Z' },
        ],
      },
      now_ms: Date.parse('2026-12-01T00:00:00Z'),
    });
    expect(fc.loadings.map((f) => f.status)).toEqual(['ok', 'beyond']);
    expect(fc.horizon_s).toBeLessThan(3600);
  });
});

describe('advice with a time to act', () => {
  it('a mixed tank cooling slowly with its heating off: heating on by a time the delayed what-if confirms', () => {
    // TK-109 (PMA, 8 m, MX-109 running) at 160.6 °C cools ~0.03 K/h: under the 160 °C minimum in a day
    const plant = plantCopy();
    plant.tanks[8].initial.temp_C = 160.6;
    const sim = new Simulation(plant, { dt_s: FORECAST_DT_S });
    sim.command({ type: 'setMode', tag: 'TIC-109', mode: 'manual' });
    sim.command({ type: 'setOutput', tag: 'TIC-109', output: 0 });
    expect(sim.command({ type: 'setMixer', tank: 'TK-109', on: true }).ok).toBe(true);
    const snapshot = sim.snapshot();
    const schedule: Schedule = { schemaVersion: 1, name: 'x', loadings: [{ bay: 'BAY-2', tank: 'TK-109', at: 30 }] };
    const now_ms = Date.parse('2026-12-01T00:00:00Z');
    const fc = forecastWithAdvice({ plant, schedule, snapshot, now_ms });
    expect(fc.loadings[0].status).toBe('low');
    const [a] = fc.advice;
    expect(a).toMatchObject({
      tank: 'TK-109',
      setpoint_C: 170,
      verified: true,
      heatingWasOff: true,
      alternative: 'TK-108',
    });
    // later than now, before the truck, on the trace's 10-minute grid, and said as a clock time
    expect(a.by_s).toBeGreaterThan(3600);
    expect(a.by_s).toBeLessThan(fc.loadings[0].start_s);
    expect(a.by_s % 600).toBe(0);
    const clock = new Date(now_ms + a.by_s * 1000).toISOString().slice(0, 16).replace('T', ' ');
    expect(a.text).toContain(`by ${clock} UTC`);
    // the claim holds: the change made then brings the truck into spec; made just before the truck it does not
    const act = (at_s: number) =>
      forecastQuality({ plant, schedule, snapshot, actions: [{ tank: 'TK-109', setpoint_C: 170, at_s }] }).loadings[0];
    expect(act(a.by_s).status).toBe('ok');
    expect(act(fc.loadings[0].start_s - 600).status).toBe('low');
  });
});
