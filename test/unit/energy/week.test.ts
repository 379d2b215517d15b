import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { plantCopy } from '../helpers';
import { parseWeek, type WeekFile } from '../../../src/energy/weekFile';
import { runWeek, scheduleAhead, weatherAhead, type Planner } from '../../../src/energy/week';

const plant = plantCopy();
const raw = () => JSON.parse(readFileSync('models/weeks/standard-week.json', 'utf8')) as Record<string, unknown>;
const standard = (() => {
  const r = parseWeek(raw(), plant);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
})();

/** A day of the standard week from its unsettled start: quick, with four trucks of TK-101 at 06:00–08:00. */
function day(): WeekFile {
  return {
    ...standard,
    duration_h: 24,
    settle_h: 0,
    schedule: { schemaVersion: 1, name: 'day', loadings: [standard.schedule.loadings[0]] },
  };
}

const paths = (x: unknown) => {
  const r = parseWeek(x, plant);
  return r.ok ? [] : r.errors.map((e) => e.path);
};

describe('week file', () => {
  it('the standard week is valid: a week of hourly weather with a cold night, trucks on six days, idle tanks', () => {
    const w = standard;
    expect(w.weather.ambient_C).toHaveLength(169);
    expect(Math.min(...w.weather.ambient_C)).toBeLessThan(18); // the cold night
    expect(Math.max(...w.weather.ambient_C)).toBeGreaterThan(30);
    const tanks = new Set(w.schedule.loadings.map((r) => r.tank));
    for (const idle of ['TK-103', 'TK-105', 'TK-106', 'TK-107', 'TK-110']) expect(tanks.has(idle)).toBe(false);
    expect(w.fuel.price_per_GJ).toBeGreaterThan(0);
  });

  it('names the field of every error', () => {
    const bad = raw();
    (bad.initial as { tanks: Record<string, unknown> }).tanks['TK-999'] = { temp_C: 150 };
    (bad.schedule as { loadings: { bay: string }[] }).loadings[2].bay = 'BAY-9';
    (bad.weather as { ambient_C: number[] }).ambient_C.length = 100;
    (bad.weather as { solar_W_m2: number[] }).solar_W_m2.length = 100;
    (bad.weather as { wind_m_s: number[] }).wind_m_s.length = 100;
    expect(paths(bad)).toEqual(['initial.tanks.TK-999', 'schedule.loadings[2].bay', 'weather.ambient_C']);
    const noFuel = raw();
    delete noFuel.fuel;
    expect(paths(noFuel)).toEqual(['fuel']);
    const neg = raw();
    (neg.fuel as { price_per_GJ: number }).price_per_GJ = -1;
    expect(paths(neg)).toEqual(['fuel.price_per_GJ']);
    const iso = raw();
    (iso.schedule as { loadings: { at: unknown }[] }).loadings[0].at = '2026-12-01T06:00:00Z';
    expect(paths(iso)).toContain('schedule.loadings[0].at');
  });
});

