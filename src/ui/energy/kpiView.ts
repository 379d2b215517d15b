// The running plant's figures as the Energy panel prints them, from the KPI accumulator's report
// (src/energy/kpi.ts KpiReport: the fields read here). Pure, tested without a page.

export interface KpiTankFigures {
  tag: string;
  bandMin_C: number;
  bandMax_C: number;
  outside_s: number;
  overshoot_K: number;
  trucks: number;
  misses: number;
  /** Time the tank's loop was on MPC, s. */
  mpc_s: number;
}

export interface KpiFigures {
  duration_s: number;
  fuel_GJ: number;
  storedChange_GJ: number;
  fuelCorrected_GJ: number;
  heaterStarts: number;
  trucks: number;
  misses: number;
  /** Share of the tanks' time on MPC, 0..1. */
  mpcShare_frac: number;
  tanks: KpiTankFigures[];
}

export interface KpiLines {
  duration_h: string;
  fuel_GJ: string;
  fuelCorrected_GJ: string;
  storedChange_GJ: string;
  heaterStarts: string;
  misses: string;
  mpcShare: string;
  tanks: { tag: string; band: string; outside_h: string; overshoot_K: string; misses: string; mpc_h: string }[];
}

const gj = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : '—');
const signed = (v: number) => (Number.isFinite(v) ? `${v > 0 ? '+' : ''}${v.toFixed(2)}` : '—');
const hours = (s: number) => (s / 3600).toFixed(1);

export function kpiLines(r: KpiFigures): KpiLines {
  return {
    duration_h: hours(r.duration_s),
    fuel_GJ: gj(r.fuel_GJ),
    fuelCorrected_GJ: gj(r.fuelCorrected_GJ),
    storedChange_GJ: signed(r.storedChange_GJ),
    heaterStarts: String(r.heaterStarts),
    misses: `${r.misses} / ${r.trucks}`,
    mpcShare: `${(100 * r.mpcShare_frac).toFixed(0)} %`,
    tanks: r.tanks.map((t) => ({
      tag: t.tag,
      band: `${t.bandMin_C.toFixed(0)}–${t.bandMax_C.toFixed(0)}`,
      outside_h: hours(t.outside_s),
      // nothing above the set point yet reads 0.0, never a negative "overshoot"
      overshoot_K: Math.max(0, t.overshoot_K).toFixed(1),
      misses: `${t.misses} / ${t.trucks}`,
      mpc_h: hours(t.mpc_s),
    })),
  };
}
