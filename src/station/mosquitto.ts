import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import { mosquittoAcl, BROKER_ACCOUNTS, LIVE_ACCOUNTS, type BrokerAccount, type LiveAccount } from './acl';

// Debian's mosquitto on a loopback port, with a password file and the station's ACL file, for the tests and
// the benchmark. `.ci/run` installs it when missing.

export const MOSQUITTO = '/usr/sbin/mosquitto';
export const MOSQUITTO_PASSWD = '/usr/bin/mosquitto_passwd';
export const haveMosquitto = () => existsSync(MOSQUITTO) && existsSync(MOSQUITTO_PASSWD);

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface RunningMosquitto {
  port: number;
  url: string;
  accounts: Record<BrokerAccount | LiveAccount, { username: string; password: string }>;
  stop(): Promise<void>;
}

export async function startMosquitto(dir: string, site: string): Promise<RunningMosquitto> {
  const port = await freePort();
  const accounts = Object.fromEntries(
    [...BROKER_ACCOUNTS, ...LIVE_ACCOUNTS].map((a) => [a, { username: `tanktwin-${a}`, password: `pw-${a}-${port}` }]),
  ) as RunningMosquitto['accounts'];
  const pw = join(dir, 'passwd');
  const acl = join(dir, 'acl');
  writeFileSync(pw, '');
  for (const a of [...BROKER_ACCOUNTS, ...LIVE_ACCOUNTS])
    execFileSync(MOSQUITTO_PASSWD, ['-b', pw, accounts[a].username, accounts[a].password]);
  writeFileSync(acl, mosquittoAcl(site));
  const conf = join(dir, 'mosquitto.conf');
  writeFileSync(
    conf,
    [
      // started as root it would switch to the mosquitto user, who cannot read a private temp folder
      `user ${userInfo().username}`,
      `listener ${port} 127.0.0.1`,
      'allow_anonymous false',
      `password_file ${pw}`,
      `acl_file ${acl}`,
      'persistence false',
      'log_type error',
      'log_type warning',
      'log_dest stderr',
      '',
    ].join('\n'),
  );
  const proc: ChildProcess = spawn(MOSQUITTO, ['-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const t0 = Date.now();
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`mosquitto exited: ${err}`);
    const up = await new Promise<boolean>((resolve) => {
      const c = connect(port, '127.0.0.1', () => {
        c.end();
        resolve(true);
      });
      c.once('error', () => resolve(false));
    });
    if (up) break;
    if (Date.now() - t0 > 20_000) throw new Error(`mosquitto did not listen on ${port}: ${err}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port,
    url: `mqtt://127.0.0.1:${port}`,
    accounts,
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      }),
  };
}
