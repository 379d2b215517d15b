import { Matrix } from 'ml-matrix';
import type { PlantData } from '../sim/plant/schema';
import { density } from '../sim/props/bitumen';
import { meanTemp_C } from '../sim/components/tank';
import { Ukf, type UkfOptions } from './ukf';
import { FOULING_UNIT_M2K_W, MASS_UNIT_KG, OBS, OBS_SUFFIX, TankProcess } from './tankModel';
import { DEFAULT_NOISE, DEFAULT_PRIOR, DEFAULT_WALK, solarFrom, type FilterNoise, type FilterPrior } from './config';
import type { EstimateValue, Innovation, TankFilterOptions, TankInputs, TankObs } from './types';

// One tank's unscented Kalman filter over the model's own state (layer temperatures, mass, roof) and the slowly
// varying parameters (coil fouling, wall-loss factor, level-sensor bias). README.md says why unscented.

export type { TankInputs, TankObs, EstimateValue, Innovation, TankFilterOptions } from './types';

const NOT_YET: EstimateValue[] = [];
/** The coil flow is steady when its value now is within this share of the interval's mean. */
const STEADY_FLOW_FRAC = 0.05;

export class TankFilter {
  readonly tankTag: string;
  t_s = 0;
  private readonly proc: TankProcess;
  private ukf: Ukf | null = null;
  private readonly noise: FilterNoise;
  private readonly prior: FilterPrior;
  private readonly walk: typeof DEFAULT_WALK;
  private readonly maxSubstep_s: number;
  private readonly gate: number;
  private readonly regateAfter: number;
  private readonly minCoilFlow: number;
  private readonly plant: PlantData;
  private readonly gated = new Int32Array(OBS_SUFFIX.length);
  private readonly ks: number[] = [];
  private readonly ys: number[] = [];
  private readonly rs: number[] = [];
  private lastInnov: Innovation[] = [];
  private cache: EstimateValue[] | null = null;
  private readonly ukfOpts: UkfOptions;
  /** Diagonal of the process noise of one update. */
  private readonly q: Float64Array;
  private readonly inputFilter_s: number;
  private readonly considerOffsets: boolean;
  /** Whether the supply and the ambient have been seen (the input filters start at the first value). */
  private readonly seen = new Uint8Array(2);

  constructor(plant: PlantData, tankTag: string, opts: TankFilterOptions = {}) {
    this.plant = plant;
    this.tankTag = tankTag;
    this.proc = new TankProcess(plant, tankTag);
    this.noise = { ...DEFAULT_NOISE, ...opts.noise };
    this.prior = { ...DEFAULT_PRIOR, ...opts.prior };
    this.walk = { ...DEFAULT_WALK, ...opts.walk };
    this.maxSubstep_s = opts.maxSubstep_s ?? 60;
    this.gate = opts.gate_sd ?? 6;
    this.regateAfter = opts.regateAfter ?? 60;
    this.minCoilFlow = opts.minCoilFlow_kg_s ?? 0.2;
    this.ukfOpts = opts.ukf ?? {};
    this.q = new Float64Array(this.proc.n);
    this.inputFilter_s = opts.inputFilter_s ?? 60;
    this.considerOffsets = opts.considerOffsets ?? true;
  }

  /** Whether the filter has started (it starts at the first good level and temperature). */
  get started(): boolean {
    return this.ukf !== null;
  }

  /** One filter step over dt_s with the inputs held over it and the measurements at its end. */
  update(dt_s: number, u: TankInputs, y: TankObs): void {
    this.cache = null;
    if (!(dt_s > 0) || !Number.isFinite(dt_s)) dt_s = 0;
    this.holdInputs(u, dt_s);
    this.t_s += dt_s;
    if (!this.ukf) {
      this.lastInnov = [];
      this.start(y);
      return;
    }
    if (dt_s > 0) this.predict(dt_s, u);
    this.correct(y);
  }

