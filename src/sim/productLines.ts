import type { Model } from './plantIndex';
import type { SimState } from './state';
import { viscosity } from './props/bitumen';
import { hasFault } from './faultEffects';

// Product lines and loading arms that freeze (PHYSICS.md §8): one temperature node per product line and
// per arm. A flowing line takes the product's temperature; a stopped one is held by its hot-oil jacket (or
// trace) towards the oil's temperature, or, with the jacket failed, the oil cold or the line unjacketed,
// cools towards ambient. Below the pumping limit it is a plug: a pump started against it lifts its relief
// and trips, and the line must be re-heated first.

/** Pumping needs ≲ 2 Pa·s (PHYSICS.md §8). */
export const PUMPING_LIMIT_PA_S = 2;
const FLOWING_TAU_S = 120; // a flowing line takes the product's temperature within minutes, estimate
const JACKET_TAU_S = 3600; // hot-oil jacket re-heats a full line in about an hour, estimate
const INSULATED_TAU_S = 6 * 3600; // stopped, insulated, unheated: pumpability lost within hours (PHYSICS.md §8), estimate
const BARE_TAU_S = 1.5 * 3600; // stopped and bare, estimate
const JACKET_MIN_OIL_FLOW_KG_S = 1; // below this the loop does not reach the jackets, estimate
const JACKET_MAX_C = 175; // the jacket circuit's own control holds product lines in the storage band, typical

export interface ProductLineDef {
  tag: string;
  kind: 'tankLine' | 'header' | 'armLine' | 'arm';
  tank: number; // tankLine: its tank
  pump: number; // armLine / arm: its loading pump
  arm: number; // arm: its index
  jacketed: boolean;
  tau_s: number; // cooling time constant when stopped and unheated
}

const index = new WeakMap<Model, ProductLineDef[]>();
const limits = new WeakMap<Model, Float64Array>();

/** Each tank's product's pumping-limit temperature, by bisection on its viscosity once per plant. */
function pumpingLimits_C(m: Model): Float64Array {
  let out = limits.get(m);
  if (out) return out;
  out = new Float64Array(m.tanks.length);
  m.tanks.forEach((tm, i) => {
    const props = m.productProps.get(tm.data.product)!;
    let lo = -50;
    let hi = 400;
    for (let k = 0; k < 60; k++) {
      const mid = 0.5 * (lo + hi);
      if (viscosity(props, mid) > PUMPING_LIMIT_PA_S) lo = mid;
      else hi = mid;
    }
    out![i] = hi;
  });
  limits.set(m, out);
  return out;
}

/** The product lines of a plant (pipes of service 'product', then every loading arm), resolved once. */
export function productLineDefs(m: Model): ProductLineDef[] {
  let defs = index.get(m);
  if (defs) return defs;
  defs = [];
  for (const p of m.plant.pipes) {
    if (p.service !== 'product') continue;
    const src = p.flowTag?.split('.')[0] ?? '';
    const tank = m.tankIndex.get(src) ?? -1;
    const pump = m.loadingPumpIndex.get(src) ?? -1;
    const kind = tank >= 0 ? 'tankLine' : pump >= 0 ? 'armLine' : 'header';
    const tau_s = p.insulated ? INSULATED_TAU_S : BARE_TAU_S;
    defs.push({ tag: p.tag, kind, tank, pump, arm: -1, jacketed: p.jacketed, tau_s });
  }
  m.arms.forEach((a, i) =>
    // the arm is a DN100 heat-jacketed swivel line (PHYSICS.md §6), insulated
    defs!.push({ tag: a.tag, kind: 'arm', tank: -1, pump: a.pump, arm: i, jacketed: true, tau_s: INSULATED_TAU_S }),
  );
  index.set(m, defs);
  return defs;
}

export interface ProductLineState {
  temp_C: number;
  src: number; // the tank whose product it holds
  plugged: boolean; // below the pumping limit
}

export function newProductLines(m: Model, tankTemps_C: number[]): ProductLineState[] {
  return productLineDefs(m).map((d) => {
    const src = d.tank >= 0 ? d.tank : 0;
    return { temp_C: tankTemps_C[src], src, plugged: false };
  });
}

function heatingFailed(s: SimState, tag: string): boolean {
  for (let i = 0; i < s.faults.length; i++) {
    const f = s.faults[i].fault;
    if (f.kind === 'lineHeatingFailure' && f.line === tag) return true;
  }
  return false;
}

/** The tank feeding the loading header: the one giving the most through its outlet, or −1. */
function loadingSource(s: SimState): number {
  let best = -1;
  let q = 1e-6;
  for (let i = 0; i < s.tanks.length; i++)
    if (s.tanks[i].outFlow_kg_s > q && s.tanks[i].outletPos_frac > 0) {
      q = s.tanks[i].outFlow_kg_s;
      best = i;
    }
  return best;
}

