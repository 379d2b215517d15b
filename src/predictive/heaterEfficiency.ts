import type { PlantData } from '../sim/plant/schema';
import { align, type Sample, type SeriesSource } from './series';
import { assessDegradation, type Degradation, type DegradationOptions } from './degradation';
import { fmtDate, type Finding } from './findings';

// Heater efficiency drift: the fuel fired is the firing rate times the burner's rating (the rated fuel input,
// capacity / design efficiency: the heat the firing tag `H-201.fuel` counts at full fire), the heat the oil
// takes up is `H-201.duty`. Their ratio is the efficiency; its loss against the design figure (soot on the
// convection tubes, excess air, a worn burner) is trended. Samples near minimum fire or with no duty are left
// out (a burner in standby or lighting off says nothing of its efficiency).

export interface HeaterEfficiencyOptions extends Partial<DegradationOptions> {
  /** Samples below this firing (fraction) above the heater's minimum are left out (default 0.05). */
  firingMargin_frac?: number;
  maxAge_ms?: number;
}

export interface HeaterEfficiency extends Degradation {
  heater: string;
  design_frac: number;
  finding: Finding | null;
}

/** Efficiency-point loss samples (design − measured efficiency, fraction) from H-201.duty and H-201.firing. */
export function efficiencyLosses(plant: PlantData, src: SeriesSource, o: HeaterEfficiencyOptions = {}): Sample[] {
  const h = plant.hotOil.heater;
  const rows = align([src(`${h.tag}.duty`), src(`${h.tag}.firing`)], o.maxAge_ms ?? 60_000);
  const rating_W = h.capacity_W / h.efficiency;
  const minF = h.minFiring + (o.firingMargin_frac ?? 0.05);
  const out: Sample[] = [];
  for (const r of rows) {
    const [duty_kW, firing_pct] = r.v;
    const f = firing_pct / 100;
    if (f < minF || !(duty_kW > 0)) continue;
    out.push({ t_ms: r.t_ms, v: h.efficiency - (duty_kW * 1000) / (f * rating_W) });
  }
  return out;
}

export function heaterEfficiency(
  plant: PlantData,
  src: SeriesSource,
  o: HeaterEfficiencyOptions = {},
): HeaterEfficiency {
  const h = plant.hotOil.heater;
  const d = assessDegradation(efficiencyLosses(plant, src, o), { threshold_frac: 0.03, limit_frac: 0.08, ...o });
  const res: HeaterEfficiency = { heater: h.tag, design_frac: h.efficiency, ...d, finding: null };
  if (!d.verdict || !d.current || !d.trend) return res;
  const pts = (x: number) => `${(100 * x).toFixed(1)} points`;
  const eff = h.efficiency - d.current.value;
  res.finding = {
    kind: 'heaterEfficiency',
    asset: h.tag,
    finding: d.verdict.degradedNow
      ? `${h.tag} efficiency ${(100 * eff).toFixed(1)} % against ${(100 * h.efficiency).toFixed(0)} % design`
      : `${h.tag} efficiency falling: ${pts(o.limit_frac ?? 0.08)} lost about ${fmtDate(d.limitAt!.t_ms)}`,
    evidence:
      `loss ${pts(d.current.value)} ± ${pts(d.current.sd)}, trend ${pts(d.trend.slope_per_s * 86400 * 30)} per 30 d ` +
      `(${d.trend.n} hourly means of duty / (firing × ${(h.capacity_W / h.efficiency / 1e6).toFixed(2)} MW rating), ` +
      `${fmtDate(d.trend.from_s * 1000)} – ${fmtDate(d.current.t_ms)})`,
    priority: d.verdict.priority,
    detected_ms: d.current.t_ms,
    due_ms: d.verdict.due_ms,
    action: `Inspect ${h.tag}: burner and air-fuel ratio (flue-gas O₂), soot on the convection section, refractory; tune or clean`,
    figures: {
      efficiency_frac: eff,
      efficiencyLoss_frac: d.current.value,
      efficiencyLossSd_frac: d.current.sd,
      efficiencyLossRate_frac_per_d: d.trend.slope_per_s * 86400,
    },
  };
  return res;
}
