import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from '../node/args';
import { parseMapping, type Mapping } from '../scada/mapping';
import { defaultPlant } from '../sim/plant/default';
import { formatErrors, loadPlantOrThrow } from '../sim/plant/load';
import type { PlantData } from '../sim/plant/schema';
import { hiddenFromSeed, parseHidden, type Hidden } from './hidden';

// npm run virtual-plant -- [--seed N | --hidden FILE] [--reveal FILE] [--speed X] [--opcua-port N]
//   [--modbus-port N] [--sparkplug mqtt://host:port] [--control-port N] [--user name:password] [--data-dir DIR]
//   [--plant FILE] [--mapping FILE] [--no-opcua] [--no-modbus]
// The default plant served on the mapping's addresses (OPC UA on 4840, Modbus on 5020, loopback).

const USAGE = `npm run virtual-plant -- [--seed N | --hidden FILE] [--reveal FILE] [--speed X] [--dt S]
  [--opcua-port N] [--modbus-port N] [--no-opcua] [--no-modbus] [--user name:password] [--data-dir DIR]
  [--sparkplug mqtt://host:port] [--control-port N] [--plant FILE] [--mapping FILE]
See src/virtualPlant/README.md.`;

const FLAGS = {
  plant: 'value',
  mapping: 'value',
  seed: 'value',
  hidden: 'value',
  reveal: 'value',
  speed: 'value',
  dt: 'value',
  'opcua-port': 'value',
  'modbus-port': 'value',
  'no-opcua': 'bool',
  'no-modbus': 'bool',
  sparkplug: 'value',
  'control-port': 'value',
  user: 'value',
  'data-dir': 'value',
  help: 'bool',
} as const;

const log = (level: string, msg: string, fields: Record<string, unknown> = {}) =>
  console.log(JSON.stringify({ ts: new Date().toISOString(), level, msg, ...fields }));

function fail(msg: string): never {
  console.error(`virtual-plant: ${msg}`);
  process.exit(2);
}

function int(name: string, v: string | true | undefined, lo: number, hi: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < lo || n > hi) fail(`--${name} must be an integer from ${lo} to ${hi}`);
  return n;
}

function readJson(flag: string, file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    fail(`--${flag} ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

const portOf = (url: string, fallback: number) => Number(new URL(url.replace(/^opc\.tcp:/, 'http:')).port) || fallback;

async function main(): Promise<void> {
  const { values: a, error } = parseArgs(process.argv.slice(2), FLAGS);
  if (error) fail(error);
  if (a.help) {
    console.log(USAGE);
    return;
  }
  const plant: PlantData = a.plant ? loadPlantOrThrow(readJson('plant', String(a.plant))) : defaultPlant();
  const mappingFile = String(a.mapping ?? path.join('models', 'scada', 'virtual-plant.json'));
  const m = parseMapping(readJson('mapping', mappingFile));
  if (!m.ok) fail(`--mapping ${mappingFile}:\n${formatErrors(m.errors)}`);
  const mapping: Mapping = m.value;
  const seed = int('seed', a.seed, 0, 2 ** 31 - 1) ?? 1;
  let hidden: Hidden = hiddenFromSeed(seed, plant, mapping);
  if (a.hidden) {
    const h = parseHidden(readJson('hidden', String(a.hidden)), plant, mapping);
    if (!h.ok) fail(`--hidden ${a.hidden}:\n${formatErrors(h.errors)}`);
    hidden = h.value;
  }
  if (a.reveal) writeFileSync(String(a.reveal), JSON.stringify(hidden, null, 2) + '\n');
  const speed = a.speed === undefined ? 1 : Number(a.speed);
  if (!(speed > 0 && speed <= 10_000)) fail('--speed must be a number above 0, at most 10000');
  const dt_s = a.dt === undefined ? undefined : Number(a.dt);
  if (dt_s !== undefined && !(dt_s > 0 && dt_s <= 10)) fail('--dt must be a step in seconds above 0, at most 10');
  const [username, password] = String(a.user ?? 'operator:tanktwin').split(/:(.*)/s);
  if (!username || password === undefined) fail('--user must be name:password');
  const opcSource = mapping.sources.find((s) => s.kind === 'opcua');
  const mbSource = mapping.sources.find((s) => s.kind === 'modbus');
  const opcuaPort =
    int('opcua-port', a['opcua-port'], 1, 65535) ??
    (opcSource?.kind === 'opcua' ? portOf(opcSource.endpoint, 4840) : 4840);
  const modbusPort =
    int('modbus-port', a['modbus-port'], 1, 65535) ?? (mbSource?.kind === 'modbus' ? mbSource.port : 5020);
  // the protocol libraries load in seconds: only once the flags and files are known to be good
  const { startVirtualPlant } = await import('./server');
  const { startControlServer } = await import('./control');
  const vp = await startVirtualPlant({
    plant,
    mapping,
    hidden,
    seed,
    dt_s,
    speed,
    opcua:
      a['no-opcua'] || !opcSource
        ? undefined
        : {
            port: opcuaPort,
            // outside the working tree: certificates and keys are no files to commit by mistake
            dataDir: String(a['data-dir'] ?? path.join(os.homedir(), '.tanktwin', 'virtual-plant')),
            users: [{ username, password }],
          },
    modbus: a['no-modbus'] || !mbSource ? undefined : { port: modbusPort },
    sparkplug: a.sparkplug ? { broker: String(a.sparkplug) } : undefined,
  });
  const controlPort = int('control-port', a['control-port'], 1, 65535);
  const control = controlPort ? await startControlServer(vp.plant, controlPort) : null;
  log('info', 'virtual plant running', {
    tags: mapping.tags.length,
    speed,
    seed: a.hidden ? undefined : seed,
    opcua: vp.opcua?.endpointUrl,
    modbus: vp.modbus ? `127.0.0.1:${vp.modbus.port}` : undefined,
    sparkplug: a.sparkplug,
    control: control ? `http://127.0.0.1:${control.port}` : undefined,
    revealedTo: a.reveal,
  });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log('info', 'stopping', { signal });
    await control?.stop();
    await vp.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((e) => fail(e instanceof Error ? e.message : String(e)));