function flowingNow(s: SimState, d: ProductLineDef): boolean {
  if (d.kind === 'tankLine') return s.tanks[d.tank].outFlow_kg_s > 1e-6;
  if (d.kind === 'header') return s.loadingHeaderFlow_m3_s > 1e-9;
  if (d.kind === 'armLine') return s.loadingPumps[d.pump].flow_m3_s > 1e-9;
  return s.loadingPumps[d.pump].flow_m3_s > 1e-9 && s.arms[d.arm].position === 'lowered';
}

// 1 − exp(−dt/τ) of each time constant above: a line takes one of four, so four exponentials when dt
// changes instead of one per line per step (the same expression, so the same doubles)
const relax = { dt_s: Number.NaN, flowing: 0, jacket: 0, insulated: 0, bare: 0 };
function updateRelax(dt: number): void {
  relax.dt_s = dt;
  relax.flowing = 1 - Math.exp(-dt / FLOWING_TAU_S);
  relax.jacket = 1 - Math.exp(-dt / JACKET_TAU_S);
  relax.insulated = 1 - Math.exp(-dt / INSULATED_TAU_S);
  relax.bare = 1 - Math.exp(-dt / BARE_TAU_S);
}

/** Line temperatures on the last step's flows, then pumps that try to push against a plug. */
export function stepProductLines(m: Model, s: SimState, dt: number): void {
  const defs = productLineDefs(m);
  const lines = s.productLines;
  const feed = loadingSource(s);
  const oilOn = s.hotOil.flow_kg_s > JACKET_MIN_OIL_FLOW_KG_S && !hasFault(s, 'powerFailure');
  const amb = s.weather.ambient_C;
  const limit_C = pumpingLimits_C(m);
  if (dt !== relax.dt_s) updateRelax(dt);
  for (let k = 0; k < defs.length; k++) {
    const d = defs[k];
    const l = lines[k];
    let target = amb;
    let f = d.tau_s === INSULATED_TAU_S ? relax.insulated : relax.bare;
    if (flowingNow(s, d)) {
      if (d.kind !== 'tankLine' && feed >= 0) l.src = feed;
      target = s.tanks[l.src].T_C[0]; // tanks give from their bottom
      f = relax.flowing;
    } else if (d.jacketed && oilOn && !heatingFailed(s, d.tag) && s.hotOil.supply_C > l.temp_C) {
      target = Math.min(s.hotOil.supply_C, JACKET_MAX_C);
      f = relax.jacket;
    }
    l.temp_C += (target - l.temp_C) * f; // exact for a first-order node: no overshoot at any dt
    l.plugged = l.temp_C < limit_C[l.src]; // viscosity above the pumping limit
  }
  tripAgainstPlugs(m, s, defs);
}

/** A gear pump started against a plug dead-heads: its relief lifts and the motor trips on overload. */
function tripAgainstPlugs(m: Model, s: SimState, defs: ProductLineDef[]): void {
  const lines = s.productLines;
  for (let p = 0; p < s.loadingPumps.length; p++) {
    const pump = s.loadingPumps[p];
    if (!pump.running) continue;
    let plug = -1;
    for (let k = 0; k < defs.length && plug < 0; k++) {
      const d = defs[k];
      if (!lines[k].plugged) continue;
      if ((d.kind === 'armLine' || d.kind === 'arm') && d.pump === p) plug = k;
      else if (d.kind === 'header') plug = k;
      else if (d.kind === 'tankLine' && s.tanks[d.tank].outletPos_frac > 0.5) plug = k;
    }
    if (plug < 0) continue;
    pump.running = false;
    pump.reliefOpen = true;
    s.events.push({
      type: 'trip',
      t_s: s.t_s,
      tag: m.plant.loading.pumps[p].tag,
      cause: `relief lifted and motor tripped: ${defs[plug].tag} plugged below the pumping limit; re-heat it first`,
    });
  }
  const tr = s.transfer;
  if (tr.active) {
    for (let k = 0; k < defs.length; k++) {
      const d = defs[k];
      if (d.kind !== 'tankLine' || !lines[k].plugged || (d.tank !== tr.from && d.tank !== tr.to)) continue;
      tr.active = false;
      s.events.push({
        type: 'trip',
        t_s: s.t_s,
        tag: m.plant.transfer.pump,
        cause: `relief lifted and motor tripped: ${d.tag} plugged below the pumping limit; re-heat it first`,
      });
      break;
    }
  }
}
