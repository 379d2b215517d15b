import { describe, expect, it } from 'vitest';
import { AnomalyDetector, type Advisory, type EstimateSample } from '../../../src/diagnose/anomaly';
import { nextGaussian } from '../../../src/sim/rng';

// The detector and the classifier on synthetic innovation streams (white noise of the predicted sd plus a
// fault), fed every 60 s, with fixed seeds.

const DT_S = 60;
const ONSET_S = 6 * 3600;
const TAGS = ['temp', 'temp_bottom', 'temp_top', 'level', 'coil_out_temp'];
const SD = [0.3, 0.25, 0.35, 0.004, 0.5];

interface Fault {
  /** Added to each tag's residual at t_s (by tag suffix). */
  add?: (suffix: string, t_s: number) => number;
  /** Replaces the noise (a stuck reading: only the model's smooth error is left). */
  quiet?: string;
  estimates?: (t_s: number) => EstimateSample[];
}

function run(hours: number, seed: number, fault: Fault = {}, tank = 'TK-101', d = new AnomalyDetector()): Advisory[] {
  const rng = { rng: seed };
  const seen: Advisory[] = [];
  for (let k = 0; k <= (hours * 3600) / DT_S; k++) {
    const t = k * DT_S;
    const inn = TAGS.map((s, j) => {
      const noise = fault.quiet === s && t > ONSET_S ? 0.02 * Math.sin(t / 3000) : nextGaussian(rng);
      // a steady bias of the residual (an uncalibrated instrument): learned, not an anomaly
      return { tag: `${tank}.${s}`, r: 0.4 * SD[j] + SD[j] * noise + (fault.add?.(s, t) ?? 0), sd: SD[j] };
    });
    for (const a of d.push(tank, t, inn, fault.estimates?.(t) ?? [])) if (a.active) seen.push(a);
  }
  return seen;
}

describe('anomaly detector on synthetic innovations', () => {
  it('a 0.5 K/h drift of one temperature is a sensor fault on that tag within the hour', () => {
    const drift = (s: string, t: number) => (s === 'temp_top' && t > ONSET_S ? (0.5 * (t - ONSET_S)) / 3600 : 0);
    const seen = run(9, 7, { add: drift });
    expect(seen.length).toBeGreaterThan(0);
    const a = seen[0];
    expect(a.kind).toBe('sensor');
    expect(a.tag).toBe('TK-101.temp_top');
    expect(a.id).toBe('TK-101.temp_top.ADV_SENSOR');
    expect(a.cause).toMatch(/^drift: reads high/);
    expect(a.raised_s - ONSET_S).toBeLessThanOrEqual(3600);
    expect(a.since_s).toBeGreaterThan(ONSET_S - 3600);
    expect(a.since_s).toBeLessThan(a.raised_s);
    // evidence: the last hours of the residual and the statistics, oldest first, up to now (it grows in place)
    const e = a.evidence;
    expect(e.tag).toBe('TK-101.temp_top');
    expect(e.t_s.at(-1)).toBe(9 * 3600);
    expect(e.t_s[0]).toBe(3 * 3600);
    expect(e.t_s.length).toBe(e.residual.length);
    expect(e.stat.length).toBe(e.t_s.length);
    expect(Math.abs(e.ewma.at(-1)!)).toBeGreaterThan(e.ewmaLimit * 0.9);
    expect(seen.every((x) => x.kind === 'sensor')).toBe(true);
  });

  it('a bias step is a sensor fault, seen in minutes', () => {
    const step = (s: string, t: number) => (s === 'temp_bottom' && t > ONSET_S ? -1.0 : 0);
    const [a] = run(8, 11, { add: step });
    expect(a.kind).toBe('sensor');
    expect(a.tag).toBe('TK-101.temp_bottom');
    expect(a.cause).toMatch(/reads low/);
    expect(a.raised_s - ONSET_S).toBeLessThanOrEqual(15 * 60);
  });

  it('a stuck transmitter is told by its variance collapsing', () => {
    const [a] = run(8, 13, { quiet: 'temp' });
    expect(a.kind).toBe('sensor');
    expect(a.raised_s - ONSET_S).toBeLessThanOrEqual(3600);
    expect(a.tag).toBe('TK-101.temp');
    expect(a.cause).toMatch(/^stuck/);
  });

  it('several residuals of a tank moving together are a process fault', () => {
    // heat lost: every temperature reads below the model, increasingly
    const loss = (s: string, t: number) => (s.startsWith('temp') && t > ONSET_S ? (-0.5 * (t - ONSET_S)) / 3600 : 0);
    const seen = run(9, 17, { add: loss });
    const p = seen.find((a) => a.kind === 'process');
    expect(p).toBeDefined();
    expect(p!.id).toBe('TK-101.ADV_PROCESS');
    expect(p!.related.length).toBeGreaterThan(0);
    // whatever was raised first, the tank ends with the process verdict and no sensor one
    const d = new AnomalyDetector();
    run(9, 17, { add: loss }, 'TK-101', d);
    expect(d.active().map((a) => a.kind)).toEqual(['process']);
  });

  it('one residual with a process parameter moving is a process fault', () => {
    const step = (s: string, t: number) => (s === 'temp_bottom' && t > 14 * 3600 ? 1.5 : 0);
    const estimates = (t: number): EstimateSample[] => [
      { name: 'fouling', value: t > 14 * 3600 ? 0.007 : 0.004, sd: 1e-4 },
      { name: 'level_bias', value: 0.01, sd: 0.002 },
    ];
    const seen = run(16, 19, { add: step, estimates });
    expect(seen.map((a) => a.kind)).toEqual(['process']);
    const [a] = seen;
    expect(a.cause).toMatch(/fouling/);
  });

  it('a coil-outlet residual alone raises nothing: it cannot tell fouling from its transmitter', () => {
    const step = (s: string, t: number) => (s === 'coil_out_temp' && t > ONSET_S ? 2.5 : 0);
    const d = new AnomalyDetector();
    expect(run(9, 29, { add: step }, 'TK-101', d)).toEqual([]);
    expect(d.streamOf('TK-101', 'TK-101.coil_out_temp')!.raisedBy).toBe('cusum');
  });

  it('a level-bias estimate walking off alone is a fault of the level transmitter', () => {
    const estimates = (t: number): EstimateSample[] => [
      { name: 'fouling', value: 0.004, sd: 1e-4 },
      { name: 'level_bias', value: t > 14 * 3600 ? 0.01 + (0.05 * (t - 14 * 3600)) / 3600 : 0.01, sd: 0.002 },
    ];
    const [a] = run(17, 23, { estimates });
    expect(a.kind).toBe('sensor');
    expect(a.tag).toBe('TK-101.level');
  });

  it('no advisory from ten tanks of clean residuals over 7 days', () => {
    const d = new AnomalyDetector();
    let n = 0;
    for (let i = 0; i < 10; i++) n += run(7 * 24, 100 + i, {}, `TK-1${i}`, d).length;
    expect(n).toBe(0);
  });
});
