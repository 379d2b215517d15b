import { describe, expect, it } from 'vitest';
import { liveFeed } from '../../../src/twinService/liveFeed';
import type { StepValues } from '../../../src/twinService/service';
import { TagWindow } from '../../../src/twinService/tagWindow';

// One step of the live service's feed: inputs and measurements from the step's time-weighted means.

function window(samples: [string, number | null, number][]): TagWindow {
  const w = new TagWindow(new Set(samples.map((s) => s[0])));
  w.restart(0);
  for (const [tag, v, ts_ms] of samples) w.push({ tag, v, q: v === null ? 'bad' : 'good', ts_ms });
  return w;
}

function values(w: TagWindow, t_ms: number): StepValues {
  const mean = (tag: string) => w.mean(tag, t_ms);
  const latest = (tag: string) => w.value(tag, t_ms, 180_000);
  return {
    mean,
    latest,
    obs: (tag) => (mean(tag) === mean(tag) ? mean(tag) : latest(tag)),
    range: (tag) => w.range(tag, t_ms),
  };
}

describe('live feed', () => {
  it('takes measurements as time-weighted means, the coil outlet only while the coil flow held', () => {
    const w = window([
      ['TK-101.temp', 160, 0],
      ['TK-101.temp', 161, 30_000],
      ['TK-101.coil_flow', 4, 0],
      ['TK-101.coil_flow', 4.1, 30_000],
      ['TK-101.coil_out_temp', 230, 0],
      ['TK-101.coil_out_temp', 231, 45_000],
      ['TK-101.level', 9, 50_000], // covers a sixth of the step: its latest value
    ]);
    expect(w.range('TK-101.coil_flow', 60_000)).toBeCloseTo(0.1, 12);
    const feed = liveFeed(['TK-101']);
    const { u, y } = feed.step('TK-101', values(w, 60_000));
    expect(u.coilFlow_kg_s).toBeCloseTo(4.05, 12);
    expect(y.temp_C).toBeCloseTo(160.5, 12);
    expect(y.coilOut_C).toBeCloseTo(230.25, 12);
    expect(y.coilFlow_kg_s).toBeCloseTo(4.05, 12);
    expect(y.level_m).toBe(9);
    // the coil flow moved 25 %: the outlet's latest reading, at the latest flow
    const moved = window([
      ['TK-101.coil_flow', 4, 0],
      ['TK-101.coil_flow', 3, 30_000],
      ['TK-101.coil_out_temp', 230, 0],
      ['TK-101.coil_out_temp', 226, 45_000],
    ]);
    const m = feed.step('TK-101', values(moved, 60_000)).y;
    expect([m.coilOut_C, m.coilFlow_kg_s]).toEqual([226, 3]);
    w.restart(60_000);
    expect(w.range('TK-101.coil_flow', 120_000)).toBe(0);
  });
});
