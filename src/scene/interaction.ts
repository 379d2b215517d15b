// Turning a handwheel: the angle swept round the wheel's centre, clockwise (seen from above) closes.
// A valve of N turns moves 1/N of its travel per full turn.

/** Signed angle from a to b, wrapped to (−π, π]. */
export function angleDelta(a: number, b: number): number {
  let d = b - a;
  while (d > Math.PI) d -= 2 * Math.PI;
  while (d <= -Math.PI) d += 2 * Math.PI;
  return d;
}

/** New opening after turning by `swept` radians (clockwise positive, as atan2(dz, dx) grows seen from above). */
export function openingAfterTurn(opening0: number, swept: number, turnsToOpen: number): number {
  return Math.min(1, Math.max(0, opening0 - swept / (2 * Math.PI * turnsToOpen)));
}

export const ARM_CYCLE = ['parked', 'overTruck', 'lowered'] as const;
