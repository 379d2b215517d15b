import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_FILE, Historian } from '../../../src/historian/historian';
import { tempDir } from '../station/harness';
import { DAY, HOUR, series, T0 } from './contract';

// Retention set in the data folder's historian.json, applied by the historian's prune pass.

const tmp = tempDir('tanktwin-hist-retention-');
afterAll(() => tmp.remove());

const folder = (name: string, config: unknown) => {
  const d = join(tmp.dir, name);
  mkdirSync(d, { recursive: true });
  writeFileSync(join(d, CONFIG_FILE), typeof config === 'string' ? config : JSON.stringify(config));
  return d;
};

describe('historian retention', () => {
  it('takes retention from historian.json and prunes each tier by it on its clock', async () => {
    const d = folder('ok', { retention: { raw: '1d', '1m': '36h', '1h': '2d', events: '1w' } });
    const h = await Historian.open({ url: 'sqlite', dataDir: d, now: () => T0 + 3 * DAY, prune_ms: 0 });
    try {
      expect(h.retention).toEqual({ raw_ms: DAY, m1_ms: 36 * HOUR, h1_ms: 2 * DAY, events_ms: 7 * DAY });
      await h.current!.write(series('p', ['a'], T0, HOUR, 72));
      expect(await h.prune()).toEqual({ raw: 48, m1: 36, h1: 24, events: 0 });
    } finally {
      await h.close();
    }
  });

  it.each([
    [{ retention: { raw: '7 days' } }, /retention\.raw: "7 days" is not a duration/],
    [{ retention: { '5m': '1d' } }, /retention\.5m: not a tier/],
    [{ retention: { '1h': 0 } }, /retention\.1h: "0" is not a duration/],
    ['{ nope', /historian\.json: .*JSON/],
  ])('refuses %j naming the field', async (config, error) => {
    const d = folder(`bad${Math.random().toString(36).slice(2, 7)}`, config);
    await expect(Historian.open({ url: 'sqlite', dataDir: d, prune_ms: 0 })).rejects.toThrow(error);
  });
});
