import type { PlantData } from '../sim/plant/schema';
import { hydraulicData } from '../sim/plant/hydraulicData';
import { barToPa, m3hToM3s } from '../sim/units';
import { align, type Sample, type SeriesSource } from './series';
import { assessDegradation, type Degradation, type DegradationOptions } from './degradation';
import { fmtDate, type Finding } from './findings';

// Hot-oil pump health from what the plant measures: each pump's flow (P-201A.flow, m³/h) and the supply–return
// header differential (HO.header_dp, bar). The pump lifts the oil through the heater and then across the
// header (hotOilLoop.ts): its own rise is header Δp + R_heater·Q². Its curve is Δp0·(1 − (Q/Qmax)²) from the
// plant data (shut-off and maximum flow of the running pumps, as the model combines them). The head deficit is
// 1 − measured/curve at the measured flow; only while one pump runs (two in parallel share one Δp and their
// deficits cannot be told apart), with hot oil (cold oil derates a pump by its viscosity, not by wear), and
// away from run-out where the curve's head tends to zero.

export interface PumpHealthOptions extends Partial<DegradationOptions> {
  /** Tag of the header differential pressure (default HO.header_dp). */
  headerDpTag?: string;
  /** Tag of the oil temperature at the pumps' suction (default `<heater>.return_temp`). */
  oilTempTag?: string;
  /** Samples with colder oil are left out, °C (default 150). */
  minOilTemp_C?: number;
  /** A pump counts as running above this share of its maximum flow (default 0.05). */
  runningFlow_frac?: number;
  /** Samples of other tags older than this are not paired (default 60 s). */
  maxAge_ms?: number;
}

export interface PumpHealth extends Degradation {
  pump: string;
  finding: Finding | null;
}

/**
 * Degraded beyond 8 % less head, repair at 20 %: transmitters within ±0.5 % of span on flow and Δp put up to
 * ±4 % on the deficit of a healthy pump at its usual duty, so a lower threshold would flag calibration, not wear.
 */
const DEFAULTS = { threshold_frac: 0.08, limit_frac: 0.2 };

/** Head deficit samples (fraction) of each hot-oil pump, from the tags' histories. */
export function headDeficits(plant: PlantData, src: SeriesSource, o: PumpHealthOptions = {}): Map<string, Sample[]> {
  const ho = plant.hotOil;
  const hd = hydraulicData(plant);
  const rows = align(
    [
      src(o.headerDpTag ?? 'HO.header_dp'),
      src(o.oilTempTag ?? `${ho.heater.tag}.return_temp`),
      ...ho.pumps.map((p) => src(`${p.tag}.flow`)),
    ],
    o.maxAge_ms ?? 60_000,
  );
  const out = new Map<string, Sample[]>(ho.pumps.map((p) => [p.tag, []]));
  const minT = o.minOilTemp_C ?? 150;
  const runFrac = o.runningFlow_frac ?? 0.05;
  for (const r of rows) {
    const [dpBar, oilT, ...flows] = r.v;
    if (oilT < minT) continue;
    let only = -1;
    let running = 0;
    ho.pumps.forEach((p, i) => {
      if (flows[i] > runFrac * p.maxFlow_m3h) {
        running++;
        only = i;
      }
    });
    if (running !== 1) continue;
    const q = m3hToM3s(flows[only]);
    const qMax = hd.pumpMaxFlow_m3_s[only];
    const curve = hd.pumpShutoff_Pa[only] * (1 - (q / qMax) ** 2);
    if (curve < 0.2 * hd.pumpShutoff_Pa[only]) continue; // near run-out the ratio says little
    const rise = barToPa(dpBar) + hd.heaterResistance_Pa_s2_m6 * q * q;
    out.get(ho.pumps[only].tag)!.push({ t_ms: r.t_ms, v: 1 - rise / curve });
  }
  return out;
}

export function pumpHealth(plant: PlantData, src: SeriesSource, o: PumpHealthOptions = {}): PumpHealth[] {
  const deficits = headDeficits(plant, src, o);
  return plant.hotOil.pumps.map((p) => {
    const d = assessDegradation(deficits.get(p.tag) ?? [], { ...DEFAULTS, ...o });
    const res: PumpHealth = { pump: p.tag, ...d, finding: null };
    if (!d.verdict || !d.current || !d.trend) return res;
    const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
    const lim = o.limit_frac ?? DEFAULTS.limit_frac;
    res.finding = {
      kind: 'pumpDegradation',
      asset: p.tag,
      finding: d.verdict.degradedNow
        ? `${p.tag} delivers ${pct(d.current.value)} less head than its curve`
        : `${p.tag} head deficit rising: reaches ${pct(lim)} about ${fmtDate(d.limitAt!.t_ms)}`,
      evidence:
        `head deficit ${pct(d.current.value)} ± ${pct(d.current.sd)}, trend ${pct(d.trend.slope_per_s * 86400 * 30)} per 30 d ` +
        `(${d.trend.n} hourly means ${fmtDate(d.trend.from_s * 1000)} – ${fmtDate(d.current.t_ms)}); curve ${p.shutoff_bar} bar shut-off, ` +
        `${p.maxFlow_m3h} m³/h max; repair limit ${pct(lim)} ${fmtDate(d.limitAt!.early_ms)} – ${fmtDate(d.limitAt!.late_ms)}`,
      priority: d.verdict.priority,
      detected_ms: d.current.t_ms,
      due_ms: d.verdict.due_ms,
      action: `Inspect ${p.tag}: impeller wear and wear-ring clearance, suction strainer, seal; switch to the standby pump and overhaul`,
      figures: {
        headDeficit_frac: d.current.value,
        headDeficitSd_frac: d.current.sd,
        headDeficitRate_frac_per_d: d.trend.slope_per_s * 86400,
        limitAt_ms: d.limitAt!.t_ms,
      },
    };
    return res;
  });
}
