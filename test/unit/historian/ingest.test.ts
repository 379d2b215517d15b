import { afterAll, describe, expect, it } from 'vitest';
import { appendFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Historian, SPOOL_FILE, SQLITE_FILE } from '../../../src/historian/historian';
import { HistorianIngest } from '../../../src/historian/ingest';
import { Spool } from '../../../src/historian/spool';
import { SqliteStore } from '../../../src/historian/sqlite';
import { waitFor } from '../waitFor';
import { tempDir } from '../station/harness';
import { batch, s, T0 } from './contract';
import { Feed } from './feed';

// Store and forward on the embedded back-end: the store closed and reopened in the middle of a stream, a
// station that stops with values still spooled and starts again, a torn spool line, malformed messages.

const tmp = tempDir('tanktwin-hist-ingest-');
afterAll(() => tmp.remove());
let n = 0;
const dir = () => join(tmp.dir, `d${n++}`);
const FAST = { flush_ms: 10, retry_ms: [20, 100] as [number, number] };

describe('historian ingest, store and forward', () => {
  it('spools while the store is closed, reports the lag on its clock, and replays in order when it is reopened', async () => {
    const d = dir();
    const file = join(tmp.dir, `closed-${n}.sqlite`);
    let ingest: HistorianIngest | null = null;
    const feed = new Feed(() => ingest!, 'p1', ['a.level', 'b.temp']);
    mkdirSync(d, { recursive: true });
    let store = SqliteStore.open(file);
    const states: boolean[] = [];
    ingest = new HistorianIngest(store, new Spool(join(d, 'spool.jsonl')), {
      now: feed.now,
      ...FAST,
      onState: (ok) => states.push(ok),
    });
    feed.send(20);
    await waitFor(() => ingest!.drained, 'the first batches written');
    expect(ingest.lag_s()).toBe(0);

    await store.close(); // as a disk gone read-only would: every write now fails
    const oldest = feed.t_ms;
    feed.send(30);
    await waitFor(() => ingest!.error !== null && ingest!.stats.spooled >= 30, 'the batches spooled');
    expect(states).toEqual([false]);
    expect(ingest.lag_s()).toBe((feed.t_ms - oldest) / 1000); // 30 s of the feed's clock
    expect(statSync(join(d, 'spool.jsonl')).size).toBeGreaterThan(0);

    store = SqliteStore.open(file);
    ingest.setStore(store);
    feed.send(5);
    await waitFor(() => ingest!.drained && ingest!.error === null, 'the spool replayed');
    expect(states).toEqual([false, true]);
    expect(ingest.lag_s()).toBe(0);
    expect(statSync(join(d, 'spool.jsonl')).size).toBe(0);
    expect(ingest.stats.inserted).toBe(feed.sent * 2);
    expect(ingest.stats.duplicates).toBe(0);
    await feed.expectAllStored(store);
    await ingest.close();
    await store.close();
  });

  it('keeps what it could not write across a station restart and writes it on the next start', async () => {
    const d = dir();
    let h: Historian | null = null;
    const feed = new Feed(() => h!.ingest, 'p2', ['x.flow']);
    const open = () =>
      Historian.open({ url: 'sqlite', dataDir: d, now: feed.now, prune_ms: 0, log: () => {}, ingest: FAST });
    h = await open();
    feed.send(10);
    await waitFor(() => h!.ingest.drained, 'the first batches written');
    await h.current!.close(); // the store fails...
    feed.send(15);
    await waitFor(() => h!.ingest.error !== null, 'the failure seen');
    feed.send(5); // ...and these are still in memory when the station stops
    await h.close();
    const spooled = readFileSync(join(d, SPOOL_FILE), 'utf8').trim().split('\n');
    expect(spooled).toHaveLength(20);
    expect(h.lag_s()).toBe(20); // nothing written since the failure, 20 s of the feed's clock ago

    h = await open(); // the next start: the spool goes in before anything new
    feed.send(3);
    await waitFor(() => h!.ingest.drained, 'the spool replayed after the restart');
    expect(h.ingest.stats.replayed).toBe(20);
    await feed.expectAllStored(h.current!);
    await h.close();
    expect(readFileSync(join(d, SPOOL_FILE), 'utf8')).toBe('');
    expect(statSync(join(d, SQLITE_FILE)).size).toBeGreaterThan(0);
  });

  it('replays a spool whose last line was torn by a crash, skipping only that line', async () => {
    const d = dir();
    mkdirSync(d, { recursive: true });
    const file = join(d, 'spool.jsonl');
    const line = (k: number) =>
      JSON.stringify({ rx_ms: T0 + k, entry: { plant: 'p', batch: batch(k, [s('t', T0 + k * 1000, k)]) } }) + '\n';
    writeFileSync(file, line(0) + line(1));
    appendFileSync(file, line(2).slice(0, 25)); // the crash
    const spool = new Spool(file);
    expect(spool.oldest_ms).toBe(T0);
    spool.append([{ rx_ms: T0 + 3, entry: { plant: 'p', batch: batch(3, [s('t', T0 + 3000, 3)]) } }]);
    const store = SqliteStore.open(join(d, 'h.sqlite'));
    const ingest = new HistorianIngest(store, spool, FAST); // replays on its own at start
    await waitFor(() => ingest.drained, 'the spool replayed');
    expect(spool.corrupt).toBe(1);
    const pts = await store.points({
      plant: 'p',
      tag: 't',
      tier: 'raw',
      from_ms: T0,
      to_ms: T0 + 10_000,
      step_ms: null,
      after_ms: null,
      limit: 10,
    });
    expect(pts.map((p) => p.v)).toEqual([0, 1, 3]);
    await ingest.close();
    await store.close();
  });

  it('takes tags and events from broker messages and counts the malformed ones without stopping', async () => {
    const d = dir();
    const h = await Historian.open({ url: 'sqlite', dataDir: d, now: () => T0, prune_ms: 0, ingest: FAST });
    const good = batch(0, [s('tk.level', T0, 1.5), s('tk.temp', T0, null, 'bad', 'open circuit')]);
    const msg = (topic: string, body: unknown) =>
      h.ingest.onMessage(
        `tanktwin/site/live/${topic}`,
        Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
      );
    msg('east/tags', good);
    msg('east/event', { ts_ms: T0, kind: 'sourceUp', source: 'plc', text: 'connected' });
    msg('east/tags', 'not json');
    msg('east/tags', { ...good, samples: [{ tag: 'x', v: 'high', q: 'good', ts_ms: T0 }] });
    msg('east/event', { ts_ms: T0, kind: 'explosion', text: 'no such kind' });
    msg('east/health', {});
    await waitFor(() => h.ingest.drained && h.ingest.stats.inserted === 2, 'the good messages written');
    expect(h.ingest.stats.rejected).toBe(4);
    const r = await h.query({
      plant: 'east',
      tags: ['tk.level', 'tk.temp'],
      from_ms: T0,
      to_ms: T0 + 1000,
      tier: 'auto',
    });
    expect(r.series['tk.temp']).toEqual([
      { ts_ms: T0, v: null, min: null, max: null, q: 'bad', n: 1, reason: 'open circuit' },
    ]);
    expect(await h.current!.events('east', T0, T0 + 1, 10)).toEqual([
      { plant: 'east', ts_ms: T0, kind: 'sourceUp', source: 'plc', text: 'connected' },
    ]);
    await h.close();
  });
});
