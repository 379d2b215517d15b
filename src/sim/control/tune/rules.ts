import type { PiTuning } from '../pid';
import type { LoopModel, TuneRule } from './types';

// Tuning rules on the relay's ultimate gain and period, and the relay's limit cycle on a model worked out
// exactly (not by the describing function), so that a model from any source (a step test, the RLS
// estimate) is tuned by the same rule as the relay experiment itself.

/** PI from the ultimate gain Ku (output per K) and period Pu (s). */
export function ruleGains(rule: TuneRule, Ku: number, Pu_s: number): PiTuning {
  // Tyreus & Luyben (1992): Kc = Ku/3.2, Ti = 2.2·Pu; Ziegler & Nichols (1942): Kc = 0.45·Ku, Ti = Pu/1.2
  return rule === 'tyreus-luyben' ? { kp: Ku / 3.2, ti_s: 2.2 * Pu_s } : { kp: 0.45 * Ku, ti_s: Pu_s / 1.2 };
}

/** Ultimate gain of a relay of half-amplitude d whose limit cycle has half-amplitude a: 4d/(πa) (Åström–Hägglund). */
export const relayKu = (d: number, a: number): number => (4 * d) / (Math.PI * a);

/**
 * The limit cycle a symmetric relay (±d about the output holding the load, hysteresis ±ε on the PV) keeps
 * on the model, exactly. For a FOPDT K·e^(−Ls)/(Ts+1): the PV runs on for L after a switch at ±ε and peaks
 * at a = Kd − (Kd − ε)·e^(−L/T); it then crosses ∓ε after L + T·ln((Kd + a)/(Kd − ε)), the half-period.
 * For an integrator k·e^(−Ls)/s (T → ∞): a = ε + k·d·L, Pu = 4L + 4ε/(k·d). Null when the relay cannot
 * drive the PV past its hysteresis (Kd ≤ ε).
 */
export function relayCycle(m: LoopModel, d: number, eps: number): { a_K: number; Pu_s: number } | null {
  if (m.kind === 'ipdt') {
    const kd = m.k_K_s * d;
    if (!(kd > 0)) return null;
    return { a_K: eps + kd * m.L_s, Pu_s: 4 * m.L_s + (4 * eps) / kd };
  }
  const Kd = m.K_K * d;
  if (!(Kd > eps)) return null;
  const a = Kd - (Kd - eps) * Math.exp(-m.L_s / m.T_s);
  return { a_K: a, Pu_s: 2 * (m.L_s + m.T_s * Math.log((Kd + a) / (Kd - eps))) };
}

/** The rule's PI on a model, through the relay cycle the model would keep (d, ε as the loop's relay). */
export function modelGains(m: LoopModel, d: number, eps: number, rule: TuneRule): PiTuning | null {
  const c = relayCycle(m, d, eps);
  return c && ruleGains(rule, relayKu(d, c.a_K), c.Pu_s);
}

/**
 * The dead time that explains a measured peak a beyond the hysteresis on a model without one (the inverse
 * of relayCycle's amplitude): L = T·ln((Kd − ε)/(Kd − a)), an integrator's (a − ε)/(k·d). 0 if a ≤ ε.
 */
export function delayFromOvershoot(m: LoopModel, d: number, eps: number, a: number): number {
  if (!(a > eps)) return 0;
  if (m.kind === 'ipdt') return (a - eps) / (m.k_K_s * d);
  const Kd = m.K_K * d;
  if (!(Kd > a)) return 0;
  return m.T_s * Math.log((Kd - eps) / (Kd - a));
}
