import type { Simulation } from '../../sim/simulation';
import type { SimState } from '../../sim/state';
import type { Snapshot } from '../../sim/snapshot';
import { oilEnthalpy } from '../../sim/props/thermalOil';
import { exchangeAtBottom, heelMass_kg, refreshTemperatures } from '../../sim/components/tank';
import { RECEIPT_ABOVE_SETPOINT_K } from '../../plantView/receipt';
import type { LiveInputBatch, ShadowReport } from '../../protocol/workerApi';
import { classifyTags, Q_GOOD, usable, type ShadowTags } from './classify';
import { ResidualBook } from './residuals';
import { initFromLive } from '../../sim/initFromLive';

/**
 * The shadow model: the plant model driven by the real plant's measured inputs. Before every step the held
 * inputs are forced onto the model's boundary (the weather, the hot-oil supply node, metered receipts and
 * draws, valve positions, pump run states); the model then predicts everything else, and every measured
 * output sample is compared with the model at the sample's source time.
 *
 * Model time follows source time: t_s = (ts − t0)/1000, t0 the first snapshot's newest timestamp; the
 * model steps (whole steps of its dt) up to a sample's time before taking it. An input whose sample is bad
 * or stale keeps its last good value, and the outputs depending on it are flagged uncertain. Deterministic:
 * the same samples in the same order give the same state hash, however they were cut into batches.
 */

const NEVER = 255;
/** A source-time jump longer than this is skipped, not stepped through (a feed back after a long outage). */
export const MAX_CATCHUP_S = 6 * 3600;

export class ShadowDriver {
  readonly tags: ShadowTags;
  readonly book: ResidualBook;
  /** Source time of the model's t = 0, ms since epoch. */
  t0_ms = Number.NaN;
  /** Last usable value of each input (NaN before one arrived) and the quality of its latest sample. */
  readonly held: Float64Array;
  readonly inputQ: Uint8Array;
  /** Per model tag index: ≥ 0 input k; ≤ −2 output −(k + 2); −1 neither. */
  private readonly role: Int32Array;
  private readonly outTagIndex: Int32Array;
  private skipped_s = 0;

  constructor(readonly sim: Simulation) {
    this.tags = classifyTags(sim.model.plant);
    this.book = new ResidualBook(this.tags.outputs.length);
    this.held = new Float64Array(this.tags.inputs.length).fill(Number.NaN);
    this.inputQ = new Uint8Array(this.tags.inputs.length).fill(NEVER);
    this.role = new Int32Array(sim.tags.length).fill(-1);
    this.outTagIndex = new Int32Array(this.tags.outputs.length).fill(-1);
    sim.tags.forEach((t, i) => {
      const k = this.tags.inputIndex.get(t.name);
      const o = this.tags.outputIndex.get(t.name);
      if (k !== undefined) this.role[i] = k;
      else if (o !== undefined) {
        this.role[i] = -(o + 2);
        this.outTagIndex[o] = i;
      }
    });
  }

