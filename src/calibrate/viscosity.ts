import { parseLimsCsv } from '../productQuality/limsCsv';
import { correctedPlant, fitProducts } from '../productQuality/waltherFit';
import type { FieldError } from '../sim/plant/load';
import type { PlantData } from '../sim/plant/schema';
import type { Estimate } from './calibrate';

/**
 * The products' viscosity parameters from LIMS samples: the product-quality part's Walther fit
 * (src/productQuality/waltherFit.ts) applied to the plant before the thermal fit, since the coil's outside
 * film depends on the viscosity (a viscosity error would otherwise land in the coil factors).
 */

export interface ViscosityFit {
  plant: PlantData;
  estimates: Estimate[];
  /** Rows of the CSV left out, by line and column. */
  rowErrors: FieldError[];
  samples: number;
}

export function fitViscosity(plant: PlantData, limsCsv: string): ViscosityFit {
  const lims = parseLimsCsv(limsCsv, plant);
  if (lims.samples.length === 0) throw new Error('no viscosity samples of any product of the plant');
  const fits = fitProducts(plant, lims.samples);
  const fixed = correctedPlant(plant, fits);
  if (!fixed.ok) throw new Error(`the fitted viscosity makes the plant invalid: ${fixed.errors[0].message}`);
  const estimates: Estimate[] = [];
  for (const f of fits)
    for (const [k, v, sd, ci] of [
      ['A', f.A, f.sdA, f.ci95A],
      ['B', f.B, f.sdB, f.ci95B],
    ] as const)
      estimates.push({
        name: `${f.product}.viscosity.${k}`,
        unit: '1',
        initial: f.before[k],
        value: v,
        sd,
        lo95: v - ci,
        hi95: v + ci,
      });
  return { plant: fixed.value, estimates, rowErrors: lims.errors, samples: lims.samples.length };
}
