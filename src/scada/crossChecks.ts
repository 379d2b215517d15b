import type { CrossCheck } from './mapping';

// Cross-checks between instruments: each compares one instrument (the target) against what the others say
// it should read, and names the disagreement. Inputs are used only while their own quality is good; a
// check that lacks a good input says nothing (neither pass nor fail). Pure and browser-safe.

/** What a tag's own checks (source, range, rate, flatline) made of its latest reading. */
export interface Observation {
  v: number | null;
  good: boolean;
  ts_ms: number;
}

/** Tank data a level/mass balance needs: the shell's cross-section and the product's density at a temperature. */
export interface TankInfo {
  area_m2: number;
  density_kg_m3(T_C: number): number;
  /** The tank's temperature tag, for the density (none: the reference density at 15 °C). */
  tempTag?: string;
}
export type TankLookup = (tank: string) => TankInfo | undefined;

/** A balance is re-referenced to the radar after this long passing, so metering error cannot build up. */
export const REBASE_MS = 3_600_000;

const f = (x: number) => String(+x.toPrecision(4));

interface Check {
  target: string;
  inputs: string[];
  /** The disagreement in words, null (agrees, or cannot be judged now), or undefined (no new verdict). */
  evaluate(tag: string, obs: Observation, latest: ReadonlyMap<string, Observation>): string | null | undefined;
}

const goodValue = (o: Observation | undefined): number | null => (o && o.good && o.v !== null ? o.v : null);

function levelMassBalance(c: Extract<CrossCheck, { kind: 'levelMassBalance' }>, tanks?: TankLookup): Check | null {
  const tank = tanks?.(c.tank);
  if (!tank) return null;
  const flows = [...c.inflowTags.map((t) => [t, 1] as const), ...c.outflowTags.map((t) => [t, -1] as const)];
  const held = new Map<string, number>(); // each flow's last good value, held until the next (kg/s)
  let ref: { mass_kg: number; t0_ms: number; last_ms: number } | null = null;
  const rho = (latest: ReadonlyMap<string, Observation>) =>
    tank.density_kg_m3((tank.tempTag ? goodValue(latest.get(tank.tempTag)) : null) ?? 15);
  /** Integrate the held net inflow up to ts (zero-order hold between samples). */
  const advance = (ts_ms: number) => {
    if (!ref || ts_ms <= ref.last_ms) return;
    let net = 0;
    for (const [t, sign] of flows) net += sign * (held.get(t) ?? 0);
    ref.mass_kg += (net * (ts_ms - ref.last_ms)) / 1000;
    ref.last_ms = ts_ms;
  };
  return {
    target: c.levelTag,
    inputs: [c.levelTag, ...flows.map(([t]) => t), ...(tank.tempTag ? [tank.tempTag] : [])],
    evaluate(tag, obs, latest) {
      if (tag !== c.levelTag) {
        if (!flows.some(([t]) => t === tag)) return undefined;
        const v = goodValue(obs);
        advance(obs.ts_ms);
        if (v === null) {
          ref = null; // a flow we cannot read: the balance is unknown until it returns
          held.delete(tag);
        } else held.set(tag, v);
        return undefined; // judged when the radar reads next
      }
      const level = goodValue(obs);
      if (level === null || flows.some(([t]) => !held.has(t))) {
        ref = null;
        return null;
      }
      const r = rho(latest);
      if (!ref || obs.ts_ms - ref.t0_ms > REBASE_MS) {
        ref = { mass_kg: level * tank.area_m2 * r, t0_ms: obs.ts_ms, last_ms: obs.ts_ms };
        return null;
      }
      advance(obs.ts_ms);
      const predicted = ref.mass_kg / (tank.area_m2 * r);
      if (Math.abs(level - predicted) <= c.tolerance_m) return null;
      return `level ${f(level)} m but ${f(predicted)} m from the mass balance of metered flows (±${c.tolerance_m} m)`;
    },
  };
}

