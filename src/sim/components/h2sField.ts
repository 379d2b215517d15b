import type { Model } from '../plantIndex';
import type { SimState } from '../state';

// The H2S field round the roof hatches, for a portable detector: each hatch is a source whose strength
// is the hatch detector's concentration, spreading as a Gaussian puff (σ ≈ 3 m in light wind, estimate),
// so 60 ppm at the hatch reads ≈ 8 ppm two paces away and nothing at the foot of the stair.
export const H2S_SPREAD_M = 3;

export function h2sAt(m: Model, s: SimState, x: number, y: number, z: number): number {
  let c = 0;
  for (let i = 0; i < m.tanks.length; i++) {
    const t = s.tanks[i];
    if (t.h2s_ppm <= 0.01) continue;
    const d = m.tanks[i].data;
    const r = d.diameter_m / 2;
    const hx = d.position.x + r * 0.6; // the hatch, as drawn
    const hy = d.ringWallHeight_m + d.shellHeight_m + Math.tan((d.roof.slope_deg * Math.PI) / 180) * r * 0.4;
    const hz = d.position.z;
    const d2 = (x - hx) ** 2 + (y - hy) ** 2 + (z - hz) ** 2;
    c += t.h2s_ppm * Math.exp(-d2 / (2 * H2S_SPREAD_M * H2S_SPREAD_M));
  }
  return c;
}
