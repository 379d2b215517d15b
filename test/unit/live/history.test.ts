import { describe, expect, it } from 'vitest';
import {
  alignSeries,
  badSpans,
  historyRequestUrl,
  joinSeries,
  parseHistory,
  type Series,
} from '../../../src/live/history';
import { TrendRings } from '../../../src/live/trendRing';
import { Q } from '../../../src/app/quality';

// The trends' data in live mode: the historian's answer validated, joined with the live rings, and laid out
// for uPlot with bad stretches as breaks in the line.

const answer = {
  plant: 'terminal',
  tier: '1m',
  step_ms: null,
  from_ms: 0,
  to_ms: 300_000,
  series: {
    'TK-101.level': {
      ts_ms: [0, 60_000, 120_000, 180_000],
      v: [5, 5.1, null, 5.3],
      min: [5, 5.1, null, 5.3],
      max: [5, 5.1, null, 5.3],
      q: ['good', 'good', 'bad', 'uncertain'],
      n: [1, 1, 1, 1],
    },
  },
};

describe('history for the live trends', () => {
  it('asks the historian for the plant, tags, range and a bounded number of points', () => {
    const u = new URL(historyRequestUrl('http://st:8080/api/history', 'terminal', ['A.x', 'B.y'], 1000.4, 2000.2));
    expect(Object.fromEntries(u.searchParams)).toEqual({
      plant: 'terminal',
      tags: 'A.x,B.y',
      from: '1000',
      to: '2001',
      tier: 'auto',
      maxPoints: '2000',
    });
  });

  it('reads the historian’s columns, and refuses a malformed answer naming the field', () => {
    const h = parseHistory(answer);
    const s = h.series.get('TK-101.level')!;
    expect(s.t).toEqual([0, 60_000, 120_000, 180_000]);
    expect(s.v.map((v) => (Number.isNaN(v) ? 'NaN' : v))).toEqual([5, 5.1, 'NaN', 5.3]);
    expect(s.q).toEqual([Q.GOOD, Q.GOOD, Q.BAD, Q.UNCERTAIN]);
    expect(() => parseHistory({ ...answer, series: { a: { ts_ms: [1], v: ['x'], q: ['good'] } } })).toThrow(
      /series\.a\.v\.0/,
    );
    expect(() => parseHistory({ ...answer, series: { a: { ts_ms: [1, 2], v: [1], q: ['good'] } } })).toThrow(/unequal/);
  });

  it('joins the past with the live samples that came after it', () => {
    const h = parseHistory(answer);
    const rings = new TrendRings(1, 8);
    rings.push(0, 150_000, 9, Q.GOOD); // older than the history's last point: already there
    rings.push(0, 240_000, 5.4, Q.GOOD);
    const s = joinSeries(h.series.get('TK-101.level'), rings, 0, 60_000);
    expect(s.t).toEqual([60_000, 120_000, 180_000, 240_000]);
    expect(s.v[3]).toBe(5.4);
  });

  it('breaks the line where a value is bad, joins over absent points, and hatches bad stretches', () => {
    const a: Series = { t: [0, 10, 20, 30], v: [1, 2, 3, 4], q: [Q.GOOD, Q.BAD, Q.STALE, Q.GOOD] };
    const b: Series = { t: [5, 30], v: [7, 8], q: [Q.GOOD, Q.UNCERTAIN] };
    expect(alignSeries([a, b])).toEqual([
      [0, 0.005, 0.01, 0.02, 0.03],
      [1, undefined, null, null, 4],
      [undefined, 7, undefined, undefined, 8],
    ]);
    expect(badSpans(a, 40)).toEqual([{ from: 10, to: 30, q: Q.STALE }]);
    expect(badSpans(b, 40)).toEqual([{ from: 30, to: 40, q: Q.UNCERTAIN }]);
  });
});
