import { describe, expect, it } from 'vitest';
import { parseParams } from '../../../src/app/params';
import { History } from '../../../src/app/history';
import { formatPlantTime, formatValue } from '../../../src/app/format';
import { ui } from '../../../src/state/ui';

describe('URL parameters', () => {
  it('loads ?plant= only from the same origin or an allowed one', () => {
    const src = { origin: 'https://trainer.example.com', allowedOrigins: ['https://plants.example.com'] };
    const ok = [
      '/plants/a.json',
      './b.json',
      'https://trainer.example.com/c.json',
      'https://plants.example.com/d.json',
    ];
    for (const v of ok) expect(parseParams(`?plant=${encodeURIComponent(v)}`, src).params.plantUrl).toBe(v);
    for (const v of [
      'https://evil.example.net/p.json',
      '//evil.example.net/p.json',
      'http://trainer.example.com/p.json',
    ]) {
      const r = parseParams(`?plant=${encodeURIComponent(v)}`, src);
      expect(r.params.plantUrl).toBeNull();
      expect(r.warnings[0]).toBe(
        `plant="${v}": must be on this site (https://trainer.example.com) or https://plants.example.com`,
      );
    }
  });
  it('reads good values', () => {
    expect(parseParams('?speed=60&run=1&lang=th&view=walk&select=TK-104&plant=/plants/site.json')).toEqual({
      params: {
        plantUrl: '/plants/site.json',
        speed: 60,
        run: true,
        lang: 'th',
        view: 'walk',
        select: 'TK-104',
        page: 'plant',
        join: null,
        name: null,
        device: null,
        live: null,
      },
      warnings: [],
    });
  });
  it('names each bad parameter and the problem, keeping the defaults', () => {
    const r = parseParams('?speed=2000&lang=de&plant=javascript:alert(1)&x=1');
    expect(r.params.speed).toBeNull();
    expect(r.warnings).toEqual([
      'speed="2000": must be a number from 0.1 to 1000',
      'lang="de": must be en or th',
      'plant="javascript:alert(1)": must be the URL of a .json plant file',
      'x: unknown parameter (known: plant, speed, run, lang, view, select, page, join, name, device, live)',
    ]);
  });
  it('reads a session join code, name and device', () => {
    const r = parseParams('?join=abcd23&name=Somchai&device=vr&page=instructor');
    expect(r.params).toMatchObject({ join: 'ABCD23', name: 'Somchai', device: 'vr', page: 'instructor' });
    expect(parseParams('?join=a/b&device=tv').warnings).toEqual([
      'join="a/b": must be a session\'s join code',
      'device="tv": must be vr, desktop or phone',
    ]);
  });
});

describe('trend history ring', () => {
  it('samples by plant time, wraps at capacity and restarts when time goes back', () => {
    const h = new History(2, 4, 1);
    const v = new Float64Array([9, 9, 0, 0]);
    for (let t = 0; t < 6; t += 0.5) {
      v[2] = t;
      v[3] = -t;
      h.push(t, v, 2);
    }
    const [time, a, b] = h.series([0, 1]);
    expect(time).toEqual([2, 3, 4, 5]);
    expect(a).toEqual([2, 3, 4, 5]);
    expect(b).toEqual([-2, -3, -4, -5]);
    h.push(1, v, 2);
    expect(h.series([0])[0]).toEqual([1]);
  });
});

describe('formatting and UI state', () => {
  it('formats plant time and values', () => {
    expect(formatPlantTime(3661)).toBe('01:01:01');
    expect(formatPlantTime(90061)).toBe('1d 01:01:01');
    expect(formatValue(1, '0/1')).toBe('ON');
    expect(formatValue(152.345, '°C')).toBe('152.3');
    expect(formatValue(Number.NaN, 'm')).toBe('—');
  });
  it('the UI store holds slow state only and starts in English', () => {
    const s = ui.getState();
    expect(s.lang).toBe('en');
    expect(Object.keys(s)).not.toContain('values');
  });
});
