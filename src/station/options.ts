import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { parseArgs } from '../node/args';
import { BROKER_ACCOUNTS, LIVE_ACCOUNTS } from './acl';
import { loadMappingFile } from '../bridge/options';
import { parseHistorianUrl } from '../historian/historian';
import type { ExternalBroker, StationOptions } from './station';

// `npm run station -- [flags]`: what each flag means, and the checks that name the flag at fault.

export const USAGE = `npm run station -- [options]
  --port N               port for the app, the API and MQTT over WebSocket (default 8443 with TLS, 8080 without)
  --host ADDR            address to listen on (default 0.0.0.0 with TLS, 127.0.0.1 without)
  --cert FILE --key FILE HTTPS with this certificate and key (PEM)
  --self-signed          HTTPS with a certificate the station makes and keeps in its data folder
  --data DIR             data folder: sessions, snapshots, records, initial conditions, keys (default ./station-data)
  --dist DIR             the built app to serve (default ./dist; run "npm run build" first)
  --scenarios DIR        scenario files offered (default ./scenarios)
  --site NAME            the site in topic names (default station)
  --broker URL           use an external broker (mqtt://, mqtts://, ws://, wss://) instead of the embedded one
  --broker-auth FILE     with --broker: JSON {station, instructor, trainee, observer: {username, password}}
  --broker-public-url U  with --broker: the ws(s):// URL browsers use (default: --broker)
  --broker-protocol 4|5  with --broker: MQTT 3.1.1 (4) or 5 (default 5)
  --threads N            plant threads (default: one per core)
  --historian URL|sqlite where live tags are stored: sqlite (a file in the data folder, default), sqlite:FILE,
                         or postgres://user:pass@host/db (see src/historian/README.md)
  --live FILE            show the real plant live: run the SCADA bridge with this tag-mapping file on the
                         station's broker (the site defaults to the mapping's)
  --live-allow-write     with --live: the bridge accepts write requests for the mapping's writable tags
  --live-engineer-code C with --live: /api/live/join with this code gives write access (none: read-only for all)
  --mosquitto-acl        print the ACL file for an external Mosquitto (for --site) and exit
  --help`;

export type Parsed =
  | { ok: true; opts: StationOptions; selfSigned: boolean; printAcl: boolean }
  | { ok: false; error: string; help?: boolean };

const FLAGS = {
  port: 'value',
  host: 'value',
  cert: 'value',
  key: 'value',
  'self-signed': 'bool',
  data: 'value',
  dist: 'value',
  scenarios: 'value',
  site: 'value',
  broker: 'value',
  'broker-auth': 'value',
  'broker-public-url': 'value',
  'broker-protocol': 'value',
  threads: 'value',
  historian: 'value',
  live: 'value',
  'live-allow-write': 'bool',
  'live-engineer-code': 'value',
  'mosquitto-acl': 'bool',
  help: 'bool',
} as const;

const account = z.strictObject({ username: z.string().min(1), password: z.string() });
const brokerAuthSchema = z.strictObject({
  ...(Object.fromEntries(BROKER_ACCOUNTS.map((a) => [a, account])) as Record<
    (typeof BROKER_ACCOUNTS)[number],
    typeof account
  >),
  ...(Object.fromEntries(LIVE_ACCOUNTS.map((a) => [a, account.optional()])) as Record<
    (typeof LIVE_ACCOUNTS)[number],
    z.ZodOptional<typeof account>
  >),
});

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

function int(v: string | true | undefined, flag: string, min: number, max: number): number | string | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  return Number.isInteger(n) && n >= min && n <= max
    ? n
    : `--${flag} must be a whole number from ${min} to ${max}, not "${v}"`;
}