  /**
   * Inputs into the process model. They enter it as exact values, so the transmitters' noise on the supply
   * and ambient is filtered first (first order, `inputFilter_s`): unfiltered, the supply's noise
   * entered both the coil's heat and the outlet prediction and biased the fouling (−35 % in 12 h at 0.3 K).
   */
  private holdInputs(u: TankInputs, dt_s: number): void {
    const p = this.proc.u;
    const seen = this.seen;
    const tau = this.inputFilter_s;
    const keep = (v: number, last: number) => (Number.isFinite(v) ? v : last);
    const smooth = (v: number, last: number, k: number, tauK: number) => {
      if (!Number.isFinite(v)) return last;
      if (!seen[k]) {
        seen[k] = 1;
        return v;
      }
      return last + ((v - last) * dt_s) / (tauK + dt_s);
    };
    p.supply_C = smooth(u.supply_C, p.supply_C, 0, tau);
    p.ambient_C = smooth(u.ambient_C, p.ambient_C, 1, tau);
    // the coil flow moves with its valve: filtered, a stroke would be smeared and the duty lag it
    p.coilFlow_kg_s = Math.max(0, keep(u.coilFlow_kg_s, p.coilFlow_kg_s));
    p.receipt_kg_s = Math.max(0, keep(u.receipt_kg_s, p.receipt_kg_s));
    p.receiptTemp_C = keep(u.receiptTemp_C, p.receiptTemp_C);
    p.outflow_kg_s = Math.max(0, keep(u.outflow_kg_s, p.outflow_kg_s));
    p.solar_W_m2 = solarFrom(this.plant, u.solar_W_m2, u.hour_h);
    if (u.mixer !== undefined && Number.isFinite(u.mixer)) p.mixerOn = u.mixer >= 0.5;
  }

  private start(y: TankObs): void {
    if (!Number.isFinite(y.level_m) || !(y.level_m > 0) || !Number.isFinite(y.temp_C)) return;
    const pr = this.proc;
    const pp = this.prior;
    const n = pr.n;
    const x = new Float64Array(n);
    for (let j = 0; j < pr.L; j++) x[j] = y.temp_C;
    if (Number.isFinite(y.tempBottom_C)) x[0] = y.tempBottom_C;
    const level = Number.isFinite(y.levelDip_m ?? NaN) ? (y.levelDip_m as number) : y.level_m;
    const kgPerM = pr.tm.area_m2 * density(pr.tank.props, y.temp_C);
    x[pr.iMass] = (level * kgPerM) / MASS_UNIT_KG;
    x[pr.iRoof] = y.temp_C - 20;
    x[pr.iFoul] = pp.fouling_m2K_W / FOULING_UNIT_M2K_W;
    x[pr.iWall] = pp.wallLoss;
    x[pr.iBias] = 0;
    const sd = new Float64Array(n);
    for (let j = 0; j < pr.L; j++) sd[j] = pp.temp_sd_K;
    sd[pr.iMass] = (pp.mass_sd_m * kgPerM) / MASS_UNIT_KG;
    sd[pr.iRoof] = pp.roof_sd_K;
    sd[pr.iFoul] = pp.fouling_sd_m2K_W / FOULING_UNIT_M2K_W;
    sd[pr.iWall] = pp.wallLoss_sd;
    sd[pr.iBias] = pp.levelBias_sd_m;
    sd[pr.iOffBottom] = pp.tempOffset_sd_K;
    sd[pr.iOffTop] = pp.tempOffset_sd_K;
    sd[pr.iOffCoil] = pp.coilOutOffset_sd_K;
    sd[pr.iOffHH] = pp.tempOffset_sd_K;
    sd[pr.iOffSupply] = pp.supplyOffset_sd_K;
    const P0 = Matrix.zeros(n, n);
    for (let i = 0; i < n; i++) P0.set(i, i, sd[i] * sd[i]);
    const c = pp.supplyCoilCorr * sd[pr.iOffCoil] * sd[pr.iOffSupply];
    P0.set(pr.iOffCoil, pr.iOffSupply, c);
    P0.set(pr.iOffSupply, pr.iOffCoil, c);
    this.ukf = new Ukf(x, P0, this.ukfOpts);
    if (this.considerOffsets) {
      // the supply and coil-outlet TTs' offsets: considered, not learned (config.ts, README: observability)
      const c = new Uint8Array(n);
      c[pr.iOffCoil] = 1;
      c[pr.iOffSupply] = 1;
      this.ukf.consider = c;
    }
    this.correct(y);
  }

