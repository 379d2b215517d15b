import type { PlantData } from '../sim/plant/schema';
import type { SimState } from '../sim/state';
import { Simulation } from '../sim/simulation';
import { heatingPlanSchema, MAX_SAMPLES, type HeatingPlan, type WeatherForecast } from '../sim/control/mpc/schema';
import { plannedLoadings, type Schedule } from '../productQuality/schedule';
import { specWindow } from '../productQuality/spec';
import { identifyFarm, type FarmEnergyModel } from './planModel';
import { holdAtSetpoints, solveFarm, type FarmProblem } from './planSolve';
import { meanAmbient, meanSeries, simWeatherAhead } from './weatherForecast';

// The heating plan: from the state now, the loading schedule, the weather ahead and the fuel price, each
// tank's temperature over the horizon (held low, heated just in time for its loadings), the heater's supply
// temperature, and the fuel it takes. Least fuel under the tanks' energy model (planModel.ts), solved as a QP
// per tank coordinated on the heater (planSolve.ts). Deterministic: the same inputs give the same plan.

export type FuelPrice = { per_GJ: number; currency?: string } | { per_kg: number; lhv_J_kg: number; currency?: string };

export interface PlanInput {
  plant: PlantData;
  /** The state now (plan time 0 is its t_s); null or absent: the plant file's initial state. */
  state?: SimState | null;
  schedule: Schedule;
  /** Source time now, ms since epoch, to place a schedule with an ISO start (NaN/absent: hours from now). */
  now_ms?: number;
  /** The weather ahead on plant time; absent: the sim's own weather ahead from the state. */
  weather?: WeatherForecast | null;
  fuelPrice?: FuelPrice;
  horizon_days?: number;
  step_s?: number;
  /** Kept above each loading's spec minimum, K. */
  margin_K?: number;
  /** Storage minimum above the tank's low-temperature alarm, K. */
  storageMargin_K?: number;
  /** The energy model to plan on; absent: identified from the plant model at the state. */
  model?: FarmEnergyModel;
}

export interface ChartLoading {
  at_s: number;
  bay: string;
  product: string;
  quantity_m3: number;
  min_C: number;
}

export interface PlanChart {
  t0_s: number;
  step_s: number;
  times_s: number[];
  supply_C: number[];
  heaterDuty_W: number[];
  heaterMax_W: number;
  tanks: {
    tag: string;
    product: string;
    target_C: number[];
    min_C: number[];
    max_C: number[];
    duty_W: number[];
    loadings: ChartLoading[];
  }[];
}

export interface FuelFigures {
  fuel_J: number;
  cost: number;
  /** Stored product energy at the end less at the start, J (the plan's model). */
  storedChange_J: number;
  /** fuel − storedChange/η: the fuel with the stored heat drawn down (or added) valued at the heater. */
  fuelCorrected_J: number;
}

export interface PlanFuel extends FuelFigures {
  currency: string;
  heat_J: number;
  /** Every tank held at its controller's set point over the same horizon, same model and loadings. */
  baseline: FuelFigures;
  /** Saving against the baseline on the corrected fuel, %. */
  saved_pct: number;
}

export interface PlanResult {
  heatingPlan: HeatingPlan;
  chart: PlanChart;
  fuel: PlanFuel;
  warnings: string[];
}

export const DEFAULT_HORIZON_DAYS = 2;
export const DEFAULT_STEP_S = 3600;
export const DEFAULT_MARGIN_K = 3;
export const DEFAULT_STORAGE_MARGIN_K = 5;
/** Kept below the tank's high-temperature alarm, K. */
const HIGH_ALARM_MARGIN_K = 5;
/** Less product than this is an empty tank, kg (a tonne: less than the bottom of a heel). */
const EMPTY_KG = 1000;
/** The outlet's lag behind the mean is extrapolated at most this far, K (it cannot cool to the ground for ever). */
export const OUTLET_GAP_MAX_K = 10;

interface TankLoading extends ChartLoading {
  tank: number;
  start_s: number;
  end_s: number;
  kg: number;
}

