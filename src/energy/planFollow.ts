import type { HeatingPlan } from '../sim/control/mpc/schema';
import type { ForecastAction } from '../productQuality/forecast';

// Following the plan without the model-predictive controller: each tank's PI loop given the plan's target
// as its set point, stepped at the plan's samples. A PI loop lags its set point, so each set point is the
// highest target of the next `lead_s` (the loop starts heating when the plan does, not an hour after).

/** Set point changes that follow the plan, as the quality forecast's actions (s after the plan's start). */
export function planSetpoints(plan: HeatingPlan, lead_s = 2 * 3600): ForecastAction[] {
  const out: ForecastAction[] = [];
  const ahead = Math.max(0, Math.round(lead_s / plan.step_s));
  for (const t of plan.tanks) {
    let last = Number.NaN;
    for (let k = 0; k < t.target_C.length; k++) {
      let sp = t.target_C[k];
      for (let j = k + 1; j <= Math.min(t.target_C.length - 1, k + ahead); j++) sp = Math.max(sp, t.target_C[j]);
      sp = Math.round(sp * 10) / 10; // a tenth of a kelvin, as an operator would key it
      if (sp !== last) out.push({ tank: t.tag, setpoint_C: sp, at_s: k * plan.step_s });
      last = sp;
    }
  }
  return out.sort((a, b) => (a.at_s ?? 0) - (b.at_s ?? 0) || a.tank.localeCompare(b.tank));
}
