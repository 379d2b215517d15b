import { describe, expect, it } from 'vitest';
import {
  estimateCatalogSchema,
  liveTopics,
  tagBatchSchema,
  type TagBatch,
  type TagSample,
} from '../../../src/protocol/live';
import { TwinService, type StepValues, type TwinFilter } from '../../../src/twinService/service';
import type { TankInputs, TankObs } from '../../../src/estimate/tankFilter';

// The service's own logic with a stand-in filter that records what it was fed: the cadence on source time,
// what is published, and that no message can break it. The real filter on the virtual plant: live.test.ts.

const T0 = 1_700_000_020_000; // 40 s past a whole minute of the epoch
const topics = liveTopics('demo', 'vp');

class Recorder implements TwinFilter {
  t_s = 0;
  fed: { dt_s: number; u: TankInputs; y: TankObs }[] = [];
  throwNext = false;
  update(dt_s: number, u: TankInputs, y: TankObs): void {
    if (this.throwNext) throw new Error('boom');
    this.t_s += dt_s;
    this.fed.push({ dt_s, u, y });
  }
  estimates() {
    const y = this.fed.at(-1)?.y.temp_C ?? 0;
    // an unknown observation gives −1, so a test sees it; only the test's own throw makes a failure
    return [
      { name: 'temp_mean', unit: '°C', value: Number.isNaN(y) ? -1 : y, sd: 1 / (1 + this.fed.length) },
      { name: 'fouling', unit: 'm²K/W', value: 0.002, sd: 0.0005 },
    ];
  }
  innovations() {
    return [];
  }
}

const feed = (tank: string, v: StepValues) => ({
  u: {
    supply_C: v.mean('H-201.supply_temp'),
    coilFlow_kg_s: Number.NaN,
    ambient_C: v.mean('AMB.temp'),
    receipt_kg_s: 0,
    receiptTemp_C: Number.NaN,
    outflow_kg_s: 0,
  },
  y: {
    temp_C: v.latest(`${tank}.temp`),
    tempBottom_C: Number.NaN,
    tempTop_C: Number.NaN,
    level_m: v.latest(`${tank}.level`),
    coilOut_C: Number.NaN,
  },
});

function setup() {
  const sent: { topic: string; payload: string; retain: boolean }[] = [];
  const filters = new Map<string, Recorder>();
  const svc = new TwinService({
    topics,
    tags: ['TK-101.temp', 'TK-101.level', 'H-201.supply_temp', 'AMB.temp'],
    tanks: ['TK-101'],
    makeFilter: (tank) => {
      const f = new Recorder();
      filters.set(tank, f);
      return f;
    },
    feed,
    publish: (topic, payload, retain) => sent.push({ topic, payload, retain }),
    now: () => 0,
  });
  const batches = () =>
    sent.filter((m) => m.topic === topics.tags).map((m) => tagBatchSchema.parse(JSON.parse(m.payload)) as TagBatch);
  return { svc, sent, filters, batches };
}

const s = (tag: string, v: number | null, ts_ms: number, q: TagSample['q'] = 'good'): TagSample => ({
  tag,
  v,
  q,
  ts_ms,
});
const batch = (seq: number, samples: TagSample[]) => JSON.stringify({ sent_ms: 0, seq, samples });

