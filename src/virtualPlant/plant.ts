import type { Mapping, TagMapping } from '../scada/mapping';
import type { PlantData } from '../sim/plant/schema';
import { Simulation } from '../sim/simulation';
import type { Command } from '../sim/commands';
import { nextGaussian } from '../sim/rng';
import { damagedPlant, type Hidden } from './hidden';

// The virtual plant's core: the project's Simulation with the hidden parameters applied, read through the
// mapping the way a control system would see it (each instrument's bias and noise on top of the model's
// value), plus sensor faults a test or a demo injects on purpose. No timers and no clock: the caller steps
// it and says what time it is, so tests drive it without the wall clock (runner.ts runs it in real time).

/** What the plant serves for one mapped tag now: the engineering value, the source's status, the source time. */
export interface ServedValue {
  v: number | null;
  status: 'good' | 'bad';
  /** Why bad ("BadSensorFailure"). */
  reason?: string;
  ts_ms: number;
}

/** A fault of the instrument behind a mapped tag, on top of the hidden bias and noise. */
export type SensorFault =
  /** Reads beyond its calibrated range (default: 10 % of the span above the top) with a good status. */
  | { kind: 'outOfRange'; value?: number }
  /** Holds the value it read when the fault came (a frozen transmitter), status good. */
  | { kind: 'stuck' }
  /** Extra white noise of this standard deviation, engineering units. */
  | { kind: 'noisy'; sigma: number }
  /** A calibration drift: reads off by rate × plant time since the fault came, engineering units per hour. */
  | { kind: 'drift'; rate_per_h: number }
  /** The source itself reports the instrument failed: OPC UA BadSensorFailure, a Modbus exception 4. */
  | { kind: 'bad'; reason?: string };

export interface VirtualPlantOptions {
  plant: PlantData;
  mapping: Mapping;
  hidden: Hidden;
  /** Seed of the model's own generator and of the measurement noise. */
  seed?: number;
  /** Fixed model step, s (default the plant file's). */
  dt_s?: number;
  /** Time of the first sample, ms since epoch. */
  start_ms: number;
}

export type WriteResult = { ok: true } | { ok: false; reason: string };

export class VirtualPlant {
  readonly sim: Simulation;
  readonly mapping: Mapping;
  readonly hidden: Hidden;
  private readonly tagIdx: number[];
  private readonly byTag = new Map<string, number>();
  private readonly served: ServedValue[];
  private readonly faults: (SensorFault | undefined)[];
  private readonly held: number[];
  /** Plant time each tag's drift started, s. */
  private readonly driftFrom_s: number[];
  private readonly noise: { rng: number };
  private readonly listeners = new Set<() => void>();

  constructor(o: VirtualPlantOptions) {
    this.mapping = o.mapping;
    this.hidden = o.hidden;
    this.sim = new Simulation(damagedPlant(o.plant, o.hidden), { seed: o.seed ?? 1, dt_s: o.dt_s });
    o.plant.tanks.forEach((t, i) => {
      const f = o.hidden.tanks[t.tag]?.fouling_m2K_W;
      if (f) this.sim.state.tanks[i].fouling_m2K_W = f;
    });
    this.noise = { rng: ((o.seed ?? 1) * 2654435761) >>> 0 };
    this.tagIdx = o.mapping.tags.map((t) => {
      const i = this.sim.tagIndex.get(t.tag);
      if (i === undefined) throw new Error(`the plant has no tag "${t.tag}" (mapping)`);
      return i;
    });
    o.mapping.tags.forEach((t, k) => this.byTag.set(t.tag, k));
    this.served = o.mapping.tags.map(() => ({ v: null, status: 'good', ts_ms: o.start_ms }));
    this.faults = o.mapping.tags.map(() => undefined);
    this.held = o.mapping.tags.map(() => 0);
    this.driftFrom_s = o.mapping.tags.map(() => 0);
    this.sample(o.start_ms);
  }

  get tags(): readonly TagMapping[] {
    return this.mapping.tags;
  }

  /** Plant time, s. */
  get t_s(): number {
    return this.sim.state.t_s;
  }

  /** Advance the model n fixed steps, then take the instruments' readings at time ts_ms. */
  step(n: number, ts_ms: number): void {
    this.sim.step(n);
    this.sample(ts_ms);
  }

