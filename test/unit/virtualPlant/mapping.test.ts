import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkMappingTags, parseMapping, type Mapping } from '../../../src/scada/mapping';
import { buildModel } from '../../../src/sim/plantIndex';
import { buildTags } from '../../../src/sim/tags';
import { plantCopy } from '../helpers';

const raw: unknown = JSON.parse(
  readFileSync(new URL('../../../models/scada/virtual-plant.json', import.meta.url), 'utf8'),
);

function load(): Mapping {
  const r = parseMapping(raw);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

describe('models/scada/virtual-plant.json', () => {
  const plantTags = new Map(buildTags(buildModel(plantCopy())).map((t) => [t.name, { unit: t.unit }]));

  it('parses and maps only tags the default plant has, each in its unit', () => {
    const m = load();
    expect(checkMappingTags(m, plantTags)).toEqual([]);
    expect(m.tags.length).toBeGreaterThanOrEqual(40);
    expect(m.tags.length).toBeLessThanOrEqual(110);
  });

  it('has a PLC on Modbus and a SCADA server on OPC UA, with a mix of register types', () => {
    const m = load();
    expect(m.sources.map((s) => `${s.id}:${s.kind}`)).toEqual(['plc:modbus', 'scada:opcua']);
    const kinds = new Set(
      m.tags.map((t) => ('table' in t.address ? `${t.address.table}/${t.address.type}/${t.address.wordOrder}` : 'ua')),
    );
    for (const k of [
      'input/float32/big',
      'input/float32/little',
      'input/uint16/big',
      'holding/int16/big',
      'coil/bool/big',
    ])
      expect(kinds).toContain(k);
    for (const t of m.tags) if ('nodeId' in t.address) expect(t.address.nodeId).toBe(`ns=1;s=${t.tag}`);
  });

  it('has no two Modbus tags overlapping in one table', () => {
    const m = load();
    const used = new Map<string, string>();
    for (const t of m.tags) {
      if (!('table' in t.address)) continue;
      const n = t.address.type === 'float32' || t.address.type.endsWith('32') ? 2 : 1;
      for (let k = 0; k < n; k++) {
        const key = `${t.address.table}:${t.address.address + k}`;
        expect(used.get(key), key).toBeUndefined();
        used.set(key, t.tag);
      }
    }
  });

  it('cross-checks name only mapped tags', () => {
    const m = load();
    const mapped = new Set(m.tags.map((t) => t.tag));
    const named = m.crossChecks.flatMap((c) =>
      c.kind === 'levelMassBalance'
        ? [c.levelTag, ...c.inflowTags, ...c.outflowTags]
        : c.kind === 'tempProfile'
          ? [c.controlTag, ...c.profileTags]
          : [c.dutyTag, c.flowTag, c.supplyTag, c.returnTag],
    );
    expect(new Set(m.crossChecks.map((c) => c.kind))).toEqual(
      new Set(['levelMassBalance', 'tempProfile', 'heaterDuty']),
    );
    for (const tag of named) expect(mapped, tag).toContain(tag);
  });

  it('a wrong unit or an unknown tag is named by its path', () => {
    const m = load();
    const bad = structuredClone(m);
    bad.tags[0].unit = 'ft';
    bad.tags[1].tag = 'TK-999.level';
    expect(checkMappingTags(bad, plantTags).map((e) => e.path)).toEqual(['tags[0].unit', 'tags[1].tag']);
  });
});