function brokerOptions(v: Record<string, string | true>): ExternalBroker | string | undefined {
  const url = v.broker as string | undefined;
  if (!url) {
    for (const f of ['broker-auth', 'broker-public-url', 'broker-protocol'])
      if (v[f] !== undefined) return `--${f} needs --broker`;
    return undefined;
  }
  if (!/^(mqtts?|wss?):\/\/[^/]+/.test(url))
    return `--broker must be a mqtt://, mqtts://, ws:// or wss:// URL, not "${url}"`;
  const authFile = v['broker-auth'] as string | undefined;
  if (!authFile) return '--broker needs --broker-auth FILE with the station and role accounts (see README)';
  if (!existsSync(authFile)) return `--broker-auth: no file ${authFile}`;
  let accounts;
  try {
    const r = brokerAuthSchema.safeParse(JSON.parse(readFileSync(authFile, 'utf8')));
    if (!r.success)
      return `--broker-auth ${authFile}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`;
    accounts = r.data;
  } catch (e) {
    return `--broker-auth ${authFile}: ${(e as Error).message}`;
  }
  const pv = v['broker-protocol'] ?? '5';
  if (pv !== '4' && pv !== '5') return `--broker-protocol must be 4 (MQTT 3.1.1) or 5, not "${pv}"`;
  const pub = v['broker-public-url'] as string | undefined;
  if (pub && !/^wss?:\/\//.test(pub)) return `--broker-public-url must be a ws:// or wss:// URL, not "${pub}"`;
  return { url, publicUrl: pub, protocolVersion: Number(pv) as 4 | 5, accounts };
}

export function parseStationArgs(argv: string[]): Parsed {
  const { values: v, error } = parseArgs(argv, FLAGS);
  if (error) return { ok: false, error };
  if (v.help) return { ok: false, error: USAGE, help: true };
  if ((v.cert === undefined) !== (v.key === undefined)) return { ok: false, error: '--cert and --key go together' };
  if (v.cert && v['self-signed']) return { ok: false, error: '--self-signed and --cert/--key exclude each other' };
  for (const f of ['cert', 'key'] as const)
    if (v[f] && !existsSync(v[f] as string)) return { ok: false, error: `--${f}: no file ${v[f]}` };
  const tlsWanted = !!(v.cert || v['self-signed']);
  const host = (v.host as string | undefined) ?? (tlsWanted ? '0.0.0.0' : '127.0.0.1');
  if (!tlsWanted && !LOOPBACK.has(host))
    return {
      ok: false,
      error: `--host ${host} without --cert/--key or --self-signed: a headset gets WebXR only from a secure origin, so plain HTTP is for 127.0.0.1 only`,
    };
  const port = int(v.port, 'port', 0, 65535);
  if (typeof port === 'string') return { ok: false, error: port };
  const threads = int(v.threads, 'threads', 1, 64);
  if (typeof threads === 'string') return { ok: false, error: threads };
  let live: StationOptions['live'];
  if (v.live !== undefined) {
    const m = loadMappingFile(v.live as string);
    if (!m.ok) return { ok: false, error: m.error.replace(/^--config/, '--live') };
    if (v.site !== undefined && v.site !== m.mapping.site)
      return { ok: false, error: `--live: the mapping's site "${m.mapping.site}" is not --site "${v.site}"` };
    const code = v['live-engineer-code'] as string | undefined;
    if (code !== undefined && !/^[A-Za-z0-9]{6,64}$/.test(code))
      return { ok: false, error: '--live-engineer-code must be 6–64 letters and digits' };
    live = { mapping: m.mapping, allowWrite: !!v['live-allow-write'], engineerCode: code };
  } else
    for (const f of ['live-allow-write', 'live-engineer-code'])
      if (v[f] !== undefined) return { ok: false, error: `--${f} needs --live` };
  const site = (v.site as string | undefined) ?? live?.mapping.site ?? 'station';
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(site))
    return { ok: false, error: `--site may hold only letters, digits, _ and -, not "${site}"` };
  const dist = resolve((v.dist as string | undefined) ?? 'dist');
  const scenariosDir = resolve((v.scenarios as string | undefined) ?? 'scenarios');
  if (v.scenarios && !existsSync(scenariosDir)) return { ok: false, error: `--scenarios: no folder ${scenariosDir}` };
  const broker = brokerOptions(v);
  if (typeof broker === 'string') return { ok: false, error: broker };
  const historian = (v.historian as string | undefined) ?? 'sqlite';
  const hist = parseHistorianUrl(historian);
  if (typeof hist === 'string') return { ok: false, error: hist };
  return {
    ok: true,
    selfSigned: !!v['self-signed'],
    printAcl: !!v['mosquitto-acl'],
    opts: {
      port: port ?? (tlsWanted ? 8443 : 8080),
      host,
      tls: v.cert
        ? { cert: readFileSync(v.cert as string, 'utf8'), key: readFileSync(v.key as string, 'utf8') }
        : undefined,
      dataDir: resolve((v.data as string | undefined) ?? 'station-data'),
      distDir: dist,
      scenariosDir,
      site,
      broker,
      threads,
      historian,
      live,
    },
  };
}
