// A PI(D-less) controller in velocity-free position form with conditional-integration anti-windup,
// bumpless transfer (the integral is back-calculated from the current output when entering auto) and
// a set-point ramp. Output is 0..1. Plain functions over plain state, so it snapshots with the plant.

export interface PiTuning {
  kp: number; // output per unit of error
  ti_s: number; // integral time
}

export interface PiMemory {
  integral: number;
  output_frac: number;
}

/** One step of a PI loop; `bias` is a feed-forward added to the output. Returns the new output. */
export function piStep(mem: PiMemory, tune: PiTuning, setpoint: number, pv: number, bias: number, dt: number): number {
  const e = setpoint - pv;
  const p = tune.kp * e;
  const candidateI = mem.integral + (tune.kp * e * dt) / tune.ti_s;
  const raw = p + candidateI + bias;
  // integrate only while the output is not saturated in the direction the error pushes it
  const saturatedHigh = raw > 1 && e > 0;
  const saturatedLow = raw < 0 && e < 0;
  if (!saturatedHigh && !saturatedLow) mem.integral = candidateI;
  const out = Math.min(1, Math.max(0, p + mem.integral + bias));
  mem.output_frac = out;
  return out;
}

/** Bumpless transfer to automatic: choose the integral so the next output equals the current one. */
export function piTrack(mem: PiMemory, tune: PiTuning, setpoint: number, pv: number, bias: number): void {
  mem.integral = mem.output_frac - tune.kp * (setpoint - pv) - bias;
}

/** Move a working set point towards its target no faster than rate per second. */
export function ramp(current: number, target: number, ratePerS: number, dt: number): number {
  const step = ratePerS * dt;
  if (target > current + step) return current + step;
  if (target < current - step) return current - step;
  return target;
}
