import { describe, expect, it } from 'vitest';
import { Q, formatAge, formatQuality, notGood, qualityCode } from '../../../src/app/quality';
import { parseJoined } from '../../../src/live/join';
import { parseLiveParam } from '../../../src/app/params';
import { liveSwitchUrl } from '../../../src/live/useLive';

describe('quality formatting', () => {
  it('draws a good or training value plainly and every other quality with its marker and class', () => {
    expect(formatQuality(12.345, 'm', Q.NONE)).toEqual({ text: '12.3', marker: null, className: '', struck: false });
    expect(formatQuality(12.345, 'm', Q.GOOD)).toEqual({ text: '12.3', marker: null, className: '', struck: false });
    expect(formatQuality(12.345, 'm', Q.UNCERTAIN)).toEqual({
      text: '12.3',
      marker: 'quality.uncertain',
      className: 'q-uncertain',
      struck: false,
    });
    expect(formatQuality(12.345, 'm', Q.BAD)).toMatchObject({
      marker: 'quality.bad',
      className: 'q-bad',
      struck: true,
    });
    expect(formatQuality(12.345, 'm', Q.STALE)).toMatchObject({
      marker: 'quality.stale',
      className: 'q-stale',
      struck: true,
    });
    expect(formatQuality(3, '°C', Q.MODEL)).toMatchObject({ text: '3.00', marker: 'quality.model', struck: false });
    // a bad tag that never had a value shows no number at all, still marked
    expect(formatQuality(Number.NaN, 'm', Q.BAD)).toMatchObject({ text: '—', marker: 'quality.bad' });
  });
  it('maps the wire qualities and says which are not good', () => {
    expect(['good', 'uncertain', 'bad', 'stale'].map((q) => qualityCode(q as 'good'))).toEqual([
      Q.GOOD,
      Q.UNCERTAIN,
      Q.BAD,
      Q.STALE,
    ]);
    expect([Q.NONE, Q.MODEL, Q.GOOD, Q.UNCERTAIN, Q.BAD, Q.STALE].map(notGood)).toEqual([
      false,
      false,
      false,
      true,
      true,
      true,
    ]);
  });
  it('says how old a value is', () => {
    expect([3.2, 200, 7200, 400_000, Number.NaN].map(formatAge)).toEqual(['3 s', '3 min', '2 h', '5 d', '—']);
  });
});

describe('the live URL parameter and the join answer', () => {
  it('takes 1 for the page’s own station, or a station’s http(s) URL by its origin', () => {
    expect(parseLiveParam('1', 'http://st:8080')).toEqual({ station: 'http://st:8080' });
    expect(parseLiveParam('http://localhost:9000/x?y', 'http://st:8080')).toEqual({ station: 'http://localhost:9000' });
    expect(parseLiveParam('ftp://x', 'http://st')).toEqual({
      problem: 'must be an http:// or https:// URL of a station',
    });
    expect(parseLiveParam('not a url', 'http://st')).toHaveProperty('problem');
    expect(parseLiveParam('http://u:p@x', 'http://st')).toHaveProperty('problem');
  });
  it('a bad ?live= is a warning naming the parameter, and the page stays a training page', async () => {
    const { parseParams } = await import('../../../src/app/params');
    const r = parseParams('?live=ftp://x', { origin: 'http://st:8080', allowedOrigins: [] });
    expect(r.params.live).toBeNull();
    expect(r.warnings).toEqual(['live="ftp://x": must be an http:// or https:// URL of a station']);
    expect(parseParams('?live=1', { origin: 'http://st:8080', allowedOrigins: [] }).params.live).toBe('http://st:8080');
  });
  it('checks the station’s answer, naming the field, and makes the history URL absolute', () => {
    const ok = {
      site: 'site1',
      plant: 'terminal',
      mqtt: { url: 'ws://st/mqtt', protocolVersion: 4, username: 'u', password: 'p', clientId: 'c' },
      historyUrl: '/api/history',
    };
    expect(parseJoined(ok, 'http://st:8080').historyUrl).toBe('http://st:8080/api/history');
    expect(parseJoined({ ...ok, historyUrl: undefined }, 'http://st').historyUrl).toBeNull();
    expect(() => parseJoined({ ...ok, mqtt: { ...ok.mqtt, url: 'http://x' } }, 'http://st')).toThrow(/mqtt\.url/);
    expect(() => parseJoined({ ...ok, plant: 'a/#' }, 'http://st')).toThrow(/plant/);
  });
  it('switches live mode on and off in the page URL, keeping the other parameters', () => {
    expect(liveSwitchUrl('http://h/?lang=th', true)).toBe('http://h/?lang=th&live=1');
    expect(liveSwitchUrl('http://h/?live=1&lang=th', false)).toBe('http://h/?lang=th');
  });
});

describe('3D label frames', () => {
  it('frame a piece of equipment by the worst quality of its tags, and say when anything changed', async () => {
    const { labelQualityIndex, labelTint } = await import('../../../src/live/labelQuality');
    const index = new Map(['TK-101.level', 'TK-101.temp', 'P-1.flow', 'H-201.duty'].map((t, i) => [t, i]));
    const tagsOf = labelQualityIndex([{ tagPrefix: 'TK-101' }, { tagPrefix: 'P-1' }, { tagPrefix: 'H-201' }], index);
    expect(tagsOf.map((a) => [...a])).toEqual([[0, 1], [2], [3]]);
    const codes = [Q.GOOD, Q.BAD, Q.UNCERTAIN, Q.MODEL];
    const reader = { code: (i: number) => codes[i], value: () => 0, reason: () => undefined, age_s: () => 0 };
    const out = new Float32Array(3);
    expect(labelTint(reader as never, tagsOf, out)).toBe(true);
    expect([...out]).toEqual([2, 1, 0]);
    expect(labelTint(reader as never, tagsOf, out)).toBe(false);
  });
});

describe('values as plain text with their quality (VR panel) and the level bar class', () => {
  it('adds the unit and the marker, and nothing on a training page', async () => {
    const { valueText, levelQualityClass } = await import('../../../src/app/drawQuality');
    const codes = [Q.GOOD, Q.BAD, Q.MODEL, Q.UNCERTAIN];
    const live = [7.25, 290, Number.NaN, 150];
    const reader = { code: (i: number) => codes[i], value: (i: number) => live[i], reason: () => 'r', age_s: () => 1 };
    const tagIndex = new Map(['a.level', 'b.temp', 'c.flow', 'd.temp'].map((t, i) => [t, i]));
    const client = { quality: reader as never, tagIndex, value: () => 3 };
    expect(valueText(client, 'a.level', 'm')).toBe('7.25 m');
    expect(valueText(client, 'b.temp', '°C')).toBe('290.0 °C BAD');
    expect(valueText(client, 'c.flow', 'kg/s')).toBe('3.00 kg/s MODEL'); // the model's value, marked
    expect(valueText({ ...client, quality: null }, 'b.temp', '°C')).toBe('3.00 °C');
    expect(['a.level', 'b.temp', 'c.flow', 'd.temp'].map((t) => levelQualityClass(client, t))).toEqual([
      '',
      'q-bad',
      '',
      'q-uncertain',
    ]);
  });
});