describe('twin service', () => {
  it('steps on whole minutes of source time and publishes each estimate with its sd', () => {
    const { svc, filters, batches, sent } = setup();
    // the supply temperature holds 200 °C for 20 s of the first minute's 30 s seen, then 230 °C
    svc.onMessage(
      topics.tags,
      batch(0, [s('TK-101.temp', 150, T0), s('H-201.supply_temp', 200, T0), s('AMB.temp', 10, T0)]),
    );
    svc.onMessage(topics.tags, batch(1, [s('H-201.supply_temp', 230, T0 + 10_000), s('TK-101.level', 8, T0 + 15_000)]));
    expect(batches()).toHaveLength(0); // no boundary passed yet
    svc.onMessage(topics.tags, batch(2, [s('TK-101.temp', 151, T0 + 20_001)]));
    expect(batches()).toHaveLength(1);
    const f = filters.get('TK-101')!;
    expect(f.fed).toHaveLength(1);
    expect(f.fed[0].dt_s).toBe(60);
    // time-weighted over the 20 s from the first sample to the boundary: 10 s at 200, 10 s at 230
    expect(f.fed[0].u.supply_C).toBeCloseTo(215, 9);
    expect(f.fed[0].y.temp_C).toBe(150); // the sample after the boundary is not yet the observation
    expect(f.fed[0].y.level_m).toBe(8);
    const b = batches()[0];
    expect(b.from).toBe('twin');
    expect(b.samples.map((x) => [x.tag, x.v, x.ts_ms])).toEqual([
      ['TK-101.est.temp_mean', 150, T0 + 20_000],
      ['TK-101.est.temp_mean_sd', 0.5, T0 + 20_000],
      ['TK-101.est.fouling', 0.002, T0 + 20_000],
      ['TK-101.est.fouling_sd', 0.0005, T0 + 20_000],
    ]);
    const cat = estimateCatalogSchema.parse(
      JSON.parse(sent.filter((m) => m.topic === topics.estimates).at(-1)!.payload),
    );
    expect(cat.updated_ms).toBe(T0 + 20_000);
    expect(cat.tags.map((t) => t.tag)).toEqual(['TK-101.est.temp_mean', 'TK-101.est.fouling']);
    expect(cat.tags[1]).toMatchObject({ unit: 'm²K/W', sdWide: 0.001, equipment: 'TK-101', name: 'fouling' });
    expect(cat.latest).toEqual(b.samples);
    expect(sent.filter((m) => m.topic === topics.estimates).every((m) => m.retain)).toBe(true);
  });

  it('takes a gap as missed steps and a long one as one step; stale values are not known', () => {
    const { svc, filters } = setup();
    svc.onMessage(topics.tags, batch(0, [s('TK-101.temp', 150, T0), s('AMB.temp', 10, T0)]));
    svc.onMessage(topics.tags, batch(1, [s('TK-101.temp', 152, T0 + 250_000)]));
    const f = filters.get('TK-101')!;
    expect(f.fed.map((x) => x.dt_s)).toEqual([60, 60, 60, 60]);
    // the temperature's sample at T0 is known for three steps, then not
    expect(f.fed.map((x) => Number.isNaN(x.y.temp_C))).toEqual([false, false, false, true]);
    // a stray timestamp an hour ahead is not taken (nor does it hold the steps back) …
    svc.onMessage(topics.tags, batch(2, [s('TK-101.temp', 152, T0 + 250_000 + 3_600_000)]));
    svc.onMessage(topics.tags, batch(3, [s('TK-101.temp', 153, T0 + 270_000)]));
    expect(f.fed.map((x) => x.dt_s)).toEqual([60, 60, 60, 60, 60]);
    expect(svc.stats.rejected).toBe(1);
    // … but a stream that goes on from there is: one step over the gap, at most ten steps long
    const later = Array.from({ length: 20 }, (_, i) => s(i % 2 ? 'TK-101.temp' : 'AMB.temp', 150, T0 + 3_850_000 + i));
    svc.onMessage(topics.tags, batch(4, later));
    expect(f.fed.map((x) => x.dt_s)).toEqual([60, 60, 60, 60, 60, 600]);
    expect(svc.updated_ms).toBe(T0 + 3_800_000);
  });

  it('the same samples in other batches give the same estimates (source time, not arrival)', () => {
    const samples: TagSample[] = [];
    for (let k = 0; k < 300; k++) samples.push(s(k % 2 ? 'TK-101.temp' : 'H-201.supply_temp', 100 + k, T0 + k * 997));
    const a = setup();
    a.svc.onMessage(topics.tags, batch(0, samples));
    const b = setup();
    for (let i = 0; i < samples.length; i += 7) b.svc.onMessage(topics.tags, batch(i, samples.slice(i, i + 7)));
    expect(b.batches().map((x) => x.samples)).toEqual(a.batches().map((x) => x.samples));
    expect(a.batches().length).toBe(5);
  });

  it('skips malformed messages, bad samples and its own batches, and restarts a failing filter', () => {
    const { svc, filters, batches } = setup();
    svc.onMessage(topics.tags, 'not json');
    svc.onMessage(topics.tags, JSON.stringify({ seq: -1, samples: 'x' }));
    svc.onMessage(topics.tags, batch(0, [{ tag: '', v: 1, q: 'good', ts_ms: T0 }]));
    svc.onMessage(topics.health, '{}');
    expect(svc.stats.rejected).toBe(3);
    svc.onMessage(
      topics.tags,
      batch(1, [s('TK-101.temp', null, T0, 'bad'), s('nope', 3, T0), s('TK-101.level', 7, T0)]),
    );
    svc.onMessage(
      topics.tags,
      JSON.stringify({ sent_ms: 0, seq: 0, from: 'twin', samples: [s('TK-101.temp', 1, T0 + 90_000)] }),
    );
    expect(batches()).toHaveLength(0);
    svc.onMessage(topics.tags, batch(2, [s('TK-101.temp', 149, T0 + 30_000)]));
    const first = filters.get('TK-101')!;
    expect(first.fed[0].y.temp_C).toBeNaN(); // a bad sample is no observation
    expect(first.fed[0].y.level_m).toBe(7);
    expect(svc.stats.failures).toBe(0);
    first.throwNext = true;
    svc.onMessage(topics.tags, batch(3, [s('TK-101.temp', 149, T0 + 90_000)]));
    expect(svc.stats.failures).toBe(1);
    expect(filters.get('TK-101')).not.toBe(first);
    const last = batches().at(-1)!.samples;
    expect(last.every((x) => x.q === 'bad' && x.v === null && x.reason === 'the filter restarted')).toBe(true);
    svc.onMessage(topics.tags, batch(4, [s('TK-101.temp', 150, T0 + 150_000)]));
    expect(batches().at(-1)!.samples[0]).toMatchObject({ q: 'good', v: 149 });
  });
});
