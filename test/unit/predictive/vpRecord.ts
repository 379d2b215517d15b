import { defaultPlant } from '../../../src/sim/plant/default';
import type { Sample, SeriesSource } from '../../../src/predictive/series';
import { nextGaussian } from '../../../src/sim/rng';
import { coilCapacity } from '../../../src/predictive/capacity';
import { damagedPlant } from '../../../src/virtualPlant/hidden';
import { makePlant, T0_MS, virtualPlantMapping } from '../virtualPlant/harness';
import { hiddenFromSeed } from '../../../src/virtualPlant/hidden';
import { TankFilter } from '../../../src/estimate/tankFilter';
import { TankFeed } from '../../../src/estimate/feed';

// A recorded run of the virtual plant for the predictive tests: the mapped tags as the historian would hold
// them (one sample a minute) and the twin's tank filter's fouling and wall-loss estimates for one coil (an
// hourly sample, as published), optionally with wear the twin is not told of — a hot-oil pump losing head,
// the heater losing efficiency, one coil fouling fast — and the truth to score against.

export const DAY_S = 86400;
const DT_S = 10;
const SAMPLE_EVERY = 6; // steps: one sample a minute
export const FOUL_TANK = 'TK-101';
/** TK-101's hidden lagging damage: its insulation conducts this many times the design. */
export const FOUL_TANK_INSULATION = 1.4;

export interface Wear {
  /** P-201A's shut-off head lost per day from `from_d`, fraction. */
  pumpLoss_per_d: number;
  /** Heater efficiency points lost each day from `from_d` (heaterDegradation faults, one a day). */
  heaterLoss_per_d: number;
  /** Extra fouling of FOUL_TANK's coil per day from the start, m²K/W. */
  fouling_per_d: number;
  from_d: number;
}

export interface Recording {
  src: SeriesSource;
  /** The truth at the end. */
  pumpShutoffLoss_frac: number;
  heaterLoss_frac: number;
  /** The coil's fouling (truth) per hour, for the filter stand-in, and the true crossing of the limit, ms. */
  fouling: { t_ms: number; v: number }[];
  trueCrossing_ms: number;
  trueLimit_m2K_W: number;
  end_ms: number;
}

