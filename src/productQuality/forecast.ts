import type { PlantData, ProductData } from '../sim/plant/schema';
import { Simulation } from '../sim/simulation';
import type { Snapshot } from '../sim/snapshot';
import type { TankState } from '../sim/state';
import { density, temperatureFromEnthalpy } from '../sim/props/bitumen';
import { exchangeAtBottom, heelMass_kg, level_m, meanTemp_C, refreshTemperatures } from '../sim/components/tank';
import { plannedLoadings, type PlannedLoading, type Schedule } from './schedule';
import { checkSpec, type SpecCheck } from './spec';

// The quality forecast: the plant model run forward from the state now (a snapshot: the simulated plant's,
// or the shadow/estimated state of the live one) with the schedule's trucks drawn from their tanks' outlets
// as metered draws (as the shadow model forces a measured outlet flow, src/live/shadow/drive.ts), everything
// else (controllers, hot oil, weather) left to the model. Each truck gets what left the tank's bottom while
// it loaded: its mass-mean temperature and the viscosity there, checked against the product's spec.

/** The forecast's step: the longest the model is stable for (src/sim/simulation.ts MAX_STABLE_DT_S). */
export const FORECAST_DT_S = 10;
/** Trucks starting later than this after the start are not forecast (the weather and plan are guesses by then), s. */
export const MAX_HORIZON_S = 7 * 24 * 3600;
/** How often each tank's outlet temperature and level are kept for the trend, s. */
export const TRACE_EVERY_S = 600;

export interface ForecastRequest {
  plant: PlantData;
  schedule: Schedule;
  /** The state to start from (taken on this plant), or null: the plant file's initial state. */
  snapshot?: Snapshot | null;
  /** Source time of the starting state, ms since epoch; NaN or absent: the schedule's start is now. */
  now_ms?: number;
  dt_s?: number;
  /** Changes made at the start, as commands (the advice's what-if). */
  actions?: readonly ForecastAction[];
}

/** A control change made at the forecast's start: heating back on at a new set point. */
export interface ForecastAction {
  tank: string;
  setpoint_C: number;
  /** When, s after the forecast's start (default 0). */
  at_s?: number;
}

export type LoadingStatus = SpecCheck['status'] | 'past' | 'beyond' | 'short' | 'noTank';

export interface LoadingForecast extends PlannedLoading {
  /** Seconds after the forecast's start (the state's time). */
  start_s: number;
  duration_s: number;
  /** What the truck got, m³ at its temperature (less than planned when the tank reached its heel). */
  delivered_m3: number;
  delivered_kg: number;
  /** Mass-mean temperature of what the truck got, °C; the outlet (bottom layer) at its start, lowest, highest. */
  outlet_C: number;
  startOutlet_C: number;
  outletMin_C: number;
  outletMax_C: number;
  /** Viscosity at outlet_C and at the coldest moment, Pa·s. */
  viscosity_Pa_s: number;
  viscosityMax_Pa_s: number;
  /** Tank level at the start, m. */
  level_m: number;
  /** The spec check of the worst moment (the coldest when low, the hottest when high). */
  check: SpecCheck;
  status: LoadingStatus;
  /** What is wrong, in words ('' when in spec). */
  warning: string;
}

export interface TankTrace {
  tank: string;
  product: string;
  t_s: number[];
  outlet_C: number[];
  /** Mass-mean product temperature, °C: what the coil moves first. */
  mean_C: number[];
  level_m: number[];
  /** The tank's controller and set point at the start, and whether its heating was on. */
  controller: string;
  setpoint_C: number;
  heatingOn: boolean;
  /** Mass at the end of the run, kg. */
  finalMass_kg: number;
}

export interface QualityForecast {
  /** The state's time in the model at the start, s (a snapshot's t_s), and the source time, ms (NaN: unknown). */
  t0_s: number;
  now_ms: number;
  horizon_s: number;
  steps: number;
  loadings: LoadingForecast[];
  tanks: TankTrace[];
}

export interface Active {
  f: LoadingForecast;
  tank: number;
  q_m3_s: number;
  end_s: number;
  J: number;
}

/** The product record a tank holds in this plant. */
function productOf(plant: PlantData, tankIdx: number): ProductData {
  const id = plant.tanks[tankIdx].product;
  return plant.products.find((p) => p.id === id)!;
}

/** Heating is on when the coil can get oil: block valve open and the controller not parked shut in manual. */
export function heatingOn(t: TankState): boolean {
  return t.blockPos_frac > 0.05 && !(t.pid.mode === 'manual' && t.pid.output_frac < 0.01);
}

