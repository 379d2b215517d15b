import type { Model } from '../sim/plantIndex';
import type { ProductData } from '../sim/plant/schema';
import type { SimState } from '../sim/state';
import type { HeatingPlan } from '../sim/control/mpc/schema';
import { productEnergy_J } from '../sim/components/tank';
import { oilEnergy_J } from '../sim/components/hotOilLoop';
import { WATER_CP_J_KGK } from '../sim/components/tankThermal';
import { checkSpec, specWindow, type SpecStatus } from '../productQuality/spec';

// The energy figures of a run, gathered step by step (the week's compare, or the running plant's Energy panel):
// fuel raw and corrected by the stored heat drawn down or built up (a week is short against the tanks' time
// constants, so coasting colder "saves" fuel that is only stored heat), heater light-offs, each tank's time
// outside its band and overshoot, and the trucks that loaded outside their product's spec window.
// A single run is corrected by the sensible-heat change of what stays: each tank's end mass times the change
// of its mean enthalpy, plus the hot oil's change (a fixed inventory) — not the heat of product that left in
// trucks, which was never this run's fuel. Two runs of the same week compare on their end states (compare.ts).
//
// A tank's band: from its low-temperature alarm (the storage minimum, below which the product is let go too
// cold) to the product's loading maximum (hotter only spends fuel and ages the binder; no spec: the tank's
// high-temperature alarm), read on the controller's PV (the temperature element the operator sees).

export interface TankKpi {
  tag: string;
  product: string;
  bandMin_C: number;
  bandMax_C: number;
  /** Time with the PV outside the band, below it and above it, s. */
  outside_s: number;
  below_s: number;
  above_s: number;
  /** Most the PV went above its reference (the TIC's set point; on MPC the heating plan's target), and above
   * the band's top, K (0: never). */
  overshoot_K: number;
  bandOvershoot_K: number;
  /** Lowest and highest PV seen, °C. */
  min_C: number;
  max_C: number;
  trucks: number;
  misses: number;
  /** Time its controller was on model-predictive control, s. */
  mpc_s: number;
}

export interface KpiReport {
  duration_s: number;
  /** Fuel burned (heater duty / efficiency), GJ. */
  fuel_GJ: number;
  /** Sensible-heat change over the run: Σ tanks end mass × (mean h end − mean h start) + the hot oil's, GJ. */
  storedChange_GJ: number;
  /** fuel − ΔE_sens/η: the fuel the run would have burned had what stays ended as warm as it started, GJ. */
  fuelCorrected_GJ: number;
  /** Stored heat at the start and now (storedEnergy_J: product, roofs, free water, hot oil, from 25 °C), GJ. */
  storedStart_GJ: number;
  storedEnd_GJ: number;
  /** The heater's efficiency the fuel was valued at. */
  efficiency: number;
  heaterDuty_GJ: number;
  tankLoss_GJ: number;
  oilLoss_GJ: number;
  /** Heat that left in the product loaded, GJ. */
  loadedOut_GJ: number;
  /** Light-offs of the heater's main flame (every start, including relights from hot standby). */
  heaterStarts: number;
  trucks: number;
  /** Trucks whose outlet temperature left the product's spec window while they loaded. */
  misses: number;
  /** The worst tank's figures: most time outside its band, h; most overshoot above set point and band top, K. */
  outsideMax_h: number;
  overshootMax_K: number;
  bandOvershootMax_K: number;
  /** Share of the tanks' time on model-predictive control (0: all PI). */
  mpcShare_frac: number;
  tanks: TankKpi[];
}

function meanEnthalpy_J_kg(t: SimState['tanks'][number]): number {
  return t.mass_kg > 0 ? productEnergy_J(t) / t.mass_kg : 0;
}

/** Stored heat of the plant relative to 25 °C: product layers, roofs, free water in the tanks, the hot oil, J. */
export function storedEnergy_J(m: Model, s: SimState): number {
  let e = oilEnergy_J(m, s);
  for (let i = 0; i < s.tanks.length; i++) {
    const t = s.tanks[i];
    e += productEnergy_J(t) + m.tanks[i].roofC_J_K * t.roof_C + t.water_kg * WATER_CP_J_KGK * (t.water_C - 25);
  }
  return e;
}

/** A tank's band: [its low-temperature alarm, the product's loading maximum or else its high alarm], °C. */
export function tankBand(m: Model, i: number): { min_C: number; max_C: number } {
  const d = m.tanks[i].data;
  const p = m.plant.products.find((x) => x.id === d.product);
  const max = p?.spec ? specWindow(p.spec, p.viscosity).max_C : d.alarms.tempHigh_C;
  return { min_C: d.alarms.tempLow_C, max_C: max };
}

