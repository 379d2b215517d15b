import { describe, expect, it } from 'vitest';
import { liveTopics, type TagBatch } from '../../../src/protocol/live';
import { LiveFeed } from '../../../src/live/feed';
import { createLiveStore } from '../../../src/live/liveStore';
import { LiveTagState } from '../../../src/live/tagState';
import { TrendRings } from '../../../src/live/trendRing';
import { Q } from '../../../src/app/quality';

// The page's side of the live topics: every message validated, malformed ones counted and dropped, each
// sample landing at its tag's index in the plant's order with its quality, and staleness by the page's clock.

const TAGS = ['TK-101.level', 'TK-101.temp', 'H-201.supply_temp', 'AMB.temp'];
const tp = liveTopics('site1', 'terminal');

function setup() {
  let now = 1_000_000;
  const clock = { now: () => now, advance: (ms: number) => (now += ms) };
  const tags = new LiveTagState(new Map(TAGS.map((t, i) => [t, i])), clock.now);
  tags.linkUp = true;
  const store = createLiveStore('http://st');
  const rings = new TrendRings(TAGS.length, 16);
  const feed = new LiveFeed(tags, store, tp, (i, t, v, q) => rings.push(i, t, v, q));
  return { clock, tags, store, rings, feed };
}

const batch = (seq: number, samples: TagBatch['samples'], sent_ms = 999_900): string =>
  JSON.stringify({ sent_ms, seq, samples });

