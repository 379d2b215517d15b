import type { PlantData } from '../sim/plant/schema';
import { forecastQuality, TRACE_EVERY_S, type ForecastRequest, type QualityForecast } from './forecast';
import { specWindow } from './spec';

// What to do about a forecast out of spec: change the tank's set point (and put its heating back on) so the
// outlet comes into the spec window with a guard margin, and say by when. Checked, not guessed: the forecast
// is run again with the change made now, and the latest time to make it (the first loading out of spec less
// the time the change took to move the tank's mean temperature by the shortfall) is checked by a run with the
// change made then, and once more at half that time; where both fail, the advice is "now". The outlet draws the
// product below the coil, which the coil warms only slowly, so "now" is often the honest answer.

/** Aim this far inside the spec window, K. */
export const GUARD_K = 2;
/** Set points stay this far under the tank's high-temperature alarm, K. */
export const ALARM_GAP_K = 1;

export interface Advice {
  tank: string;
  controller: string;
  from_C: number;
  setpoint_C: number;
  /** Latest time to make the change, s after the forecast's start (0: now, late or not). */
  by_s: number;
  /** A what-if with the change made then (by_s) brings every loading of this tank into spec. */
  verified: boolean;
  heatingWasOff: boolean;
  /** Another tank of the product forecast in spec (with the guard) at the first loading out of spec, or null. */
  alternative: string | null;
  text: string;
}

export interface ForecastWithAdvice extends QualityForecast {
  advice: Advice[];
  /** The what-if forecast with every advised change made now (null when nothing was out of spec). */
  whatIf: QualityForecast | null;
}

/** Where the outlet of the first loading out of spec lies against the window, per tank. */
interface Need {
  tank: number;
  first_s: number;
  /** Signed change wanted at the outlet, K (+ warmer). */
  shift_K: number;
  setpoint_C: number;
}

function needs(plant: PlantData, fc: QualityForecast): Need[] {
  const out = new Map<number, Need>();
  for (const f of fc.loadings) {
    if (f.check.status !== 'low' && f.check.status !== 'high') continue;
    const i = plant.tanks.findIndex((t) => t.tag === f.tank);
    const product = plant.products.find((p) => p.id === f.product)!;
    const w = specWindow(product.spec!, product.viscosity);
    const shift = f.check.status === 'low' ? w.min_C + GUARD_K - f.outletMin_C : w.max_C - GUARD_K - f.outletMax_C;
    const n = out.get(i) ?? { tank: i, first_s: f.start_s, shift_K: 0, setpoint_C: fc.tanks[i].setpoint_C };
    n.first_s = Math.min(n.first_s, f.start_s);
    if (Math.abs(shift) > Math.abs(n.shift_K)) n.shift_K = shift;
    const alarm = plant.tanks[i].alarms.tempHigh_C - ALARM_GAP_K;
    const hi = Math.min(w.max_C - GUARD_K, alarm);
    const tr = fc.tanks[i];
    // heating off and its set point above what is wanted: putting it back on is the change
    const sp =
      !tr.heatingOn && n.shift_K > 0 && tr.setpoint_C >= w.min_C + GUARD_K ? tr.setpoint_C : tr.setpoint_C + n.shift_K;
    n.setpoint_C = Math.max(w.min_C + GUARD_K, Math.min(hi, Math.ceil(sp)));
    out.set(i, n);
  }
  return [...out.values()];
}

/** The forecast, and where it is out of spec the changes that fix it, checked by what-if runs. */
export function forecastWithAdvice(req: ForecastRequest): ForecastWithAdvice {
  const base = forecastQuality(req);
  const wanted = needs(req.plant, base);
  if (!wanted.length) return { ...base, advice: [], whatIf: null };
  const tag = (n: Need) => req.plant.tanks[n.tank].tag;
  const now = wanted.map((n) => ({ tank: tag(n), setpoint_C: n.setpoint_C }));
  const whatIf = forecastQuality({ ...req, actions: [...(req.actions ?? []), ...now] });
  // the latest time for each change: the first bad loading less the time the change made now took to move the
  // tank's mean temperature by the shift wanted (the coil heats the bulk; the truck draws it down to the outlet)
  const by = wanted.map((n) => latestChange_s(base, whatIf, n));
  const inSpec = (fc: QualityForecast, n: Need) =>
    fc.loadings.filter((f) => f.tank === tag(n)).every((f) => f.check.status !== 'low' && f.check.status !== 'high');
  // each later time is checked by a run with the change made then; one too late is halved once, then "now"
  const confirmed = wanted.map(() => 0);
  for (let tryK = 0; tryK < 2 && by.some((b) => b > 0); tryK++) {
    const later = wanted.map((n, k) => ({ tank: tag(n), setpoint_C: n.setpoint_C, at_s: by[k] }));
    const delayed = forecastQuality({ ...req, actions: [...(req.actions ?? []), ...later] });
    wanted.forEach((n, k) => {
      if (!(by[k] > 0)) return;
      if (inSpec(delayed, n)) {
        confirmed[k] = by[k];
        by[k] = 0;
      } else by[k] = tryK === 0 ? Math.floor(by[k] / 2 / TRACE_EVERY_S) * TRACE_EVERY_S : 0;
    });
  }
  const advice = wanted.map((n, k) =>
    adviceFor(req.plant, base, n, confirmed[k], confirmed[k] > 0 || inSpec(whatIf, n)),
  );
  return { ...base, advice, whatIf };
}