  private predict(dt_s: number, u: TankInputs): void {
    const ukf = this.ukf as Ukf;
    const pr = this.proc;
    const w = this.walk;
    const h = dt_s / 3600;
    const d = dt_s / 86400;
    const q = this.q;
    for (let j = 0; j < pr.L; j++) q[j] = w.temp_K_sqrt_h ** 2 * h;
    // a measured movement carries its meter's error into the mass
    const moved =
      (Number.isFinite(u.receipt_kg_s) ? u.receipt_kg_s : 0) + (Number.isFinite(u.outflow_kg_s) ? u.outflow_kg_s : 0);
    const massVar_t2 = w.mass_t_sqrt_h ** 2 * h + ((this.noise.movement_frac * moved * dt_s) / MASS_UNIT_KG) ** 2;
    q[pr.iMass] = massVar_t2;
    q[pr.iRoof] = w.roof_K_sqrt_h ** 2 * h;
    q[pr.iFoul] = (w.fouling_m2K_W_sqrt_day / FOULING_UNIT_M2K_W) ** 2 * d;
    q[pr.iWall] = w.wallLoss_sqrt_day ** 2 * d;
    q[pr.iBias] = w.levelBias_m_sqrt_day ** 2 * d;
    q[pr.iOffBottom] = w.tempOffset_K_sqrt_day ** 2 * d;
    q[pr.iOffTop] = w.tempOffset_K_sqrt_day ** 2 * d;
    q[pr.iOffCoil] = w.tempOffset_K_sqrt_day ** 2 * d;
    q[pr.iOffHH] = w.tempOffset_K_sqrt_day ** 2 * d;
    q[pr.iOffSupply] = w.tempOffset_K_sqrt_day ** 2 * d;
    pr.begin(dt_s, this.maxSubstep_s);
    ukf.predict(pr.propagate, q);
  }

  private correct(y: TankObs): void {
    const ukf = this.ukf as Ukf;
    const nz = this.noise;
    const ks = this.ks;
    const ys = this.ys;
    const rs = this.rs;
    ks.length = 0;
    ys.length = 0;
    rs.length = 0;
    const add = (k: number, v: number | undefined, sd: number) => {
      if (v === undefined || !Number.isFinite(v)) return;
      ks.push(k);
      ys.push(v);
      rs.push(sd * sd);
    };
    add(OBS.temp, y.temp_C, nz.temp_K);
    add(OBS.tempBottom, y.tempBottom_C, nz.temp_K);
    add(OBS.tempTop, y.tempTop_C, nz.temp_K);
    add(OBS.tempHH, y.tempHH_C, nz.temp_K);
    add(OBS.level, y.level_m, nz.level_m);
    add(OBS.levelDip, y.levelDip_m, nz.dip_m);
    const u = this.proc.u;
    // the outlet temperature only while the flow is steady: it follows the flow now, and a coil has a transit
    // time the model does not (a stroking valve would read as fouling)
    const now = y.coilFlow_kg_s !== undefined && Number.isFinite(y.coilFlow_kg_s) ? y.coilFlow_kg_s : u.coilFlow_kg_s;
    this.proc.obsCoilFlow_kg_s = now;
    const steady = Math.abs(now - u.coilFlow_kg_s) <= STEADY_FLOW_FRAC * now + 0.02;
    if (now >= this.minCoilFlow && steady && Number.isFinite(y.coilOut_C)) {
      // the flow meter's error moves the outlet temperature by ΔT/ṁ per kg/s
      const dT = Math.abs(u.supply_C - y.coilOut_C);
      add(OBS.coilOut, y.coilOut_C, Math.hypot(nz.coilOut_K, (dT / now) * nz.coilFlow_kg_s));
    }
    const res = ukf.update(this.proc.measureAll, ks, ys, rs, this.gate);
    // a measurement gated for long is a real change the model has not followed: let it back in
    for (const r of res) {
      this.gated[r.k] = r.used ? 0 : this.gated[r.k] + 1;
    }
    this.lastInnov = res.map((r) => ({ tag: `${this.tankTag}.${OBS_SUFFIX[r.k]}`, r: r.r, sd: r.sd, used: r.used }));
    if (this.gated.some((g) => g >= this.regateAfter)) {
      const again: number[] = [];
      for (let a = 0; a < ks.length; a++) if (this.gated[ks[a]] >= this.regateAfter) again.push(a);
      ukf.update(
        this.proc.measureAll,
        again.map((a) => ks[a]),
        again.map((a) => ys[a]),
        again.map((a) => rs[a]),
      );
      for (const a of again) this.gated[ks[a]] = 0;
    }
  }

