import { afterAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { check } from '../../../src/historian/backup';
import { Historian, SQLITE_FILE } from '../../../src/historian/historian';
import { historianCli } from '../../../src/historian/main';
import { waitFor } from '../waitFor';
import { tempDir } from '../station/harness';
import { T0 } from './contract';
import { Feed } from './feed';

// `npm run historian -- backup FILE` while the station ingests, and `restore FILE` with the station stopped.

const tmp = tempDir('tanktwin-hist-backup-');
afterAll(() => tmp.remove());

const rawCount = async (h: Historian, plant: string, tag: string) =>
  (
    await h.current!.points({
      plant,
      tag,
      tier: 'raw',
      from_ms: T0,
      to_ms: T0 + 1e9,
      step_ms: null,
      after_ms: null,
      limit: 1e6,
    })
  ).length;

describe('historian backup and restore', () => {
  it('backs up online while ingest goes on, and restores that copy', async () => {
    const d = join(tmp.dir, 'station');
    let h: Historian | null = null;
    const feed = new Feed(() => h!.ingest, 'p', ['a', 'b', 'c', 'd']);
    h = await Historian.open({ url: 'sqlite', dataDir: d, now: feed.now, prune_ms: 0, ingest: { flush_ms: 5 } });
    feed.send(3000);
    await waitFor(() => h!.ingest.drained, 'the first batches written');

    // keep ingesting while the backup runs from its own connection, as the command does
    const out: string[] = [];
    const file = join(tmp.dir, 'copy.sqlite');
    let done = false;
    const backup = historianCli(['backup', file, '--data', d], (l) => out.push(l)).finally(() => (done = true));
    let during = 0;
    while (!done) {
      feed.send(20);
      during += 20;
      await new Promise((r) => setTimeout(r, 1));
    }
    expect(await backup).toBe(0);
    expect(out[0]).toMatch(/backed up .* \(\d+ raw samples\)/);
    expect(during).toBeGreaterThan(0);
    await waitFor(() => h!.ingest.drained, 'everything written');
    const copied = check(file).rawRows;
    expect(copied).toBeGreaterThanOrEqual(3000 * 4); // at least what was in before it started, one consistent moment
    expect(copied).toBeLessThanOrEqual(feed.sent * 4);
    expect(copied % 4).toBe(0); // whole batches: a transaction is in the copy or not

    // a second backup to the same file, and a restore while the station runs, are refused
    expect(await historianCli(['backup', file, '--data', d], (l) => out.push(l))).toBe(1);
    expect(out.at(-1)).toMatch(/exists already/);
    expect(await historianCli(['restore', file, '--data', d], (l) => out.push(l))).toBe(1);
    expect(out.at(-1)).toMatch(/in use by process \d+: stop the station first/);

    await h.close();
    expect(await historianCli(['restore', file, '--data', d], (l) => out.push(l))).toBe(0);
    expect(existsSync(join(d, `${SQLITE_FILE}-wal`))).toBe(false);
    h = await Historian.open({ url: 'sqlite', dataDir: d, now: feed.now, prune_ms: 0 });
    expect(await rawCount(h, 'p', 'a')).toBe(copied / 4);
    await h.close();
  }, 60_000);

  it('refuses to restore a file that is not a historian database, and says how to use it', async () => {
    const out: string[] = [];
    const d = join(tmp.dir, 'other');
    expect(await historianCli(['restore', join(tmp.dir, 'nothing.sqlite'), '--data', d], (l) => out.push(l))).toBe(1);
    expect(out.at(-1)).toMatch(/historian: /);
    expect(await historianCli(['backup'], (l) => out.push(l))).toBe(2);
    expect(out.at(-1)).toMatch(/expected "backup FILE" or "restore FILE"/);
    expect(await historianCli(['backup', 'x.sqlite', '--nope'], (l) => out.push(l))).toBe(2);
    expect(out.at(-1)).toMatch(/unknown option --nope/);
  });
});