describe('the live feed', () => {
  it('puts each sample at its plant tag index with its quality; unmapped tags stay the model’s', () => {
    const { tags, feed, store } = setup();
    const r = feed.route(
      tp.tags,
      batch(0, [
        { tag: 'TK-101.level', v: 7.25, q: 'good', ts_ms: 999_800 },
        { tag: 'H-201.supply_temp', v: 250, q: 'bad', ts_ms: 999_800, reason: 'out of range 0–240 °C' },
      ]),
    );
    expect(r).toEqual({ ok: true });
    expect(tags.value(0)).toBe(7.25);
    expect(tags.code(0)).toBe(Q.GOOD);
    expect(tags.code(2)).toBe(Q.BAD);
    expect(tags.reason(2)).toBe('out of range 0–240 °C');
    expect(tags.code(1)).toBe(Q.MODEL);
    expect(Number.isNaN(tags.value(1))).toBe(true);
    // age: 100 ms old when sent, plus the time since it arrived
    expect(tags.age_s(0)).toBeCloseTo(0.1, 6);
    expect(tags.notGood()).toEqual([2]);
    expect(store.getState().batches).toBe(1);
  });

  it('writes measured values over the model’s in a frame and leaves the rest', () => {
    const { tags, feed } = setup();
    feed.route(tp.snapshot, batch(0, [{ tag: 'TK-101.temp', v: 181.5, q: 'good', ts_ms: 999_000 }]));
    const frame = new Float64Array([9, 1, 2, 3, 4]);
    tags.overlay(frame, 1);
    expect([...frame]).toEqual([9, 1, 181.5, 3, 4]);
  });

  it('counts and drops malformed messages, never throwing', () => {
    const { feed, store, tags } = setup();
    const bad: [string, string | Uint8Array][] = [
      [tp.tags, 'not json'],
      [tp.tags, batch(0, [{ tag: 'TK-101.level', v: 'x' as unknown as number, q: 'good', ts_ms: 1 }])],
      [tp.tags, JSON.stringify({ sent_ms: 1, seq: -1, samples: [] })],
      [
        tp.snapshot,
        JSON.stringify({ sent_ms: 1, seq: 0, samples: [{ tag: 'TK-101.level', v: 1, q: 'great', ts_ms: 1 }] }),
      ],
      [tp.health, '{"started_ms": 1}'],
      [tp.event, new Uint8Array([0xff, 0xfe, 0x00])],
      [tp.mapping, JSON.stringify({ site: 's', plant: 'p', sources: [], tags: [] })],
      ['tanktwin/site1/live/terminal/other', '{}'],
    ];
    for (const [topic, payload] of bad) expect(feed.route(topic, payload).ok).toBe(false);
    expect(store.getState().malformed).toBe(bad.length);
    expect(store.getState().lastMalformed).toMatch(/^tanktwin\/site1\/live\/terminal\/other: /);
    expect(tags.measuredCount()).toBe(0);
    // a good message after them is taken as usual
    expect(feed.route(tp.tags, batch(1, [{ tag: 'TK-101.level', v: 3, q: 'good', ts_ms: 999_000 }])).ok).toBe(true);
    expect(tags.value(0)).toBe(3);
  });

  it('a tag goes stale when it has no update within 3× its rate, and every tag when the link drops', () => {
    const { tags, feed, clock } = setup();
    feed.route(
      tp.mapping,
      JSON.stringify({
        site: 'site1',
        plant: 'terminal',
        sources: [{ id: 'plc', kind: 'modbus', host: 'h', port: 502 }],
        tags: [
          {
            tag: 'TK-101.level',
            source: 'plc',
            address: { table: 'holding', address: 0 },
            unit: 'm',
            range: [0, 20],
            rate_ms: 10_000,
          },
          { tag: 'NOPE.tag', source: 'plc', address: { table: 'holding', address: 2 }, unit: 'm', range: [0, 20] },
        ],
      }),
    );
    // mapped but never heard: stale, not model
    expect(tags.code(0)).toBe(Q.STALE);
    expect(tags.reason(0)).toMatch(/no update/);
    feed.route(tp.tags, batch(0, [{ tag: 'TK-101.level', v: 5, q: 'good', ts_ms: 999_900 }]));
    expect(tags.code(0)).toBe(Q.GOOD);
    clock.advance(29_000);
    expect(tags.code(0)).toBe(Q.GOOD);
    clock.advance(2000);
    expect(tags.code(0)).toBe(Q.STALE);
    expect(tags.reason(0)).toBe('no update for 31 s');
    feed.route(tp.snapshot, batch(1, [{ tag: 'TK-101.level', v: 5, q: 'good', ts_ms: 999_900 }], clock.now()));
    expect(tags.code(0)).toBe(Q.GOOD);
    tags.linkUp = false;
    expect(tags.code(0)).toBe(Q.STALE);
    expect(tags.reason(0)).toBe('no link to the station');
  });

  it('names mapped tags the plant lacks, and samples for them are counted, not applied', () => {
    const { feed, store, tags } = setup();
    feed.route(tp.tags, batch(0, [{ tag: 'XX-9.level', v: 1, q: 'good', ts_ms: 1 }]));
    expect(tags.unknown.get('XX-9.level')).toBe(1);
    expect(tags.measuredCount()).toBe(0);
    expect(store.getState().unmappedInPlant).toEqual([]);
  });

  it('an older sample (a snapshot behind an update) never replaces a newer one; lost batches are counted', () => {
    const { tags, feed, store, rings } = setup();
    feed.route(tp.tags, batch(5, [{ tag: 'AMB.temp', v: 31, q: 'good', ts_ms: 999_500 }]));
    feed.route(tp.snapshot, batch(0, [{ tag: 'AMB.temp', v: 30, q: 'good', ts_ms: 999_000 }]));
    expect(tags.value(3)).toBe(31);
    feed.route(tp.tags, batch(8, [{ tag: 'AMB.temp', v: 32, q: 'uncertain', ts_ms: 999_600, reason: 'spike' }]));
    expect(store.getState().lostBatches).toBe(2);
    expect(tags.code(3)).toBe(Q.UNCERTAIN);
    expect(rings.since(3, 0)).toEqual({ t: [999_500, 999_600], v: [31, 32], q: [Q.GOOD, Q.UNCERTAIN] });
  });

  it('a bad sample without a value keeps no number, and a "good" one without a value is taken as bad', () => {
    const { tags, feed } = setup();
    feed.route(tp.tags, batch(0, [{ tag: 'TK-101.level', v: null, q: 'good', ts_ms: 999_000 }]));
    expect(tags.code(0)).toBe(Q.BAD);
    expect(tags.reason(0)).toBe('no value');
    expect(Number.isNaN(tags.value(0))).toBe(true);
  });

  it('keeps health and events', () => {
    const { feed, store } = setup();
    const health = {
      started_ms: 1,
      now_ms: 2,
      readOnly: true,
      sources: [
        {
          id: 'plc',
          kind: 'modbus',
          state: 'down',
          lastData_ms: null,
          lastError: 'ECONNREFUSED',
          reconnects: 3,
          nextRetry_ms: 5,
        },
      ],
      quality: { good: 1, uncertain: 0, bad: 2, stale: 0 },
    };
    expect(feed.route(tp.health, JSON.stringify(health)).ok).toBe(true);
    expect(store.getState().health?.sources[0].state).toBe('down');
    feed.route(tp.event, JSON.stringify({ ts_ms: 1, kind: 'sourceDown', source: 'plc', text: 'plc down' }));
    expect(store.getState().events.map((e) => e.kind)).toEqual(['sourceDown']);
  });
});

describe('the trend rings', () => {
  it('keep the newest samples in order and skip repeats', () => {
    const r = new TrendRings(1, 4);
    for (let k = 1; k <= 6; k++) r.push(0, k * 10, k, Q.GOOD);
    r.push(0, 60, 99, Q.BAD);
    expect(r.since(0, 0).t).toEqual([30, 40, 50, 60]);
    expect(r.since(0, 45).v).toEqual([5, 6]);
    expect(r.oldest(0)).toBe(30);
  });
});
