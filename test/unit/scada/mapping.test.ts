import { describe, expect, it } from 'vitest';
import { checkMappingTags, parseMapping } from '../../../src/scada/mapping';

const base = () => ({
  site: 'plant1',
  plant: 'terminal',
  sources: [
    { id: 'plc', kind: 'modbus', host: '127.0.0.1', port: 5020 },
    { id: 'ua', kind: 'opcua', endpoint: 'opc.tcp://127.0.0.1:4840' },
  ],
  tags: [
    { tag: 'TK1.level', source: 'plc', address: { table: 'holding', address: 0 }, unit: 'm', range: [0, 20] },
    { tag: 'TK1.temp', source: 'ua', address: { nodeId: 'ns=1;s=TT101' }, unit: '°C', range: [0, 300] },
  ],
});

const paths = (raw: unknown) => {
  const r = parseMapping(raw);
  return r.ok ? [] : r.errors.map((e) => e.path);
};

describe('parseMapping', () => {
  it('accepts a good mapping and fills the defaults', () => {
    const r = parseMapping(base());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.sources[0]).toMatchObject({ unitId: 1, poll_ms: 1000, timeout_ms: 1000 });
    expect(r.value.tags[0]).toMatchObject({ deadband: 0, rate_ms: 1000, writable: false });
    expect(r.value.tags[0].address).toMatchObject({ type: 'uint16', wordOrder: 'big' });
    expect(r.value.crossChecks).toEqual([]);
  });

  it('names each schema problem by its path', () => {
    const m = base();
    (m.tags[0].address as Record<string, unknown>).type = 'float64';
    expect(paths(m)).toEqual(['tags[0].address']);
    const n = base();
    n.tags[0].range = [20, 0];
    expect(paths(n)).toEqual(['tags[0].range']);
    const p = base();
    (p.sources[0] as Record<string, unknown>).port = 70000;
    expect(paths(p)).toEqual(['sources[0].port']);
    const q = base();
    (q.sources[1] as Record<string, unknown>).endpoint = 'http://x';
    expect(paths(q)).toEqual(['sources[1].endpoint']);
    expect(paths({ ...base(), site: 'a/b' })).toEqual(['site']);
    expect(paths({ ...base(), extra: 1 })).toEqual(['(root)']);
    expect(paths({ ...base(), tags: [] })).toEqual(['tags']);
  });

  it('names cross-field problems: duplicates, unknown sources, the wrong kind of address', () => {
    const m = base();
    m.sources.push({ ...m.sources[0] });
    m.tags.push({ ...m.tags[0] });
    expect(parseMapping(m)).toEqual({
      ok: false,
      errors: [
        { path: 'sources[2].id', message: 'duplicate source id "plc"' },
        { path: 'tags[2].tag', message: 'tag "TK1.level" is mapped twice' },
      ],
    });
    const n = base();
    n.tags[0].source = 'nope';
    n.tags[1].source = 'plc';
    expect(parseMapping(n)).toEqual({
      ok: false,
      errors: [
        { path: 'tags[0].source', message: 'no source "nope" in sources' },
        { path: 'tags[1].address', message: 'a modbus source needs an address with "table"' },
      ],
    });
  });

  it('checkMappingTags: every tag exists in the plant with the same unit', () => {
    const r = parseMapping(base());
    if (!r.ok) throw new Error('bad base');
    expect(checkMappingTags(r.value, new Map([['TK1.level', { unit: 'm' }]]))).toEqual([
      { path: 'tags[1].tag', message: 'the plant has no tag "TK1.temp"' },
    ]);
    expect(
      checkMappingTags(
        r.value,
        new Map([
          ['TK1.level', { unit: '%' }],
          ['TK1.temp', { unit: '°C' }],
        ]),
      ),
    ).toEqual([{ path: 'tags[0].unit', message: '"m" but the plant\'s TK1.level is in "%"' }]);
  });
});
