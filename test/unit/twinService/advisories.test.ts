import { describe, expect, it } from 'vitest';
import { advisoryListSchema, liveTopics, type AdvisoryList, type TagSample } from '../../../src/protocol/live';
import { defaultPlant } from '../../../src/sim/plant/default';
import { startTwinService } from '../../../src/twinService/start';
import { makePlant, T0_MS } from '../virtualPlant/harness';

// The whole chain of the service in process (no broker, no clock): the virtual plant's samples every 10 s of
// plant time as the bridge would publish them → the service's step values → the tank filter → the anomaly
// detection → the retained advisory list. A clean plant raises nothing; a drifting temperature transmitter is
// flagged as a fault of that sensor within the hour.

const SAMPLE_S = 10;
const FAULT_H = 8;

async function run(hours: number, drift: boolean) {
  const plant = defaultPlant();
  const vp = makePlant({ seed: 1, plant });
  const mapping = vp.mapping;
  const lists: AdvisoryList[] = [];
  const topics = liveTopics(mapping.site, mapping.plant);
  let handler: ((t: string, p: Buffer) => void) | null = null;
  const svc = await startTwinService(
    {
      publish: (topic, payload) => {
        if (topic === topics.advisories) lists.push(advisoryListSchema.parse(JSON.parse(String(payload))));
      },
      subscribe: async (_f, h) => void (handler = h),
    },
    { mapping, plant, tanks: ['TK-101'], now: () => 0 },
  );
  const per = Math.round(SAMPLE_S / vp.sim.dt_s);
  let seq = 0;
  for (let k = 1; k <= (hours * 3600) / SAMPLE_S; k++) {
    const ts = T0_MS + k * SAMPLE_S * 1000;
    vp.step(per, ts);
    if (drift && k * SAMPLE_S === FAULT_H * 3600)
      vp.injectSensorFault('TK-101.temp', { kind: 'drift', rate_per_h: 0.5 }, ts);
    const samples: TagSample[] = vp.tags.map((t) => {
      const v = vp.value(t.tag);
      return { tag: t.tag, v: v.v, q: v.status, ts_ms: ts };
    });
    handler!(topics.tags, Buffer.from(JSON.stringify({ sent_ms: ts, seq: seq++, samples })));
  }
  return { svc, lists };
}

describe('advisories from the live service', () => {
  it('a drifting transmitter is flagged within 60 plant minutes as a sensor fault; none before it', async () => {
    const { svc, lists } = await run(FAULT_H + 1.25, true);
    expect(svc.stats.failures).toBe(0);
    expect(lists.length).toBe(svc.stats.updates);
    const fault_ms = T0_MS + FAULT_H * 3_600_000;
    // nothing raised on the clean plant before the fault
    expect(lists.filter((l) => l.updated_ms! <= fault_ms).every((l) => l.active.length === 0)).toBe(true);
    const first = lists.find((l) => l.active.length > 0);
    expect(first, 'an advisory').toBeDefined();
    const a = first!.active[0];
    expect([a.kind, a.tag]).toEqual(['sensor', 'TK-101.temp']);
    expect(a.cause).toMatch(/^drift: reads high/);
    const delay_min = (first!.updated_ms! - fault_ms) / 60_000;
    expect(delay_min).toBeGreaterThan(0);
    expect(delay_min).toBeLessThanOrEqual(60);
  }, 300_000);
});