/** Latest time to make the change, s after the start; 0 when it is already late (or never enough). */
function latestChange_s(base: QualityForecast, whatIf: QualityForecast, n: Need): number {
  const tr = base.tanks[n.tank];
  const wi = whatIf.tanks[n.tank];
  for (let k = 0; k < tr.t_s.length && k < wi.t_s.length; k++) {
    const gain = wi.mean_C[k] - tr.mean_C[k];
    if (n.shift_K > 0 ? gain >= n.shift_K : gain <= n.shift_K)
      return Math.max(0, Math.floor((n.first_s - wi.t_s[k] - TRACE_EVERY_S) / TRACE_EVERY_S) * TRACE_EVERY_S);
  }
  return 0;
}

function adviceFor(plant: PlantData, base: QualityForecast, n: Need, by_s: number, verified: boolean): Advice {
  const td = plant.tanks[n.tank];
  const tr = base.tanks[n.tank];
  const steps: string[] = [];
  if (!tr.heatingOn) steps.push(`put the heating on (${td.coil.blockValveTag} open, ${td.control.tag} in auto)`);
  const dir = n.setpoint_C > tr.setpoint_C ? 'raise' : 'lower';
  if (n.setpoint_C !== tr.setpoint_C)
    steps.push(`${dir} the ${td.control.tag} set point from ${tr.setpoint_C} to ${n.setpoint_C} °C`);
  else steps.push(`at its set point of ${tr.setpoint_C} °C`);
  const when = by_s > 0 ? `by ${fmtAfter(by_s, base.now_ms)}` : 'now';
  const alt = alternativeTank(plant, base, n);
  const instead = alt ? `load from ${alt.tank} instead (outlet ${alt.outlet_C.toFixed(1)} °C then)` : 'load later';
  const outcome = verified
    ? `the forecast then keeps ${td.tag} in spec${alt ? `; or ${instead}` : ''}`
    : `even so it stays out of spec at the loading at ${fmtAfter(n.first_s, base.now_ms)}: ${instead}`;
  return {
    tank: td.tag,
    controller: td.control.tag,
    from_C: tr.setpoint_C,
    setpoint_C: n.setpoint_C,
    by_s,
    verified,
    heatingWasOff: !tr.heatingOn,
    alternative: alt?.tank ?? null,
    text: `${td.tag}: ${steps.join(', ')} ${when}; ${outcome}`,
  };
}

/** The tank of the same product whose outlet is forecast furthest inside the window at the first bad loading. */
function alternativeTank(plant: PlantData, base: QualityForecast, n: Need): { tank: string; outlet_C: number } | null {
  const td = plant.tanks[n.tank];
  const product = plant.products.find((p) => p.id === td.product)!;
  const w = specWindow(product.spec!, product.viscosity);
  let best: { tank: string; outlet_C: number; margin: number } | null = null;
  base.tanks.forEach((tr, i) => {
    if (i === n.tank || tr.product !== td.product) return;
    const k = Math.min(tr.t_s.length - 1, Math.floor(n.first_s / TRACE_EVERY_S));
    const t = tr.outlet_C[k];
    const margin = Math.min(t - w.min_C, w.max_C - t);
    if (margin >= GUARD_K && (!best || margin > best.margin)) best = { tank: tr.tank, outlet_C: t, margin };
  });
  return best;
}

/** "+5.5 h" or, with a source time, the UTC clock time. */
export function fmtAfter(s: number, now_ms: number): string {
  if (Number.isFinite(now_ms)) return new Date(now_ms + s * 1000).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
  return `+${(s / 3600).toFixed(1)} h`;
}
