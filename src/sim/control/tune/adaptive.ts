import { rlsFeed, rlsModel } from './rls';
import { modelGains } from './rules';
import { APPLIED_RULE } from './relay';
import type { LoopTune } from './types';

// Adaptive mode: the loop's model is estimated online by RLS with forgetting (rls.ts) from the output it
// holds and the PV it gets, and the PI re-tuned from the estimate by the auto-tuner's own rule (through the
// relay cycle the model would keep, rules.ts). Guards: a sample that moved neither the PV nor the output
// is not taken (excitation dead zone; forgetting would otherwise wind the covariance up); no re-tune before
// ADAPT_MIN_SAMPLES samples, nor from an estimate that is not a heating loop (b ≤ 0) or not a stable or
// integrating one; the gains stay within ADAPT_BOUND of the loop's own either way.

export const ADAPT_MIN_SAMPLES = 30;
export const ADAPT_RETUNE_EVERY = 10;
export const ADAPT_BOUND = 10;

/** Feed one plant step (output u held over dt, PV y at its end); re-tunes t.kpNow / t.tiNow_s now and then. */
export function adaptStep(
  t: LoopTune,
  u: number,
  y: number,
  dt: number,
  excitation: number,
  relay: { d: number; eps: number },
): void {
  const r = t.rls;
  if (r === undefined || !rlsFeed(r, u, y, dt, excitation)) return;
  t.sinceRetune = (t.sinceRetune ?? 0) + 1;
  if (r.n < ADAPT_MIN_SAMPLES || t.sinceRetune < ADAPT_RETUNE_EVERY) return;
  t.sinceRetune = 0;
  const model = rlsModel(r);
  const g = model && modelGains(model, relay.d, relay.eps, APPLIED_RULE);
  if (!g || !Number.isFinite(g.kp) || !Number.isFinite(g.ti_s)) return;
  t.kpNow = bounded(g.kp, t.kp);
  t.tiNow_s = bounded(g.ti_s, t.ti_s);
}

const bounded = (x: number, base: number) => Math.min(base * ADAPT_BOUND, Math.max(base / ADAPT_BOUND, x));
