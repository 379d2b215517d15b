import { AnomalyDetector, type AnomalyOptions } from '../diagnose/anomaly';
import { REDUNDANT_PAIRS } from '../diagnose/anomalyClassify';
import type { AdvisoryList } from '../protocol/live';
import type { StepValues } from './service';
import type { TwinView } from './view';

/**
 * The anomaly detection after each filter step: every started tank's innovations, estimates and its redundant
 * elements' readings into one detector (src/diagnose/anomaly.ts), and the full list of active advisories
 * published retained (a page that joins later sees them at once; an empty list clears them).
 */
export class TwinAdvisories {
  readonly detector: AnomalyDetector;

  constructor(
    private readonly publish: (list: AdvisoryList) => void,
    opts?: AnomalyOptions,
  ) {
    this.detector = new AnomalyDetector(opts);
  }

  step(t_ms: number, v: StepValues, twin: TwinView): void {
    for (const tank of twin.tanks) {
      const f = twin.filter(tank);
      const est = f?.estimates() ?? [];
      if (!f || est.length === 0) continue; // not started (or just restarted): nothing to test yet
      const measured: Record<string, number> = {};
      for (const [a, b] of REDUNDANT_PAIRS) {
        measured[`${tank}.${a}`] = v.latest(`${tank}.${a}`);
        measured[`${tank}.${b}`] = v.latest(`${tank}.${b}`);
      }
      this.detector.push(tank, t_ms / 1000, f.innovations(), est, measured);
    }
    // JSON carries a NaN of an evidence trend as null (the schema allows it)
    this.publish({ updated_ms: t_ms, active: this.detector.active() as AdvisoryList['active'] });
  }
}