  /** Build the state from the live snapshot (the latest sample of each tag) and take its inputs. */
  start(snap: LiveInputBatch): void {
    const latest = new Map<string, number>();
    let t0 = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < snap.length; j++) {
      const i = snap.tag[j];
      if (i < 0 || i >= this.sim.tags.length) continue;
      if (Number.isFinite(snap.ts_ms[j])) t0 = Math.max(t0, snap.ts_ms[j]);
      if (usable(snap.q[j], snap.v[j])) latest.set(this.sim.tags[i].name, snap.v[j]);
    }
    this.t0_ms = Number.isFinite(t0) ? t0 : 0;
    initFromLive(this.sim, (tag) => latest.get(tag) ?? Number.NaN);
    for (let j = 0; j < snap.length; j++) {
      const k = this.role[snap.tag[j]] ?? -1;
      if (k >= 0) this.takeInput(k, snap.v[j], snap.q[j]);
    }
    this.force(0);
  }

  /** Take a batch in order: inputs are held, outputs compared after the model has stepped to their time. */
  push(b: LiveInputBatch): void {
    for (let j = 0; j < b.length; j++) {
      const i = b.tag[j];
      if (!(i >= 0 && i < this.role.length)) continue;
      const ts = b.ts_ms[j];
      if (!Number.isFinite(ts)) continue;
      this.stepTo(ts);
      const r = this.role[i];
      if (r >= 0) this.takeInput(r, b.v[j], b.q[j]);
      else if (r <= -2) {
        const o = -r - 2;
        const v = b.v[j];
        const model = this.sim.tags[i].read(this.sim.state);
        if (Number.isFinite(v)) this.book.add(o, ts, v, model, b.q[j] === Q_GOOD && this.inputsGood(o));
        else this.book.flags[o] |= 1; // a bad sample without a value: the latest residual is uncertain
      }
    }
  }

  private takeInput(k: number, v: number, q: number): void {
    this.inputQ[k] = q;
    if (usable(q, v)) this.held[k] = v; // bad or stale: hold the last good value
  }

  /** Every input the output depends on is good (or never measured: the model's own value stands). */
  private inputsGood(o: number): boolean {
    const deps = this.tags.outputs[o].dependsOn;
    for (let d = 0; d < deps.length; d++) {
      const q = this.inputQ[deps[d]];
      if (q !== Q_GOOD && q !== NEVER) return false;
    }
    return true;
  }

  /** Step whole steps up to source time ts (never back). */
  private stepTo(ts_ms: number): void {
    const s = this.sim.state;
    const dt = this.sim.dt_s;
    let to_s = (ts_ms - this.t0_ms) / 1000 - this.skipped_s;
    if (to_s - s.t_s > MAX_CATCHUP_S) {
      this.skipped_s += to_s - s.t_s - MAX_CATCHUP_S;
      to_s = s.t_s + MAX_CATCHUP_S;
    }
    while (s.t_s + dt <= to_s + 1e-9) {
      this.force(dt);
      this.sim.step(1);
    }
  }

  /** Put the held inputs on the model's boundary for the next step of dt (dt 0: positions only). */
  force(dt: number): void {
    const s = this.sim.state;
    const { inputs } = this.tags;
    for (let k = 0; k < inputs.length; k++) {
      const x = this.held[k];
      if (Number.isNaN(x)) continue;
      const inp = inputs[k];
      forceInput(this.sim, s, inp.kind, inp.index, x, dt);
    }
  }

  /** The residuals and scores now, as typed arrays (a few times a second, not per sample). */
  report(): ShadowReport {
    const n = this.tags.outputs.length;
    const r: ShadowReport = {
      t_s: this.sim.state.t_s,
      t0_ms: this.t0_ms,
      measured: this.book.measured.slice(),
      model: new Float64Array(n),
      flags: this.book.flags.slice(),
      rms: new Float64Array(n),
      corr: new Float64Array(n),
      n: new Float64Array(n),
    };
    for (let o = 0; o < n; o++) {
      const i = this.outTagIndex[o];
      r.model[o] = i >= 0 ? this.sim.tags[i].read(this.sim.state) : Number.NaN;
      const st = this.book.score(o);
      r.rms[o] = st.rms;
      r.corr[o] = st.corr;
      r.n[o] = st.n;
    }
    return r;
  }

  /**
   * The state now as a free-running plant starts from it: the measured weather becomes the mean of the
   * day's cycle, the controllers go back to their modes with the live set points, the metered receipts
   * and draws stop (nobody drives them any more) and the heater keeps the live set point.
   */
  whatIfSnapshot(): Snapshot {
    const snap = this.sim.snapshot();
    const s = snap.state;
    const w = s.weather;
    delete w.forced;
    w.ambientMean_C = w.ambient_C;
    w.ambientSwing_K = 0;
    this.sim.model.tanks.forEach((tm, i) => {
      const tank = s.tanks[i];
      tank.pid.mode = tm.data.control.mode;
      tank.pid.output_frac = tank.valveTarget_frac;
      tank.receiptPos_frac = tank.receiptTarget_frac = 0;
      tank.receiptFlow_kg_s = 0;
    });
    const hsp = this.held[this.tags.inputIndex.get(`${this.sim.model.plant.hotOil.heater.tag}.setpoint`)!];
    if (Number.isFinite(hsp)) s.hotOil.setpoint_C = hsp;
    return snap;
  }
}

function forceInput(sim: Simulation, s: SimState, kind: string, i: number, x: number, dt: number): void {
  const w = s.weather;
  switch (kind) {
    case 'ambient':
      (w.forced ??= { ambient_C: null, solar_W_m2: null }).ambient_C = x;
      w.ambient_C = x;
      return;
    case 'solar':
      (w.forced ??= { ambient_C: null, solar_W_m2: null }).solar_W_m2 = Math.max(0, x);
      w.solar_W_m2 = Math.max(0, x);
      return;
    case 'wind':
      w.wind_m_s = Math.max(0, x);
      return;
    case 'rain':
      w.rain_mm_h = Math.max(0, x);
      return;
    case 'supplyTemp': {
      // the oil supply node at the measured temperature; the heater's controller works to it, so its
      // firing and duty are the model's estimate of what that supply takes
      const ho = s.hotOil;
      ho.supply_C = x;
      ho.hHeater_J_kg = oilEnthalpy(x);
      ho.setpoint_C = x;
      return;
    }
    case 'hotOilPump':
      s.hotOil.pumps[i].running = x > 0.5;
      return;
    case 'heaterSetpoint':
      return; // carried into a what-if only: the shadow's heater works to the measured supply
  }
  const tank = s.tanks[i];
  switch (kind) {
    case 'receiptFlow': {
      const f = Math.max(0, x);
      tank.receiptFlow_kg_s = f;
      tank.receiptPos_frac = tank.receiptTarget_frac = f > 0 ? 1 : 0;
      if (f > 0 && !(tank.receiptTemp_C > 0))
        tank.receiptTemp_C = sim.model.tanks[i].data.control.setpoint_C + RECEIPT_ABOVE_SETPOINT_K;
      return;
    }
    case 'outletFlow': {
      // the metered draw (loading or transfer) leaves from the bottom, down to the heel at most
      if (!(x > 0 && dt > 0)) return;
      const tm = sim.model.tanks[i];
      const kg = Math.min(x * dt, Math.max(0, tank.mass_kg - heelMass_kg(tm, tank)));
      if (!(kg > 0)) return;
      const e = exchangeAtBottom(tank, kg, 0, 0);
      refreshTemperatures(tank);
      s.acc.loadedOut_kg += kg;
      s.acc.loadedOut_J += e;
      return;
    }
    case 'coilValve':
      tank.valvePos_frac = tank.valveTarget_frac = tank.pid.output_frac = Math.max(0, Math.min(1, x / 100));
      tank.pid.mode = 'manual'; // the real controller moved it; the model's must not fight it
      return;
    case 'blockValve':
      tank.blockPos_frac = Math.max(0, Math.min(1, x / 100));
      return;
    case 'mixer':
      tank.mixerOn = x > 0.5;
      return;
    case 'tankSetpoint':
      tank.pid.setpoint_C = x;
      return;
  }
}
