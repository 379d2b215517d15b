import type { Fault } from '../sim/faults';
import type { PlantData } from '../sim/plant/schema';
import { Simulation } from '../sim/simulation';
import type { Snapshot } from '../sim/snapshot';
import type { SimState } from '../sim/state';
import { exchangeAtBottom, heelMass_kg, refreshTemperatures } from '../sim/components/tank';
import { initFromLive } from '../sim/initFromLive';
import { piTrack } from '../sim/control/pid';

// The replay a root-cause ranking runs once per hypothesis: the model from the state the measurements
// give at the start of the window, driven by the measured boundary (ambient, metered receipts and draws,
// the set points, the hot-oil pumps) while its own controllers close their loops, so that the valves,
// the heater's firing and every temperature, level and coil outlet temperature are the model's prediction
// under the hypothesis, to be held against what was measured (the coil valves are forced up to the onset:
// planInputs says why).

/** Measured samples on a regular grid: values[k][j] is tag k at t0 + j·step (NaN: missing or bad). */
export interface Recording {
  t0_ms: number;
  step_s: number;
  tags: readonly string[];
  values: readonly Float64Array[];
}

/** Largest gap between a controller's measured PV and set point that is taken as a measurement offset. */
const PV_OFFSET_MAX_K = 3;
/** Samples before the onset whose valve trend gives the loop's error (30 min at one a minute). */
const LOOP_SLOPE_SAMPLES = 30;
/** A valve within this of either end is saturated: its loop is not at rest. */
const VALVE_SATURATED_FRAC = 0.02;
/** Samples averaged for the starting state (the noise of one sample would start every layer off by it). */
const INIT_SAMPLES = 5;

type InputKind = 'ambient' | 'receipt' | 'outlet' | 'valve' | 'tankSp' | 'heaterSp' | 'pump';
interface Input {
  kind: InputKind;
  k: number; // recording column
  i: number; // tank or pump index
  offset: number; // measurement offset added (set points: what the model's PV reads against the plant's)
  /** Forced before the onset only (the coil valves), or from it only (the tank set points). */
  phase: 'lead' | 'window' | 'both';
}

export interface ReplayOutput {
  tag: string;
  /** Recording column and simulation tag index. */
  k: number;
  ti: number;
}

export interface ReplayOptions {
  /** Model step, s (default 10: the longest stable step; a replay is about speed). */
  dt_s?: number;
  /** Hour of the day at the first sample (the sun); default from t0 in UTC. */
  hourOfDay?: number;
  /** A starting state to use instead of the one built from the first samples (e.g. the shadow model's). */
  start?: Snapshot;
  /** When the hypotheses' faults begin, s into the recording (default 0); the model runs fault-free up to it. */
  onset_s?: number;
  /** The estimated parameters per tank (the state estimator's or a calibration's); the plant file's otherwise. */
  tankParams?: readonly TankParams[];
}

export interface TankParams {
  tag: string;
  /** Coil fouling resistance now, m²K/W. */
  fouling_m2K_W?: number;
  /** Insulation conductivity against the plant file's (1 = as designed). */
  insulationFactor?: number;
}

/** The plant with the estimated insulation applied (a copy). */
function withParams(plant: PlantData, params: readonly TankParams[] | undefined): PlantData {
  if (!params?.length) return plant;
  const p = structuredClone(plant);
  for (const tp of params) {
    const t = p.tanks.find((x) => x.tag === tp.tag);
    if (t && tp.insulationFactor && tp.insulationFactor > 0) t.insulation.k_W_mK *= tp.insulationFactor;
  }
  return p;
}

export class Replay {
  readonly sim: Simulation;
  readonly outputs: ReplayOutput[] = [];
  readonly n: number;
  private readonly inputs: Input[] = [];
  private readonly base: Snapshot;
  /** The sample at which a hypothesis's fault begins, and the model's outputs up to it (shared). */
  readonly onsetJ: number;
  private readonly lead: Float64Array[];
  private windowOn = false;
  private readonly stepsPerSample: number;

