import { describe, expect, it } from 'vitest';
import { liveTopics, type EstimateCatalog, type TagSample } from '../../../src/protocol/live';
import { LiveFeed } from '../../../src/live/feed';
import { createLiveStore } from '../../../src/live/liveStore';
import { LiveTagState } from '../../../src/live/tagState';
import { createTwinStore, estimatesOf, isWide } from '../../../src/live/twin/store';
import { formatEstimate } from '../../../src/live/twin/format';

// The page's side of the twin: the estimate tags are no plant tags, yet the live feed takes them (from the
// service's batches on `tags` and its retained catalog) into the twin store, without counting them as
// unknown tags or their batches' own sequence as lost bridge batches.

const tp = liveTopics('site1', 'terminal');
const T = 1_700_000_000_000;

function setup() {
  const tags = new LiveTagState(new Map([['TK-101.temp', 0]]), () => T);
  tags.linkUp = true;
  const live = createLiveStore('http://st');
  const twin = createTwinStore();
  const feed = new LiveFeed(tags, live, tp, undefined, twin);
  return { tags, live, twin, feed };
}

const est = (tag: string, v: number | null, ts_ms: number, q: TagSample['q'] = 'good'): TagSample => ({
  tag,
  v,
  q,
  ts_ms,
});
const catalog: EstimateCatalog = {
  updated_ms: T,
  cadence_s: 60,
  tags: [
    {
      tag: 'TK-101.est.fouling',
      equipment: 'TK-101',
      name: 'fouling',
      unit: 'm²K/W',
      description: 'TK-101 coil fouling resistance (estimated)',
      sdWide: 0.001,
    },
    { tag: 'TK-101.est.mass', equipment: 'TK-101', name: 'mass', unit: 'kg', description: 'TK-101 product mass' },
  ],
  latest: [est('TK-101.est.fouling', 0.004, T), est('TK-101.est.fouling_sd', 0.002, T)],
};

