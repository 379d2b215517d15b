import { describe, expect, it } from 'vitest';
import { csvField, parseCsv, toCsv } from '../../../src/predictive/csv';
import { workOrderFor, workOrders, workOrdersCsv, workOrdersJson } from '../../../src/predictive/workOrders';
import type { Finding } from '../../../src/predictive/findings';

const T0 = Date.UTC(2026, 10, 2, 6, 0, 0);
const DAY = 86_400_000;

function finding(asset: string, priority: Finding['priority'], dueDays: number, text = `${asset} degraded`): Finding {
  return {
    kind: 'coilFouling',
    asset,
    finding: text,
    evidence: 'fouling 1.2e-2 ± 1e-3 m²K/W',
    priority,
    detected_ms: T0,
    due_ms: T0 + dueDays * DAY,
    action: 'clean the coil',
    figures: { fouling_m2K_W: 0.012, crossingLate_ms: Number.POSITIVE_INFINITY },
  };
}

describe('CSV', () => {
  it('quotes commas, quotes and line breaks as RFC 4180 says, and defuses spreadsheet formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r\nlf')).toBe('"cr\r\nlf"');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('-12.5')).toBe('-12.5');
    expect(csvField(-3e-5)).toBe('-0.00003');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField(null)).toBe('');
    expect(toCsv(['a', 'b'], [[1, 'x,y']])).toBe('a,b\r\n1,"x,y"\r\n');
  });

  it('reads back exactly what it wrote', () => {
    const rows = [
      ['id', 'text'],
      ['1', 'a "quoted", multi\nline\r\nfield'],
      ['2', ''],
    ];
    expect(parseCsv(toCsv(rows[0], rows.slice(1)))).toEqual(rows);
  });
});

describe('work orders', () => {
  it('one per finding, most urgent first, with a stable id per asset, kind and day', () => {
    const orders = workOrders([
      finding('TK-103', 'low', 100),
      finding('TK-101', 'high', 20),
      finding('TK-102', 'high', 10),
    ]);
    expect(orders.map((o) => o.id)).toEqual([
      'WO-TK-102-FOUL-20261102',
      'WO-TK-101-FOUL-20261102',
      'WO-TK-103-FOUL-20261102',
    ]);
    expect(orders[0]).toMatchObject({ assetTag: 'TK-102', dueDate: '2026-11-12', created: '2026-11-02T06:00:00.000Z' });
    expect(workOrderFor(finding('TK-102', 'high', 10)).id).toBe(orders[0].id);
    // JSON has no Infinity: left out, not written as null
    expect(orders[0].figures).toEqual({ fouling_m2K_W: 0.012 });
    expect(JSON.parse(workOrdersJson(orders)).workOrders).toHaveLength(3);
  });

  it('exports CSV that a CMMS reads back field for field, commas and quotes in the text included', () => {
    const o = workOrders([finding('TK-101', 'medium', 30, 'coil "A", fouled\nbadly')]);
    const rows = parseCsv(workOrdersCsv(o));
    expect(rows[0]).toEqual([
      'id',
      'asset_tag',
      'kind',
      'priority',
      'created',
      'due_date',
      'finding',
      'evidence',
      'recommended_action',
    ]);
    expect(rows[1][6]).toBe('coil "A", fouled\nbadly');
    expect(rows[1][0]).toBe('WO-TK-101-FOUL-20261102');
    expect(rows).toHaveLength(2);
  });
});