export class KpiAccumulator {
  private readonly m: Model;
  private readonly products: (ProductData | undefined)[];
  private readonly bandMin: Float64Array;
  private readonly bandMax: Float64Array;
  private readonly below: Float64Array;
  private readonly above: Float64Array;
  private readonly over: Float64Array;
  private readonly bandOver: Float64Array;
  private readonly lo: Float64Array;
  private readonly hi: Float64Array;
  private readonly tankTrucks: Float64Array;
  private readonly tankMisses: Float64Array;
  private readonly onMpc: Float64Array;
  /** The heating plan last seen and each tank's row in it (−1: not in it). */
  private plan: HeatingPlan | null = null;
  private readonly planRow: Int32Array;
  /** Each tank's mean enthalpy at the start, J/kg. */
  private readonly h0: Float64Array;
  // the running plant's trucks at the arms: mass last step, the tank feeding, its coldest/hottest outlet
  private readonly armMass: Float64Array;
  private readonly armTank: Int32Array;
  private readonly armMin: Float64Array;
  private readonly armMax: Float64Array;
  private t0_s = 0;
  /** The plant's accumulators at the start. */
  private acc0: SimState['acc'] | null = null;
  private e0_J = 0;
  private oil0_J = 0;
  private flame = false;
  private starts = 0;

