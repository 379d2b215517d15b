import { describe, expect, it } from 'vitest';
import { QualityEngine, judge, type Reading } from '../../../src/scada/quality';
import { mapping, tag } from './fixtures';

const good = (v: number, ts_ms: number): Reading => ({ v, ts_ms, status: 'good' });

describe('quality engine', () => {
  it('source bad is bad with the source reason; null or NaN value is bad', () => {
    const m = mapping({ tags: [tag('TK1.level')] });
    const t = m.tags[0];
    expect(
      judge(t, null, { v: null, ts_ms: 0, status: 'bad', reason: 'Modbus exception 2: Illegal data address' }),
    ).toEqual({ q: 'bad', reason: 'Modbus exception 2: Illegal data address' });
    expect(judge(t, null, { v: 5, ts_ms: 0, status: 'bad' }).q).toBe('bad');
    expect(judge(t, null, { v: NaN, ts_ms: 0, status: 'good' })).toEqual({ q: 'bad', reason: 'not a number (NaN)' });
    expect(judge(t, null, { v: 5, ts_ms: 0, status: 'uncertain', reason: 'UncertainLastUsableValue' })).toEqual({
      q: 'uncertain',
      reason: 'UncertainLastUsableValue',
    });
  });

  it('outside the range is bad, the ends are inside', () => {
    const t = mapping({ tags: [tag('TK1.level')] }).tags[0];
    expect(judge(t, null, good(20.01, 0))).toEqual({ q: 'bad', reason: 'out of range 0–20 m' });
    expect(judge(t, null, good(-0.1, 0))).toEqual({ q: 'bad', reason: 'out of range 0–20 m' });
    expect(judge(t, null, good(20, 0))).toEqual({ q: 'good' });
    expect(judge(t, null, good(0, 0))).toEqual({ q: 'good' });
  });

  it('a change faster than maxRate_per_s is a spike (uncertain)', () => {
    const m = mapping({ tags: [tag('TK1.level', { maxRate_per_s: 0.5 })] });
    const q = new QualityEngine(m, 0);
    expect(q.assess('TK1.level', good(5, 1000), 1000)[0].q).toBe('good');
    // 0.4 m in 1 s: 0.4 m/s ≤ 0.5
    expect(q.assess('TK1.level', good(5.4, 2000), 2000)[0].q).toBe('good');
    // 1.2 m in 2 s: 0.6 m/s > 0.5
    expect(q.assess('TK1.level', good(6.6, 4000), 4000)[0]).toEqual({
      tag: 'TK1.level',
      v: 6.6,
      q: 'uncertain',
      ts_ms: 4000,
      reason: 'spike 0.6 m/s > 0.5 m/s',
    });
    // 0.1 m in 1 s: calm again
    expect(q.assess('TK1.level', good(6.7, 5000), 5000)[0].q).toBe('good');
  });

  it('a value that does not move for flatline_s is uncertain, and good again when it moves', () => {
    const m = mapping({ tags: [tag('TK1.level', { flatline_s: 60 })] });
    const q = new QualityEngine(m, 0);
    for (let t = 0; t < 60_000; t += 10_000) expect(q.assess('TK1.level', good(7, t), t)[0].q).toBe('good');
    expect(q.assess('TK1.level', good(7, 60_000), 60_000)[0]).toMatchObject({
      q: 'uncertain',
      reason: 'flatline for 60 s',
    });
    expect(q.assess('TK1.level', good(7, 90_000), 90_000)[0].reason).toBe('flatline for 90 s');
    expect(q.assess('TK1.level', good(7.001, 100_000), 100_000)[0].q).toBe('good');
  });

  it('no update within 3 × rate_ms is stale; a reading clears it', () => {
    const m = mapping({
      tags: [tag('TK1.level', { rate_ms: 1000 }), tag('TK1.temp', { unit: '°C', range: [0, 300] })],
    });
    const q = new QualityEngine(m, 0);
    expect(q.sample('TK1.level')).toMatchObject({ q: 'stale', reason: 'not read yet', v: null });
    q.assess('TK1.level', good(4, 500), 500);
    q.assess('TK1.temp', good(150, 500), 500);
    expect(q.sweep(3500)).toEqual([]); // 3.0 s is not more than 3 × 1 s
    const s = q.sweep(3600);
    expect(s.map((x) => [x.tag, x.q, x.reason, x.v])).toEqual([
      ['TK1.level', 'stale', 'no update for 3.1 s', 4],
      ['TK1.temp', 'stale', 'no update for 3.1 s', 150],
    ]);
    expect(q.sweep(5000)).toEqual([]); // reported once
    expect(q.counts()).toEqual({ good: 0, uncertain: 0, bad: 0, stale: 2 });
    expect(q.assess('TK1.level', good(4.1, 5000), 5000)[0].q).toBe('good');
    expect(q.counts()).toEqual({ good: 1, uncertain: 0, bad: 0, stale: 1 });
  });

  it('touch: a source that reports only changes vouches for an unchanged tag', () => {
    const m = mapping({ tags: [tag('A', { rate_ms: 1000 }), tag('B', { rate_ms: 1000 })] });
    const q = new QualityEngine(m, 0);
    expect(q.touch('A', 500)).toEqual([]); // never read: nothing to vouch for
    q.assess('A', good(4, 0), 0);
    expect(q.sweep(3500).map((s) => s.tag)).toEqual(['A', 'B']);
    expect(q.touch('A', 3600)).toEqual([{ tag: 'A', v: 4, q: 'good', ts_ms: 0 }]);
    expect(q.sweep(6000)).toEqual([]);
    expect(q.sweep(6700).map((s) => [s.tag, s.reason])).toEqual([['A', 'no update for 3.1 s']]);
  });

  it('bad outranks stale; stale outranks uncertain', () => {
    const m = mapping({ tags: [tag('A', { rate_ms: 100 }), tag('B', { rate_ms: 100, flatline_s: 1 })] });
    const q = new QualityEngine(m, 0);
    q.assess('A', good(99, 0), 0);
    q.assess('B', good(1, 0), 0);
    q.assess('B', good(1, 1000), 1000);
    expect(q.sample('B').q).toBe('uncertain');
    q.sweep(2000);
    expect(q.sample('A')).toMatchObject({ q: 'bad', reason: 'out of range 0–20 m' });
    expect(q.sample('B')).toMatchObject({ q: 'stale', reason: 'no update for 1.0 s' });
  });
});