export function record(seed: number, days: number, wear: Wear | null): Recording {
  const plant = defaultPlant();
  const mapping = virtualPlantMapping();
  const hidden = hiddenFromSeed(seed, plant, mapping);
  hidden.tanks[FOUL_TANK] = { fouling_m2K_W: 0.004, insulationFactor: FOUL_TANK_INSULATION };
  const vp = makePlant({ seed, hidden, dt_s: DT_S });
  const data = new Map<string, Sample[]>(vp.tags.map((t) => [t.tag, []]));
  const shutoff0 = vp.sim.model.hydraulics.pumpShutoff_Pa[0];
  const ti = plant.tanks.findIndex((t) => t.tag === FOUL_TANK);
  const fouling: { t_ms: number; v: number }[] = [];
  // the twin's own estimate of that coil: its tank filter fed the mapped tags a minute at a time, on a site
  // whose transmitters were calibrated to a tenth of their offsets (as a calibrated mapping reads them) and
  // the filter told so — uncalibrated, ±1.5 K TT offsets leave the fouling trend too uncertain to project
  const filter = new TankFilter(plant, FOUL_TANK, { prior: { coilOutOffset_sd_K: 0.15, supplyOffset_sd_K: 0.15 } });
  const feed = new TankFeed([FOUL_TANK]);
  const feedTags = feed.tags.filter((t) => data.has(t));
  const est = {
    fouling: [] as Sample[],
    fouling_sd: [] as Sample[],
    wall_loss: [] as Sample[],
    wall_loss_sd: [] as Sample[],
  };
  const steps = (days * DAY_S) / DT_S;
  let heaterLoss = 0;
  for (let k = 1; k <= steps; k++) {
    const t_s = k * DT_S;
    const d = t_s / DAY_S;
    if (wear) {
      vp.sim.state.tanks[ti].fouling_m2K_W += (wear.fouling_per_d * DT_S) / DAY_S;
      if (d > wear.from_d)
        vp.sim.model.hydraulics.pumpShutoff_Pa[0] = shutoff0 * (1 - wear.pumpLoss_per_d * (d - wear.from_d));
      if (wear.heaterLoss_per_d > 0 && t_s % DAY_S === 0 && d > wear.from_d && k < steps) {
        vp.sim.command(
          { type: 'injectFault', fault: { kind: 'heaterDegradation', efficiencyLoss_frac: wear.heaterLoss_per_d } },
          'instructor',
        );
        heaterLoss += wear.heaterLoss_per_d;
      }
    }
    vp.step(1, T0_MS + t_s * 1000);
    if (k % SAMPLE_EVERY === 0) {
      for (const t of vp.tags) {
        const v = vp.value(t.tag);
        if (v.status === 'good' && v.v !== null) data.get(t.tag)!.push({ t_ms: v.ts_ms, v: v.v });
      }
      for (const t of feedTags) {
        const v = vp.value(t);
        const bias = hidden.sensors[t]?.bias ?? 0;
        feed.set(t, v.v === null ? null : v.v - 0.9 * bias, v.status === 'good');
      }
      filter.update(SAMPLE_EVERY * DT_S, feed.inputs(0), feed.obs(0));
      feed.clearObs();
    }
    if (t_s % 3600 === 0) {
      const ts = T0_MS + t_s * 1000;
      fouling.push({ t_ms: ts, v: vp.sim.state.tanks[ti].fouling_m2K_W });
      for (const e of filter.estimates()) {
        if (e.name !== 'fouling' && e.name !== 'wall_loss') continue;
        est[e.name].push({ t_ms: ts, v: e.value });
        est[`${e.name}_sd`].push({ t_ms: ts, v: e.sd });
      }
    }
  }
  // the true limit: the balance on the true plant (its hidden insulation damage included)
  const limit = coilCapacity(damagedPlant(plant, hidden), FOUL_TANK).criticalFouling_m2K_W;
  const first = fouling[0];
  const last = fouling[fouling.length - 1];
  const rate_per_ms = (last.v - first.v) / (last.t_ms - first.t_ms); // the wear plus the model's own growth law
  return {
    src: (tag) =>
      tag.startsWith(`${FOUL_TANK}.est.`)
        ? (est[tag.slice(FOUL_TANK.length + 5) as keyof typeof est] ?? [])
        : (data.get(tag) ?? []),
    pumpShutoffLoss_frac: 1 - vp.sim.model.hydraulics.pumpShutoff_Pa[0] / shutoff0,
    heaterLoss_frac: heaterLoss,
    fouling,
    trueCrossing_ms: last.t_ms + (limit - last.v) / rate_per_ms,
    trueLimit_m2K_W: limit,
    end_ms: T0_MS + days * DAY_S * 1000,
  };
}

/**
 * The recording with the coil's fouling estimate replaced by the truth plus Gaussian error of a stated sd (an
 * estimator meeting its specification: within ±10 % of the value at 2 sd), and the wall-loss factor known to
 * ±0.05: isolates the forecast (limit, trend, band) from how well the filter tracks fast fouling.
 */
export function withSpecEstimates(r: Recording, seed: number, wallLoss: number): SeriesSource {
  const g = { rng: seed >>> 0 };
  const est: Sample[] = [];
  const sd: Sample[] = [];
  for (const x of r.fouling) {
    const s = 0.05 * x.v;
    est.push({ t_ms: x.t_ms, v: x.v + s * nextGaussian(g) });
    sd.push({ t_ms: x.t_ms, v: s });
  }
  const wl = [{ t_ms: r.end_ms, v: wallLoss + 0.05 * nextGaussian(g) }];
  const wlSd = [{ t_ms: r.end_ms, v: 0.05 }];
  const by: Record<string, Sample[]> = { fouling: est, fouling_sd: sd, wall_loss: wl, wall_loss_sd: wlSd };
  return (tag) => (tag.startsWith(`${FOUL_TANK}.est.`) ? (by[tag.slice(FOUL_TANK.length + 5)] ?? []) : r.src(tag));
}
