import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseBridgeArgs } from '../../../src/bridge/options';

const dir = mkdtempSync(join(tmpdir(), 'tanktwin-bridge-opts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, body: unknown) => {
  const p = join(dir, name);
  writeFileSync(p, typeof body === 'string' ? body : JSON.stringify(body));
  return p;
};
const good = {
  site: 's',
  plant: 'p',
  sources: [{ id: 'plc', kind: 'modbus', host: '127.0.0.1', port: 5020 }],
  tags: [{ tag: 'TK1.level', source: 'plc', address: { table: 'holding', address: 0 }, unit: 'm', range: [0, 20] }],
};
const err = (argv: string[]) => {
  const r = parseBridgeArgs(argv);
  return r.ok ? null : r.error;
};

describe('npm run bridge flags', () => {
  it('accepts a good command line with the defaults', () => {
    const r = parseBridgeArgs(['--config', file('good.json', good), '--broker', 'ws://127.0.0.1:8080/mqtt']);
    expect(r.ok && { ...r.opts, mapping: undefined, configFile: undefined }).toEqual({
      broker: 'ws://127.0.0.1:8080/mqtt',
      username: undefined,
      password: undefined,
      protocolVersion: 4,
      allowWrite: false,
      httpPort: 9102,
      httpHost: '127.0.0.1',
      logLevel: 'info',
      mapping: undefined,
      configFile: undefined,
    });
  });

  it('names the flag at fault', () => {
    const cfg = file('good2.json', good);
    const b = ['--broker', 'mqtt://127.0.0.1:1883'];
    expect(err(b)).toBe('--config FILE is required (the tag-mapping file)');
    expect(err(['--config', cfg])).toBe('--broker URL is required');
    expect(err(['--config', cfg, '--broker', 'http://x'])).toMatch(/^--broker must be/);
    expect(err(['--config', cfg, ...b, '--http-port', '70000'])).toMatch(/^--http-port must be/);
    expect(err(['--config', cfg, ...b, '--mqtt-version', '3'])).toBe('--mqtt-version must be 4 or 5, not "3"');
    expect(err(['--config', cfg, ...b, '--username', 'u'])).toBe('--username and --password go together');
    expect(err(['--config', cfg, ...b, '--poll-ms', '5'])).toMatch(/^unknown option --poll-ms/);
    expect(err(['--config', join(dir, 'none.json'), ...b])).toMatch(/^--config: no file /);
  });

  it('names the mapping field at fault', () => {
    const bad = { ...good, tags: [{ ...good.tags[0], address: { table: 'holding', address: 0, type: 'float64' } }] };
    expect(err(['--config', file('bad.json', bad), '--broker', 'mqtt://h'])).toMatch(/bad\.json: tags\[0\]\.address: /);
    expect(err(['--config', file('notjson.json', '{'), '--broker', 'mqtt://h'])).toMatch(/notjson\.json: not JSON/);
  });
});
