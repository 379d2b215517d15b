import { afterAll, describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import { Historian } from '../../../src/historian/historian';
import { MqttBus } from '../../../src/station/bus';
import { haveMosquitto, startMosquitto } from '../../../src/station/mosquitto';
import { waitFor } from '../waitFor';
import { liveTopics } from '../../../src/protocol/live';
import { tempDir } from '../station/harness';
import { batch, s, T0 } from './contract';

// The historian fed from an external broker (Debian's mosquitto on loopback, with the station's ACL): the
// station's account subscribes, the bridge's account publishes.

const tmp = tempDir('tanktwin-hist-mqtt-');
afterAll(() => tmp.remove());
if (!haveMosquitto()) console.warn('historian mosquitto test skipped: mosquitto is not installed');

describe.skipIf(!haveMosquitto())('historian on an external broker', () => {
  it('stores the tags and events the bridge publishes', async () => {
    const broker = await startMosquitto(tmp.dir, 'site1');
    const bus = await MqttBus.connect(broker.url, { ...broker.accounts.station, protocolVersion: 5 });
    const h = await Historian.open({ url: 'sqlite', dataDir: tmp.dir, now: () => T0, prune_ms: 0 });
    const bridge = await mqtt.connectAsync(broker.url, { ...broker.accounts.bridge, protocolVersion: 5 });
    try {
      await h.attach(bus, 'site1');
      const t = liveTopics('site1', 'west');
      await bridge.publishAsync(
        t.tags,
        JSON.stringify(batch(0, [s('p1.flow', T0, 12.5), s('p1.flow', T0 + 1000, 13)])),
        {
          qos: 1,
        },
      );
      await bridge.publishAsync(t.event, JSON.stringify({ ts_ms: T0, kind: 'bridgeStart', text: 'started' }), {
        qos: 1,
      });
      await waitFor(() => h.ingest.stats.inserted === 2 && h.ingest.stats.events === 1 && h.ingest.drained, 'stored');
      const r = await h.query({ plant: 'west', tags: ['p1.flow'], from_ms: T0, to_ms: T0 + 2000, tier: 'raw' });
      expect(r.series['p1.flow'].map((p) => p.v)).toEqual([12.5, 13]);
    } finally {
      await bridge.endAsync();
      await bus.close();
      await h.close();
      await broker.stop();
    }
  }, 60_000);
});