/** Run the forecast. Deterministic: the same request gives the same numbers. */
export function forecastQuality(req: ForecastRequest): QualityForecast {
  const { plant, schedule } = req;
  const dt = req.dt_s ?? FORECAST_DT_S;
  const sim = new Simulation(plant, { dt_s: dt });
  if (req.snapshot) sim.restore(req.snapshot);
  const s = sim.state;
  const tankIdx = new Map(plant.tanks.map((t, i) => [t.tag, i]));
  // the plant's product data (LIMS-corrected, say) stands for what each tank holds
  s.tanks.forEach((t, i) => {
    const v = productOf(plant, i).viscosity;
    t.props.viscA = v.A;
    t.props.viscB = v.B;
  });
  const traces: TankTrace[] = plant.tanks.map((t, i) => ({
    tank: t.tag,
    product: t.product,
    t_s: [],
    outlet_C: [],
    mean_C: [],
    level_m: [],
    controller: t.control.tag,
    setpoint_C: s.tanks[i].pid.setpoint_C,
    heatingOn: heatingOn(s.tanks[i]),
    finalMass_kg: 0,
  }));
  // the schedule is the plan of every truck: a truck loading in the snapshot stops there, or it would count twice
  for (const p of plant.loading.pumps) sim.command({ type: 'setPump', tag: p.tag, run: false }, 'automation');
  const actions = [...(req.actions ?? [])].sort((a, b) => (a.at_s ?? 0) - (b.at_s ?? 0));
  let nextAction = 0;
  const now_ms = req.now_ms ?? Number.NaN;
  const offset_s = schedule.start && Number.isFinite(now_ms) ? (Date.parse(schedule.start) - now_ms) / 1000 : 0;
  const t0 = s.t_s;
  const pending: Active[] = [];
  const loadings: LoadingForecast[] = [];
  for (const p of plannedLoadings(schedule, plant)) {
    const f = newForecast(p, p.at_s + offset_s);
    loadings.push(f);
    if (f.start_s < 0) {
      f.status = 'past';
      f.warning = 'planned before the forecast starts';
      continue;
    }
    if (f.start_s > MAX_HORIZON_S) {
      f.status = 'beyond';
      f.warning = `beyond the ${MAX_HORIZON_S / 86400}-day forecast horizon`;
      continue;
    }
    let i = p.tank ? tankIdx.get(p.tank) : undefined;
    if (i === undefined) i = fullestTank(plant, s, p.product);
    if (i === undefined) {
      f.status = 'noTank';
      f.warning = `no tank holds ${p.product}`;
      continue;
    }
    f.tank = plant.tanks[i].tag;
    f.product = plant.tanks[i].product;
    pending.push({ f, tank: i, q_m3_s: p.rate_m3_h / 3600, end_s: f.start_s + f.duration_s, J: 0 });
  }
  const horizon_s = pending.reduce((m, a) => Math.max(m, a.end_s), 0);
  let steps = 0;
  let next = 0; // pending is in start order
  const active: Active[] = [];
  for (let t = 0; ; t += dt) {
    while (nextAction < actions.length && (actions[nextAction].at_s ?? 0) < t + dt)
      applyAction(sim, actions[nextAction++]);
    if (t % TRACE_EVERY_S < dt) trace(sim, traces, t);
    while (next < pending.length && pending[next].f.start_s < t + dt) active.push(pending[next++]);
    for (const a of active) draw(sim, a, t, dt);
    for (let k = active.length - 1; k >= 0; k--)
      if (active[k].end_s <= t + dt) finish(plant, s, active.splice(k, 1)[0]);
    if (t >= horizon_s) break;
    sim.step(1);
    steps++;
  }
  traces.forEach((tr, i) => (tr.finalMass_kg = s.tanks[i].mass_kg));
  return { t0_s: t0, now_ms, horizon_s, steps, loadings, tanks: traces };
}

export function newForecast(p: PlannedLoading, start_s: number): LoadingForecast {
  return {
    ...p,
    start_s,
    duration_s: (p.quantity_m3 / p.rate_m3_h) * 3600,
    delivered_m3: 0,
    delivered_kg: 0,
    outlet_C: Number.NaN,
    startOutlet_C: Number.NaN,
    outletMin_C: Number.POSITIVE_INFINITY,
    outletMax_C: Number.NEGATIVE_INFINITY,
    viscosity_Pa_s: Number.NaN,
    viscosityMax_Pa_s: Number.NaN,
    level_m: Number.NaN,
    check: { status: 'unknown', margin_K: Number.NaN, viscosity_Pa_s: Number.NaN, reason: '' },
    status: 'unknown',
    warning: '',
  };
}

