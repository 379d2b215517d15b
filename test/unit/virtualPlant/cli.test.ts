import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultPlant } from '../../../src/sim/plant/default';
import { hiddenFromSeed } from '../../../src/virtualPlant/hidden';
import { virtualPlantMapping } from './harness';
import { waitFor } from '../waitFor';

// npm run virtual-plant: bad flags and files are refused naming the flag or the field; --reveal writes the
// hidden parameters of the seed; SIGTERM stops it cleanly.

const dir = mkdtempSync(path.join(os.tmpdir(), 'tanktwin-vp-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const run = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/virtualPlant/main.ts', ...args], { encoding: 'utf8' });

describe('virtual-plant command line', () => {
  it('names the flag or the field that is wrong', () => {
    const seed = run('--seed', 'x');
    expect(seed.status).toBe(2);
    expect(seed.stderr).toContain('--seed must be an integer');
    expect(run('--speed', '0').stderr).toContain('--speed');
    expect(run('--bogus').stderr).toContain('unknown option --bogus');
    const file = path.join(dir, 'hidden.json');
    writeFileSync(file, JSON.stringify({ tanks: { 'TK-101': { fouling_m2K_W: 'lots' } } }));
    const hidden = run('--hidden', file);
    expect(hidden.status).toBe(2);
    expect(hidden.stderr).toContain('tanks.TK-101.fouling_m2K_W');
  });

  it('reveals the seed’s hidden parameters on request and stops cleanly on SIGTERM', async () => {
    const reveal = path.join(dir, 'reveal.json');
    const p = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/virtualPlant/main.ts', '--seed', '7', '--reveal', reveal, '--no-opcua', '--no-modbus'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    p.stdout.on('data', (b: Buffer) => (out += b.toString()));
    const exit = new Promise<number | null>((r) => p.on('exit', (code) => r(code)));
    await waitFor(() => out.includes('virtual plant running'), 'the start line');
    expect(JSON.parse(readFileSync(reveal, 'utf8'))).toEqual(hiddenFromSeed(7, defaultPlant(), virtualPlantMapping()));
    // what it logs never carries the hidden parameters
    expect(out).not.toContain('fouling');
    p.kill('SIGTERM');
    expect(await exit).toBe(0);
  });
});
