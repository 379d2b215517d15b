import type { Fault } from '../../../src/sim/faults';
import { defaultPlant } from '../../../src/sim/plant/default';
import type { PlantData } from '../../../src/sim/plant/schema';
import { hourOfDay } from '../../../src/sim/components/weather';
import type { Recording } from '../../../src/diagnose/rootCause';
import type { TankParams } from '../../../src/diagnose/rootCauseReplay';
import { nextRandom } from '../../../src/sim/rng';
import { makePlant, T0_MS, virtualPlantMapping } from '../virtualPlant/harness';
import type { VirtualPlant } from '../../../src/virtualPlant/plant';

// A root-cause trial on the virtual plant: hidden fouling, lagging, instrument bias and noise from the seed;
// the plant settles, the process fault comes, and the window after it is recorded as the control system
// sees it (every mapped tag once a minute). The twin knows only the plant file and the recording.

export const SAMPLE_S = 60;

export interface Trial {
  /** The fault injected at the onset; null in a fault-free trial. */
  fault: Fault | null;
  plant: PlantData;
  rec: Recording;
  hourOfDay: number;
  /** What the state estimator hands the ranking: each tank's fouling and lagging, to its ±10 % accuracy. */
  tankParams: TankParams[];
  /** When the fault came, s into the recording (what an advisory's onset gives the ranking). */
  onset_s: number;
}

/** The estimator's error on a parameter: uniform within ±10 % (its test's bound), from the seed. */
function estimated(x: number, r: { rng: number }): number {
  return x * (1 + 0.2 * (nextRandom(r) - 0.5));
}

export interface TrialOptions {
  /** Hours the plant runs before the recording starts, fault-free before the fault (default 2, 1). */
  settle_h?: number;
  lead_h?: number;
  /** Hours recorded after the fault (default 3). */
  window_h?: number;
  /** The operators' set-point change after the fault: tank and kelvin (a valve is asked to move). */
  setpointStep?: { tank: string; dT_K: number; after_s: number };
}

/** A fault built once the settled plant is known (a loop fault needs a tank whose loop is controlling). */
export type FaultFor = (
  vp: VirtualPlant,
  seed: number,
) => { fault: Fault; setpointStep?: TrialOptions['setpointStep'] };

/** The tanks whose coil valve is modulating (between 5 and 95 %): their loops respond to a disturbance. */
export function controllingTanks(vp: VirtualPlant): string[] {
  return vp.sim.model.tanks
    .filter((_, i) => {
      const v = vp.sim.state.tanks[i].valvePos_frac;
      return v > 0.05 && v < 0.95;
    })
    .map((t) => t.tag);
}

export function runTrial(seed: number, faultFor: Fault | FaultFor | null, o: TrialOptions = {}): Trial {
  const plant = defaultPlant();
  const vp = makePlant({ seed, plant, mapping: virtualPlantMapping(), dt_s: 10 });
  const perSample = SAMPLE_S / 10;
  const settle_h = o.settle_h ?? 2;
  vp.step(Math.round((settle_h * 3600) / 10), T0_MS);
  const t0_ms = T0_MS + settle_h * 3.6e6;
  const hour = hourOfDay(vp.sim.state);
  vp.sample(t0_ms);
  const tags = vp.tags.map((t) => t.tag);
  const lead = Math.round(((o.lead_h ?? 1) * 3600) / SAMPLE_S);
  const n = lead + Math.round(((o.window_h ?? 3) * 3600) / SAMPLE_S) + 1;
  const values = tags.map(() => new Float64Array(n));
  // each sample is the mean of the minute's readings (one a model step), as the historian's 1-minute tier
  // stores them and the root-cause route reads them
  const sum = new Float64Array(tags.length);
  const cnt = new Float64Array(tags.length);
  const read = () =>
    tags.forEach((_, k) => {
      const v = vp.valueAt(k);
      if (v.status === 'good' && v.v !== null) {
        sum[k] += v.v;
        cnt[k]++;
      }
    });
  const take = (j: number) =>
    tags.forEach((_, k) => {
      values[k][j] = cnt[k] ? sum[k] / cnt[k] : Number.NaN;
      sum[k] = cnt[k] = 0;
    });
  read();
  take(0);
  let fault: Fault | null = typeof faultFor === 'function' ? null : faultFor;
  const fn = typeof faultFor === 'function' ? faultFor : null;
  let sp = o.setpointStep;
  for (let j = 1; j < n; j++) {
    if (j === lead + 1 && fn) {
      const f = fn(vp, seed);
      fault = f.fault;
      sp = f.setpointStep ?? sp;
    }
    if (j === lead + 1 && fault) {
      const ok = vp.sim.command({ type: 'injectFault', fault }, 'instructor');
      if (!ok.ok) throw new Error(ok.reason);
    }
    if (sp && j === lead + 1 + Math.round(sp.after_s / SAMPLE_S)) {
      const v = vp.value(`${sp.tank}.setpoint`).v ?? 0;
      vp.write(`${sp.tank}.setpoint`, v + sp.dT_K);
    }
    for (let q = 1; q <= perSample; q++) {
      vp.step(1, t0_ms + ((j - 1) * SAMPLE_S + q * 10) * 1000);
      read();
    }
    take(j);
  }
  const r = { rng: (seed * 7919) >>> 0 };
  const tankParams = plant.tanks.map((t) => {
    const h = vp.hidden.tanks[t.tag];
    return {
      tag: t.tag,
      fouling_m2K_W: estimated(h?.fouling_m2K_W ?? 0, r),
      insulationFactor: 1 + estimated((h?.insulationFactor ?? 1) - 1, r),
    };
  });
  return {
    fault,
    plant,
    rec: { t0_ms, step_s: SAMPLE_S, tags, values },
    hourOfDay: hour,
    tankParams,
    onset_s: lead * SAMPLE_S,
  };
}
