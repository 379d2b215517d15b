import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { plantCopy } from '../helpers';
import { armRate_m3_h, parseSchedule, plannedLoadings } from '../../../src/productQuality/schedule';
import { parseScheduleCsv } from '../../../src/productQuality/scheduleCsv';

const plant = plantCopy();
const exampleJson = JSON.parse(readFileSync('models/schedules/default-day.json', 'utf8'));
const exampleCsv = readFileSync('models/schedules/default-day.csv', 'utf8');

describe('loading schedule', () => {
  it('the example schedule is valid, and its CSV twin gives the same loadings', () => {
    const j = parseSchedule(exampleJson, plant);
    expect(j.ok).toBe(true);
    const c = parseScheduleCsv(exampleCsv, plant, { start: exampleJson.start });
    expect(c.ok).toBe(true);
    if (!j.ok || !c.ok) return;
    expect(plannedLoadings(c.value, plant)).toEqual(plannedLoadings(j.value, plant));
  });
  it('a rate row becomes evenly spaced trucks with the plant defaults for quantity and rate', () => {
    const r = parseSchedule(exampleJson, plant);
    if (!r.ok) throw new Error('invalid');
    const trucks = plannedLoadings(r.value, plant);
    const tk101 = trucks.filter((t) => t.row === 0);
    expect(tk101.map((t) => t.at_s / 3600)).toEqual([0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5, 5.5, 6, 6.5, 7, 7.5]);
    // 0.0029 m³/rev × 600 rpm × 60 × (1 − 0.05) = 99.18 m³/h
    expect(armRate_m3_h(plant, 'LA-1A')).toBeCloseTo(99.18, 6);
    expect(tk101[0]).toMatchObject({ quantity_m3: 30, arm: 'LA-1A', product: 'AC60/70', tank: 'TK-101' });
    expect(trucks.find((t) => t.row === 4)).toMatchObject({ tank: '', product: 'AC60/70', rate_m3_h: 60 });
    // in time order
    expect(trucks.map((t) => t.at_s)).toEqual([...trucks.map((t) => t.at_s)].sort((a, b) => a - b));
  });
  it('names every bad field by path: schema errors, then the plant cross-checks', () => {
    const bad = structuredClone(exampleJson);
    bad.loadings[0].at = -1;
    bad.loadings[1].quantity_m3 = '30 m3';
    bad.loadings[2].colour = 'red';
    delete bad.loadings[3].tank;
    delete bad.loadings[3].product;
    const r = parseSchedule(bad, plant);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.path)).toEqual(
      expect.arrayContaining(['loadings[0].at', 'loadings[1].quantity_m3', 'loadings[2]', 'loadings[3].product']),
    );
    const cross = structuredClone(exampleJson);
    cross.loadings[0].bay = 'BAY-9';
    cross.loadings[1].arm = 'LA-2A'; // at BAY-2, not BAY-1
    cross.loadings[2].tank = 'TK-101'; // holds 60/70, not PMA
    cross.loadings[3].until = 5; // before at (10 h), and without trucksPerHour
    cross.loadings[4].product = 'AC99';
    const r2 = parseSchedule(cross, plant);
    expect(r2.ok).toBe(false);
    if (r2.ok) return;
    const paths = r2.errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['loadings[3].until']));
    const again = structuredClone(cross);
    again.loadings[3].trucksPerHour = 1;
    const r3 = parseSchedule(again, plant);
    if (r3.ok) throw new Error('accepted');
    const byPath = new Map(r3.errors.map((e) => [e.path, e.message]));
    expect(byPath.get('loadings[0].bay')).toMatch(/unknown bay "BAY-9"/);
    expect(byPath.get('loadings[1].arm')).toMatch(/not at BAY-1/);
    expect(byPath.get('loadings[2].tank')).toMatch(/TK-101 holds AC60\/70, not PMA/);
    expect(byPath.get('loadings[3].until')).toMatch(/after at/);
    expect(byPath.get('loadings[4].product')).toMatch(/unknown product "AC99"/);
  });
  it('an ISO time needs the schedule start', () => {
    const s = { schemaVersion: 1, name: 'x', loadings: [{ bay: 'BAY-1', tank: 'TK-101', at: '2026-12-01T08:00:00Z' }] };
    const r = parseSchedule(s, plant);
    expect(r.ok ? [] : r.errors.map((e) => e.path)).toEqual(['start']);
    const ok = parseSchedule({ ...s, start: '2026-12-01T06:00:00Z' }, plant);
    if (!ok.ok) throw new Error('refused');
    expect(plannedLoadings(ok.value, plant)[0].at_s).toBe(7200);
  });
  it('CSV errors name the line and column; unknown columns are named in the header', () => {
    const csv = [
      'bay,arm,product,tank,time,quantity_m3',
      '# a comment line is skipped',
      'BAY-1,LA-1A,AC60/70,TK-101,1,30',
      'BAY-1,LA-1A,AC60/70,TK-101,soon,30',
      'BAY-2,LA-2A,PMA,TK-101,2,30',
      'BAY-1,LA-1B,AC40/50,TK-104,3,thirty',
      'BAY-7,LA-1B,AC40/50,TK-104,3,30',
    ].join('\n');
    const r = parseScheduleCsv(csv, plant);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const paths = r.errors.map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'line 4, column time',
        'line 5, column tank',
        'line 6, column quantity_m3',
        'line 7, column bay',
      ]),
    );
    expect(paths.some((p) => p.startsWith('line 3'))).toBe(false);
    const head = parseScheduleCsv('bay,tank,time,colour\nBAY-1,TK-101,1,red', plant);
    expect(head.ok ? [] : head.errors.map((e) => e.path)).toEqual(['line 1, column colour']);
    expect(parseScheduleCsv('', plant).ok).toBe(false);
  });
});

describe('schedule limits', () => {
  it('a schedule that expands to too many trucks is refused before any forecast runs', () => {
    const loadings = Array.from({ length: 30 }, () => ({
      bay: 'BAY-1',
      tank: 'TK-101',
      at: 0,
      trucksPerHour: 20,
      until: 10,
    }));
    const r = parseSchedule({ schemaVersion: 1, name: 'x', loadings }, plant);
    expect(r.ok ? [] : r.errors.map((e) => [e.path, e.message])).toEqual([
      ['loadings', '6000 trucks: a schedule may hold at most 5000'],
    ]);
    expect(parseSchedule({ schemaVersion: 1, name: 'x', loadings: loadings.slice(0, 25) }, plant).ok).toBe(true);
  });
});