  constructor(
    plant: PlantData,
    readonly rec: Recording,
    opts: ReplayOptions = {},
  ) {
    const dt = opts.dt_s ?? 10;
    this.stepsPerSample = Math.max(1, Math.round(rec.step_s / dt));
    this.sim = new Simulation(withParams(plant, opts.tankParams), { dt_s: rec.step_s / this.stepsPerSample });
    this.n = rec.values[0]?.length ?? 0;
    const col = new Map(rec.tags.map((t, k) => [t, k]));
    const first = (tag: string): number => {
      const k = col.get(tag);
      if (k === undefined) return Number.NaN;
      const v = rec.values[k];
      let sum = 0;
      let c = 0;
      for (let j = 0; j < Math.min(INIT_SAMPLES, v.length); j++)
        if (Number.isFinite(v[j])) {
          sum += v[j];
          c++;
        }
      return c ? sum / c : Number.NaN;
    };
    if (opts.start) this.sim.restore(opts.start);
    else initFromLive(this.sim, first);
    for (const tp of opts.tankParams ?? []) {
      const i = this.sim.model.tankIndex.get(tp.tag);
      if (i !== undefined && tp.fouling_m2K_W !== undefined) this.sim.state.tanks[i].fouling_m2K_W = tp.fouling_m2K_W;
    }
    const hour = opts.hourOfDay ?? (rec.t0_ms / 3.6e6) % 24;
    this.sim.command({ type: 'setTimeOfDay', hour: ((hour % 24) + 24) % 24 }, 'automation');
    this.planInputs(col, first);
    this.planOutputs(col);
    // the lead-in, once: every hypothesis starts from the model's state at the onset
    this.onsetJ = Math.max(0, Math.min(this.n - 1, Math.round((opts.onset_s ?? 0) / rec.step_s)));
    this.lead = this.outputs.map(() => new Float64Array(this.onsetJ + 1));
    this.read(0, this.lead);
    for (let j = 1; j <= this.onsetJ; j++) this.advance(j, this.lead);
    this.closeLoops(this.onsetJ);
    this.windowOn = true;
    this.base = this.sim.snapshot();
  }

  /** Inputs: measured tags the model takes as given; set points carry the offset that starts the loop at rest. */
  private planInputs(col: Map<string, number>, first: (tag: string) => number): void {
    const m = this.sim.model;
    const s = this.sim.state;
    const add = (tag: string, kind: InputKind, i: number, offset = 0, phase: Input['phase'] = 'both') => {
      const k = col.get(tag);
      if (k !== undefined) this.inputs.push({ kind, k, i, offset, phase });
    };
    add('AMB.temp', 'ambient', -1);
    m.tanks.forEach((tm, i) => {
      const T = tm.tag;
      add(`${T}.receipt_flow`, 'receipt', i);
      add(`${T}.outlet_flow`, 'outlet', i);
      // up to the onset the coil valves are forced where they were measured (the model's loops could not
      // follow the plant's: a loop's integral turns a tenth of a kelvin of transmitter bias into tens of % of
      // valve within hours); from the onset the loops close on set points offset to start them at rest
      // (closeLoops), so each hypothesis moves the valves as the plant's controllers would have
      add(`${T}.valve`, 'valve', i, 0, 'lead');
      add(`${T}.setpoint`, 'tankSp', i, 0, 'window');
      s.tanks[i].pid.mode = 'manual';
    });
    const hd = m.plant.hotOil.heater;
    const ho = s.hotOil;
    const hsp = first(`${hd.tag}.setpoint`);
    const hoff = Number.isFinite(hsp) && Math.abs(ho.supply_C - hsp) < PV_OFFSET_MAX_K ? ho.supply_C - hsp : 0;
    add(`${hd.tag}.setpoint`, 'heaterSp', -1, hoff);
    if (Number.isFinite(hsp)) ho.setpoint_C = hsp + hoff;
    const firing = first(`${hd.tag}.firing`);
    if (Number.isFinite(firing) && ho.bms.flame) {
      ho.firing_frac = Math.max(0, Math.min(1, firing / 100));
      ho.integral = ho.firing_frac - hd.kp * (ho.setpoint_C - ho.supply_C);
    }
    m.plant.hotOil.pumps.forEach((p, i) => add(`${p.tag}.running`, 'pump', i));
  }