  constructor(m: Model) {
    this.m = m;
    const n = m.tanks.length;
    this.products = m.tanks.map((t) => m.plant.products.find((p) => p.id === t.data.product));
    this.bandMin = new Float64Array(n);
    this.bandMax = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const b = tankBand(m, i);
      this.bandMin[i] = b.min_C;
      this.bandMax[i] = b.max_C;
    }
    this.below = new Float64Array(n);
    this.above = new Float64Array(n);
    this.over = new Float64Array(n);
    this.bandOver = new Float64Array(n);
    this.lo = new Float64Array(n);
    this.hi = new Float64Array(n);
    this.tankTrucks = new Float64Array(n);
    this.tankMisses = new Float64Array(n);
    this.h0 = new Float64Array(n);
    this.onMpc = new Float64Array(n);
    this.planRow = new Int32Array(n);
    const a = m.arms.length;
    this.armMass = new Float64Array(a);
    this.armTank = new Int32Array(a);
    this.armMin = new Float64Array(a);
    this.armMax = new Float64Array(a);
  }

  /** Begin (or begin again) at this state: the figures count from here. */
  start(s: SimState): void {
    this.t0_s = s.t_s;
    this.acc0 = { ...s.acc };
    this.e0_J = storedEnergy_J(this.m, s);
    this.oil0_J = oilEnergy_J(this.m, s);
    for (let i = 0; i < s.tanks.length; i++) this.h0[i] = meanEnthalpy_J_kg(s.tanks[i]);
    this.flame = s.hotOil.bms.flame;
    this.starts = 0;
    for (const a of [this.below, this.above, this.over, this.bandOver, this.tankTrucks, this.tankMisses, this.onMpc])
      a.fill(0);
    this.lo.fill(Number.POSITIVE_INFINITY);
    this.hi.fill(Number.NEGATIVE_INFINITY);
    for (let k = 0; k < s.arms.length; k++) {
      this.armMass[k] = s.arms[k].truck.present ? s.arms[k].truck.mass_kg : 0;
      this.armTank[k] = -1;
    }
  }

  /** Count the step just taken (dt_s long); call after each step. Allocates nothing. */
  observe(s: SimState, dt_s: number): void {
    const flame = s.hotOil.bms.flame;
    if (flame && !this.flame) this.starts++;
    this.flame = flame;
    for (let i = 0; i < s.tanks.length; i++) {
      const pv = s.instruments[this.m.tanks[i].insTemp].value;
      if (pv < this.bandMin[i]) this.below[i] += dt_s;
      else if (pv > this.bandMax[i]) this.above[i] += dt_s;
      if (s.tanks[i].pid.mode === 'mpc') this.onMpc[i] += dt_s;
      const sp = this.reference_C(s, i);
      if (pv - sp > this.over[i]) this.over[i] = pv - sp;
      if (pv - this.bandMax[i] > this.bandOver[i]) this.bandOver[i] = pv - this.bandMax[i];
      if (pv < this.lo[i]) this.lo[i] = pv;
      if (pv > this.hi[i]) this.hi[i] = pv;
    }
    this.watchArms(s);
  }

  /** What tank i's PV is held to: the plan's target at this time while its TIC is on MPC with a plan, else the set point. */
  private reference_C(s: SimState, i: number): number {
    const pid = s.tanks[i].pid;
    const plan = s.mpc?.plan;
    if (pid.mode !== 'mpc' || !plan) return pid.setpoint_C;
    if (plan !== this.plan) {
      // the plan's row of each tank, found once per plan (a plan arrives a few times a day)
      this.plan = plan;
      this.planRow.fill(-1);
      plan.tanks.forEach((t, k) => {
        const j = this.m.tankIndex.get(t.tag);
        if (j !== undefined) this.planRow[j] = k;
      });
    }
    const row = this.planRow[i];
    if (row < 0) return pid.setpoint_C;
    const target = plan.tanks[row].target_C;
    const k = Math.min(target.length - 1, Math.max(0, Math.floor((s.t_s - plan.t0_s) / plan.step_s)));
    return target[k];
  }

  /**
   * Trucks loaded at the running plant's arms: while a truck's mass grows, the tank giving most to the header
   * feeds it and its outlet's extremes are kept; when the truck leaves (or is emptied) it is judged.
   */
  private watchArms(s: SimState): void {
    for (let k = 0; k < s.arms.length; k++) {
      const truck = s.arms[k].truck;
      const mass = truck.present ? truck.mass_kg : 0;
      if (mass > this.armMass[k] + 1e-9) {
        let feed = -1;
        for (let i = 0; i < s.tanks.length; i++)
          if (s.tanks[i].outFlow_kg_s > 0 && (feed < 0 || s.tanks[i].outFlow_kg_s > s.tanks[feed].outFlow_kg_s))
            feed = i;
        if (feed >= 0) {
          if (this.armTank[k] !== feed) {
            this.armTank[k] = feed;
            this.armMin[k] = Number.POSITIVE_INFINITY;
            this.armMax[k] = Number.NEGATIVE_INFINITY;
          }
          const out = s.tanks[feed].T_C[0];
          if (out < this.armMin[k]) this.armMin[k] = out;
          if (out > this.armMax[k]) this.armMax[k] = out;
        }
      } else if (mass < this.armMass[k] * 0.5 && this.armTank[k] >= 0) {
        this.truck(this.armTank[k], this.armMin[k], this.armMax[k]);
        this.armTank[k] = -1;
      }
      this.armMass[k] = mass;
    }
  }

  /** A truck loaded from tank `i` saw its outlet between these temperatures: its spec status, counted. */
  truck(i: number, outletMin_C: number, outletMax_C: number): SpecStatus {
    this.tankTrucks[i]++;
    const p = this.products[i];
    if (!p?.spec) return 'unknown';
    const status =
      checkSpec(p, outletMin_C).status === 'low' ? 'low' : checkSpec(p, outletMax_C).status === 'high' ? 'high' : 'ok';
    if (status !== 'ok') this.tankMisses[i]++;
    return status;
  }

  report(s: SimState): KpiReport {
    const a = s.acc;
    const eta = this.m.plant.hotOil.heater.efficiency;
    let dE = oilEnergy_J(this.m, s) - this.oil0_J;
    for (let i = 0; i < s.tanks.length; i++) {
      const t = s.tanks[i];
      if (t.mass_kg > 0) dE += productEnergy_J(t) - t.mass_kg * this.h0[i];
    }
    const a0 = this.acc0 ?? a; // before start(): nothing counted
    const fuel = a.fuel_J - a0.fuel_J;
    const tanks: TankKpi[] = this.m.tanks.map((t, i) => ({
      tag: t.tag,
      product: t.data.product,
      bandMin_C: this.bandMin[i],
      bandMax_C: this.bandMax[i],
      outside_s: this.below[i] + this.above[i],
      below_s: this.below[i],
      above_s: this.above[i],
      overshoot_K: this.over[i],
      bandOvershoot_K: this.bandOver[i],
      min_C: this.lo[i],
      max_C: this.hi[i],
      trucks: this.tankTrucks[i],
      misses: this.tankMisses[i],
      mpc_s: this.onMpc[i],
    }));
    const duration_s = s.t_s - this.t0_s;
    return {
      duration_s,
      fuel_GJ: fuel / 1e9,
      storedChange_GJ: dE / 1e9,
      fuelCorrected_GJ: (fuel - dE / eta) / 1e9,
      storedStart_GJ: this.e0_J / 1e9,
      storedEnd_GJ: storedEnergy_J(this.m, s) / 1e9,
      efficiency: eta,
      heaterDuty_GJ: (a.heaterDuty_J - a0.heaterDuty_J) / 1e9,
      tankLoss_GJ: (a.tankLoss_J - a0.tankLoss_J) / 1e9,
      oilLoss_GJ: (a.oilLoss_J - a0.oilLoss_J) / 1e9,
      loadedOut_GJ: (a.loadedOut_J - a0.loadedOut_J) / 1e9,
      heaterStarts: this.starts,
      trucks: tanks.reduce((n, t) => n + t.trucks, 0),
      misses: tanks.reduce((n, t) => n + t.misses, 0),
      outsideMax_h: Math.max(0, ...tanks.map((t) => t.outside_s)) / 3600,
      overshootMax_K: Math.max(0, ...tanks.map((t) => t.overshoot_K)),
      bandOvershootMax_K: Math.max(0, ...tanks.map((t) => t.bandOvershoot_K)),
      mpcShare_frac: duration_s > 0 ? tanks.reduce((x, t) => x + t.mpc_s, 0) / (tanks.length * duration_s) : 0,
      tanks,
    };
  }
}
