import type { Model } from '../plantIndex';
import type { SimState } from '../state';

// H2S in each tank's hatch headspace: the concentration relaxes towards the sum of the active release
// faults on that tank. The field round the hatches, for a portable detector, is components/h2sField.ts.

export const H2S_TIME_CONSTANT_S = 30; // hatch headspace response, estimate

export function stepH2s(m: Model, s: SimState, dt: number): void {
  if (s.step === 0) return; // the first step only settles the instruments
  const decay = Math.exp(-dt / H2S_TIME_CONSTANT_S);
  for (let i = 0; i < m.tanks.length; i++) {
    const tag = m.tanks[i].tag;
    const tank = s.tanks[i];
    let src_ppm = 0;
    for (let k = 0; k < s.faults.length; k++) {
      const f = s.faults[k].fault;
      if (f.kind === 'h2sRelease' && f.tank === tag) src_ppm += f.ppm;
    }
    tank.h2s_ppm = src_ppm + (tank.h2s_ppm - src_ppm) * decay;
  }
}