  /**
   * At the onset each tank's loop takes over from the measured valve, bumpless, on the measured set point
   * plus the offset that gives the model's loop the plant loop's error (the transmitter's bias and what the
   * model's start left are not the plant's error; the valve's drift in the lead-in tells that error): a loop
   * keeps moving as it moved unless the hypothesis disturbs it. A loop that was not at rest (a
   * saturated valve heating a cold tank, a PV far from its set point) keeps its valve as measured.
   */
  private closeLoops(j: number): void {
    const m = this.sim.model;
    const s = this.sim.state;
    for (const inp of this.inputs) {
      if (inp.kind !== 'tankSp') continue;
      const tm = m.tanks[inp.i];
      const tank = s.tanks[inp.i];
      const pid = tank.pid;
      const c = tm.data.control;
      const sp = this.rec.values[inp.k][j];
      if (!Number.isFinite(sp)) continue;
      const pv = s.instruments[tm.insTemp].value;
      const v = tank.valvePos_frac;
      // the loop's own error at the onset, from how fast its integral was moving the valve: e = (dv/dt)·Ti/Kp
      const vk = this.inputs.find((x) => x.kind === 'valve' && x.i === inp.i)?.k;
      const e =
        vk === undefined
          ? 0
          : (slope(this.rec.values[vk], j, LOOP_SLOPE_SAMPLES, this.rec.step_s) / 100) * (c.ti_s / c.kp);
      const off = pv + (Number.isFinite(e) ? e : 0) - sp;
      const atRest = v > VALVE_SATURATED_FRAC && v < 1 - VALVE_SATURATED_FRAC && Math.abs(off) < PV_OFFSET_MAX_K;
      const valveIn = this.inputs.find((x) => x.kind === 'valve' && x.i === inp.i);
      if (!atRest && valveIn) {
        // a saturated loop or one far from its set point: its error is not known well enough to predict its
        // valve, which stays as measured (a stuck valve there cannot be told from a working one in the window)
        valveIn.phase = 'both';
        inp.phase = 'lead';
        continue;
      }
      inp.offset = atRest ? off : 0;
      pid.mode = c.mode;
      pid.setpoint_C = pid.workingSetpoint_C = sp + inp.offset;
      pid.output_frac = tank.valveTarget_frac = v;
      piTrack(pid, c, pid.workingSetpoint_C, pv, c.feedForward * (pid.workingSetpoint_C - s.weather.ambient_C));
    }
  }

  /** Outputs: every measured analog tag the model predicts (not an input, not a switch). */
  private planOutputs(col: Map<string, number>): void {
    const taken = new Set(this.inputs.filter((x) => x.kind !== 'valve').map((x) => x.k));
    for (const [tag, k] of col) {
      if (taken.has(k)) continue;
      const ti = this.sim.tagIndex.get(tag);
      if (ti === undefined) continue;
      const t = this.sim.tags[ti];
      if (t.unit === '0/1' || tag.endsWith('.setpoint')) continue;
      if (!this.rec.values[k].some((v) => Number.isFinite(v))) continue;
      this.outputs.push({ tag, k, ti });
    }
  }