function tempProfile(c: Extract<CrossCheck, { kind: 'tempProfile' }>): Check {
  return {
    target: c.controlTag,
    inputs: [c.controlTag, ...c.profileTags],
    evaluate(_tag, _obs, latest) {
      const v = goodValue(latest.get(c.controlTag));
      const profile = c.profileTags.map((t) => goodValue(latest.get(t)));
      if (v === null || profile.some((p) => p === null)) return null;
      const lo = Math.min(...(profile as number[])) - c.tolerance_K;
      const hi = Math.max(...(profile as number[])) + c.tolerance_K;
      if (v >= lo && v <= hi) return null;
      return `${f(v)} °C outside the layer profile ${f(lo)}–${f(hi)} °C (±${c.tolerance_K} K)`;
    },
  };
}

/** Multiplier from a duty tag's unit to W. */
const DUTY_UNIT: Record<string, number> = { W: 1, kW: 1e3, MW: 1e6 };

function heaterDuty(c: Extract<CrossCheck, { kind: 'heaterDuty' }>, dutyUnit: string): Check {
  const toW = DUTY_UNIT[dutyUnit] ?? 1;
  return {
    target: c.dutyTag,
    inputs: [c.dutyTag, c.flowTag, c.supplyTag, c.returnTag],
    evaluate(_tag, _obs, latest) {
      const [duty, flow, supply, ret] = [c.dutyTag, c.flowTag, c.supplyTag, c.returnTag].map((t) =>
        goodValue(latest.get(t)),
      );
      if (duty === null || flow === null || supply === null || ret === null) return null;
      const expected_W = flow * c.cp_J_kgK * (supply - ret);
      if (Math.abs(duty * toW - expected_W) <= c.tolerance_frac * Math.abs(expected_W)) return null;
      const pct = Math.round(c.tolerance_frac * 100);
      return `duty ${f(duty)} ${dutyUnit} but ${f(expected_W / toW)} ${dutyUnit} from flow × cp × ΔT (±${pct} %)`;
    },
  };
}

/**
 * All the cross-checks of a mapping. `update` takes each tag's reading as its own checks judged it, and
 * returns the targets whose cross-check verdict changed (reason, or null when it now passes).
 */
export class CrossChecker {
  private checks: Check[] = [];
  private byInput = new Map<string, Check[]>();
  private latest = new Map<string, Observation>();
  private reasons = new Map<string, string>(); // per target: its failing checks' reasons, merged
  private perCheck: (string | null)[] = [];

  constructor(checks: readonly CrossCheck[], units: ReadonlyMap<string, string>, tanks?: TankLookup) {
    for (const c of checks) {
      const k =
        c.kind === 'levelMassBalance'
          ? levelMassBalance(c, tanks)
          : c.kind === 'tempProfile'
            ? tempProfile(c)
            : heaterDuty(c, units.get(c.dutyTag) ?? 'W');
      if (!k) continue;
      this.checks.push(k);
      this.perCheck.push(null);
      for (const t of new Set(k.inputs)) this.byInput.set(t, [...(this.byInput.get(t) ?? []), k]);
    }
  }

  /** Checks that could not be set up (a level balance for a tank the lookup does not know). */
  static skipped(checks: readonly CrossCheck[], tanks?: TankLookup): string[] {
    return checks.filter((c) => c.kind === 'levelMassBalance' && !tanks?.(c.tank)).map((c) => c.id);
  }

  /** The current cross-check reason for a tag, if any check on it fails. */
  reason(tag: string): string | undefined {
    return this.reasons.get(tag);
  }

  update(tag: string, obs: Observation): Map<string, string | null> {
    const changed = new Map<string, string | null>();
    const checks = this.byInput.get(tag);
    if (!checks) return changed;
    this.latest.set(tag, obs);
    for (const k of checks) {
      const i = this.checks.indexOf(k);
      const r = k.evaluate(tag, obs, this.latest);
      if (r === undefined || r === this.perCheck[i]) continue;
      this.perCheck[i] = r;
      const merged = this.checks
        .map((c, j) => (c.target === k.target ? this.perCheck[j] : null))
        .filter((x): x is string => x !== null)
        .join('; ');
      if ((this.reasons.get(k.target) ?? null) === (merged || null)) continue;
      if (merged) this.reasons.set(k.target, merged);
      else this.reasons.delete(k.target);
      changed.set(k.target, merged || null);
    }
    return changed;
  }
}
