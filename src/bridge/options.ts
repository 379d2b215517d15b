import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from '../node/args';
import { parseMapping, type Mapping } from '../scada/mapping';

// `npm run bridge -- [flags]`: what each flag means, and the checks that name the flag (or the mapping
// file's field) at fault.

export const USAGE = `npm run bridge -- --config FILE --broker URL [options]
  --config FILE          the tag-mapping file (models/scada/*.json)
  --broker URL           the broker to publish to: mqtt://, mqtts://, ws:// or wss:// (the station's is ws://HOST:PORT/mqtt)
  --username U           broker account
  --password P           broker password
  --mqtt-version 4|5     MQTT 3.1.1 (4, default: what the embedded broker speaks) or 5
  --allow-write          accept write requests for the tags the mapping marks writable (default: read-only)
  --http-port N          /healthz and /metrics on 127.0.0.1:N (default 9102; 0 = any free port)
  --http-host ADDR       address for /healthz and /metrics (default 127.0.0.1)
  --log-level L          debug, info, warn or error (default info)
  --help`;

const FLAGS = {
  config: 'value',
  broker: 'value',
  username: 'value',
  password: 'value',
  'mqtt-version': 'value',
  'allow-write': 'bool',
  'http-port': 'value',
  'http-host': 'value',
  'log-level': 'value',
  help: 'bool',
} as const;

export interface BridgeCliOptions {
  mapping: Mapping;
  configFile: string;
  broker: string;
  username?: string;
  password?: string;
  protocolVersion: 4 | 5;
  allowWrite: boolean;
  httpPort: number;
  httpHost: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
}

export type ParsedBridgeArgs = { ok: true; opts: BridgeCliOptions } | { ok: false; error: string; help?: boolean };

/** Read and validate a mapping file: every problem named by the file and its path in it. */
export function loadMappingFile(file: string): { ok: true; mapping: Mapping } | { ok: false; error: string } {
  if (!existsSync(file)) return { ok: false, error: `--config: no file ${file}` };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    return { ok: false, error: `--config ${file}: not JSON (${(e as Error).message})` };
  }
  const r = parseMapping(raw);
  if (!r.ok)
    return { ok: false, error: `--config ${file}: ${r.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}` };
  return { ok: true, mapping: r.value };
}

export function parseBridgeArgs(argv: string[]): ParsedBridgeArgs {
  const { values: v, error } = parseArgs(argv, FLAGS);
  if (error) return { ok: false, error };
  if (v.help) return { ok: false, error: USAGE, help: true };
  if (typeof v.config !== 'string') return { ok: false, error: '--config FILE is required (the tag-mapping file)' };
  if (typeof v.broker !== 'string') return { ok: false, error: '--broker URL is required' };
  if (!/^(mqtts?|wss?):\/\/[^/]+/.test(v.broker))
    return { ok: false, error: `--broker must be a mqtt://, mqtts://, ws:// or wss:// URL, not "${v.broker}"` };
  if ((v.username === undefined) !== (v.password === undefined))
    return { ok: false, error: '--username and --password go together' };
  const pv = (v['mqtt-version'] as string | undefined) ?? '4';
  if (pv !== '4' && pv !== '5') return { ok: false, error: `--mqtt-version must be 4 or 5, not "${pv}"` };
  const hp = (v['http-port'] as string | undefined) ?? '9102';
  const httpPort = Number(hp);
  if (!Number.isInteger(httpPort) || httpPort < 0 || httpPort > 65535)
    return { ok: false, error: `--http-port must be a whole number from 0 to 65535, not "${hp}"` };
  const level = (v['log-level'] as string | undefined) ?? 'info';
  if (!['debug', 'info', 'warn', 'error'].includes(level))
    return { ok: false, error: `--log-level must be debug, info, warn or error, not "${level}"` };
  const m = loadMappingFile(v.config);
  if (!m.ok) return m;
  return {
    ok: true,
    opts: {
      mapping: m.mapping,
      configFile: v.config,
      broker: v.broker,
      username: v.username as string | undefined,
      password: v.password as string | undefined,
      protocolVersion: Number(pv) as 4 | 5,
      allowWrite: !!v['allow-write'],
      httpPort,
      httpHost: (v['http-host'] as string | undefined) ?? '127.0.0.1',
      logLevel: level as BridgeCliOptions['logLevel'],
    },
  };
}