describe('twin data in the page', () => {
  it('takes the catalog and the estimate batches beside the bridge’s, each with its own sequence', () => {
    const { tags, live, twin, feed } = setup();
    expect(feed.route(tp.estimates, JSON.stringify(catalog))).toEqual({ ok: true });
    let s = twin.getState();
    expect(Object.keys(s.tags)).toEqual(['TK-101.est.fouling', 'TK-101.est.mass']);
    expect(s.estimates['TK-101.est.fouling']).toMatchObject({ v: 0.004, sd: 0.002, q: 'good' });
    expect(isWide(s.tags['TK-101.est.fouling'], s.estimates['TK-101.est.fouling'])).toBe(true);

    // the bridge's batches at seq 500…, the service's at 0, 1, 3: only the service's gap is lost, and its own
    feed.route(tp.tags, JSON.stringify({ sent_ms: T, seq: 500, samples: [est('TK-101.temp', 150, T)] }));
    const twinBatch = (seq: number, ts: number, f: number, sd: number) =>
      JSON.stringify({
        sent_ms: T,
        seq,
        from: 'twin',
        samples: [
          est('TK-101.est.fouling', f, ts),
          est('TK-101.est.fouling_sd', sd, ts),
          est('TK-101.est.mass', 9e5, ts),
          est('TK-101.est.mass_sd', 1e3, ts),
        ],
      });
    feed.route(tp.tags, twinBatch(0, T + 60_000, 0.0031, 0.0004));
    feed.route(tp.tags, twinBatch(1, T + 120_000, 0.003, 0.0003));
    feed.route(tp.tags, JSON.stringify({ sent_ms: T, seq: 501, samples: [est('TK-101.temp', 151, T + 1000)] }));
    feed.route(tp.tags, twinBatch(3, T + 240_000, 0.0029, 0.0002));
    // an older batch delivered late changes nothing
    feed.route(tp.tags, twinBatch(2, T + 180_000, 0.5, 0.5));
    s = twin.getState();
    expect(s.batches).toBe(4);
    expect(s.lostBatches).toBe(1);
    expect(live.getState().lostBatches).toBe(0);
    expect(tags.unknown.size).toBe(0);
    expect(tags.value(0)).toBe(151);
    expect(s.updated_ms).toBe(T + 240_000);
    const rows = estimatesOf(s, 'TK-101');
    expect(rows.map((r) => [r.tag.name, r.est?.v, r.est?.sd])).toEqual([
      ['fouling', 0.0029, 0.0002],
      ['mass', 9e5, 1e3],
    ]);
    expect(isWide(rows[0].tag, rows[0].est)).toBe(false);
    // no sdWide for the mass: wide only past a tenth of its size
    expect(isWide(rows[1].tag, rows[1].est)).toBe(false);
    expect(isWide(rows[1].tag, { ...rows[1].est!, sd: 1e5 })).toBe(true);
    expect(estimatesOf(s, 'TK-102')).toEqual([]);
  });

  it('a restarted filter’s estimate is bad with its reason; a malformed catalog is dropped and counted', () => {
    const { live, twin, feed } = setup();
    feed.route(tp.estimates, JSON.stringify(catalog));
    const bad = { ...est('TK-101.est.fouling', null, T + 60_000, 'bad'), reason: 'the filter restarted' };
    feed.route(tp.tags, JSON.stringify({ sent_ms: T, seq: 0, from: 'twin', samples: [bad] }));
    expect(twin.getState().estimates['TK-101.est.fouling']).toMatchObject({
      v: null,
      q: 'bad',
      reason: 'the filter restarted',
    });
    const r = feed.route(tp.estimates, JSON.stringify({ ...catalog, tags: [{ tag: 'TK-101.fouling' }] }));
    expect(r.ok).toBe(false);
    expect(live.getState().malformed).toBe(1);
    expect(Object.keys(twin.getState().tags)).toHaveLength(2);
  });

  it('takes the retained advisories (a NaN of the evidence back from null) and a later empty list clears them', () => {
    const { twin, feed } = setup();
    const evidence = {
      tag: 'TK-101.temp',
      t_s: [1, 2, 3],
      residual: [0.1, null, 0.3],
      sd: [0.2, 0.2, 0.2],
      stat: [0, 1, 2],
      cusumLimit: 5,
      ewma: [0, 0.1, 0.2],
      ewmaLimit: null,
      test: 'cusum',
    };
    const adv = {
      id: 'TK-101.temp.ADV_SENSOR',
      tank: 'TK-101',
      tag: 'TK-101.temp',
      kind: 'sensor',
      cause: 'drift',
      message: 'TK-101.temp drifts',
      since_s: 1,
      raised_s: 3,
      active: true,
      evidence,
      related: [],
      shifts: [],
    };
    expect(feed.route(tp.advisories, JSON.stringify({ updated_ms: T, active: [adv] }))).toEqual({ ok: true });
    const a = twin.getState().advisories;
    expect(a.map((x) => x.id)).toEqual(['TK-101.temp.ADV_SENSOR']);
    expect(a[0].evidence.residual[1]).toBeNaN();
    expect(a[0].evidence.ewmaLimit).toBeNaN();
    expect(a[0].evidence.residual[2]).toBe(0.3);
    feed.route(tp.advisories, JSON.stringify({ updated_ms: T + 60_000, active: [] }));
    expect(twin.getState().advisories).toEqual([]);
  });
});

describe('an estimate as value ± 2 sd', () => {
  it('shows the digits the uncertainty leaves', () => {
    expect(formatEstimate(0.0031234, 0.00042)).toEqual({ value: '0.00312', pm: '± 0.00084' });
    expect(formatEstimate(161.234, 0.55)).toEqual({ value: '161.2', pm: '± 1.1' });
    expect(formatEstimate(2176157.4, 11412)).toEqual({ value: '2176157', pm: '± 22824' });
    expect(formatEstimate(-0.0001, 0.045)).toEqual({ value: '0.000', pm: '± 0.090' });
    expect(formatEstimate(-0.02, 0.005)).toEqual({ value: '-0.020', pm: '± 0.010' });
    expect(formatEstimate(null, 1)).toEqual({ value: '—', pm: '' });
    expect(formatEstimate(5, 0)).toEqual({ value: '5.000', pm: '' });
  });
});
