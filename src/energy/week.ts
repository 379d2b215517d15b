import type { PlantData } from '../sim/plant/schema';
import type { SimState } from '../sim/state';
import type { HeatingPlan, WeatherForecast } from '../sim/control/mpc/schema';
import { Simulation } from '../sim/simulation';
import { plannedLoadings, type Schedule } from '../productQuality/schedule';
import { draw, finish, newForecast, type Active, type LoadingForecast } from '../productQuality/forecast';
import { KpiAccumulator, type KpiReport } from './kpi';
import { planSetpoints } from './planFollow';
import { weekDuration_s, type WeekFile } from './weekFile';

// One week of the terminal on the real plant model under a heating strategy. Both strategies start from the
// same settled state, see the same weather (imposed hour by hour on the model, so the day/night formula is
// out of it) and load the same trucks, drawn from their tanks' bottoms as metered draws as the quality
// forecast draws them (productQuality/forecast.ts `draw`); the KPIs (kpi.ts) are gathered every step.
//   pi:  the plant file's PI loops and set points, as the terminal is run today;
//   mpc: the farm on model-predictive control following the heating plan, made from the trucks still ahead,
//        the weather ahead and the fuel price at the week's start and again every REPLAN_S (when the farm is
//        put back on MPC, as an operator would after a fallback; the KPIs tell the time each tank spent on it);
//   plan: the same daily plan followed without the MPC: each TIC's set point stepped to the plan's target (the
//        highest of the next two hours, planFollow.ts) and the heater's to the plan's supply temperature.

export const STRATEGIES = ['pi', 'mpc', 'plan'] as const;
export type Strategy = (typeof STRATEGIES)[number];

/** The model step of the week: the longest it is stable for (as the quality forecast). */
export const WEEK_DT_S = 10;
/** The heating plan is made again this often with the state reached (a day: the schedule's natural unit), s. */
export const REPLAN_S = 24 * 3600;

/** What the heating planner is given: the plant now and what lies ahead of it. */
export interface PlanRequest {
  plant: PlantData;
  state: SimState;
  /** The trucks still ahead, one row each, hours from now. */
  schedule: Schedule;
  /** The weather from now (t0_s = state.t_s). */
  weather: WeatherForecast;
  fuelPrice_per_GJ: number;
}
export type Planner = (req: PlanRequest) => HeatingPlan;

export interface WeekOptions {
  plant: PlantData;
  week: WeekFile;
  strategy: Strategy;
  /** Needed by 'mpc': makes the heating plan. */
  planner?: Planner;
  dt_s?: number;
  /** Called after every step with the plant and the time from the week's start, s (tests, traces). */
  onStep?: (sim: Simulation, t_s: number) => void;
}

export interface WeekResult {
  strategy: Strategy;
  kpi: KpiReport;
  /** Fuel cost of the corrected fuel at the week's price. */
  fuelCost: number;
  currency: string;
  loadings: LoadingForecast[];
  /** Heating plans made (mpc), and their expected fuel, GJ (NaN where the planner gave none). */
  plans: number;
  plannedFuel_GJ: number;
  /** The plant's events of the week that tell of trouble (trips, interlocks, controller changes). */
  events: string[];
}

/** The week's weather at time t after its start, linear between samples (the last held beyond the end). */
function weatherAt(w: WeekFile['weather'], series: readonly number[], t_s: number): number {
  const x = Math.max(0, t_s / w.step_s);
  const k = Math.min(Math.floor(x), series.length - 1);
  if (k >= series.length - 1) return series[series.length - 1];
  return series[k] + (series[k + 1] - series[k]) * (x - k);
}

/** The weather from `t_s` after the week's start on, re-based on plant time now. */
export function weatherAhead(w: WeekFile['weather'], t_s: number, now_s: number): WeatherForecast {
  const n = Math.max(2, w.ambient_C.length - Math.floor(t_s / w.step_s));
  const at = (series: readonly number[]) =>
    Array.from({ length: n }, (_, j) => weatherAt(w, series, t_s + j * w.step_s));
  return {
    t0_s: now_s,
    step_s: w.step_s,
    ambient_C: at(w.ambient_C),
    ...(w.solar_W_m2 ? { solar_W_m2: at(w.solar_W_m2) } : {}),
    ...(w.wind_m_s ? { wind_m_s: at(w.wind_m_s) } : {}),
  };
}