  /** Run the window under a fault from the onset (or none): out[o][j] is output o's model value at sample j. */
  run(fault: Fault | null, out: Float64Array[]): void {
    const sim = this.sim;
    sim.restore(this.base);
    if (fault) {
      const r = sim.command({ type: 'injectFault', fault }, 'automation');
      if (!r.ok) throw new Error(`hypothesis ${JSON.stringify(fault)}: ${r.reason}`);
    }
    for (let o = 0; o < out.length; o++) out[o].set(this.lead[o]);
    for (let j = this.onsetJ + 1; j < this.n; j++) this.advance(j, out);
  }

  /** Step from sample j − 1 to sample j with the inputs of j − 1 held, and read the outputs at j. */
  private advance(j: number, out: Float64Array[]): void {
    for (let k = 0; k < this.stepsPerSample; k++) {
      this.force(j - 1);
      this.sim.step(1);
    }
    this.read(j, out);
  }

  private read(j: number, out: Float64Array[]): void {
    const s = this.sim.state;
    const tags = this.sim.tags;
    for (let o = 0; o < this.outputs.length; o++) out[o][j] = tags[this.outputs[o].ti].read(s);
  }

  /** Put the inputs of sample j (held) on the model's boundary for the next step. */
  private force(j: number): void {
    const s = this.sim.state;
    for (let q = 0; q < this.inputs.length; q++) {
      const inp = this.inputs[q];
      if (inp.phase !== 'both' && (inp.phase === 'window') !== this.windowOn) continue;
      const x = this.rec.values[inp.k][j];
      if (!Number.isFinite(x)) continue;
      forceOne(this.sim, s, inp, x);
    }
  }
}

function forceOne(sim: Simulation, s: SimState, inp: Input, x: number): void {
  switch (inp.kind) {
    case 'ambient': {
      const w = s.weather;
      (w.forced ??= { ambient_C: null, solar_W_m2: null }).ambient_C = x;
      w.ambient_C = x;
      return;
    }
    case 'heaterSp':
      s.hotOil.setpoint_C = x + inp.offset;
      return;
    case 'pump':
      s.hotOil.pumps[inp.i].running = x > 0.5;
      return;
    case 'tankSp':
      s.tanks[inp.i].pid.setpoint_C = x + inp.offset;
      return;
    case 'valve': {
      const tank = s.tanks[inp.i];
      tank.valvePos_frac = tank.valveTarget_frac = tank.pid.output_frac = Math.max(0, Math.min(1, x / 100));
      return;
    }
    case 'receipt': {
      const tank = s.tanks[inp.i];
      const f = Math.max(0, x);
      tank.receiptFlow_kg_s = f;
      tank.receiptPos_frac = tank.receiptTarget_frac = f > 0 ? 1 : 0;
      return;
    }
    case 'outlet': {
      // the metered draw leaves from the bottom, down to the heel at most (as the shadow model takes it)
      if (!(x > 0)) return;
      const tank = s.tanks[inp.i];
      const kg = Math.min(x * sim.dt_s, Math.max(0, tank.mass_kg - heelMass_kg(sim.model.tanks[inp.i], tank)));
      if (!(kg > 0)) return;
      const e = exchangeAtBottom(tank, kg, 0, 0);
      refreshTemperatures(tank);
      s.acc.loadedOut_kg += kg;
      s.acc.loadedOut_J += e;
      return;
    }
  }
}

/** Least-squares slope per second of v over the `count` samples up to and including j (NaN with under 5). */
function slope(v: Float64Array, j: number, count: number, step_s: number): number {
  let n = 0;
  let st = 0;
  let sv = 0;
  let stt = 0;
  let stv = 0;
  for (let q = Math.max(0, j - count + 1); q <= j; q++) {
    if (!Number.isFinite(v[q])) continue;
    const t = q * step_s;
    n++;
    st += t;
    sv += v[q];
    stt += t * t;
    stv += t * v[q];
  }
  const den = n * stt - st * st;
  return n >= 5 && den > 0 ? (n * stv - st * sv) / den : Number.NaN;
}
