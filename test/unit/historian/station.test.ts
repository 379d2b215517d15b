import { afterAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Bus } from '../../../src/station/bus';
import type { Station } from '../../../src/station/station';
import { waitFor } from '../waitFor';
import { liveTopics } from '../../../src/protocol/live';
import { SQLITE_FILE } from '../../../src/historian/historian';
import { startStation, tempDir } from '../station/harness';
import { T0 } from './contract';

// The station stores what its embedded broker carries on the live topics, and answers /api/history.

const tmp = tempDir('tanktwin-hist-station-');
afterAll(() => tmp.remove());

const NOW = T0 + 60_000; // data times; every query names its range and tier, so the station's clock plays no part

describe('historian in the station', () => {
  it('stores live tags and events from its broker, answers /api/history, and keeps them across a restart', async () => {
    let st: Station = await startStation(tmp.dir);
    try {
      expect(existsSync(join(tmp.dir, SQLITE_FILE))).toBe(true);
      const topics = liveTopics(st.site, 'plant1');
      const bus = (st as unknown as { bus: Bus }).bus; // as the in-process bridge publishes
      const samples = [0, 1, 2].map((k) => ({
        tag: 'tank1.level',
        v: 10 + k,
        q: 'good',
        ts_ms: NOW - 3000 + k * 1000,
      }));
      bus.publish(topics.tags, JSON.stringify({ sent_ms: NOW, seq: 0, samples }));
      bus.publish(topics.event, JSON.stringify({ ts_ms: NOW - 500, kind: 'sourceUp', source: 'opcua', text: 'up' }));
      bus.publish(topics.tags, 'garbage');
      const h = st.historian!;
      await waitFor(() => h.ingest.stats.inserted === 3 && h.ingest.stats.events === 1 && h.ingest.drained, 'stored');
      expect(h.ingest.stats.rejected).toBe(1);

      const q = `plant=plant1&tags=tank1.level&from=${NOW - 10_000}&to=${NOW}&tier=raw`;
      const r = await fetch(`${st.url}/api/history?${q}`);
      expect(r.status).toBe(200);
      expect((await r.json()).series['tank1.level'].v).toEqual([10, 11, 12]);
      const bad = await fetch(`${st.url}/api/history?${q.replace('tier=raw', 'tier=2m')}`);
      expect(bad.status).toBe(400);
      expect((await bad.json()).error).toMatch(/^tier:/);
      expect((await fetch(`${st.url}/api/historyx`)).status).toBe(404); // the station's API answers the rest

      await st.close();
      st = await startStation(tmp.dir);
      const again = await fetch(`${st.url}/api/history.csv?${q}`);
      expect((await again.text()).trim().split('\n')).toHaveLength(4);
    } finally {
      await st.close();
    }
  }, 60_000);
});