/** Fuel energy's cost: per GJ, or per kg of fuel of the given lower heating value. */
export function fuelCost(fuel_J: number, price?: FuelPrice): number {
  if (!price) return 0;
  return 'per_GJ' in price ? (fuel_J / 1e9) * price.per_GJ : (fuel_J / price.lhv_J_kg) * price.per_kg;
}

/** The loadings of the horizon against tanks, with their spec windows; warnings for those it cannot place. */
function placeLoadings(
  input: PlanInput,
  model: FarmEnergyModel,
  horizon_s: number,
  margin_K: number,
  warnings: string[],
): TankLoading[] {
  const { plant, schedule } = input;
  const now_ms = input.now_ms ?? Number.NaN;
  const offset_s = schedule.start && Number.isFinite(now_ms) ? (Date.parse(schedule.start) - now_ms) / 1000 : 0;
  const out: TankLoading[] = [];
  for (const l of plannedLoadings(schedule, plant)) {
    const start_s = l.at_s + offset_s;
    const end_s = start_s + (l.quantity_m3 / l.rate_m3_h) * 3600;
    if (end_s <= 0) continue; // already loaded
    if (start_s > horizon_s) continue; // the next plan's
    let i = l.tank ? plant.tanks.findIndex((t) => t.tag === l.tank) : -1;
    if (i < 0)
      model.tanks.forEach((t, j) => {
        if (t.product === l.product && (i < 0 || t.mass_kg > model.tanks[i].mass_kg)) i = j;
      });
    if (i < 0) {
      warnings.push(`loading at BAY ${l.bay} +${(start_s / 3600).toFixed(1)} h: no tank holds ${l.product}`);
      continue;
    }
    const product = plant.products.find((p) => p.id === plant.tanks[i].product)!;
    const w = product.spec ? specWindow(product.spec, product.viscosity) : null;
    const rho = product.rho25_kg_m3 * (1 - product.expansion_1_K * (model.tanks[i].T0_C - 25));
    out.push({
      tank: i,
      at_s: start_s,
      start_s,
      end_s,
      bay: l.bay,
      product: product.id,
      quantity_m3: l.quantity_m3,
      kg: l.quantity_m3 * rho,
      min_C: w ? w.min_C + margin_K : Number.NaN,
    });
  }
  return out;
}

