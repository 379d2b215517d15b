import { parseMapping, type Mapping } from '../../../src/scada/mapping';

/** A mapping from a partial one, through the real parser (so defaults apply); throws with the paths. */
export function mapping(raw: Record<string, unknown>): Mapping {
  const r = parseMapping({
    site: 'test',
    plant: 'p1',
    sources: [{ id: 'plc', kind: 'modbus', host: '127.0.0.1', port: 5020 }],
    ...raw,
  });
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join('; '));
  return r.value;
}

let nextAddress = 0;
/** A holding-register tag on source plc. */
export const tag = (name: string, extra: Record<string, unknown> = {}) => ({
  tag: name,
  source: 'plc',
  address: { table: 'holding', address: nextAddress++ },
  unit: 'm',
  range: [0, 20],
  ...extra,
});