  /** Called after every sample (the servers push the new values). Returns the unsubscribe. */
  onSample(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** What the instruments read now: model value + hidden bias + hidden and injected noise, through faults. */
  sample(ts_ms: number): void {
    const tags = this.mapping.tags;
    for (let k = 0; k < tags.length; k++) {
      const t = tags[k];
      const out = this.served[k];
      const f = this.faults[k];
      out.ts_ms = ts_ms;
      out.status = 'good';
      out.reason = undefined;
      if (f?.kind === 'bad') {
        out.v = null;
        out.status = 'bad';
        out.reason = f.reason ?? 'BadSensorFailure';
        continue;
      }
      if (f?.kind === 'stuck') {
        out.v = this.held[k];
        continue;
      }
      if (f?.kind === 'outOfRange') {
        out.v = f.value ?? t.range[1] + 0.1 * (t.range[1] - t.range[0]);
        continue;
      }
      out.v = this.measured(k, f?.kind === 'noisy' ? f.sigma : 0);
      if (f?.kind === 'drift') out.v += (f.rate_per_h * (this.sim.state.t_s - this.driftFrom_s[k])) / 3600;
    }
    for (const fn of this.listeners) fn();
  }

  private measured(k: number, extraSigma: number): number {
    const t = this.mapping.tags[k];
    const truth = this.sim.tags[this.tagIdx[k]].read(this.sim.state);
    const h = this.hidden.sensors[t.tag];
    let v = truth;
    if (h) v += h.bias + (h.sigma > 0 ? h.sigma * nextGaussian(this.noise) : 0);
    if (extraSigma > 0) v += extraSigma * nextGaussian(this.noise);
    return Number.isFinite(v) ? v : 0;
  }

  /** The value served for a mapped tag now (the same object is updated in place by the next sample). */
  value(tag: string): ServedValue {
    const k = this.byTag.get(tag);
    if (k === undefined) throw new Error(`the mapping has no tag "${tag}"`);
    return this.served[k];
  }

  valueAt(k: number): ServedValue {
    return this.served[k];
  }

  /** Inject a sensor fault on a mapped tag; it shows from the next sample (at once for the servers: sampled now). */
  injectSensorFault(tag: string, fault: SensorFault, ts_ms: number = this.served[0]?.ts_ms ?? 0): void {
    const k = this.byTag.get(tag);
    if (k === undefined) throw new Error(`the mapping has no tag "${tag}"`);
    if (fault.kind === 'stuck') this.held[k] = this.served[k].v ?? this.measured(k, 0);
    if (fault.kind === 'drift') this.driftFrom_s[k] = this.sim.state.t_s;
    this.faults[k] = fault;
    this.sample(ts_ms);
  }

  /** Clear the fault on one tag, or on every tag. */
  clearSensorFault(tag?: string, ts_ms: number = this.served[0]?.ts_ms ?? 0): void {
    if (tag === undefined) this.faults.fill(undefined);
    else {
      const k = this.byTag.get(tag);
      if (k === undefined) throw new Error(`the mapping has no tag "${tag}"`);
      this.faults[k] = undefined;
    }
    this.sample(ts_ms);
  }

  /** A write from the control system (OPC UA or Modbus) to a writable tag, as a plant command. */
  write(tag: string, value: number, ts_ms: number = this.served[0]?.ts_ms ?? 0): WriteResult {
    const k = this.byTag.get(tag);
    if (k === undefined) return { ok: false, reason: `no tag "${tag}"` };
    if (!this.mapping.tags[k].writable) return { ok: false, reason: `${tag} is read-only` };
    if (!Number.isFinite(value)) return { ok: false, reason: 'not a finite number' };
    const c = commandFor(tag, value);
    if (!c) return { ok: false, reason: `${tag} has no plant command` };
    const r = this.sim.command(c, 'instructor');
    // a set point reads back at once, as a controller's would; the rest follows with the model's next step
    this.sample(ts_ms);
    return r.ok ? r : { ok: false, reason: r.reason };
  }

  /** The hidden parameters, for scoring an estimator (never served). */
  reveal(): Hidden {
    return structuredClone(this.hidden);
  }
}

/** The plant command a write to a tag stands for: `<TK/H>.setpoint` → setSetpoint, `<pump>.running` → setPump. */
function commandFor(tag: string, value: number): Command | null {
  const dot = tag.lastIndexOf('.');
  const equip = tag.slice(0, dot);
  switch (tag.slice(dot + 1)) {
    case 'setpoint':
      return { type: 'setSetpoint', tag: equip, value_C: value };
    case 'running':
      return { type: 'setPump', tag: equip, run: value >= 0.5 };
    default:
      return null;
  }
}
