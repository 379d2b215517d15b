import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { networkInterfaces } from 'node:os';
import { parseStationArgs } from './options';
import { mosquittoAcl } from './acl';
import { selfSignedCertificate } from './selfSigned';
import { Station } from './station';

// `npm run station -- [flags]` (see options.ts or --help). Exit 2 on a bad flag, 1 when it cannot start.

async function main(): Promise<void> {
  const p = parseStationArgs(process.argv.slice(2));
  if (!p.ok) {
    console.error(p.help ? p.error : `station: ${p.error}\n(npm run station -- --help lists the options)`);
    process.exit(p.help ? 0 : 2);
  }
  const opts = p.opts;
  if (p.printAcl) return void process.stdout.write(mosquittoAcl(opts.site ?? 'station'));
  if (p.selfSigned) opts.tls = await selfSignedCertificate(opts.dataDir);
  if (!existsSync(join(opts.distDir, 'index.html')))
    console.warn(
      `station: no built app in ${opts.distDir}: run "npm run build" (the API and sessions work without it)`,
    );
  const st = await Station.start(opts);
  const lan = Object.values(networkInterfaces())
    .flat()
    .filter((a) => a && !a.internal && a.family === 'IPv4')
    .map((a) => `${st.tls ? 'https' : 'http'}://${a!.address}:${st.port}`);
  console.log(`station: ${st.url} ${lan.length && opts.host !== '127.0.0.1' ? `(on the LAN: ${lan.join(', ')})` : ''}`);
  console.log(
    `station: broker ${opts.broker ? opts.broker.url : 'embedded, MQTT 3.1.1 over WebSocket at /mqtt'}; data ${opts.dataDir}`,
  );
  console.log(`station: ${st.sessions.size} session(s) resumed; instructor console: ${st.url}/?page=instructor`);
  if (st.live && opts.live)
    console.log(
      `station: live plant ${st.live.site}/${st.live.plant} from ${opts.live.mapping.sources.length} source(s), ${opts.live.allowWrite ? 'writes allowed' : 'read-only'}; bridge health ${st.url}/api/live/healthz`,
    );
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    console.log('station: saving sessions and stopping');
    st.close().then(
      () => process.exit(0),
      (e: Error) => {
        console.error(`station: ${e.message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: Error) => {
  console.error(`station: cannot start: ${e.message}`);
  process.exit(1);
});
