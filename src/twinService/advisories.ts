import { AnomalyDetector, type AnomalyOptions } from '../diagnose/anomaly';
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
  private readonly byTank = new Map<string, string[]>();

  /** `tags`: the measured tags; each tank's own (`<tank>.…`) go with its step as its readings. */
  constructor(
    private readonly publish: (list: AdvisoryList) => void,
    private readonly tags: readonly string[],
    opts?: AnomalyOptions,
  ) {
    this.detector = new AnomalyDetector(opts);
  }

  private tankTags(tank: string): string[] {
    let t = this.byTank.get(tank);
    if (!t) this.byTank.set(tank, (t = this.tags.filter((x) => x.startsWith(`${tank}.`))));
    return t;
  }

  step(t_ms: number, v: StepValues, twin: TwinView): void {
    for (const tank of twin.tanks) {
      const f = twin.filter(tank);
      const est = f?.estimates() ?? [];
      if (!f || est.length === 0) continue; // not started (or just restarted): nothing to test yet
      // the detector compares the redundant elements among them (temp against temp_hh), as the filter read them
      const measured: Record<string, number> = {};
      for (const tag of this.tankTags(tank)) measured[tag] = v.obs(tag);
      this.detector.push(tank, t_ms / 1000, f.innovations(), est, measured);
    }
    // JSON carries a NaN of an evidence trend as null (the schema allows it)
    this.publish({ updated_ms: t_ms, active: this.detector.active() as AdvisoryList['active'] });
  }
}