  /** Innovations of the last update, by mapped tag (TK-101.temp …); only the measurements that were there. */
  innovations(): readonly Innovation[] {
    return this.lastInnov;
  }

  /** The estimates with their sd; empty until the filter has started. */
  estimates(): EstimateValue[] {
    if (!this.ukf) return NOT_YET;
    if (this.cache) return this.cache;
    const ukf = this.ukf;
    const pr = this.proc;
    const sdOf = (i: number) => Math.sqrt(Math.max(ukf.variance(i), 0));
    // the derived quantities by one unscented transform
    const d = ukf.transformMany(4, (x, out) => {
      pr.load(x);
      out[0] = meanTemp_C(pr.tank);
      out[1] = pr.coilDuty_W() / 1000;
      out[2] = pr.heatLoss_W() / 1000;
      out[3] = pr.measure(x, OBS.levelDip);
    });
    const dv = (a: number) => ({ value: d.mean[a], sd: d.sd[a] });
    this.cache = [
      {
        name: 'fouling',
        unit: 'm²K/W',
        value: ukf.x[pr.iFoul] * FOULING_UNIT_M2K_W,
        sd: sdOf(pr.iFoul) * FOULING_UNIT_M2K_W,
      },
      { name: 'wall_loss', unit: '', value: ukf.x[pr.iWall], sd: sdOf(pr.iWall) },
      { name: 'level_bias', unit: 'm', value: ukf.x[pr.iBias], sd: sdOf(pr.iBias) },
      { name: 'temp_mean', unit: '°C', ...dv(0) },
      { name: 'mass', unit: 'kg', value: ukf.x[pr.iMass] * MASS_UNIT_KG, sd: sdOf(pr.iMass) * MASS_UNIT_KG },
      { name: 'coil_duty', unit: 'kW', ...dv(1) },
      { name: 'heat_loss', unit: 'kW', ...dv(2) },
      { name: 'level', unit: 'm', ...dv(3) },
      { name: 'temp_bottom', unit: '°C', value: ukf.x[0], sd: sdOf(0) },
      { name: 'temp_vapour', unit: '°C', value: ukf.x[pr.iRoof], sd: sdOf(pr.iRoof) },
      { name: 'temp_bottom_offset', unit: 'K', value: ukf.x[pr.iOffBottom], sd: sdOf(pr.iOffBottom) },
      { name: 'temp_top_offset', unit: 'K', value: ukf.x[pr.iOffTop], sd: sdOf(pr.iOffTop) },
      { name: 'coil_out_offset', unit: 'K', value: ukf.x[pr.iOffCoil], sd: sdOf(pr.iOffCoil) },
      { name: 'temp_hh_offset', unit: 'K', value: ukf.x[pr.iOffHH], sd: sdOf(pr.iOffHH) },
      { name: 'supply_offset', unit: 'K', value: ukf.x[pr.iOffSupply], sd: sdOf(pr.iOffSupply) },
    ];
    return this.cache;
  }

  /** One estimate by name (NaN value and sd when unknown). */
  estimate(name: string): EstimateValue {
    return this.estimates().find((e) => e.name === name) ?? { name, unit: '', value: Number.NaN, sd: Number.NaN };
  }

  /**
   * The estimated tank as the model holds it (mean state), for running the model forward from it: layer
   * temperatures bottom first, their mass shares, mass, roof, fouling and the insulation factor.
   */
  meanState(): {
    T_C: number[];
    layerMass_frac: number[];
    mass_kg: number;
    roof_C: number;
    fouling_m2K_W: number;
    insulationFactor: number;
    levelBias_m: number;
  } | null {
    if (!this.ukf) return null;
    const x = this.ukf.x;
    const pr = this.proc;
    return {
      T_C: Array.from(x.subarray(0, pr.L)),
      layerMass_frac: Array.from(pr.frac),
      mass_kg: x[pr.iMass] * MASS_UNIT_KG,
      roof_C: x[pr.iRoof],
      fouling_m2K_W: Math.max(0, x[pr.iFoul] * FOULING_UNIT_M2K_W),
      insulationFactor: x[pr.iWall],
      levelBias_m: x[pr.iBias],
    };
  }
}
