import type { PlantData } from '../sim/plant/schema';
import type { Estimate } from './calibrate';
import { residualVariance } from './lm';
import type { Recording } from './recording';

/**
 * The heater's efficiency: fuel heat input = duty / η (src/sim/step.ts, tags.ts `<H>.fuel`). Nothing else in
 * the model depends on η (the shadow's heater works to the measured supply temperature), so it is observable
 * only where the fuel input is measured (a gas meter × calorific value, as `<H>.fuel`, kW) beside the duty.
 * Then it is one parameter, linear in c = 1/η: fuel = c·duty, over the samples where both were measured at
 * the same time and the burner fired. c = Σfuel/Σduty (the ratio estimator: unlike Σfd/Σd² it is not pulled
 * down by the duty meter's own noise), var(c) = s²·n/(Σduty)²; η = 1/c, its interval mapped through 1/c.
 */

export interface HeaterFit {
  estimate: Estimate;
  samples: number;
}

/** Duty below this is the burner at standby or lighting off, kW: no efficiency to read from it. */
const MIN_DUTY_KW = 50;
const Z95 = 1.959964;

export function fitHeaterEfficiency(rec: Recording, plant: PlantData): HeaterFit | null {
  const H = plant.hotOil.heater.tag;
  const iDuty = rec.tags.indexOf(`${H}.duty`);
  const iFuel = rec.tags.indexOf(`${H}.fuel`);
  if (iDuty < 0 || iFuel < 0) return null;
  const duty = new Map<number, number>();
  for (let j = 0; j < rec.tag.length; j++)
    if (rec.tag[j] === iDuty && rec.q[j] === 0 && rec.v[j] > MIN_DUTY_KW) duty.set(rec.ts_ms[j], rec.v[j]);
  const x: number[] = [];
  const y: number[] = [];
  for (let j = 0; j < rec.tag.length; j++) {
    if (rec.tag[j] !== iFuel || rec.q[j] !== 0 || !Number.isFinite(rec.v[j])) continue;
    const d = duty.get(rec.ts_ms[j]);
    if (d === undefined) continue;
    x.push(d);
    y.push(rec.v[j]);
  }
  if (x.length < 10) return null;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < x.length; i++) {
    sx += x[i];
    sy += y[i];
  }
  const c = sy / sx;
  const r = Float64Array.from(x, (xi, i) => y[i] - c * xi);
  const { s2 } = residualVariance([r], 1);
  const sdC = Math.sqrt((s2 * x.length) / (sx * sx));
  const eta = 1 / c;
  const initial = plant.hotOil.heater.efficiency;
  return {
    samples: x.length,
    estimate: {
      name: `${H}.efficiency`,
      unit: '1',
      initial,
      value: eta,
      sd: sdC / (c * c),
      lo95: 1 / (c + Z95 * sdC),
      hi95: 1 / Math.max(c - Z95 * sdC, 1e-9),
    },
  };
}
