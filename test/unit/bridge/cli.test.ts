import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BridgeHealth } from '../../../src/protocol/live';
import { liveTopics } from '../../../src/protocol/live';
import { registers, startBroker, startModbusServer, Viewer } from './helpers';
import { waitFor } from '../waitFor';

// npm run bridge: a bad flag or mapping exits 2 naming it; a running bridge serves /healthz, and SIGTERM
// stops it with status 0 after a final retained health.

const dir = mkdtempSync(join(tmpdir(), 'tanktwin-bridge-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const args = (...a: string[]) => ['--import', 'tsx', 'src/bridge/main.ts', ...a];

describe('bridge command line', () => {
  it('exits 2 naming the flag or the mapping field', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ site: 's', plant: 'p', sources: [], tags: [] }));
    const r = spawnSync(process.execPath, args('--config', bad, '--broker', 'mqtt://127.0.0.1:1'), {
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('bad.json: sources: ');
    const f = spawnSync(process.execPath, args('--config', bad, '--broker', 'mqtt://h', '--http-port', 'x'), {
      encoding: 'utf8',
    });
    expect(f.status).toBe(2);
    expect(f.stderr).toContain('--http-port must be');
  });

  it('serves, answers /healthz, and on SIGTERM publishes a final health and exits 0', async () => {
    const regs = registers();
    regs.holding.set(0, 7);
    const plc = await startModbusServer(regs);
    const broker = await startBroker();
    const viewer = await Viewer.open(broker.url, liveTopics('cli', 'p1').base);
    try {
      const cfg = join(dir, 'ok.json');
      writeFileSync(
        cfg,
        JSON.stringify({
          site: 'cli',
          plant: 'p1',
          sources: [{ id: 'plc', kind: 'modbus', host: '127.0.0.1', port: plc.port, poll_ms: 50 }],
          tags: [{ tag: 'X.v', source: 'plc', address: { table: 'holding', address: 0 }, unit: '', range: [0, 100] }],
        }),
      );
      const p = spawn(process.execPath, args('--config', cfg, '--broker', broker.url, '--http-port', '0'), {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      p.stdout.on('data', (b: Buffer) => (out += b.toString()));
      const exit = new Promise<number | null>((r) => p.on('exit', (code) => r(code)));
      await waitFor(() => out.includes('"msg":"bridge serving"'), 'the serving line');
      const lines = out
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { msg: string; level: string; ts: string; healthz?: string });
      for (const l of lines) expect(Object.keys(l).slice(0, 3)).toEqual(['level', 'ts', 'msg']);
      const healthz = lines.find((l) => l.msg === 'bridge serving')!.healthz!;
      expect((await fetch(healthz)).status).toBe(200);
      await waitFor(() => viewer.sample('X.v')?.v === 7, 'the value');
      p.kill('SIGTERM');
      expect(await exit).toBe(0);
      expect(out).toContain('"msg":"bridge stopped"');
      await waitFor(
        () => (viewer.retained.get('health') as BridgeHealth | undefined)?.sources[0].state === 'down',
        'the final health',
      );
      expect((viewer.retained.get('health') as BridgeHealth).sources[0].lastError).toBe('bridge stopped');
    } finally {
      await viewer.close();
      await broker.close();
      await plc.close();
    }
  });
});
