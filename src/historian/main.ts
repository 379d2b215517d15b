import { join, resolve } from 'node:path';
import { parseArgs } from '../node/args';
import { backupHistorian, restoreHistorian } from './backup';
import { SQLITE_FILE } from './historian';

// `npm run historian -- backup FILE [--data DIR]`: an online copy of the station's embedded historian (the
//   station may be running and ingesting).
// `npm run historian -- restore FILE [--data DIR]`: put such a copy in place (the station stopped).
// DIR is the station's data folder (default ./station-data). Exit 2 on bad usage, 1 when it fails.

const USAGE = `npm run historian -- backup FILE [--data DIR]    online backup of the embedded historian
npm run historian -- restore FILE [--data DIR]   restore it from FILE (stop the station first)
  --data DIR   the station's data folder (default ./station-data)`;

export async function historianCli(argv: string[], log: (s: string) => void = console.log): Promise<number> {
  const [cmd, file, ...rest] = argv;
  if (cmd === '--help' || cmd === undefined) return (log(USAGE), cmd === undefined ? 2 : 0);
  if ((cmd !== 'backup' && cmd !== 'restore') || !file || file.startsWith('--')) {
    log(`historian: expected "backup FILE" or "restore FILE"\n${USAGE}`);
    return 2;
  }
  const { values, error } = parseArgs(rest, { data: 'value' });
  if (error) return (log(`historian: ${error}`), 2);
  const dataDir = resolve((values.data as string | undefined) ?? 'station-data');
  const db = join(dataDir, SQLITE_FILE);
  try {
    if (cmd === 'backup') {
      const r = await backupHistorian(db, resolve(file));
      log(`historian: backed up ${db} to ${resolve(file)} (${r.rawRows} raw samples)`);
    } else {
      const r = restoreHistorian(resolve(file), db, dataDir);
      log(`historian: restored ${db} from ${resolve(file)} (${r.rawRows} raw samples)`);
    }
    return 0;
  } catch (e) {
    log(`historian: ${(e as Error).message}`);
    return 1;
  }
}

if (process.argv[1] && /historian[/\\]main\.ts$/.test(process.argv[1]))
  void historianCli(process.argv.slice(2)).then((code) => (process.exitCode = code));