/** Make the plan. Deterministic. */
export function planHeating(input: PlanInput): PlanResult {
  const { plant } = input;
  const state = input.state ?? new Simulation(plant).state;
  const step_s = input.step_s ?? DEFAULT_STEP_S;
  const N = Math.max(
    1,
    Math.min(MAX_SAMPLES - 1, Math.round(((input.horizon_days ?? DEFAULT_HORIZON_DAYS) * 86400) / step_s)),
  );
  const horizon_s = N * step_s;
  const margin_K = input.margin_K ?? DEFAULT_MARGIN_K;
  const storageMargin_K = input.storageMargin_K ?? DEFAULT_STORAGE_MARGIN_K;
  const warnings: string[] = [];
  const model = input.model ?? identifyFarm(plant, state);
  const t0_s = state.t_s;
  const weather = input.weather ?? simWeatherAhead(state, step_s, N + 1);
  const wEnd = weather.t0_s + (weather.ambient_C.length - 1) * weather.step_s;
  if (weather.t0_s > t0_s + 1 || wEnd < t0_s + horizon_s - 1)
    warnings.push('the weather forecast does not cover the whole horizon: its ends are held');
  const amb_C = Array.from({ length: N }, (_, k) => meanAmbient(weather, t0_s + k * step_s, step_s));
  const solar = weather.solar_W_m2;
  const wind = weather.wind_m_s;
  const wind_m_s = wind
    ? Array.from({ length: N }, (_, k) => meanSeries(weather, wind, t0_s + k * step_s, step_s))
    : null;
  const solar_W_m2 = solar
    ? Array.from({ length: N }, (_, k) => meanSeries(weather, solar, t0_s + k * step_s, step_s))
    : null;
  const loadings = placeLoadings(input, model, horizon_s, margin_K, warnings);

  const coldOutlet = new Set<number>();
  const tanks = model.tanks.map((tm, i) => {
    const td = plant.tanks[i];
    if (tm.mass_kg < EMPTY_KG) {
      // nothing to heat: the tank held where it is, no bounds, no coil (a loading from it is warned of)
      if (loadings.some((l) => l.tank === i)) warnings.push(`${tm.tag} is empty: its loadings cannot be met`);
      return {
        tag: tm.tag,
        T0_C: tm.T0_C,
        C_J_K: new Array<number>(N).fill(1e9),
        u_W: new Array<number>(N).fill(0),
        lossUA_W_K: 0,
        coilA_W: 0,
        coilPerSupply_W_K: 0,
        coilPerProduct_W_K: 0,
        min_C: new Array<number>(N + 1).fill(-50),
        max_C: new Array<number>(N + 1).fill(400),
      };
    }
    const product = plant.products.find((p) => p.id === td.product);
    const w = product?.spec ? specWindow(product.spec, product.viscosity) : null;
    const storeMin = td.alarms.tempLow_C + storageMargin_K;
    const maxAll = Math.min(td.alarms.tempHigh_C - HIGH_ALARM_MARGIN_K, w ? w.max_C : Infinity);
    const min_C = new Array<number>(N + 1).fill(storeMin);
    const max_C = new Array<number>(N + 1).fill(maxAll);
    const mass = new Array<number>(N).fill(tm.mass_kg);
    for (const l of loadings.filter((x) => x.tank === i)) {
      // the first truck gets the product below the coil: the mean must stand the outlet's lag above the minimum
      const t = Math.max(0, l.start_s);
      const gap = Math.min(OUTLET_GAP_MAX_K, Math.max(0, tm.outletGap0_K + tm.outletGapRate_K_s * t));
      const outlet = tm.T0_C - tm.outletGap0_K + tm.outletRate_K_s * t;
      if (tm.outletGapRate_K_s > 0 && Number.isFinite(l.min_C) && outlet < l.min_C - margin_K && !coldOutlet.has(i)) {
        coldOutlet.add(i);
        warnings.push(
          `${tm.tag}: the product below the coil (the first truck's) cools to ${outlet.toFixed(1)} °C by +${(t / 3600).toFixed(1)} h, under the ${(l.min_C - margin_K).toFixed(1)} °C minimum: heating barely reaches it; mix or circulate the tank`,
        );
      }
      const k0 = Math.max(0, Math.floor(l.start_s / step_s));
      const k1 = Math.min(N, Math.ceil(l.end_s / step_s));
      for (let k = k0; k <= k1; k++) {
        if (Number.isFinite(l.min_C)) min_C[k] = Math.max(min_C[k], l.min_C + gap);
        if (w) max_C[k] = Math.min(max_C[k], w.max_C - margin_K);
      }
      for (let k = Math.min(N, Math.ceil(l.end_s / step_s)); k < N; k++) mass[k] -= l.kg;
    }
    // the plan's model keeps at least a twentieth of the product: a heel, and no division by nothing
    const C_J_K = mass.map((m) => Math.max(m, 0.05 * tm.mass_kg) * tm.cp_J_kgK);
    // the loss, linear in T: L = L0 + UA·(T − T_L) − UA_a·(T_amb − T_amb0) − b_G·(G − G0) + b_w·(w − w0);
    // all but UA·T goes in u
    const e = tm.energy;
    const u_W = amb_C.map(
      (a, k) =>
        -e.loss0_W +
        e.lossUA_W_K * e.lossAt_C +
        e.lossPerAmbient_W_K * (a - e.ambient0_C) +
        e.lossPerSolar_m2 * ((solar_W_m2 ? solar_W_m2[k] : e.solar0_W_m2) - e.solar0_W_m2) -
        tm.lossPerWind_W_s_m * ((wind_m_s ? wind_m_s[k] : tm.wind0_m_s) - tm.wind0_m_s) +
        tm.gain_W,
    );
    // the coil wide open, linear about the identification: Q = Q1 + a_S·(S − S0) − a_T·(T − T0)
    const aT = Math.max(0, -e.dutyPerProduct_W_K);
    const aS = Math.max(0, e.dutyPerSupply_W_K);
    return {
      tag: tm.tag,
      T0_C: tm.T0_C,
      C_J_K,
      u_W,
      lossUA_W_K: Math.max(0, e.lossUA_W_K),
      coilA_W: e.dutyFullOpen_W - aS * e.supply0_C + aT * e.product0_C,
      coilPerSupply_W_K: aS,
      coilPerProduct_W_K: aT,
      min_C,
      max_C,
    };
  });
  const problem: FarmProblem = {
    dt_s: step_s,
    amb_C,
    tanks,
    heaterMax_W: model.heaterMax_W,
    efficiency: model.efficiency,
    supplyMax_C: model.supplyMax_C,
    loopUA_W_K: model.loopUA_W_K,
  };
  const sol = solveFarm(problem);
  warnings.push(...sol.warnings);
  sol.tanks.forEach((s, i) => {
    // one warning per run of consecutive samples the tank cannot be brought up to
    for (let a = 0; a < s.short.length;) {
      let b = a;
      while (b + 1 < s.short.length && s.short[b + 1].k === s.short[b].k + 1) b++;
      const h = (k: number) => ((k * step_s) / 3600).toFixed(1);
      const want = Math.max(...s.short.slice(a, b + 1).map((x) => x.want_C));
      const best = Math.min(...s.short.slice(a, b + 1).map((x) => x.best_C));
      warnings.push(
        `${tanks[i].tag}: ${want.toFixed(1)} °C wanted from +${h(s.short[a].k)} h to +${h(s.short[b].k)} h; heating flat out reaches ${best.toFixed(1)} °C at the least`,
      );
      a = b + 1;
    }
  });

  // the heat stored in what stays in each tank: its mass at the end, from the start's temperature to the end's
  // (product shipped colder is a real saving, not stored heat drawn down)
  const stored = (T: number[][]): number => tanks.reduce((e, t, i) => e + t.C_J_K[N - 1] * (T[i][N] - T[i][0]), 0);
  const figures = (fuel_J: number, dE: number): FuelFigures => ({
    fuel_J,
    cost: fuelCost(fuel_J, input.fuelPrice),
    storedChange_J: dE,
    fuelCorrected_J: fuel_J - dE / model.efficiency,
  });
  const mine = figures(sol.fuel_J, stored(sol.tanks.map((s) => s.T_C)));
  const hold = holdAtSetpoints(
    problem,
    state.tanks.map((t) => t.pid.setpoint_C),
  );
  const baseline = figures(hold.fuel_J, stored(hold.T_C));
  const fuel: PlanFuel = {
    ...mine,
    currency: input.fuelPrice?.currency ?? '',
    heat_J: sol.heat_J,
    baseline,
    saved_pct:
      baseline.fuelCorrected_J > 0
        ? (100 * (baseline.fuelCorrected_J - mine.fuelCorrected_J)) / baseline.fuelCorrected_J
        : 0,
  };

  const perSample = (a: number[]): number[] => [...a, a[a.length - 1]];
  const clampT = (x: number) => Math.min(400, Math.max(-50, x));
  const heatingPlan = heatingPlanSchema.parse({
    t0_s,
    step_s,
    tanks: tanks.map((t, i) => ({
      tag: t.tag,
      target_C: sol.tanks[i].T_C.map(clampT),
      min_C: t.min_C.map(clampT),
    })),
    supply_C: perSample(sol.supply_C).map(clampT),
    expectedFuel_J: mine.fuel_J,
  });
  const chart: PlanChart = {
    t0_s,
    step_s,
    times_s: Array.from({ length: N + 1 }, (_, k) => t0_s + k * step_s),
    supply_C: heatingPlan.supply_C,
    heaterDuty_W: perSample(sol.heaterDuty_W),
    heaterMax_W: model.heaterMax_W,
    tanks: tanks.map((t, i) => ({
      tag: t.tag,
      product: plant.tanks[i].product,
      target_C: heatingPlan.tanks[i].target_C,
      min_C: heatingPlan.tanks[i].min_C,
      max_C: t.max_C,
      duty_W: perSample(sol.tanks[i].Q_W),
      loadings: loadings
        .filter((l) => l.tank === i)
        .map((l) => ({
          at_s: t0_s + l.at_s,
          bay: l.bay,
          product: l.product,
          quantity_m3: l.quantity_m3,
          min_C: l.min_C,
        })),
    })),
  };
  return { heatingPlan, chart, fuel, warnings };
}