/** The trucks starting at or after `t_s` from the week's start, one row each, hours from then. */
export function scheduleAhead(plant: PlantData, s: Schedule, t_s: number): Schedule {
  const rows = plannedLoadings(s, plant)
    .filter((p) => p.at_s >= t_s)
    .map((p) => ({
      bay: p.bay,
      arm: p.arm,
      product: p.product,
      ...(p.tank ? { tank: p.tank } : {}),
      at: (p.at_s - t_s) / 3600,
      quantity_m3: p.quantity_m3,
      rate_m3_h: p.rate_m3_h,
    }));
  return { schemaVersion: 1, name: `${s.name} (from ${t_s / 3600} h)`, loadings: rows };
}

/** The trucks of the week resolved to their tanks at the start (the fullest of the product when unnamed). */
function trucksOf(sim: Simulation, plant: PlantData, week: WeekFile, end_s: number): Active[] {
  const out: Active[] = [];
  for (const p of plannedLoadings(week.schedule, plant)) {
    if (p.at_s >= end_s) continue;
    const f = newForecast(p, p.at_s);
    let i = plant.tanks.findIndex((t) => t.tag === p.tank);
    if (i < 0)
      plant.tanks.forEach((t, k) => {
        if (t.product === p.product && (i < 0 || sim.state.tanks[k].mass_kg > sim.state.tanks[i].mass_kg)) i = k;
      });
    f.tank = plant.tanks[i].tag;
    f.product = plant.tanks[i].product;
    out.push({ f, tank: i, q_m3_s: p.rate_m3_h / 3600, end_s: f.start_s + f.duration_s, J: 0 });
  }
  return out;
}

interface SetpointChange {
  /** s from the week's start */
  at_s: number;
  tag: string;
  value_C: number;
}

/** The plan as set point changes from `t_s` on: each tank's TIC (planFollow.ts) and the heater's supply. */
function followPlan(plant: PlantData, plan: HeatingPlan, t_s: number): SetpointChange[] {
  const tic = new Map(plant.tanks.map((t) => [t.tag, t.control.tag]));
  const out: SetpointChange[] = planSetpoints(plan).map((a) => ({
    at_s: t_s + (a.at_s ?? 0),
    tag: tic.get(a.tank) ?? a.tank,
    value_C: a.setpoint_C,
  }));
  let last = Number.NaN;
  plan.supply_C.forEach((x, k) => {
    const v = Math.round(x);
    if (v !== last) out.push({ at_s: t_s + k * plan.step_s, tag: plant.hotOil.heater.tag, value_C: v });
    last = v;
  });
  return out.sort((a, b) => a.at_s - b.at_s);
}

function must(sim: Simulation, c: Parameters<Simulation['command']>[0]): void {
  const r = sim.command(c, 'automation');
  if (!r.ok) throw new Error(`${c.type} refused: ${r.reason}`);
}

/** The start of every week: the initial conditions, settled on the plant's own loops, loading pumps stopped. */
export function settledStart(plant: PlantData, week: WeekFile, dt_s = WEEK_DT_S): Simulation {
  const sim = new Simulation(plant, { initial: week.initial, dt_s });
  // trucks are metered draws: the arms' pumps stay stopped so nothing is loaded twice
  for (const p of plant.loading.pumps) sim.command({ type: 'setPump', tag: p.tag, run: false }, 'automation');
  sim.runUntil((week.settle_h ?? 0) * 3600);
  return sim;
}