describe('week runner', () => {
  it('is deterministic, imposes the week weather and draws the trucks of the day', () => {
    const ambient: number[] = [];
    const a = runWeek({
      plant,
      week: day(),
      strategy: 'pi',
      onStep: (sim, t) => {
        if (t % 3600 === 0) ambient.push(sim.state.weather.ambient_C);
      },
    });
    const b = runWeek({ plant, week: day(), strategy: 'pi' });
    expect(b.kpi).toEqual(a.kpi);
    expect(a.kpi.duration_s).toBe(86400);
    // the ambient of each hour's last step is the file's, interpolated at that step's middle (5 s before the hour)
    ambient.forEach((x, k) => {
      const w = standard.weather.ambient_C;
      expect(x).toBeCloseTo(w[k + 1] - ((w[k + 1] - w[k]) * 5) / 3600, 9);
    });
    // 06:00–09:00 at 2 an hour: six 30 m³ trucks of TK-101, each drawn whole, none out of spec
    expect(a.loadings.map((l) => [l.tank, l.start_s / 3600])).toEqual(
      [6, 6.5, 7, 7.5, 8, 8.5].map((h) => ['TK-101', h]),
    );
    for (const l of a.loadings) expect(l.delivered_m3).toBeCloseTo(30, 6);
    expect([a.kpi.trucks, a.kpi.misses, a.kpi.tanks[0].trucks]).toEqual([6, 0, 6]);
    expect(a.kpi.loadedOut_GJ).toBeGreaterThan(0);
    expect(a.plans).toBe(0);
  });

  it('a colder week loses more heat', () => {
    const cold = day();
    cold.weather = { ...cold.weather, ambient_C: cold.weather.ambient_C.map((x) => x - 15) };
    const warm = runWeek({ plant, week: day(), strategy: 'pi' });
    const colder = runWeek({ plant, week: cold, strategy: 'pi' });
    expect(colder.kpi.tankLoss_GJ).toBeGreaterThan(warm.kpi.tankLoss_GJ * 1.05);
  });

  it('gives the planner the trucks and weather ahead from now', () => {
    const s = scheduleAhead(plant, standard.schedule, 30 * 3600);
    expect(s.loadings[0].at).toBe(0); // Tuesday 06:00, 30 h in: TK-101's first truck of the day is now
    expect(s.loadings.every((r) => typeof r.at === 'number' && r.at >= 0)).toBe(true);
    const f = weatherAhead(standard.weather, 30 * 3600, 123456);
    expect(f.t0_s).toBe(123456);
    expect(f.ambient_C[0]).toBe(standard.weather.ambient_C[30]);
    expect(f.ambient_C).toHaveLength(169 - 30);
  });

  it('refuses the mpc and plan strategies without a planner', () => {
    expect(() => runWeek({ plant, week: day(), strategy: 'mpc' })).toThrow(/mpc strategy needs the heating planner/);
    expect(() => runWeek({ plant, week: day(), strategy: 'plan' })).toThrow(/plan strategy needs/);
  });

  it('plan: follows the plan on the PI loops, replanned daily, each set point the highest target two hours ahead', () => {
    const calls: number[] = [];
    // TK-101 held at 150 °C then 155 °C from 5 h; the heater at 230 °C; 49 hourly samples from now
    const planner: Planner = (req) => {
      calls.push(req.state.t_s);
      const n = 49;
      return {
        t0_s: req.state.t_s,
        step_s: 3600,
        supply_C: new Array<number>(n).fill(230),
        tanks: [
          {
            tag: 'TK-101',
            target_C: Array.from({ length: n }, (_, k) => (k < 5 ? 150 : 155)),
            min_C: new Array<number>(n).fill(140),
          },
        ],
      };
    };
    const sp: Record<number, [number, number]> = {};
    const week = { ...day(), duration_h: 30 };
    const r = runWeek({
      plant,
      week,
      strategy: 'plan',
      planner,
      onStep: (sim, t) => {
        if (t % 3600 === 0) sp[t / 3600] = [sim.state.tanks[0].pid.setpoint_C, sim.state.hotOil.setpoint_C];
      },
    });
    expect(calls).toEqual([0, 86400]); // settle_h 0: plant time is the week's
    expect(r.plans).toBe(2);
    expect(sp[1]).toEqual([150, 230]);
    expect(sp[2]).toEqual([150, 230]);
    expect(sp[3]).toEqual([150, 230]); // read at the end of the step before 3 h
    expect(sp[4]).toEqual([155, 230]); // 155 from 5 h: set two hours ahead, at 3 h
    expect(sp[24]).toEqual([155, 230]);
    expect(sp[25]).toEqual([150, 230]); // the second day's plan from its start
    expect(sp[28]).toEqual([155, 230]);
    expect(r.kpi.tanks[1].trucks).toBe(0);
  });

  it('the standard week on PI: every truck in spec, no tank outside its band', () => {
    const r = runWeek({ plant, week: standard, strategy: 'pi' });
    expect(r.kpi.duration_s).toBe(7 * 86400);
    expect(r.kpi.trucks).toBe(74);
    expect(r.kpi.misses).toBe(0);
    expect(r.kpi.outsideMax_h).toBe(0);
    expect(r.kpi.heaterStarts).toBeGreaterThan(5); // the farm needs less than minimum fire: the heater cycles
    expect(r.kpi.fuelCorrected_GJ).toBeGreaterThan(r.kpi.fuel_GJ); // product shipped: stored heat falls
  });
});