/** The tank of the product with the most product in it now (the one an operator lines up). */
function fullestTank(plant: PlantData, s: Simulation['state'], product: string): number | undefined {
  let best: number | undefined;
  plant.tanks.forEach((t, i) => {
    if (t.product === product && (best === undefined || s.tanks[i].mass_kg > s.tanks[best].mass_kg)) best = i;
  });
  return best;
}

/** The truck's share of this step, [t, t + dt) ∩ [start, end), drawn from the bottom down to the heel. */
export function draw(sim: Simulation, a: Active, t: number, dt: number): void {
  const tank = sim.state.tanks[a.tank];
  const tm = sim.model.tanks[a.tank];
  const f = a.f;
  const overlap = Math.min(t + dt, a.end_s) - Math.max(t, f.start_s);
  if (!(overlap > 0)) return;
  const out_C = tank.T_C[0];
  if (Number.isNaN(f.startOutlet_C)) {
    f.startOutlet_C = out_C;
    f.level_m = level_m(tm, tank);
  }
  f.outletMin_C = Math.min(f.outletMin_C, out_C);
  f.outletMax_C = Math.max(f.outletMax_C, out_C);
  const want = a.q_m3_s * density(tank.props, out_C) * overlap;
  const kg = Math.min(want, Math.max(0, tank.mass_kg - heelMass_kg(tm, tank)));
  if (!(kg > 0)) return;
  const e = exchangeAtBottom(tank, kg, 0, 0);
  refreshTemperatures(tank);
  sim.state.acc.loadedOut_kg += kg;
  sim.state.acc.loadedOut_J += e;
  f.delivered_kg += kg;
  f.delivered_m3 += kg / density(tank.props, out_C);
  a.J += e;
}

/** The truck is full (or the tank at its heel): its temperature, viscosity and spec check. */
export function finish(plant: PlantData, s: Simulation['state'], a: Active): void {
  const f = a.f;
  const tank = s.tanks[a.tank];
  const product = productOf(plant, a.tank);
  if (f.delivered_kg > 0) f.outlet_C = temperatureFromEnthalpy(tank.props, a.J / f.delivered_kg);
  const cold = checkSpec(product, f.outletMin_C);
  const hot = checkSpec(product, f.outletMax_C);
  f.viscosity_Pa_s = checkSpec(product, f.outlet_C).viscosity_Pa_s;
  f.viscosityMax_Pa_s = cold.viscosity_Pa_s;
  f.check = cold.status === 'low' ? cold : hot.status === 'high' ? hot : cold.margin_K <= hot.margin_K ? cold : hot;
  f.status = f.check.status;
  if (f.status === 'low' || f.status === 'high')
    f.warning = `${f.tank} outlet ${(f.status === 'low' ? f.outletMin_C : f.outletMax_C).toFixed(1)} °C: ${f.check.reason} (by ${Math.abs(f.check.margin_K).toFixed(1)} K)`;
  if (f.delivered_m3 < f.quantity_m3 * 0.99) {
    f.status = 'short';
    f.warning = `${f.tank} reaches its heel: ${f.delivered_m3.toFixed(1)} of ${f.quantity_m3} m³ delivered${f.warning ? `; ${f.warning}` : ''}`;
  }
}

function trace(sim: Simulation, traces: TankTrace[], t: number): void {
  sim.state.tanks.forEach((tank, i) => {
    const tr = traces[i];
    tr.t_s.push(t);
    tr.outlet_C.push(tank.T_C[0]);
    tr.mean_C.push(meanTemp_C(tank));
    tr.level_m.push(level_m(sim.model.tanks[i], tank));
  });
}

/** Heating on at a new set point: block valve open, controller in auto, the set point. */
function applyAction(sim: Simulation, a: ForecastAction): void {
  const i = sim.model.tanks.findIndex((t) => t.tag === a.tank);
  if (i < 0) return;
  const d = sim.model.tanks[i].data;
  sim.command({ type: 'setValve', tag: d.coil.blockValveTag, opening: 1 }, 'automation');
  sim.command({ type: 'setMode', tag: d.control.tag, mode: 'auto' }, 'automation');
  sim.command({ type: 'setSetpoint', tag: d.control.tag, value_C: a.setpoint_C }, 'automation');
}