/** Run the week under one strategy. Deterministic: the same week and strategy give the same figures. */
export function runWeek(o: WeekOptions): WeekResult {
  const { plant, week, strategy } = o;
  if (strategy !== 'pi' && !o.planner) throw new Error(`the ${strategy} strategy needs the heating planner`);
  const dt = o.dt_s ?? WEEK_DT_S;
  const sim = settledStart(plant, week, dt);
  const t0 = sim.state.t_s;
  const end_s = weekDuration_s(week);
  const trucks = trucksOf(sim, plant, week, end_s);
  const kpi = new KpiAccumulator(sim.model);
  const w = week.weather;
  const forced = { ambient_C: 0 as number | null, solar_W_m2: null as number | null };
  sim.state.weather.forced = forced;
  const active: Active[] = [];
  const events0 = sim.state.events.length;
  let next = 0;
  let plans = 0;
  let plannedFuel_J = 0;
  let follow: SetpointChange[] = [];
  let nextSp = 0;
  kpi.start(sim.state);
  for (let t = 0; t < end_s - 1e-9; t += dt) {
    if (strategy !== 'pi' && t % REPLAN_S < dt) {
      const plan = o.planner!({
        plant,
        state: sim.state,
        schedule: scheduleAhead(plant, week.schedule, t),
        weather: weatherAhead(w, t, sim.state.t_s),
        fuelPrice_per_GJ: week.fuel.price_per_GJ,
      });
      if (strategy === 'mpc') {
        must(sim, { type: 'setHeatingPlan', plan });
        must(sim, { type: 'setWeatherForecast', forecast: weatherAhead(w, t, sim.state.t_s) });
        // the farm (back) on MPC: a controller that fell back to PI since is put back with the new plan
        must(sim, { type: 'setFarmMode', mode: 'mpc' });
      } else {
        follow = followPlan(plant, plan, t);
        nextSp = 0;
      }
      plans++;
      plannedFuel_J += plan.expectedFuel_J ?? Number.NaN;
    }
    while (nextSp < follow.length && follow[nextSp].at_s < t + dt / 2) {
      const c = follow[nextSp++];
      must(sim, { type: 'setSetpoint', tag: c.tag, value_C: c.value_C });
    }
    // the weather of the step's middle, as measured weather drives the live twin
    const tm = t + dt / 2;
    forced.ambient_C = weatherAt(w, w.ambient_C, tm);
    forced.solar_W_m2 = w.solar_W_m2 ? weatherAt(w, w.solar_W_m2, tm) : null;
    if (w.wind_m_s) sim.state.weather.wind_m_s = weatherAt(w, w.wind_m_s, tm);
    while (next < trucks.length && trucks[next].f.start_s < t + dt) active.push(trucks[next++]);
    for (const a of active) draw(sim, a, t, dt);
    for (let k = active.length - 1; k >= 0; k--)
      if (active[k].end_s <= t + dt) {
        const a = active.splice(k, 1)[0];
        finish(plant, sim.state, a);
        kpi.truck(a.tank, a.f.outletMin_C, a.f.outletMax_C);
      }
    sim.step(1);
    kpi.observe(sim.state, dt);
    o.onStep?.(sim, t + dt);
  }
  for (const a of active) {
    finish(plant, sim.state, a); // a truck still loading at the week's end is judged on what it got
    kpi.truck(a.tank, a.f.outletMin_C, a.f.outletMax_C);
  }
  const report = kpi.report(sim.state);
  return {
    strategy,
    kpi: report,
    fuelCost: report.fuelCorrected_GJ * week.fuel.price_per_GJ,
    currency: week.fuel.currency,
    loadings: trucks.map((a) => a.f),
    plans,
    plannedFuel_GJ: plans ? plannedFuel_J / 1e9 : Number.NaN,
    events: sim.state.events.slice(events0).flatMap((e) => eventLine(e, t0)),
  };
}

/** Trips, interlocks and alarms raised, in words, at hours from the week's start; info and commands left out. */
function eventLine(e: SimState['events'][number], t0_s: number): string[] {
  const at = `${((e.t_s - t0_s) / 3600).toFixed(2)} h`;
  if (e.type === 'trip') return [`${at} ${e.tag} trip: ${e.cause}`];
  if (e.type === 'interlock') return [`${at} ${e.tag}: ${e.action}`];
  if (e.type === 'alarm' && e.state === 'unack') return [`${at} ${e.tag} alarm: ${e.message}`];
  return [];
}
