import type { Fault } from '../sim/faults';
import type { PlantData } from '../sim/plant/schema';

// The fault library as hypotheses for a root-cause ranking: each process-fault kind at each place it can
// be (every tank's coil, valve and lagging; the heater), plus "no fault". A hypothesis with a size (a
// leak rate, a damage factor) carries the range that size may take and a probe size to simulate first;
// the ranking fits the size to the data (rootCause.ts), so the library never needs to guess it right.

export type HypothesisKind =
  'none' | 'coilLeak' | 'valveStuck' | 'insulationDamage' | 'foulingStep' | 'heaterDegradation';

export interface Hypothesis {
  /** Stable id: `<kind>` or `<kind>:<place>` (coilLeak:TK-103). */
  id: string;
  kind: HypothesisKind;
  /** The tank (or the heater) it is at; '' for no fault. */
  where: string;
  /** The fault for a size (ignored by sizeless hypotheses); null for no fault. */
  fault: (size: number) => Fault | null;
  /** The size's range and unit; null when the hypothesis has no size (a stuck valve, no fault). */
  size: { min: number; max: number; probe: number; unit: string } | null;
  /**
   * How the effect grows with the size, 0 at no effect: the ranking scales the probe's simulated effect by
   * effect(size)/effect(probe) to fit the size by least squares, then simulates the fitted size.
   */
  effect?: (size: number) => number;
}

/** The wall conductance of lagging damaged by factor f, relative: the lagging dominates, so ≈ 1 − 1/f. */
const insulationEffect = (f: number) => 1 - 1 / f;

/** Every hypothesis for the plant: no fault first, then per tank, then the heater. */
export function hypothesisLibrary(plant: PlantData): Hypothesis[] {
  const out: Hypothesis[] = [{ id: 'none', kind: 'none', where: '', fault: () => null, size: null }];
  for (const t of plant.tanks) {
    const tank = t.tag;
    out.push(
      {
        id: `coilLeak:${tank}`,
        kind: 'coilLeak',
        where: tank,
        fault: (rate_kg_s) => ({ kind: 'coilLeak', tank, rate_kg_s }),
        // the fault schema's range; a leak under 0.05 kg/s hides in the level noise for hours
        size: { min: 0.05, max: 5, probe: 0.5, unit: 'kg/s' },
        effect: (x) => x,
      },
      {
        id: `valveStuck:${tank}`,
        kind: 'valveStuck',
        where: tank,
        fault: () => ({ kind: 'valveStuck', valve: t.coil.valveTag }),
        size: null,
      },
      {
        id: `insulationDamage:${tank}`,
        kind: 'insulationDamage',
        where: tank,
        fault: (factor) => ({ kind: 'insulationDamage', tank, factor }),
        size: { min: 1.2, max: 20, probe: 3, unit: '×' },
        effect: insulationEffect,
      },
      {
        id: `foulingStep:${tank}`,
        kind: 'foulingStep',
        where: tank,
        fault: (add_m2K_W) => ({ kind: 'foulingStep', tank, add_m2K_W }),
        size: { min: 0.001, max: 0.1, probe: 0.01, unit: 'm²K/W' },
        // the duty goes as 1/(R0 + add) with R0 ≈ 0.03 m²K/W (a clean coil's 1/U, PHYSICS.md §4)
        effect: (x) => x / (0.03 + x),
      },
    );
  }
  const heater = plant.hotOil.heater;
  out.push({
    id: `heaterDegradation:${heater.tag}`,
    kind: 'heaterDegradation',
    where: heater.tag,
    fault: (efficiencyLoss_frac) => ({ kind: 'heaterDegradation', efficiencyLoss_frac }),
    size: { min: 0.01, max: Math.min(0.5, heater.efficiency - 0.1), probe: 0.05, unit: 'efficiency' },
    effect: (x) => x,
  });
  return out;
}

/** Where the effect function is monotone: the size whose effect is e (bisection over the range). */
export function sizeForEffect(h: Hypothesis, e: number): number {
  const sz = h.size!;
  const f = h.effect ?? ((x: number) => x);
  let lo = sz.min;
  let hi = sz.max;
  if (e <= f(lo)) return lo;
  if (e >= f(hi)) return hi;
  for (let k = 0; k < 50; k++) {
    const mid = 0.5 * (lo + hi);
    if (f(mid) < e) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** A short label for a hypothesis and its fitted size. */
export function hypothesisLabel(h: Hypothesis, size: number | null): string {
  const s = size === null || !h.size ? '' : ` (${fmt(size)} ${h.size.unit})`;
  switch (h.kind) {
    case 'none':
      return 'no fault';
    case 'coilLeak':
      return `coil leak in ${h.where}${s}`;
    case 'valveStuck':
      return `${h.where} coil valve stuck`;
    case 'insulationDamage':
      return `${h.where} insulation damaged${s}`;
    case 'foulingStep':
      return `${h.where} coil fouled${s}`;
    case 'heaterDegradation':
      return `${h.where} efficiency loss${s}`;
  }
}

function fmt(x: number): string {
  return Math.abs(x) >= 0.1 ? x.toFixed(2) : x.toPrecision(2);
}
