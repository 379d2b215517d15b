import type { PlantData } from '../../sim/plant/schema';
import type { Fault } from '../../sim/faults';
import { Simulation } from '../../sim/simulation';
import { WATER_CP_J_KGK } from '../../sim/components/tankThermal';
import { inRange, tagRanges, type TagRange } from './tagRanges';
import { productEnergy_J } from '../../sim/components/tank';

// One soak: a plant left unattended with faults injected at t = 0, stepped for days, its tags checked
// against their physical ranges at a fixed interval and its mass and energy accounts closed at the end.

export interface Offender {
  tag: string;
  t_s: number;
  value: number;
  lo: number;
  hi: number;
}

export interface SoakResult {
  days: number;
  dt_s: number;
  finite: boolean;
  /** The first out-of-range reading of each offending tag. */
  offenders: Offender[];
  mass: { error_kg: number; throughput_kg: number; rel: number };
  energy: { error_J: number; throughput_J: number; rel: number };
  wall_s: number;
}

/** Inventory of the plant: product and water in tanks and trucks, the oil (kg). */
export function inventory_kg(s: Simulation): number {
  const st = s.state;
  let m = s.model.plant.hotOil.heater.holdup_kg + st.hotOil.mReturn_kg;
  for (const t of st.tanks) m += t.mass_kg + t.water_kg;
  for (const a of st.arms) m += a.truck.mass_kg + a.truck.water_kg;
  return m;
}

/** Stored energy relative to 25 °C: product layers, roofs, free water, oil, trucks at the bays (J). */
export function storedEnergy_J(s: Simulation): number {
  const st = s.state;
  let e =
    s.model.plant.hotOil.heater.holdup_kg * st.hotOil.hHeater_J_kg + st.hotOil.mReturn_kg * st.hotOil.hReturn_J_kg;
  st.tanks.forEach((t, i) => {
    e += productEnergy_J(t) + s.model.tanks[i].roofC_J_K * t.roof_C;
    e += t.water_kg * WATER_CP_J_KGK * (t.water_C - 25);
  });
  for (const a of st.arms) e += a.truck.energy_J;
  return e;
}

/** Mass crossing the plant's boundary or moving between its inventories so far (kg). */
function massThroughput_kg(s: Simulation): number {
  const a = s.state.acc;
  let leaked = 0;
  for (const o of s.state.oilIngress) leaked += o.oil_kg;
  return a.receiptIn_kg + a.loadedOut_kg + a.spilled_kg + a.waterVented_kg + leaked;
}

function massOut_kg(s: Simulation): number {
  const a = s.state.acc;
  return a.loadedOut_kg + a.spilled_kg + a.waterVented_kg - a.receiptIn_kg;
}

function energyIn_J(s: Simulation): number {
  const a = s.state.acc;
  return a.heaterDuty_J + a.mixerWork_J + a.receiptIn_J;
}

function energyOut_J(s: Simulation): number {
  const a = s.state.acc;
  return a.tankLoss_J + a.oilLoss_J + a.steam_J + a.loadedOut_J + a.spilled_J;
}

/** What the soak has seen of the tags so far. */
export interface TagWatch {
  ranges: TagRange[];
  seen: Set<number>;
  offenders: Offender[];
  finite: boolean;
}

/** Read every tag once; note a non-finite value and the first out-of-range reading of each tag. */
export function checkTags(s: Simulation, w: TagWatch): void {
  for (let k = 0; k < s.tags.length; k++) {
    const v = s.tags[k].read(s.state);
    if (!Number.isFinite(v)) w.finite = false;
    if (w.seen.has(k) || inRange(w.ranges[k], v)) continue;
    w.seen.add(k);
    w.offenders.push({ tag: s.tags[k].name, t_s: s.state.t_s, value: v, lo: w.ranges[k].lo, hi: w.ranges[k].hi });
  }
}

export interface SoakOptions {
  days: number;
  dt_s: number;
  faults: Fault[];
  /** Plant time between checks of every tag (s). */
  checkEvery_s?: number;
  seed?: number;
  /** Stop at the first offender (a test needs only one). */
  stopEarly?: boolean;
}

export function soak(plant: PlantData, o: SoakOptions): SoakResult {
  const w0 = performance.now();
  const s = new Simulation(plant, { dt_s: o.dt_s, seed: o.seed ?? 1 });
  for (const f of o.faults) {
    const r = s.command({ type: 'injectFault', fault: f }, 'instructor');
    if (!r.ok) throw new Error(`fault ${JSON.stringify(f)} refused: ${r.reason}`);
  }
  const ranges = tagRanges(s.model, s.tags);
  const m0 = inventory_kg(s);
  const e0 = storedEnergy_J(s);
  const watch: TagWatch = { ranges, seen: new Set(), offenders: [], finite: true };
  const every = Math.max(1, Math.round((o.checkEvery_s ?? 900) / o.dt_s));
  const steps = Math.round((o.days * 86400) / o.dt_s);
  const check = () => checkTags(s, watch);
  check();
  for (let n = 0; n < steps; n += every) {
    s.step(Math.min(every, steps - n));
    s.state.events.length = 0; // a consumer drains the events; thirty days of them would only fill memory
    check();
    if (o.stopEarly && watch.offenders.length) break;
  }
  const mErr = inventory_kg(s) - m0 + massOut_kg(s);
  const mThru = massThroughput_kg(s);
  const eErr = storedEnergy_J(s) - e0 - energyIn_J(s) + energyOut_J(s);
  const eThru = energyIn_J(s) + energyOut_J(s);
  return {
    days: o.days,
    dt_s: o.dt_s,
    finite: watch.finite,
    offenders: watch.offenders,
    mass: { error_kg: mErr, throughput_kg: mThru, rel: Math.abs(mErr) / Math.max(mThru, 1) },
    energy: { error_J: eErr, throughput_J: eThru, rel: Math.abs(eErr) / Math.max(eThru, 1) },
    wall_s: (performance.now() - w0) / 1000,
  };
}
