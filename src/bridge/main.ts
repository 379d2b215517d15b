import { connectBroker } from './broker';
import { Bridge } from './core';
import { startBridgeHttp } from './http';
import { jsonLog } from './log';
import { parseBridgeArgs } from './options';
import { plantTanks } from './tanks';

// `npm run bridge -- --config FILE --broker URL [flags]` (see options.ts or --help). Exit 2 on a bad flag
// or mapping, 1 when it cannot start; SIGTERM/SIGINT stop it cleanly (final health, broker link flushed).

async function main(): Promise<void> {
  const p = parseBridgeArgs(process.argv.slice(2));
  if (!p.ok) {
    console.error(p.help ? p.error : `bridge: ${p.error}\n(npm run bridge -- --help lists the options)`);
    process.exit(p.help ? 0 : 2);
  }
  const o = p.opts;
  const log = jsonLog({ level: o.logLevel });
  // the last line of defence: whatever a source library throws from a timer is logged, and the bridge serves on
  process.on('uncaughtException', (e) => log('error', 'uncaught exception', { error: e.stack ?? String(e) }));
  process.on('unhandledRejection', (e) => log('error', 'unhandled rejection', { error: String(e) }));
  const mqtt = await connectBroker(o.broker, {
    username: o.username,
    password: o.password,
    protocolVersion: o.protocolVersion,
  });
  const bridge = await Bridge.start({
    mapping: o.mapping,
    mqtt,
    allowWrite: o.allowWrite,
    log,
    tanks: plantTanks(),
  });
  const http = await startBridgeHttp(bridge, { port: o.httpPort, host: o.httpHost });
  log('info', 'bridge serving', {
    config: o.configFile,
    broker: o.broker,
    healthz: `http://${o.httpHost}:${http.port}/healthz`,
    metrics: `http://${o.httpHost}:${http.port}/metrics`,
  });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log('info', 'stopping', { signal });
    Promise.all([bridge.stop(), http.close()]).then(
      () => process.exit(0),
      (e: Error) => {
        log('error', 'stop failed', { error: e.message });
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e: Error) => {
  console.error(`bridge: cannot start: ${e.message}`);
  process.exit(1);
});
